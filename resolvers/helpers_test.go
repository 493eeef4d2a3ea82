package resolvers

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// The end-to-end tests share one embedded store loaded with the sample
// corpus (reference skeleton and the five sample minutes) through
// loader.LoadSample, as `serve` does on an empty store.
var (
	sampleOnce  sync.Once
	sampleStore graph.Store
	sampleErr   error
	sampleDir   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleStore != nil {
		_ = sampleStore.Close(context.Background())
	}
	if sampleDir != "" {
		_ = os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

func sample(t testing.TB) graph.Store {
	t.Helper()
	sampleOnce.Do(func() {
		sampleDir, sampleErr = os.MkdirTemp("", "sundhedsgraf-resolvers-")
		if sampleErr != nil {
			return
		}
		var s *embedded.Store
		s, sampleErr = embedded.Open(sampleDir)
		if sampleErr != nil {
			return
		}
		sampleStore = s
		ctx := context.Background()
		if sampleErr = s.EnsureSchema(ctx); sampleErr != nil {
			return
		}
		var sum loader.Summary
		sum, sampleErr = loader.New(s, loader.Options{}).LoadSample(ctx)
		if sampleErr == nil && sum.Failed > 0 {
			sampleErr = sum.Err()
		}
	})
	if sampleErr != nil {
		t.Fatalf("loading the sample corpus: %v", sampleErr)
	}
	return sampleStore
}

func newTestHandler(t testing.TB, store graph.Store, cfg Config) http.Handler {
	t.Helper()
	return NewHandler(store, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// gqlResponse is a GraphQL response with errors decoded for assertions.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions map[string]any `json:"extensions"`
	status     int
	raw        []byte // the body as sent
}

func (r gqlResponse) codes() []string {
	var cs []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		cs = append(cs, c)
	}
	return cs
}

// post sends a GraphQL request body and decodes the response.
func post(t testing.TB, h http.Handler, body any) gqlResponse {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
	r.status, r.raw = rec.Code, rec.Body.Bytes()
	return r
}

// query runs a query with variables and fails the test on any error.
func query(t testing.TB, h http.Handler, q string, vars map[string]any, out any) {
	t.Helper()
	r := post(t, h, map[string]any{"query": q, "variables": vars})
	if len(r.Errors) > 0 {
		t.Fatalf("query errors: %+v", r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatalf("decoding data %s: %v", r.Data, err)
		}
	}
}

// countingStore counts the read calls that reach the store, and the IDs
// a Get or Related asked for more than once in one call.
type countingStore struct {
	graph.Store
	calls   atomic.Int64
	byOp    sync.Map // op name -> *atomic.Int64
	repeats atomic.Int64
}

func (c *countingStore) countRepeats(ids []string) {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			c.repeats.Add(1)
		}
		seen[id] = true
	}
}

func (c *countingStore) count(op string) {
	c.calls.Add(1)
	v, _ := c.byOp.LoadOrStore(op, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

func (c *countingStore) ops() map[string]int64 {
	out := map[string]int64{}
	c.byOp.Range(func(k, v any) bool { out[k.(string)] = v.(*atomic.Int64).Load(); return true })
	return out
}

func (c *countingStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	c.count("Get")
	c.countRepeats(ids)
	return c.Store.Get(ctx, ids)
}

func (c *countingStore) List(ctx context.Context, k graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	c.count("List")
	return c.Store.List(ctx, k, f, p)
}

func (c *countingStore) Count(ctx context.Context, k graph.Kind, f graph.Filter) (int, error) {
	c.count("Count")
	return c.Store.Count(ctx, k, f)
}

func (c *countingStore) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	c.count("Related:" + string(rel))
	c.countRepeats(ids)
	return c.Store.Related(ctx, rel, ids)
}

func (c *countingStore) Search(ctx context.Context, text string, kinds []graph.Kind, limit int) ([]graph.SearchHit, error) {
	c.count("Search")
	return c.Store.Search(ctx, text, kinds, limit)
}

// downStore is a store whose backend has gone away.
type downStore struct{ graph.Store }

var errDown = graph.Wrap(graph.ErrUnavailable, "the store is not reachable", io.ErrUnexpectedEOF)

func (downStore) Ping(context.Context) error { return errDown }
func (downStore) Get(context.Context, []string) (map[string]any, error) {
	return nil, errDown
}
func (downStore) List(context.Context, graph.Kind, graph.Filter, graph.Page) (graph.PageResult, error) {
	return graph.PageResult{}, errDown
}
func (downStore) Related(context.Context, graph.Relation, []string) (map[string][]string, error) {
	return nil, errDown
}
