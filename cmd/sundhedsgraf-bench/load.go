package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/graph/neo4j"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// corpusDir returns a directory holding the generated corpus for seed and
// scale, writing it first unless an earlier run left it there.
func corpusDir(root string, seed int64, scale int) (string, error) {
	dir := filepath.Join(root, fmt.Sprintf("corpus-seed%d-x%d", seed, scale))
	if b, err := os.ReadFile(filepath.Join(dir, "manifest.json")); err == nil {
		var st gen.Stats
		if json.Unmarshal(b, &st) == nil && st.Seed == seed && st.Scale == scale {
			return dir, nil
		}
	}
	start := time.Now()
	st, err := gen.Write(dir, gen.Options{Seed: seed, Scale: scale})
	if err != nil {
		return "", err
	}
	logf("generated %d documents (scale %d, seed %d, %.1f MB) in %s into %s", st.Documents, scale, seed, float64(st.Bytes)/1e6, time.Since(start).Round(time.Millisecond), dir)
	return dir, nil
}

// minutesFiles lists the corpus's minutes in lexical (load) order.
func minutesFiles(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "minutes", "*.txt"))
	slices.Sort(files)
	return files, err
}

// segment is the load rate over one tenth of the documents.
type segment struct {
	FromDoc      int     `json:"fromDoc"`
	ToDoc        int     `json:"toDoc"`
	DocsPerMin   float64 `json:"docsPerMin"`
	CPUmsPerDoc  float64 `json:"cpuMsPerDoc"`
	GCmsPerDoc   float64 `json:"gcMsPerDoc"` // of CPUmsPerDoc, the runtime's estimate of the GC's share
	CallsPerDoc  float64 `json:"storeCallsPerDoc"`
	PeopleBefore int     `json:"peopleInStoreBefore"`
	// SlowestWriteMs is the longest single document write (the store's
	// ReplaceDocument) in the tenth: a write that waits for a compaction
	// shows here.
	SlowestWriteMs float64 `json:"slowestWriteMs"`
}

// loadResult is one load of a corpus into a new store.
type loadResult struct {
	Backend       string  `json:"backend"`
	Scale         int     `json:"scale"`
	Fsync         bool    `json:"fsync"`
	Docs          int     `json:"docs"`
	Failed        int     `json:"failed"`
	Facts         int     `json:"facts"`
	WallSeconds   float64 `json:"wallSeconds"`
	CPUSeconds    float64 `json:"cpuSeconds"`
	GCSeconds     float64 `json:"gcCpuSeconds"`
	DocsPerMin    float64 `json:"docsPerMin"`
	FactsPerSec   float64 `json:"factsPerSec"`
	DocsPerCPUMin float64 `json:"docsPerCpuMin"`
	PeakHeapMiB   float64 `json:"peakHeapMiB"`
	PeakRSSMiB    float64 `json:"peakRssMiB"` // VmHWM of the process so far
	// LiveHeapMiB and HeapObjects are the heap after a full collection at
	// the end of the load, with the store and the loader (its caches) still
	// in use: what a long load keeps live, and what every collection marks.
	LiveHeapMiB float64 `json:"liveHeapMiB"`
	HeapObjects uint64  `json:"heapObjects"`
	// FullGCms is the CPU time of one full collection of that heap
	// (median of 3): the collector's cost per cycle, apart from the
	// load's timing. It varies by about a quarter between runs of the
	// same binary (ninth session), so it shows large differences only.
	FullGCms     float64   `json:"fullGcCpuMs"`
	CallsPerDoc  float64   `json:"storeCallsPerDoc"`
	Truncated    bool      `json:"truncated"` // stopped by -max-time
	LoadAvgStart float64   `json:"loadAvgStart"`
	LoadAvgEnd   float64   `json:"loadAvgEnd"`
	Segments     []segment `json:"segments"`
}

type loadOpts struct {
	backend  string // embedded or neo4j
	dataDir  string // keep the embedded store here ("" = temporary)
	fsync    bool
	maxDocs  int
	maxTime  time.Duration
	progress bool
	// liveProfile, if set, receives a heap profile of what is live at the
	// end of the load, taken while the store and the loader are in use.
	liveProfile string
}

