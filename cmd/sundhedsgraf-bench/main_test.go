package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
)

// The command's modes on tiny inputs: every query of the mix answers on
// every target, and the reports are written. Nothing here is timed.

func TestAPIModeOnSample(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	jsonPath := filepath.Join(dir, "api.json")
	err := run(context.Background(), []string{"-mode", "api", "-scale", "0", "-runs", "1", "-requests", "3", "-clients", "2",
		"-cache", dir, "-json", jsonPath}, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queryMix {
		if !strings.Contains(out.String(), q.name) {
			t.Errorf("the table lacks %s:\n%s", q.name, out.String())
		}
	}
	rep := readAPIReport(t, jsonPath)
	if len(rep.NotExposed) > 0 {
		t.Errorf("queries without a GraphQL form: %v", rep.NotExposed)
	}
	onAPI := map[string]bool{}
	for _, m := range rep.Runs {
		if m.Target == "api" {
			onAPI[m.Query] = true
		}
		if m.Errors > 0 || m.Requests == 0 {
			t.Errorf("%s on %s: %d requests, %d errors", m.Query, m.Target, m.Requests, m.Errors)
		}
		if m.CallsPerRq == 0 {
			t.Errorf("%s on %s: no store calls counted", m.Query, m.Target)
		}
	}
	for _, q := range queryMix {
		if !onAPI[q.name] {
			t.Errorf("%s was not measured through the API", q.name)
		}
	}
	for _, m := range rep.Runs {
		if m.Requests != 3 {
			t.Errorf("%s on %s: %d requests, want the -requests 3", m.Query, m.Target, m.Requests)
		}
	}
	for _, r := range rep.Rows {
		for _, tg := range []string{targetAPI, targetDirect, targetPlain} {
			if r.AllocBytes[tg] <= 0 || r.AllocObjects[tg] <= 0 {
				t.Errorf("%s on %s: allocation per request %.0f bytes, %.0f objects", r.Query, tg, r.AllocBytes[tg], r.AllocObjects[tg])
			}
		}
		if r.Ratios["alloc bytes api/plain"] <= 0 {
			t.Errorf("%s: no api/plain allocation ratio: %v", r.Query, r.Ratios)
		}
	}
}

// fakeTargets returns k request functions that record, in order, which
// target each request went to, and count requests that started while
// another target's request was in flight.
func fakeTargets(k int) ([]func(context.Context) sample, func() ([]int, int)) {
	var mu sync.Mutex
	var seq []int
	active := make([]int, k)
	overlaps := 0
	dos := make([]func(context.Context) sample, k)
	for t := range dos {
		dos[t] = func(ctx context.Context) sample {
			mu.Lock()
			seq = append(seq, t)
			for u, n := range active {
				if u != t && n > 0 {
					overlaps++
				}
			}
			active[t]++
			mu.Unlock()
			time.Sleep(10 * time.Microsecond) // let the other clients start theirs
			mu.Lock()
			active[t]--
			mu.Unlock()
			return sample{lat: time.Microsecond, calls: int64(t + 1)}
		}
	}
	return dos, func() ([]int, int) {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seq), overlaps
	}
}

func TestDriveInterleavedCounts(t *testing.T) {
	for _, tc := range []struct{ targets, clients, requests, batch int }{
		{3, 4, 25, 1}, {3, 4, 25, 4}, {3, 1, 5, 2}, {3, 4, 2, 4}, {2, 3, 10, 1}, {1, 2, 7, 3},
	} {
		dos, seq := fakeTargets(tc.targets)
		res := driveInterleaved(context.Background(), tc.clients, tc.requests, tc.batch, time.Hour, dos)
		got, overlaps := seq()
		if len(got) != tc.targets*tc.requests {
			t.Errorf("%+v: %d requests made, want %d", tc, len(got), tc.targets*tc.requests)
		}
		// Every target gets exactly its count, and its samples are its own.
		for tg := range tc.targets {
			if n := len(res[tg]); n != tc.requests {
				t.Errorf("%+v: target %d has %d samples, want %d", tc, tg, n, tc.requests)
			}
			for _, s := range res[tg] {
				if s.calls != int64(tg+1) {
					t.Errorf("%+v: target %d has a sample of target %d", tc, tg, s.calls-1)
					break
				}
			}
		}
		// Turns: a target's requests never run beside another's.
		if overlaps > 0 {
			t.Errorf("%+v: %d requests started while another target's ran", tc, overlaps)
		}
		// Alternating: at every point of the run no target is more than
		// one turn ahead of another (run one after the other, the first
		// target would be all its requests ahead).
		counts := make([]int, tc.targets)
		for i, tg := range got {
			counts[tg]++
			if d := slices.Max(counts) - slices.Min(counts); d > tc.batch*tc.clients {
				t.Errorf("%+v: after %d requests the counts are %v", tc, i+1, counts)
				break
			}
		}
	}
}

