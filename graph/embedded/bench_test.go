package embedded

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func benchOpen(b *testing.B, sync bool) *Store {
	b.Helper()
	s, err := OpenWith(b.TempDir(), Options{NoSync: !sync, Logger: quietLogger()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func loadGen(b *testing.B, s *Store, from, to int) (facts int) {
	b.Helper()
	ctx := context.Background()
	if _, err := s.ReplaceDocument(ctx, genRef()); err != nil {
		b.Fatal(err)
	}
	for i := from; i < to; i++ {
		r, err := s.ReplaceDocument(ctx, genDoc(i, 1))
		if err != nil {
			b.Fatal(err)
		}
		facts += r.Facts
	}
	return facts
}

// BenchmarkLoad1000 loads the reference and 1,000 generated documents of
// about 100 facts each into a new store, with fsync, one document per write
// and in batches of 50 (ReplaceDocuments), and reports documents per minute
// and the peak heap.
func BenchmarkLoad1000(b *testing.B) {
	ctx := context.Background()
	for _, batch := range []int{1, 50} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := benchOpen(b, true)
				docs := make([]*graph.DocumentFacts, 1000)
				for i := range docs {
					docs[i] = genDoc(i, 1)
				}
				runtime.GC()
				var peak uint64
				var ms runtime.MemStats
				b.StartTimer()
				start := time.Now()
				if _, err := s.ReplaceDocument(ctx, genRef()); err != nil {
					b.Fatal(err)
				}
				facts := 0
				for i, chunk := range slices.Collect(slices.Chunk(docs, batch)) {
					rs, err := s.ReplaceDocuments(ctx, chunk)
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range rs {
						facts += r.Facts
					}
					if (i*batch)%50 == 0 {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
					}
				}
				el := time.Since(start)
				b.StopTimer()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
				b.ReportMetric(float64(len(docs))/el.Minutes(), "docs/min")
				b.ReportMetric(float64(facts)/el.Seconds(), "facts/s")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				_ = s.Close(ctx)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkOpen1000 reopens a store holding 1,000 generated documents (log
// replay, no snapshot).
func BenchmarkOpen1000(b *testing.B) {
	dir := b.TempDir()
	s, err := OpenWith(dir, Options{NoSync: true, Logger: quietLogger()})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ReplaceDocument(context.Background(), genRef()); err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		if _, err := s.ReplaceDocument(context.Background(), genDoc(i, 1)); err != nil {
			b.Fatal(err)
		}
	}
	_ = s.Close(context.Background())
	defer reportCPU(b)()
	for b.Loop() {
		s, err := OpenWith(dir, Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close(context.Background())
	}
}

// BenchmarkReplaceDocument replaces documents in a store that holds 200,
// with and without fsync, and reports facts written per second.
func BenchmarkReplaceDocument(b *testing.B) {
	ctx := context.Background()
	for _, sync := range []bool{true, false} {
		b.Run(fmt.Sprintf("fsync=%v", sync), func(b *testing.B) {
			s := benchOpen(b, sync)
			loadGen(b, s, 0, 200)
			facts, i := 0, 0
			defer reportCPU(b)()
			for b.Loop() {
				r, err := s.ReplaceDocument(ctx, genDoc(i%200, 1+(i/200+1)%2))
				if err != nil {
					b.Fatal(err)
				}
				facts += r.Facts
				i++
			}
			b.ReportMetric(float64(facts)/b.Elapsed().Seconds(), "facts/s")
		})
	}
}

var (
	readStoreOnce sync.Once
	readStore     *Store
	readStoreDir  string
	readStoreErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if readStore != nil {
		_ = readStore.Close(context.Background())
	}
	if readStoreDir != "" {
		_ = os.RemoveAll(readStoreDir)
	}
	os.Exit(code)
}

// benchReadStore returns a store with the reference and 1,000 generated
// documents, shared by the read benchmarks.
func benchReadStore(b *testing.B) *Store {
	readStoreOnce.Do(func() {
		readStoreDir, readStoreErr = os.MkdirTemp("", "embedded-bench-")
		if readStoreErr != nil {
			return
		}
		readStore, readStoreErr = OpenWith(readStoreDir, Options{NoSync: true, Logger: quietLogger()})
		if readStoreErr != nil {
			return
		}
		ctx := context.Background()
		if _, readStoreErr = readStore.ReplaceDocument(ctx, genRef()); readStoreErr != nil {
			return
		}
		for i := range 1000 {
			if _, readStoreErr = readStore.ReplaceDocument(ctx, genDoc(i, 1)); readStoreErr != nil {
				return
			}
		}
	})
	if readStoreErr != nil {
		b.Fatal(readStoreErr)
	}
	return readStore
}

func BenchmarkGet(b *testing.B) {
	s := benchReadStore(b)
	ctx := context.Background()
	ids := genFactIDs(genDoc(500, 1)) // ~100 IDs of every kind
	defer reportCPU(b)()
	for b.Loop() {
		got, err := s.Get(ctx, ids)
		if err != nil || len(got) != len(ids) {
			b.Fatalf("Get: %d, %v", len(got), err)
		}
	}
	b.ReportMetric(float64(len(ids)*b.N)/b.Elapsed().Seconds(), "facts/s")
}

func BenchmarkList(b *testing.B) {
	s := benchReadStore(b)
	ctx := context.Background()
	min := int64(500000)
	cases := []struct {
		name string
		kind graph.Kind
		f    graph.Filter
	}{
		{"AgendaItem/all", graph.KindAgendaItem, graph.Filter{}},
		{"Meeting/cluster+dates", graph.KindMeeting, graph.Filter{ClusterID: "cluster:g3", DateFrom: "2024-03-01", DateTo: "2024-09-30"}},
		{"Initiative/amount", graph.KindInitiative, graph.Filter{AmountMin: &min}},
		{"Person/name", graph.KindPerson, graph.Filter{NameContains: "mellem aeroe 3"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			defer reportCPU(b)()
			for b.Loop() {
				// Three pages of 50 through the cursor.
				p := graph.Page{First: 50}
				for range 3 {
					r, err := s.List(ctx, c.kind, c.f, p)
					if err != nil {
						b.Fatal(err)
					}
					n += len(r.IDs)
					if !r.HasNext {
						break
					}
					p.After = r.EndCursor
				}
			}
			if n == 0 {
				b.Fatal("listed nothing")
			}
		})
	}
	b.Run("Count/Initiative/amount", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if n, err := s.Count(ctx, graph.KindInitiative, graph.Filter{AmountMin: &min}); err != nil || n == 0 {
				b.Fatal(n, err)
			}
		}
	})
}

func BenchmarkRelated(b *testing.B) {
	s := benchReadStore(b)
	ctx := context.Background()
	var meetings, people []string
	for i := range 50 {
		meetings = append(meetings, fmt.Sprintf("meeting:gen-%05d", i*7))
		people = append(people, fmt.Sprintf("person:g%d-%d", i%genClusters, i))
	}
	cases := []struct {
		rel graph.Relation
		ids []string
	}{
		{graph.RelAttendanceOfMeeting, meetings},
		{graph.RelItemsOfMeeting, meetings},
		{graph.RelMembershipsOfPerson, people},
		{graph.RelMeetingsOfCluster, []string{"cluster:g1"}},
	}
	for _, c := range cases {
		b.Run(string(c.rel), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				got, err := s.Related(ctx, c.rel, c.ids)
				if err != nil || len(got) == 0 {
					b.Fatal(len(got), err)
				}
			}
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	s := benchReadStore(b)
	ctx := context.Background()
	for _, q := range []string{"Lægedækning", "person mellem ærø 3-1", "initiativ 7 i møde 99"} {
		b.Run(q, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				hits, err := s.Search(ctx, q, nil, 20)
				if err != nil || len(hits) == 0 {
					b.Fatal(len(hits), err)
				}
			}
		})
	}
}

// reportCPU, deferred before a benchmark's loop, reports the process's CPU
// time per operation (cpu-ns/op): on a shared machine it varies less than
// ns/op, which counts the time other processes hold the CPU.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
