// Command sundhedsgraf-bench measures sundhedsgraf: the loader (documents
// per minute, facts per second, peak memory, store calls per document) on
// generated Denmark-scale corpora, the parser's extraction F1 against the
// generator's answer keys, and the GraphQL API over loopback beside two
// floors, the same answers read straight from the store and served by a
// minimal plain net/http handler. BENCHMARKS.md has the method and the
// figures; .ci/bench runs the whole set.
//
//	go run ./cmd/sundhedsgraf-bench -mode api -scale 1
//	go run ./cmd/sundhedsgraf-bench -mode load -scale 10 -runs 1
//	go run ./cmd/sundhedsgraf-bench -mode f1 -scale 1
//
// It asserts nothing about time. Load tests only ever target loopback (or
// -url, which must be a loopback address), and every loop is bounded by a
// request count and a time limit.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"
)

var logOut io.Writer = os.Stderr

func logf(format string, args ...any) {
	fmt.Fprintf(logOut, "bench: "+format+"\n", args...)
}

type config struct {
	mode     string
	scale    int
	seed     int64
	runs     int
	root     string
	data     string
	jsonOut  string
	backend  string
	fsync    bool
	maxDocs  int
	maxTime  time.Duration
	every    int
	clients  int
	requests int
	duration time.Duration
	// batch is the api mode's requests per client in a target's turn.
	batch int
	// allocRequests is the number of serial requests per query and target
	// of the api mode's allocation pass.
	allocRequests int
	url           string
	loaderWait    time.Duration
	only          string
	cpuProfile    string
	memProfile    string
	liveProfile   string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sundhedsgraf-bench:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	var c config
	fs := flag.NewFlagSet("sundhedsgraf-bench", flag.ContinueOnError)
	fs.StringVar(&c.mode, "mode", "api", "what to measure: api, load or f1")
	fs.IntVar(&c.scale, "scale", 1, "generated corpus scale (1 ≈ 1,056 documents); 0 = the bundled sample (api only)")
	fs.Int64Var(&c.seed, "seed", 1, "generator seed")
	fs.IntVar(&c.runs, "runs", 3, "repeated runs; figures are medians with min and max")
	fs.StringVar(&c.root, "cache", filepath.Join(os.TempDir(), "sundhedsgraf-bench"), "directory for generated corpora and kept stores")
	fs.StringVar(&c.data, "data", "", "embedded store directory: api reuses it if it holds documents (else loads into it); load keeps the last run's store there")
	fs.StringVar(&c.jsonOut, "json", "", "also write the results as JSON to this file")
	fs.StringVar(&c.backend, "backend", "embedded", "load: embedded or neo4j (NEO4J_URI etc. from the environment)")
	fs.BoolVar(&c.fsync, "fsync", true, "load: fsync every write (production); false separates the disk's share")
	fs.IntVar(&c.maxDocs, "docs", 0, "load: load only the first N documents (0 = all; neo4j defaults to 20)")
	fs.DurationVar(&c.maxTime, "max-time", 0, "load: stop a run after this long and report it as truncated (0 = no limit)")
	fs.IntVar(&c.every, "every", 1, "f1: score every k-th document")
	fs.IntVar(&c.clients, "clients", 4, "api: concurrent clients")
	fs.IntVar(&c.requests, "requests", 400, "api: requests per query, target and run")
	fs.IntVar(&c.batch, "batch", 4, "api: requests per client in each target's turn (a query's targets take turns)")
	fs.DurationVar(&c.duration, "duration", 30*time.Second, "api: time limit per query and run, shared by its targets")
	fs.IntVar(&c.allocRequests, "alloc-requests", 50, "api: serial requests per query and target counted for allocation per request (0 = skip; not with -url)")
	fs.StringVar(&c.url, "url", "", "api: measure a running server at this loopback base URL instead of starting one (floors are then skipped)")
	fs.DurationVar(&c.loaderWait, "loader-wait", 0, "api: resolvers.Config.LoaderWait (0 = the default)")
	fs.StringVar(&c.only, "only", "", "api: run only the queries whose names contain this")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run (setup included) to this file")
	fs.StringVar(&c.memProfile, "memprofile", "", "write a heap profile (allocations of the whole run, setup included) to this file at the end")
	fs.StringVar(&c.liveProfile, "liveprofile", "", "load: write a heap profile of what is live at the end of the last run, store and loader still open, to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.runs < 1 || c.clients < 1 || c.requests < 1 || c.every < 1 || c.batch < 1 {
		return fmt.Errorf("-runs, -clients, -requests, -batch and -every must be at least 1")
	}
	if c.allocRequests < 0 {
		return fmt.Errorf("-alloc-requests must not be negative")
	}
	logf("machine: %d CPUs (GOMAXPROCS %d), %s, load average %.2f", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), loadAvg())
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if c.memProfile != "" {
		defer func() {
			if err := writeHeapProfile(c.memProfile); err != nil {
				logf("memprofile: %v", err)
			}
		}()
	}
	var out any
	var err error
	switch c.mode {
	case "load":
		out, err = loadMode(ctx, c, stdout)
	case "f1":
		out, err = f1Mode(c, stdout)
	case "api":
		out, err = apiMode(ctx, c, stdout)
	default:
		return fmt.Errorf("unknown -mode %q (api, load or f1)", c.mode)
	}
	if err != nil {
		return err
	}
	if c.jsonOut != "" {
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(c.jsonOut, append(b, '\n'), 0o644)
	}
	return nil
}

type loadReport struct {
	Runs    []loadResult      `json:"runs"`
	Summary map[string]spread `json:"summary"`
}