func TestDriveInterleavedRotates(t *testing.T) {
	// One client, turns of one request: each round starts one target
	// further on.
	dos, seq := fakeTargets(3)
	driveInterleaved(context.Background(), 1, 4, 1, time.Hour, dos)
	want := []int{0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2}
	if got, _ := seq(); !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	// Turns of 2 requests: target 0's pairs come first, then 1's, 2's.
	dos, seq = fakeTargets(3)
	driveInterleaved(context.Background(), 1, 3, 2, time.Hour, dos)
	want = []int{0, 0, 1, 1, 2, 2, 1, 2, 0}
	if got, _ := seq(); !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestDriveInterleavedStopsWhenCancelled(t *testing.T) {
	// A run cut short keeps the samples of the requests that finished and
	// starts no request after the end.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var made atomic.Int64
	dos := make([]func(context.Context) sample, 3)
	for i := range dos {
		dos[i] = func(ctx context.Context) sample {
			if made.Add(1) == 10 {
				cancel()
			}
			if ctx.Err() != nil {
				return sample{}
			}
			return sample{lat: time.Microsecond}
		}
	}
	res := driveInterleaved(ctx, 2, 100, 1, time.Hour, dos)
	kept := 0
	for _, ss := range res {
		kept += len(ss)
	}
	if n := made.Load(); n > 10+1 {
		t.Errorf("%d requests made after the 10th cancelled the run (2 clients)", n)
	}
	// The 10th request and any the other client had in flight when it
	// cancelled the run are left out.
	if kept < 8 || kept > 9 {
		t.Errorf("%d samples kept, want the 9 requests before the 10th (8 if the other client's was in flight)", kept)
	}
}

func TestLoadAndF1Modes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-mode", "load", "-scale", "1", "-runs", "1", "-docs", "5", "-fsync=false", "-cache", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "docsPerMin") {
		t.Errorf("load report:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"-mode", "f1", "-scale", "1", "-every", "100", "-cache", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "memberships") || strings.Contains(out.String(), "0 documents") {
		t.Errorf("f1 report:\n%s", out.String())
	}
}

func TestAPIModeWithURL(t *testing.T) {
	// -url measures a running server through GraphQL only: no floors and
	// no allocation pass, since the server is not in this process's heap
	// (here it is, but the mode cannot know).
	dir := t.TempDir()
	ctx := context.Background()
	_, _, srv := sampleServer(t, dir)
	var out bytes.Buffer
	jsonPath := filepath.Join(dir, "api.json")
	if err := run(ctx, []string{"-mode", "api", "-url", srv.base, "-runs", "1", "-requests", "2", "-clients", "2", "-json", jsonPath}, &out); err != nil {
		t.Fatal(err)
	}
	rep := readAPIReport(t, jsonPath)
	measured := map[string]bool{}
	for _, m := range rep.Runs {
		if m.Target != targetAPI {
			t.Errorf("%s measured on %s with -url", m.Query, m.Target)
		}
		if m.Requests != 2 || m.Errors > 0 {
			t.Errorf("%s: %d requests, %d errors", m.Query, m.Requests, m.Errors)
		}
		measured[m.Query] = true
	}
	for _, q := range queryMix {
		if !measured[q.name] {
			t.Errorf("%s not measured through -url", q.name)
		}
	}
	for _, r := range rep.Rows {
		if len(r.AllocBytes) > 0 {
			t.Errorf("%s: allocation counted with -url: %v", r.Query, r.AllocBytes)
		}
	}
}

