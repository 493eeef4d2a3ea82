// Command sundhedsgraf-loadtest runs a bounded load test of the GraphQL API
// on loopback: it loads the sample corpus into a fresh embedded store,
// serves it on 127.0.0.1, and lets N clients send a realistic mix of queries
// for a fixed time (and at most a fixed number of requests) while a load of
// newly generated documents runs into the same store. A sample of the
// answers is checked against the store read directly. It reports
// throughput, latency percentiles, errors, wrong answers, and the live heap
// and RSS over time, and exits 1 if any request failed or answered wrongly.
//
// Memory is reported in two phases: while the load runs, the live heap grows
// with the facts written (reported as bytes per fact added); after the load
// has finished (-load-docs bounds it), the clients go on and the live heap
// must stay flat: a growth there is a leak in serving, not data.
//
//	sundhedsgraf-loadtest [-clients 32] [-duration 60s] [-load-docs 0] [-max-requests 5000000] [-check-every 10]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sundhedsgraf-loadtest:", err)
		os.Exit(1)
	}
}

type config struct {
	clients     int
	duration    time.Duration
	maxRequests int64
	checkEvery  int
	sampleEvery time.Duration
	warmup      time.Duration
	seed        int64
	noLoad      bool
	loadDocs    int
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var c config
	fs := flag.NewFlagSet("sundhedsgraf-loadtest", flag.ContinueOnError)
	fs.IntVar(&c.clients, "clients", 32, "concurrent clients")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "how long the clients send requests (at most 10m)")
	fs.Int64Var(&c.maxRequests, "max-requests", 5_000_000, "stop after this many requests in all")
	fs.IntVar(&c.checkEvery, "check-every", 10, "check every k-th answer against the store")
	fs.DurationVar(&c.sampleEvery, "sample-every", 5*time.Second, "how often to record heap and RSS")
	fs.DurationVar(&c.warmup, "warmup", 10*time.Second, "time after which memory should be flat")
	fs.Int64Var(&c.seed, "seed", 7, "seed of the generated documents loaded during the run")
	fs.BoolVar(&c.noLoad, "no-load", false, "do not load documents during the run")
	fs.IntVar(&c.loadDocs, "load-docs", 0, "load at most this many new documents (0: all 1,056 of the generated corpus); the run should have a phase after the load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.clients < 1 || c.duration <= 0 || c.duration > 10*time.Minute || c.maxRequests < 1 || c.checkEvery < 1 || c.loadDocs < 0 {
		return errors.New("need clients ≥ 1, 0 < duration ≤ 10m, max-requests ≥ 1, check-every ≥ 1, load-docs ≥ 0")
	}

	tmp, err := os.MkdirTemp("", "sundhedsgraf-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	store, err := embedded.Open(filepath.Join(tmp, "data"))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if err := store.EnsureSchema(ctx); err != nil {
		return err
	}
	quiet := slog.New(slog.DiscardHandler)
	if sum, err := loader.New(store, loader.Options{Logger: quiet}).LoadSample(ctx); err != nil || sum.Failed > 0 {
		return fmt.Errorf("loading the sample corpus: %v %v", err, sum.Err())
	}
	var newDocs []string
	if !c.noLoad {
		dir := filepath.Join(tmp, "gen")
		if _, err := gen.Write(dir, gen.Options{Seed: c.seed}); err != nil {
			return err
		}
		newDocs, _ = filepath.Glob(filepath.Join(dir, "minutes", "*.txt"))
		slices.Sort(newDocs)
		if c.loadDocs > 0 && len(newDocs) > c.loadDocs {
			newDocs = newDocs[:c.loadDocs]
		}
	}
	fx, err := newFixtures(ctx, store)
	if err != nil {
		return err
	}

	// Loopback only.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: resolvers.NewHandler(store, resolvers.Config{}, quiet), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/graphql"
	fmt.Fprintf(out, "serving the sample corpus on %s; %d clients for %s (at most %d requests); loading %d new documents meanwhile\n",
		ln.Addr(), c.clients, c.duration, c.maxRequests, len(newDocs))

	runCtx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	start := time.Now()

	// The concurrent load.
	var loaded atomic.Int64
	var loadEnd atomic.Int64 // nanoseconds after start when the load finished; 0 while it runs
	loadDone := make(chan error, 1)
	go func() {
		defer func() { loadEnd.Store(int64(max(time.Since(start), 1))) }()
		if len(newDocs) == 0 {
			loadDone <- nil
			return
		}
		// As `sundhedsgraf load FILES` does: parsed ahead, written in order.
		l := loader.New(store, loader.Options{Logger: quiet, OnDocument: func(string, graph.WriteResult, error) { loaded.Add(1) }})
		sum, err := l.LoadPaths(runCtx, newDocs, io.Discard)
		if runCtx.Err() != nil {
			err = nil // the run ended during the load
		} else if err == nil && sum.Failed > 0 {
			err = sum.Err()
		}
		loadDone <- err
	}()

	// Memory over time.
	var samples []memSample
	memDone := make(chan struct{})
	go func() {
		defer close(memDone)
		tick := time.NewTicker(c.sampleEvery)
		defer tick.Stop()
		sample := func() { samples = append(samples, readMem(ctx, store, start, loaded.Load(), loadEnd.Load() > 0)) }
		sample()
		for {
			select {
			case <-runCtx.Done():
				return
			case <-tick.C:
				sample()
			}
		}
	}()

	// The clients.
	var (
		sent    atomic.Int64
		mu      sync.Mutex
		lat     []time.Duration
		perKind = map[string]int{}
		errs    []string
		wrongs  []string
		nErr    int
		nWrong  int
		checked int
	)
	transport := &http.Transport{MaxIdleConnsPerHost: c.clients, MaxConnsPerHost: c.clients}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for i := range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c.seed), uint64(i)))
			var myLat []time.Duration
			myKinds := map[string]int{}
			var myErrs, myWrongs []string
			myErr, myWrong, myChecked := 0, 0, 0
			for n := 0; ; n++ {
				if runCtx.Err() != nil || sent.Add(1) > c.maxRequests {
					break
				}
				q := fx.pick(rng)
				check := n%c.checkEvery == 0
				var before snapshot
				if check {
					before = fx.snap(ctx)
				}
				t0 := time.Now()
				resp, err := send(runCtx, client, url, q)
				d := time.Since(t0)
				if err != nil && runCtx.Err() != nil {
					break // the run ended during the request
				}
				myLat = append(myLat, d)
				myKinds[q.name]++
				if err != nil {
					myErr++
					if len(myErrs) < 5 {
						myErrs = append(myErrs, q.name+": "+err.Error())
					}
					continue
				}
				if check {
					myChecked++
					// The store is read with the parent context: runCtx may
					// end between the answer and its check.
					after := fx.snap(ctx)
					if msg := q.check(ctx, resp, before, after); msg != "" {
						myWrong++
						if len(myWrongs) < 5 {
							myWrongs = append(myWrongs, q.name+": "+msg)
						}
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			lat = append(lat, myLat...)
			for k, v := range myKinds {
				perKind[k] += v
			}
			nErr += myErr
			nWrong += myWrong
			checked += myChecked
			errs = append(errs, myErrs...)
			wrongs = append(wrongs, myWrongs...)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cancel()
	<-memDone
	loadErr := <-loadDone
	samples = append(samples, readMem(context.Background(), store, start, loaded.Load(), true))

	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	st, _ := store.Stats(context.Background())
	fmt.Fprintf(out, "\nrequests   %d in %.1f s: %.0f/s\n", len(lat), elapsed.Seconds(), float64(len(lat))/elapsed.Seconds())
	fmt.Fprintf(out, "latency    p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
	fmt.Fprintf(out, "errors     %d\n", nErr)
	fmt.Fprintf(out, "wrong      %d of %d checked answers\n", nWrong, checked)
	fmt.Fprintf(out, "loaded     %d of %d new documents during the run (store now %d documents)\n", loaded.Load(), len(newDocs), st.Documents)
	kinds := make([]string, 0, len(perKind))
	for k := range perKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprint(out, "mix       ")
	for _, k := range kinds {
		fmt.Fprintf(out, " %s %d", k, perKind[k])
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "\nmemory (live heap after GC, RSS):")
	for _, s := range samples {
		phase := "loading"
		if s.loadOver {
			phase = "load over"
		}
		fmt.Fprintf(out, "  %5.1f s  heap %6.1f MiB  rss %6.1f MiB  docs loaded %4d  facts %6d  %s\n", s.at.Seconds(), mib(s.heap), mib(s.rss), s.docs, s.facts, phase)
	}
	fmt.Fprint(out, memoryVerdict(samples, c.warmup))
	for _, e := range errs {
		fmt.Fprintln(out, "error:", e)
	}
	for _, w := range wrongs {
		fmt.Fprintln(out, "wrong:", w)
	}
	if loadErr != nil {
		return loadErr
	}
	if nErr > 0 || nWrong > 0 {
		return fmt.Errorf("%d errors, %d wrong answers", nErr, nWrong)
	}
	return nil
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

type memSample struct {
	at        time.Duration
	heap, rss uint64
	docs      int64
	facts     int
	loadOver  bool // the concurrent load had finished when the sample was taken
}

func readMem(ctx context.Context, store interface {
	Stats(context.Context) (graph.Stats, error)
}, start time.Time, docs int64, loadOver bool) memSample {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	st, _ := store.Stats(ctx)
	facts := 0
	for _, n := range st.Facts {
		facts += n
	}
	return memSample{at: time.Since(start), heap: ms.HeapAlloc, rss: rss(), docs: docs, facts: facts, loadOver: loadOver}
}

// memoryVerdict summarises the samples after warm-up in two phases: while
// the load ran, heap growth per fact added (data, expected); after it, the
// heap's drift with only queries running (should be flat).
func memoryVerdict(samples []memSample, warmup time.Duration) string {
	var b strings.Builder
	var during, after []memSample
	for _, s := range samples {
		switch {
		case s.at < warmup:
		case s.loadOver:
			after = append(after, s)
		default:
			during = append(during, s)
		}
	}
	if len(during) >= 2 {
		first, last := during[0], during[len(during)-1]
		perFact := 0.0
		if df := last.facts - first.facts; df > 0 {
			perFact = (float64(last.heap) - float64(first.heap)) / float64(df)
		}
		fmt.Fprintf(&b, "while loading (%.0f–%.0f s): heap %.1f → %.1f MiB for %+d facts (%.0f bytes per fact added)\n",
			first.at.Seconds(), last.at.Seconds(), mib(first.heap), mib(last.heap), last.facts-first.facts, perFact)
	}
	if len(after) >= 2 {
		first, last := after[0], after[len(after)-1]
		lo, hi := first.heap, first.heap
		for _, s := range after {
			lo, hi = min(lo, s.heap), max(hi, s.heap)
		}
		fmt.Fprintf(&b, "after the load (%.0f–%.0f s, queries only): heap %.1f → %.1f MiB (%+.1f MiB, range %.1f–%.1f), RSS %.1f → %.1f MiB\n",
			first.at.Seconds(), last.at.Seconds(), mib(first.heap), mib(last.heap), mib(last.heap)-mib(first.heap), mib(lo), mib(hi), mib(first.rss), mib(last.rss))
	}
	return b.String()
}

// rss reads the resident set size from /proc (0 where there is none).
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// response is a GraphQL answer.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// send posts one query; an HTTP status other than 200 or any GraphQL error
// is an error.
func send(ctx context.Context, c *http.Client, url string, q query) (*response, error) {
	body, _ := json.Marshal(map[string]any{"query": q.text, "variables": q.vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %.200s", res.StatusCode, b)
	}
	var r response
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("%s (%v)", r.Errors[0].Message, r.Errors[0].Extensions["code"])
	}
	return &r, nil
}
