package loader_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// The loader's benchmarks. They assert nothing about time; they report
// documents per minute, facts per second and the peak heap with
// b.ReportMetric. cmd/sundhedsgraf-bench measures the same at 10× and with
// repeated runs; BENCHMARKS.md has the figures.
//
//	go test ./loader -run '^$' -bench LoadGenerated -benchtime 1x

type genDoc struct {
	name string
	data []byte
	key  *minutes.Extraction
}

var (
	genMu   sync.Mutex
	genDocs = map[int][]genDoc{}
)

// generated renders the first n documents of the seed-1 corpus at scale
// (all of them for n <= 0), once per process.
func generated(b *testing.B, scale, n int) []genDoc {
	b.Helper()
	genMu.Lock()
	defer genMu.Unlock()
	docs, ok := genDocs[scale]
	if !ok {
		c, err := gen.Generate(gen.Options{Seed: 1, Scale: scale})
		if err != nil {
			b.Fatal(err)
		}
		docs = make([]genDoc, c.Len())
		for i := range docs {
			d := c.Document(i)
			docs[i] = genDoc{name: d.Name + ".txt", data: []byte(d.Text), key: &d.Key}
		}
		genDocs[scale] = docs
	}
	if n > 0 && n < len(docs) {
		docs = docs[:n]
	}
	return docs
}

// BenchmarkLoadGenerated loads generated minutes through Loader.LoadBytes
// (decode, parse, resolve against the store, one fsync'd write per
// document) into a new embedded store. Sub-benchmarks load the first 250
// and all 1,056 documents of scale 1, so the per-document cost can be
// compared across corpus sizes, with fsync (production) and without (to
// separate the disk's share from the CPU's).
func BenchmarkLoadGenerated(b *testing.B) {
	for _, c := range []struct {
		n    int
		sync bool
	}{{250, true}, {250, false}, {0, true}, {0, false}} {
		docs := generated(b, 1, c.n)
		b.Run(fmt.Sprintf("docs=%d/fsync=%t", len(docs), c.sync), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s, err := embedded.OpenWith(b.TempDir(), embedded.Options{NoSync: !c.sync, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				l := loader.New(s, loader.Options{})
				if _, err := l.LoadReference(ctx); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var peak uint64
				var ms runtime.MemStats
				b.StartTimer()
				start := time.Now()
				facts := 0
				for i, d := range docs {
					res, err := l.LoadBytes(ctx, d.name, d.data)
					if err != nil {
						b.Fatalf("%s: %v", d.name, err)
					}
					facts += res.Facts
					if i%100 == 0 {
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

// BenchmarkExtractGenerated measures decode and parse alone (no store), per
// document, over the first 250 generated documents: the part of the load
// that does not depend on the corpus already loaded.
func BenchmarkExtractGenerated(b *testing.B) {
	docs := generated(b, 1, 250)
	start := time.Now()
	n := 0
	for b.Loop() {
		d := docs[n%len(docs)]
		n++
		text, err := minutes.Decode(d.name, d.data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := minutes.Parse(d.name, text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Minutes(), "docs/min")
}

// BenchmarkScoreGenerated parses generated documents and scores them
// against their answer keys (minutes.ScoreKey), reporting the micro-averaged
// F1 over all categories of the documents parsed.
func BenchmarkScoreGenerated(b *testing.B) {
	docs := generated(b, 1, 250)
	var tot minutes.Counts
	n := 0
	for b.Loop() {
		d := docs[n%len(docs)]
		n++
		text, err := minutes.Decode(d.name, d.data)
		if err != nil {
			b.Fatal(err)
		}
		got, err := minutes.Parse(d.name, text)
		if err != nil {
			b.Fatal(err)
		}
		rep := minutes.ScoreKey(got, &minutes.Key{Extraction: d.key, LooseNames: map[string]bool{}})
		for _, c := range rep.Counts {
			tot.Got += c.Got
			tot.Want += c.Want
			tot.Matched += c.Matched
		}
	}
	b.ReportMetric(tot.F1(), "F1")
}