func TestURLMustBeLoopback(t *testing.T) {
	err := run(context.Background(), []string{"-mode", "api", "-url", "http://192.0.2.1:8080"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("err = %v, want a refusal of a non-loopback address", err)
	}
}

// TestFloorsAnswerAsTheAPI: for every object query of the mix, the plain
// floor's answer names the same facts as the API's (the multiset of every
// "id" in the JSON), so the floors measure the same answer, not a cheaper
// one.
func TestFloorsAnswerAsTheAPI(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, p, srv := sampleServer(t, dir)
	get := func(req *http.Request) any {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v any
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, %v", req.URL, resp.StatusCode, err)
		}
		return v
	}
	// A body's members are compared on the day of each of its meetings,
	// where the participant lists decide who still holds a seat: the body
	// with meetings and the most seats.
	bodies, err := graph.ListAll(ctx, s, graph.KindBody, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seats, err := s.Related(ctx, graph.RelMembershipsOfBody, bodies)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := s.Related(ctx, graph.RelMeetingsOfBody, bodies)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bodies {
		if len(rel[b]) >= 2 && len(seats[b]) > len(seats[p.BodyID]) {
			p.BodyID = b
		}
	}
	ms, err := s.Get(ctx, rel[p.BodyID])
	if err != nil {
		t.Fatal(err)
	}
	var days []params
	for _, m := range ms {
		q := p
		q.AsOf = m.(*graph.Meeting).Date
		days = append(days, q)
	}
	type ask struct {
		q benchQuery
		p params
	}
	var asks []ask
	for _, q := range queryMix {
		switch q.name {
		case "search", "network_cluster", "council_transition":
			continue // ranked hits, and results without ids
		case "body_members_asof":
			for _, d := range days {
				asks = append(asks, ask{q, d})
			}
		default:
			asks = append(asks, ask{q, p})
		}
	}
	members := 0
	for _, a := range asks {
		q, p := a.q, a.p
		body, _ := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars(p)})
		req, _ := http.NewRequest(http.MethodPost, srv.base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp := get(req).(map[string]any)
		if resp["errors"] != nil {
			t.Fatalf("%s: %v", q.name, resp["errors"])
		}
		var api any
		for _, v := range resp["data"].(map[string]any) {
			api = v
		}
		rec := httptest.NewRecorder()
		plainHandler(s, p).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/plain/"+q.name, nil))
		var plain any
		if err := json.Unmarshal(rec.Body.Bytes(), &plain); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("plain %s: status %d, %v", q.name, rec.Code, err)
		}
		a, b := idsIn(api), idsIn(plain)
		if q.name == "body_members_asof" {
			members = max(members, len(a))
		} else if len(a) < 2 {
			t.Errorf("%s: the API's answer names %d facts; the test wants a real answer", q.name, len(a))
		}
		if !slices.Equal(a, b) {
			t.Errorf("%s %+v: the API names %v\nthe floor names %v", q.name, p, a, b)
		}
	}
	if len(days) < 2 || members < 3 {
		t.Errorf("body_members_asof: %d days, at most %d facts named; the test wants real answers", len(days), members)
	}
}

// idsIn is every "id" string in a decoded JSON value, sorted.
func idsIn(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if id, ok := e.(string); ok && k == "id" {
					out = append(out, id)
				} else {
					walk(e)
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	slices.Sort(out)
	return out
}

// sampleServer opens the sample store in dir and serves it as the api mode
// does, with the parameters it would choose; both close with the test.
func sampleServer(t *testing.T, dir string) (*embedded.Store, params, *server) {
	t.Helper()
	ctx := context.Background()
	s, _, err := prepareStore(ctx, config{scale: 0, root: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	p, err := chooseParams(ctx, s, searchText)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := startServer(&countingStore{Store: s}, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.close)
	return s, p, srv
}

// readAPIReport reads the JSON report an api run wrote.
func readAPIReport(t *testing.T, path string) apiReport {
	t.Helper()
	var rep apiReport
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