// openBackend opens an empty store of the backend.
func openBackend(ctx context.Context, o loadOpts) (graph.Store, func(), error) {
	switch o.backend {
	case "embedded":
		dir := o.dataDir
		tmp := ""
		if dir == "" {
			var err error
			if tmp, err = os.MkdirTemp("", "sundhedsgraf-bench-store-"); err != nil {
				return nil, nil, err
			}
			dir = tmp
		}
		s, err := embedded.OpenWith(dir, embedded.Options{NoSync: !o.fsync, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			return nil, nil, err
		}
		return s, func() {
			_ = s.Close(context.Background())
			if tmp != "" {
				_ = os.RemoveAll(tmp)
			}
		}, nil
	case "neo4j":
		uri := os.Getenv("NEO4J_URI")
		if uri == "" {
			return nil, nil, fmt.Errorf("backend neo4j: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE); .ci/nornicdb.sh start writes them")
		}
		s, err := neo4j.Open(ctx, neo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
		if err != nil {
			return nil, nil, err
		}
		if err := s.EnsureSchema(ctx); err != nil {
			_ = s.Close(ctx)
			return nil, nil, err
		}
		return s, func() { _ = s.Close(context.Background()) }, nil
	}
	return nil, nil, fmt.Errorf("unknown backend %q", o.backend)
}

// runLoad loads the corpus's minutes (after the reference skeleton, which
// is not timed) as 'sundhedsgraf load DIR' does: loader.LoadPaths over the
// corpus's minutes directory, which holds files (over the first o.maxDocs
// files when limited).
// The per-tenth figures are taken in loader.Options.OnDocument, which
// LoadPaths calls after each document, between two writes.
func runLoad(ctx context.Context, files []string, scale int, o loadOpts) (loadResult, error) {
	res := loadResult{Backend: o.backend, Scale: scale, Fsync: o.fsync || o.backend == "neo4j"}
	if len(files) == 0 {
		return res, fmt.Errorf("no documents to load")
	}
	paths := []string{filepath.Dir(files[0])}
	if o.maxDocs > 0 && len(files) > o.maxDocs {
		files = files[:o.maxDocs]
		paths = files
	}
	raw, closeStore, err := openBackend(ctx, o)
	if err != nil {
		return res, err
	}
	defer closeStore()
	if docs, err := raw.Documents(ctx); err != nil {
		return res, err
	} else if len(docs) > 0 {
		return res, fmt.Errorf("the store already holds %d documents; a load is measured into an empty store", len(docs))
	}
	var peak uint64
	var mst runtime.MemStats
	sample := func() {
		runtime.ReadMemStats(&mst)
		peak = max(peak, mst.HeapAlloc)
	}
	people := func() int {
		n, _ := raw.Count(ctx, graph.KindPerson, graph.Filter{})
		return n
	}
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	cs := &countingStore{Store: raw}
	segSize := max(1, (len(files)+9)/10)
	var start, segStart time.Time
	var cpu0, segCPU, segGC time.Duration
	var segCalls int64
	var segPeople int
	onDocument := func(_ string, wr graph.WriteResult, err error) {
		if err != nil {
			res.Failed++
			logf("%v", err)
		} else {
			res.Facts += wr.Facts
		}
		res.Docs++
		if (res.Docs-1)%25 == 0 {
			sample()
		}
		if res.Docs%segSize == 0 || res.Docs == len(files) {
			// The store is not counted while reading people for the segment.
			now, cpu, gc, calls := time.Now(), cpuTime(), gcCPU(), cs.calls.Load()
			n := res.Docs - len(res.Segments)*segSize
			res.Segments = append(res.Segments, segment{FromDoc: res.Docs - n + 1, ToDoc: res.Docs,
				DocsPerMin:     float64(n) / now.Sub(segStart).Minutes(),
				CPUmsPerDoc:    ms(cpu-segCPU) / float64(n),
				GCmsPerDoc:     ms(gc-segGC) / float64(n),
				CallsPerDoc:    float64(calls-segCalls) / float64(n),
				PeopleBefore:   segPeople,
				SlowestWriteMs: ms(cs.takeSlowest())})
			if o.progress {
				logf("  %d/%d documents, %.0f docs/min, %.1f ms CPU/doc, %d people before this tenth", res.Docs, len(files), res.Segments[len(res.Segments)-1].DocsPerMin, res.Segments[len(res.Segments)-1].CPUmsPerDoc, segPeople)
			}
			segPeople = people()
			segStart, segCPU, segGC, segCalls = time.Now(), cpuTime(), gcCPU(), cs.calls.Load()
		}
		if o.maxTime > 0 && time.Since(start) > o.maxTime && res.Docs < len(files) {
			res.Truncated = true
			stopLoad()
		}
	}
	l := loader.New(cs, loader.Options{OnDocument: onDocument})
	if _, err := l.LoadReference(ctx); err != nil {
		return res, err
	}
	runtime.GC()
	res.LoadAvgStart = loadAvg()
	start, cpu0 = time.Now(), cpuTime()
	gc0 := gcCPU()
	calls0 := cs.calls.Load()
	segStart, segCPU, segGC, segCalls, segPeople = start, cpu0, gc0, calls0, people()
	cs.takeSlowest()
	_, err = l.LoadPaths(loadCtx, paths, nil)
	wall, cpu, gc := time.Since(start), cpuTime()-cpu0, gcCPU()-gc0
	switch {
	case ctx.Err() != nil:
		return res, ctx.Err()
	case err != nil && !res.Truncated && res.Failed == 0:
		return res, err
	}
	sample()
	if err := liveHeap(&res, o.liveProfile); err != nil {
		return res, err
	}
	runtime.KeepAlive(l)
	_, hwm := procStatus()
	res.LoadAvgEnd = loadAvg()
	res.WallSeconds = wall.Seconds()
	res.CPUSeconds = cpu.Seconds()
	res.GCSeconds = gc.Seconds()
	res.DocsPerMin = float64(res.Docs) / wall.Minutes()
	res.FactsPerSec = float64(res.Facts) / wall.Seconds()
	res.DocsPerCPUMin = float64(res.Docs) / cpu.Minutes()
	res.PeakHeapMiB = mib(peak)
	res.PeakRSSMiB = mib(hwm)
	var segCallsTotal float64
	for _, s := range res.Segments {
		segCallsTotal += s.CallsPerDoc * float64(s.ToDoc-s.FromDoc+1)
	}
	res.CallsPerDoc = segCallsTotal / float64(max(1, res.Docs))
	return res, nil
}

// liveHeap records in res the heap after a full collection and what a
// full collection of it costs, and, if path is set, writes a heap profile
// of the live objects (sampled at runtime.MemProfileRate) there. The
// load's store and loader must still be in use, so that their caches
// count.
func liveHeap(res *loadResult, path string) error {
	var gcs []float64
	for range 3 {
		gc0 := gcCPU()
		runtime.GC()
		gcs = append(gcs, ms(gcCPU()-gc0))
	}
	res.FullGCms = spreadOf(gcs).Median
	var mst runtime.MemStats
	runtime.ReadMemStats(&mst)
	res.LiveHeapMiB = mib(mst.HeapAlloc)
	res.HeapObjects = mst.HeapObjects
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// f1Result is the extraction quality over a corpus, micro-averaged per
// category.
type f1Result struct {
	Scale      int                       `json:"scale"`
	Docs       int                       `json:"docs"`
	Every      int                       `json:"every"`
	Failed     int                       `json:"failed"`
	Categories map[string]minutes.Counts `json:"categories"`
	All        minutes.Counts            `json:"all"`
}

// runF1 parses every k-th document and scores it against its answer key
// (expected/NAME.json, read with minutes.ReadKey) with minutes.ScoreKey.
func runF1(dir string, files []string, every, scale int) (f1Result, error) {
	r := f1Result{Scale: scale, Every: every, Categories: map[string]minutes.Counts{}}
	for i := 0; i < len(files); i += every {
		f := files[i]
		name := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			return r, err
		}
		kb, err := os.ReadFile(filepath.Join(dir, "expected", strings.TrimSuffix(name, ".txt")+".json"))
		if err != nil {
			return r, err
		}
		key, err := minutes.ReadKey(kb)
		if err != nil {
			return r, fmt.Errorf("%s: %w", name, err)
		}
		r.Docs++
		text, err := minutes.Decode(name, data)
		var got *minutes.Extraction
		if err == nil {
			got, err = minutes.Parse(name, text)
		}
		if err != nil {
			r.Failed++
			logf("%v", err)
			continue
		}
		rep := minutes.ScoreKey(got, key)
		for cat, c := range rep.Counts {
			t := r.Categories[cat]
			t.Got += c.Got
			t.Want += c.Want
			t.Matched += c.Matched
			r.Categories[cat] = t
			r.All.Got += c.Got
			r.All.Want += c.Want
			r.All.Matched += c.Matched
		}
	}
	return r, nil
}

func catOrder() []string { return slices.Clone(minutes.Categories) }
