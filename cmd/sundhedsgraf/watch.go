package main

// serve --watch DIR: a watched folder. Portable polling, no file-system
// notifications: every --watch-interval the folder is listed (recursively),
// and a file is loaded once its size and modification time are the same on
// two polls in a row, so a file still being copied in waits until it is
// complete. Loading goes through the loader, which skips a document whose
// content hash is already in the store, so touching a file costs a hash and
// nothing more. A file that fails is logged with its name and line and
// tried again only when it changes; the watcher never stops on a bad file.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/ingest"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// watchConfig holds the --watch flags of serve.
type watchConfig struct {
	dir      string
	interval time.Duration
}

// watchFlags registers --watch and --watch-interval on fs.
func (m *Main) watchFlags(fs *flag.FlagSet) *watchConfig {
	w := &watchConfig{}
	fs.Func("watch", "load new and changed documents that appear in `DIR` (and its subfolders) while serving", func(s string) error {
		st, err := os.Stat(s)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			return fmt.Errorf("%s is not a directory", s)
		}
		w.dir = s
		return nil
	})
	fs.DurationVar(&w.interval, "watch-interval", 2*time.Second, "how often the --watch folder is polled; a file loads once it is unchanged over two polls")
	return w
}

// start starts watching in the background if --watch was given, and returns
// a function that stops the watcher and waits for a load in progress to
// end. Call the stop function before closing the store.
func (w *watchConfig) start(ctx context.Context, store graph.Store, logger *slog.Logger) (stop func()) {
	if w == nil || w.dir == "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	wt := newWatcher(w.dir, store, logger)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		wt.run(ctx, max(w.interval, 10*time.Millisecond))
	}()
	logger.Info("watching a folder for documents", "dir", w.dir, "interval", w.interval.String())
	return func() {
		cancel()
		wg.Wait()
	}
}

// watcher polls one folder. Its poll method does one round; run repeats it.
type watcher struct {
	dir    string
	loader *loader.Loader
	logger *slog.Logger
	files  map[string]*watchedFile
	// listErr is the last listing error logged, so that a folder that stays
	// unreadable is logged once, not on every poll.
	listErr string
}

// watchedFile is what the last poll saw of a file, and whether that version
// has been handed to the loader.
type watchedFile struct {
	size    int64
	modTime time.Time
	done    bool
}

func newWatcher(dir string, store graph.Store, logger *slog.Logger) *watcher {
	// The loader's own per-document lines would repeat the watcher's.
	ld := loader.New(store, loader.Options{Logger: slog.New(slog.DiscardHandler)})
	return &watcher{dir: dir, loader: ld, logger: logger.With("watch", dir), files: map[string]*watchedFile{}}
}

func (w *watcher) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		w.poll(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// poll lists the folder once and loads every file that has not changed
// since the previous poll and has not been loaded in this version.
func (w *watcher) poll(ctx context.Context) {
	seen, err := w.list()
	if err != nil {
		if msg := err.Error(); msg != w.listErr {
			w.logger.Warn("cannot list the watched folder", "err", err)
			w.listErr = msg
		}
	} else {
		w.listErr = ""
	}
	var ready []string
	for path, st := range seen {
		f, ok := w.files[path]
		switch {
		case !ok:
			w.files[path] = &watchedFile{size: st.Size(), modTime: st.ModTime()}
		case f.size != st.Size() || !f.modTime.Equal(st.ModTime()):
			// Still being written, or changed since it was loaded: wait
			// for a poll that sees it unchanged.
			*f = watchedFile{size: st.Size(), modTime: st.ModTime()}
		case !f.done:
			ready = append(ready, path)
		}
	}
	if err == nil {
		for path := range w.files {
			if _, ok := seen[path]; !ok {
				delete(w.files, path)
			}
		}
	}
	sort.Strings(ready)
	for _, path := range ready {
		if ctx.Err() != nil {
			return
		}
		w.load(ctx, path)
		w.files[path].done = true
	}
}

// list returns the regular files under the folder that may be documents:
// hidden files and the usual partial-download and editor files are left
// out. The loader tells documents from other files by their content.
func (w *watcher) list() (map[string]fs.FileInfo, error) {
	files := map[string]fs.FileInfo{}
	var errs []error
	err := filepath.WalkDir(w.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			if d != nil && d.IsDir() && path != w.dir {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != w.dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || partial(name) {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) { // gone since it was listed
				errs = append(errs, err)
			}
			return nil
		}
		files[path] = st
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return files, errors.Join(errs...)
}

// partial reports names of files that are still being written by some
// program and will be renamed when done.
func partial(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range []string{"~", ".tmp", ".part", ".partial", ".crdownload", ".download", ".swp"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return strings.HasPrefix(name, "~$") // Office lock files
}

// load loads one file and logs the outcome; a failure names the file and,
// when the parser knows it, the line (of the extracted text, with the page
// or paragraph of a PDF, HTML or DOCX in the message), or the format and
// why its text could not be extracted.
func (w *watcher) load(ctx context.Context, path string) {
	defer func() {
		// A file that trips a bug in the loader is logged, not fatal: the
		// server and the other files go on.
		if p := recover(); p != nil {
			w.logger.Error("watched document failed to load", "file", path, "err", fmt.Sprintf("panic: %v", p))
		}
	}()
	start := time.Now()
	sum, err := w.loader.LoadPaths(ctx, []string{path}, nil)
	if ctx.Err() != nil {
		return
	}
	switch {
	case sum.Failed > 0 || err != nil:
		attrs := []any{"file", path}
		cause := err
		if len(sum.Failures) > 0 {
			cause = sum.Failures[0].Err
		}
		var me *minutes.Error
		var ie *ingest.Error
		switch {
		case errors.As(cause, &me):
			if me.Line > 0 {
				attrs = append(attrs, "line", me.Line)
			}
			attrs = append(attrs, "kind", string(me.Kind))
		case errors.As(cause, &ie):
			attrs = append(attrs, "format", string(ie.Format), "kind", string(ie.Kind))
		}
		attrs = append(attrs, "err", cause)
		w.logger.Error("watched document failed to load", attrs...)
	case sum.Unchanged > 0:
		w.logger.Info("watched document unchanged", "file", path)
	default:
		w.logger.Info("watched document loaded", "file", path, "facts", sum.Facts, "duration", time.Since(start).Round(time.Millisecond).String())
	}
}