func loadMode(ctx context.Context, c config, stdout io.Writer) (any, error) {
	_, files, err := generatedCorpus(c, "load")
	if err != nil {
		return nil, err
	}
	o := loadOpts{backend: c.backend, fsync: c.fsync, maxDocs: c.maxDocs, maxTime: c.maxTime, progress: true}
	if c.backend == "neo4j" && o.maxDocs == 0 {
		o.maxDocs = 20
	}
	var rep loadReport
	for i := range c.runs {
		if c.backend == "embedded" && i == c.runs-1 {
			o.dataDir = c.data
		}
		if i == c.runs-1 {
			o.liveProfile = c.liveProfile
		}
		logf("load run %d/%d: %s, scale %d, %d documents", i+1, c.runs, c.backend, c.scale, min(len(files), max(o.maxDocs, 0)+len(files)*btoi(o.maxDocs == 0)))
		r, err := runLoad(ctx, files, c.scale, o)
		if err != nil {
			return nil, err
		}
		rep.Runs = append(rep.Runs, r)
		runtime.GC()
	}
	col := func(f func(loadResult) float64) spread {
		var xs []float64
		for _, r := range rep.Runs {
			xs = append(xs, f(r))
		}
		return spreadOf(xs)
	}
	rep.Summary = map[string]spread{
		"docsPerMin":       col(func(r loadResult) float64 { return r.DocsPerMin }),
		"factsPerSec":      col(func(r loadResult) float64 { return r.FactsPerSec }),
		"docsPerCpuMin":    col(func(r loadResult) float64 { return r.DocsPerCPUMin }),
		"peakHeapMiB":      col(func(r loadResult) float64 { return r.PeakHeapMiB }),
		"peakRssMiB":       col(func(r loadResult) float64 { return r.PeakRSSMiB }),
		"storeCallsPerDoc": col(func(r loadResult) float64 { return r.CallsPerDoc }),
		"wallSeconds":      col(func(r loadResult) float64 { return r.WallSeconds }),
	}
	printLoad(stdout, rep)
	return rep, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func printLoad(w io.Writer, rep loadReport) {
	r0 := rep.Runs[0]
	fmt.Fprintf(w, "\nloader: backend %s, scale %d, %d documents, fsync %t, %d run(s); median [min–max]\n", r0.Backend, r0.Scale, r0.Docs, r0.Fsync, len(rep.Runs))
	for _, k := range []string{"docsPerMin", "factsPerSec", "docsPerCpuMin", "peakHeapMiB", "peakRssMiB", "storeCallsPerDoc", "wallSeconds"} {
		s := rep.Summary[k]
		fmt.Fprintf(w, "  %-18s %10.1f  [%.1f–%.1f]\n", k, s.Median, s.Min, s.Max)
	}
	for i, r := range rep.Runs {
		fmt.Fprintf(w, "  run %d: %d docs (%d failed, truncated %t), %d facts, %.1fs wall, %.1fs CPU (GC %.1fs), live heap at the end %.1f MiB in %d objects (a full collection %.0f ms CPU), load average %.2f→%.2f\n",
			i+1, r.Docs, r.Failed, r.Truncated, r.Facts, r.WallSeconds, r.CPUSeconds, r.GCSeconds, r.LiveHeapMiB, r.HeapObjects, r.FullGCms, r.LoadAvgStart, r.LoadAvgEnd)
	}
	fmt.Fprintf(w, "  per tenth of the load (run 1): %-9s %12s %12s %14s %14s %16s %16s\n", "docs", "docs/min", "CPU ms/doc", "of it GC", "calls/doc", "people before", "slowest write ms")
	for _, s := range r0.Segments {
		fmt.Fprintf(w, "  %39s %12.0f %12.1f %14.1f %14.1f %16d %16.1f\n", fmt.Sprintf("%d–%d", s.FromDoc, s.ToDoc), s.DocsPerMin, s.CPUmsPerDoc, s.GCmsPerDoc, s.CallsPerDoc, s.PeopleBefore, s.SlowestWriteMs)
	}
}

// generatedCorpus returns the directory and minutes files of the generated
// corpus the config names, generating it on first use.
func generatedCorpus(c config, mode string) (string, []string, error) {
	if c.scale < 1 {
		return "", nil, fmt.Errorf("-mode %s needs -scale 1 or more", mode)
	}
	dir, err := corpusDir(c.root, c.seed, c.scale)
	if err != nil {
		return "", nil, err
	}
	files, err := minutesFiles(dir)
	return dir, files, err
}

func f1Mode(c config, stdout io.Writer) (any, error) {
	dir, files, err := generatedCorpus(c, "f1")
	if err != nil {
		return nil, err
	}
	r, err := runF1(dir, files, c.every, c.scale)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "\nextraction on the generated corpus (seed %d, scale %d): %d documents (every %d), %d failed; micro-averaged\n", c.seed, c.scale, r.Docs, r.Every, r.Failed)
	fmt.Fprintf(stdout, "  %-16s %7s %7s %7s %8s %8s\n", "category", "P", "R", "F1", "want", "got")
	for _, cat := range append(catOrder(), "all") {
		n := r.All
		if cat != "all" {
			n = r.Categories[cat]
		}
		fmt.Fprintf(stdout, "  %-16s %7.3f %7.3f %7.3f %8d %8d\n", cat, n.Precision(), n.Recall(), n.F1(), n.Want, n.Got)
	}
	return r, nil
}

// writeHeapProfile writes the heap profile (with every allocation since the
// start, sampled at runtime.MemProfileRate) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}
