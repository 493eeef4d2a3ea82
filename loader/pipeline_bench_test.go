package loader_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// BenchmarkLoadPathsGenerated loads generated minutes from a directory
// into a new embedded store, as 'sundhedsgraf load DIR' does: with
// LoadPaths, which reads and parses ahead on GOMAXPROCS workers while
// resolution and the write stay serial ("pipelined"), and, to compare in
// the same run, file by file with LoadBytes ("serial", the loader before
// the pipeline). Besides docs/min (wall) and facts/s it reports
// docs/CPU-min, the process's CPU time per document, and the peak heap.
//
//	go test ./loader -run '^$' -bench LoadPathsGenerated -benchtime 1x -count 3
func BenchmarkLoadPathsGenerated(b *testing.B) {
	for _, c := range []struct {
		n    int
		sync bool
	}{{250, true}, {250, false}, {0, true}} {
		docs := generated(b, 1, c.n)
		dir := b.TempDir()
		var paths []string
		for _, d := range docs {
			p := filepath.Join(dir, d.name)
			if err := os.WriteFile(p, d.data, 0o644); err != nil {
				b.Fatal(err)
			}
			paths = append(paths, p)
		}
		for _, mode := range []string{"serial", "pipelined"} {
			b.Run(fmt.Sprintf("docs=%d/fsync=%t/%s", len(docs), c.sync, mode), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					s, err := embedded.OpenWith(b.TempDir(), embedded.Options{NoSync: !c.sync, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
					if err != nil {
						b.Fatal(err)
					}
					ctx := context.Background()
					var peak uint64
					var ms runtime.MemStats
					done, facts := 0, 0
					count := func(file string, res graph.WriteResult, err error) {
						if err != nil {
							b.Fatalf("%s: %v", file, err)
						}
						facts += res.Facts
						if done%100 == 0 {
							runtime.ReadMemStats(&ms)
							peak = max(peak, ms.HeapAlloc)
						}
						done++
					}
					l := loader.New(s, loader.Options{OnDocument: count})
					if _, err := l.LoadReference(ctx); err != nil {
						b.Fatal(err)
					}
					runtime.GC()
					b.StartTimer()
					start, cpu0 := time.Now(), cpuTime()
					if mode == "pipelined" {
						if _, err := l.LoadPaths(ctx, []string{dir}, nil); err != nil {
							b.Fatal(err)
						}
					} else {
						for _, p := range paths {
							data, err := os.ReadFile(p)
							if err != nil {
								b.Fatal(err)
							}
							res, err := l.LoadBytes(ctx, filepath.Base(p), data)
							count(p, res, err)
						}
					}
					el, cpu := time.Since(start), cpuTime()-cpu0
					b.StopTimer()
					if done != len(docs) {
						b.Fatalf("%d of %d documents loaded", done, len(docs))
					}
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
					b.ReportMetric(float64(len(docs))/el.Minutes(), "docs/min")
					b.ReportMetric(float64(len(docs))/cpu.Minutes(), "docs/CPU-min")
					b.ReportMetric(float64(facts)/el.Seconds(), "facts/s")
					b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
					_ = s.Close(ctx)
					b.StartTimer()
				}
			})
		}
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
