package embedded_test

import (
	"bufio"
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// Flags of BenchmarkHeapGenerated.
var (
	heapDocs    = flag.Int("heap.docs", 200, "BenchmarkHeapGenerated: generated documents to load (0 = the whole corpus of -heap.scale)")
	heapScale   = flag.Int("heap.scale", 1, "BenchmarkHeapGenerated: scale of the generated corpus")
	heapDir     = flag.String("heap.dir", "", "BenchmarkHeapGenerated: open this existing store instead of loading one (it is not changed)")
	heapProfile = flag.String("heap.profile", "", "BenchmarkHeapGenerated: write a heap profile of the reopened store to this file")
)

// BenchmarkHeapGenerated loads the reference and the first -heap.docs
// documents of the generated corpus (seed 1, -heap.scale) through the
// loader into a store, closes it, and measures reopening it as a restarted
// server does: the heap in use after runtime.GC (MiB-heap, and per merged
// fact and per contribution), the number of heap objects (heap-objects),
// the CPU time of a full collection of that heap (gc-cpu-ms), and the process's RSS after the GC (MiB-rss)
// and after debug.FreeOSMemory (MiB-rss-freed); the RSS figures are
// meaningful with -heap.dir, where nothing but the store was ever loaded in
// the process. Nothing is asserted. For the 1× corpus:
//
//	go test ./graph/embedded/ -run '^$' -bench HeapGenerated -benchtime 1x -heap.docs 0
func BenchmarkHeapGenerated(b *testing.B) {
	ctx := context.Background()
	dir := *heapDir
	if dir == "" {
		dir = b.TempDir()
		loadGenerated(b, dir, *heapDocs, *heapScale)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var heap, inuse, objects uint64
	var facts, docs int
	var s *embedded.Store
	for b.Loop() {
		if s != nil {
			_ = s.Close(ctx)
			s = nil
		}
		var err error
		if s, err = embedded.OpenWith(dir, embedded.Options{NoSync: true, Logger: quiet}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap, inuse, objects = ms.HeapAlloc, ms.HeapInuse, ms.HeapObjects
		b.StartTimer()
	}
	b.StopTimer()
	if *heapProfile != "" {
		f, err := os.Create(*heapProfile)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
	}
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range st.Facts {
		facts += n
	}
	docs = st.Documents
	rss := vmRSS()
	debug.FreeOSMemory()
	rssMin := vmRSS()
	// The collector's cost of the store: the CPU time of a full
	// collection with nothing but the store live (median of 5).
	var gcCPU []float64
	for range 5 {
		var before, after [1]metrics.Sample
		before[0].Name, after[0].Name = "/cpu/classes/gc/total:cpu-seconds", "/cpu/classes/gc/total:cpu-seconds"
		metrics.Read(before[:])
		runtime.GC()
		metrics.Read(after[:])
		gcCPU = append(gcCPU, after[0].Value.Float64()-before[0].Value.Float64())
	}
	slices.Sort(gcCPU)
	runtime.KeepAlive(s)
	_ = s.Close(ctx)
	b.ReportMetric(float64(heap)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(objects), "heap-objects")
	b.ReportMetric(gcCPU[len(gcCPU)/2]*1000, "gc-cpu-ms")
	b.ReportMetric(float64(inuse)/(1<<20), "MiB-heap-inuse")
	b.ReportMetric(float64(rss)/(1<<20), "MiB-rss")
	b.ReportMetric(float64(rssMin)/(1<<20), "MiB-rss-freed")
	b.ReportMetric(float64(heap)/float64(max(1, facts)), "bytes/fact")
	b.ReportMetric(float64(heap)/float64(max(1, st.Contributions)), "bytes/contribution")
	b.ReportMetric(float64(facts), "facts")
	b.ReportMetric(float64(docs), "docs")
}

// loadGenerated loads the reference and n generated documents (all if n is
// 0) into a new store in dir, without fsync, and closes it.
func loadGenerated(b *testing.B, dir string, n, scale int) {
	b.Helper()
	ctx := context.Background()
	c, err := gen.Generate(gen.Options{Seed: 1, Scale: scale})
	if err != nil {
		b.Fatal(err)
	}
	if n <= 0 || n > c.Len() {
		n = c.Len()
	}
	s, err := embedded.OpenWith(dir, embedded.Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	l := loader.New(s, loader.Options{})
	if _, err := l.LoadReference(ctx); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		d := c.Document(i)
		if _, err := l.LoadBytes(ctx, d.Name+".txt", []byte(d.Text)); err != nil {
			b.Logf("%s: %v", d.Name, err)
		}
	}
	// A restarted server reads a snapshot, not a long log.
	if err := s.Compact(ctx); err != nil {
		b.Fatal(err)
	}
}

// vmRSS returns the process's resident set size from /proc/self/status, or
// 0 where there is none.
func vmRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
