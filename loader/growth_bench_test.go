package loader_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// BenchmarkLoadLate measures the CPU per document of loading documents
// into a store that already holds many: it opens a copy of a store of the
// first BASE documents of a generated corpus on disk, loads one document
// untimed (the Loader builds its people cache on the first one), then
// loads the next 300 with LoadPaths and reports cpu-ms/doc (the process's
// CPU time, parsing workers included) and the people in the store before
// them. The corpus is the directory
// SUNDHEDSGRAF_GROWTH_CORPUS (default: the bench tool's cache of the
// seed-1 10× corpus, /tmp/sundhedsgraf-bench/corpus-seed1-x10); the
// benchmark skips without it. The base store is built once, NoSync, into
// /tmp/sundhedsgraf-growth-store-CORPUS-BASE, CORPUS the corpus
// directory's name (slow: minutes for BASE=5000, a quarter of an hour for
// BASE=20000); delete it when a change alters what the store holds.
// SUNDHEDSGRAF_GROWTH_BASE sets BASE (default 5000; 0 compares with a
// store holding only the reference), SUNDHEDSGRAF_GROWTH_PROF names a file
// to write a CPU profile of the timed loads to, SUNDHEDSGRAF_GROWTH_MEMPROF
// one to write allocation profiles before (.before) and after (.after)
// them to (go tool pprof -sample_index alloc_space -diff_base F.before
// F.after).
//
//	SUNDHEDSGRAF_GROWTH_BASE=5000 go test ./loader -run '^$' -bench LoadLate -benchtime 1x -count 3
func BenchmarkLoadLate(b *testing.B) {
	corpus := cmpEnv("SUNDHEDSGRAF_GROWTH_CORPUS", "/tmp/sundhedsgraf-bench/corpus-seed1-x10")
	files, _ := filepath.Glob(filepath.Join(corpus, "minutes", "*.txt"))
	slices.Sort(files)
	if len(files) == 0 {
		b.Skipf("no corpus in %s", corpus)
	}
	base, err := strconv.Atoi(cmpEnv("SUNDHEDSGRAF_GROWTH_BASE", "5000"))
	if err != nil || base < 0 || base+301 > len(files) {
		b.Fatalf("bad SUNDHEDSGRAF_GROWTH_BASE for %d files", len(files))
	}
	const batch = 300
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	cache := filepath.Join(os.TempDir(), "sundhedsgraf-growth-store-"+filepath.Base(corpus)+"-"+strconv.Itoa(base))
	if _, err := os.Stat(filepath.Join(cache, "DONE")); err != nil {
		_ = os.RemoveAll(cache)
		s, err := embedded.OpenWith(cache, embedded.Options{NoSync: true, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		l := loader.New(s, loader.Options{Logger: quiet})
		if _, err := l.LoadReference(ctx); err != nil {
			b.Fatal(err)
		}
		if base > 0 {
			if _, err := l.LoadPaths(ctx, files[:base], nil); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Compact(ctx); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(ctx); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cache, "DONE"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var cpu time.Duration
	people := 0
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		ents, err := os.ReadDir(cache)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range ents {
			if e.Name() == "LOCK" || e.Name() == "DONE" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(cache, e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		s, err := embedded.OpenWith(dir, embedded.Options{NoSync: true, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		l := loader.New(s, loader.Options{Logger: quiet})
		if _, err := l.LoadPaths(ctx, files[base:base+1], nil); err != nil {
			b.Fatal(err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		people = st.Facts[graph.KindPerson]
		runtime.GC()
		var prof *os.File
		if p := os.Getenv("SUNDHEDSGRAF_GROWTH_PROF"); p != "" {
			if prof, err = os.Create(p); err != nil {
				b.Fatal(err)
			}
			if err := pprof.StartCPUProfile(prof); err != nil {
				b.Fatal(err)
			}
		}
		writeHeap := func(suffix string) {
			if p := os.Getenv("SUNDHEDSGRAF_GROWTH_MEMPROF"); p != "" {
				f, err := os.Create(p + suffix)
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
					b.Fatal(err)
				}
			}
		}
		writeHeap(".before")
		b.StartTimer()
		cpu0 := cpuTime()
		if _, err := l.LoadPaths(ctx, files[base+1:base+1+batch], nil); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
		b.StopTimer()
		writeHeap(".after")
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
		}
		if err := s.Close(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N*batch), "cpu-ms/doc")
	b.ReportMetric(float64(people), "people")
}

func cmpEnv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
