package loader

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
)

// prepareAhead reads and prepares files (prepareFile) on GOMAXPROCS
// workers, ahead of the caller, which takes the results in file order: the
// i-th call of next returns files[i]'s, waiting for it if need be. At most
// twice as many documents as there are workers are read ahead of the one
// the caller last took, so memory stays bounded whatever the number of
// files. next returns ctx's error once ctx is done, and must not be called
// more than len(files) times. stop ends the workers and waits for them to
// return; call it once, when done with next.
//
// Only the pure stages run here: resolution and writing read what every
// earlier document wrote, so the caller commits one document at a time,
// in order.
func (l *Loader) prepareAhead(ctx context.Context, files []string) (next func() (*prepared, error), stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	type result struct {
		p   *prepared
		err error
	}
	type job struct {
		path string
		out  chan result // buffered: a worker never waits for the caller
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)))
	ahead := make(chan job, 2*workers) // in file order, to next; its capacity is the window
	work := make(chan job)             // to the workers, in the same order
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(work)
		for _, path := range files {
			j := job{path: path, out: make(chan result, 1)}
			select {
			case ahead <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for j := range work {
				p, err := l.prepareFile(ctx, j.path)
				j.out <- result{p, err}
			}
		})
	}
	next = func() (*prepared, error) {
		var j job
		select {
		case j = <-ahead:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		select {
		case r := <-j.out:
			return r.p, r.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	stop = func() {
		cancel()
		wg.Wait()
	}
	return next, stop
}

// prepareFile reads a file and prepares it (prepare), named by its base
// name.
func (l *Loader) prepareFile(ctx context.Context, path string) (*prepared, error) {
	data, err := readLimited(path, l.opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	return l.prepare(ctx, filepath.Base(path), data)
}
