package resolvers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func get(t testing.TB, h http.Handler, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestErrorCodes(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	cases := []struct {
		name, query string
		code        string
	}{
		{"bad cursor", `{ people(first: 2, after: "not-a-cursor") { nodes { id } } }`, CodeBadUserInput},
		{"bad nested cursor", `{ person(name: "Bo Libergren") { attendance(after: "zz") { totalCount } } }`, CodeBadUserInput},
		{"first too large", `{ people(first: 501) { nodes { id } } }`, CodeBadUserInput},
		{"first negative", `{ regions(first: -1) { nodes { id } } }`, CodeBadUserInput},
		{"search first too large", `{ search(text: "x", first: 1000) { snippet } }`, CodeBadUserInput},
		{"bad date", `{ meetings(filter: {from: "19-06-2024"}) { nodes { id } } }`, CodeBadUserInput},
		{"dates reversed", `{ body(id: "body:x") { id } b: bodies(first: 1) { nodes { compositionChange(from: "2025-01-01", to: "2024-01-01") { joined { id } } } } }`, CodeBadUserInput},
		{"person without id or name", `{ person { id } }`, CodeBadUserInput},
		{"unknown field", `{ nope }`, "GRAPHQL_VALIDATION_FAILED"},
		{"parse error", `{ people(`, "GRAPHQL_PARSE_FAILED"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := post(t, h, map[string]any{"query": c.query})
			if !slices.Contains(r.codes(), c.code) {
				t.Errorf("codes %v, want %s (errors %+v)", r.codes(), c.code, r.Errors)
			}
		})
	}
}

func TestUnknownIDIsNullAndMissingReferenceIsNotFound(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	r := post(t, h, map[string]any{"query": `{ person(id: "person:nobody") { id } body(id: "body:nothing") { id } }`})
	if len(r.Errors) != 0 || string(r.Data) != `{"person":null,"body":null}` {
		t.Errorf("unknown ids: data %s errors %+v", r.Data, r.Errors)
	}
	// A non-null reference to a fact that is gone is NOT_FOUND on that field.
	s := &dropStore{Store: sample(t), drop: "person:bo-libergren"}
	h = newTestHandler(t, s, Config{})
	r = post(t, h, map[string]any{"query": `{ body(id: "body:cluster:SD-SONDERJYLLAND:political") { members { person { name } } } }`})
	if !slices.Contains(r.codes(), CodeNotFound) {
		t.Errorf("codes %v, want NOT_FOUND for a membership whose person is gone", r.codes())
	}
}

// dropStore hides one fact from Get, as if it had been deleted.
type dropStore struct {
	graph.Store
	drop string
}

func (d *dropStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	m, err := d.Store.Get(ctx, ids)
	delete(m, d.drop)
	return m, err
}

func TestStoreDownIsUnavailable(t *testing.T) {
	var logs bytes.Buffer
	h := NewHandler(downStore{sample(t)}, Config{}, slog.New(slog.NewTextHandler(&logs, nil)))
	r := post(t, h, map[string]any{"query": `{ people { nodes { id } } cluster(id: "cluster:SD-LILLEBAELT") { name } }`})
	if codes := r.codes(); len(codes) != 2 || codes[0] != CodeUnavailable || codes[1] != CodeUnavailable {
		t.Errorf("codes %v, want UNAVAILABLE twice (errors %+v)", codes, r.Errors)
	}
	for _, e := range r.Errors {
		if strings.Contains(e.Message, "unexpected EOF") {
			t.Errorf("the internal cause leaked to the client: %q", e.Message)
		}
	}
	if !strings.Contains(logs.String(), "unexpected EOF") {
		t.Errorf("the internal cause was not logged: %s", logs.String())
	}
	if rec := get(t, h, "/readyz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the store down: %d", rec.Code)
	}
	if rec := get(t, h, "/healthz", nil); rec.Code != http.StatusOK {
		t.Errorf("/healthz with the store down: %d", rec.Code)
	}
	if rec := get(t, h, "/export/people.csv", nil); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), CodeUnavailable) {
		t.Errorf("export with the store down: %d %s", rec.Code, rec.Body)
	}
}

// panicStore panics in Search, standing in for a bug.
type panicStore struct{ graph.Store }

func (panicStore) Search(context.Context, string, []graph.Kind, int) ([]graph.SearchHit, error) {
	panic("secret internal state")
}

func TestPanicIsInternalAndLogged(t *testing.T) {
	var logs bytes.Buffer
	h := NewHandler(panicStore{sample(t)}, Config{}, slog.New(slog.NewTextHandler(&logs, nil)))
	r := post(t, h, map[string]any{"query": `{ search(text: "x") { snippet } }`})
	if !slices.Equal(r.codes(), []string{CodeInternal}) || r.Errors[0].Message != "internal error" {
		t.Errorf("errors %+v, want one INTERNAL 'internal error'", r.Errors)
	}
	if !strings.Contains(logs.String(), "secret internal state") {
		t.Errorf("the panic was not logged: %s", logs.String())
	}
}

func TestClassifyTable(t *testing.T) {
	for graphCode, want := range map[string]string{
		graph.ErrInvalid: CodeBadUserInput, graph.ErrNotFound: CodeNotFound, graph.ErrUnavailable: CodeUnavailable,
		graph.ErrInternal: CodeInternal, graph.ErrUnauthorized: CodeForbidden, graph.ErrConflict: CodeConflict,
	} {
		code, msg, _ := classify(fmt.Errorf("wrapped: %w", graph.Errorf(graphCode, "safe message")))
		if code != want {
			t.Errorf("%s → %s, want %s", graphCode, code, want)
		}
		if want != CodeInternal && msg != "safe message" || want == CodeInternal && msg != "internal error" {
			t.Errorf("%s: message %q", graphCode, msg)
		}
	}
	if code, msg, _ := classify(errors.New("disk on fire")); code != CodeInternal || msg != "internal error" {
		t.Errorf("plain error → %s %q", code, msg)
	}
	if code, _, _ := classify(context.DeadlineExceeded); code != CodeUnavailable {
		t.Errorf("deadline → %s", code)
	}
}

func TestDepthAndComplexityLimits(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{MaxDepth: 5, MaxComplexity: 1000})
	deep := `{ clusters { nodes { bodies { members { person { name } } } } } }` // 6 levels
	if r := post(t, h, map[string]any{"query": deep}); !slices.Contains(r.codes(), CodeDepthLimit) || r.Data != nil && string(r.Data) != "null" {
		t.Errorf("deep query: codes %v data %s", r.codes(), r.Data)
	}
	// Fragments count where they are used.
	frag := `query { clusters { ...C } } fragment C on ClusterConnection { nodes { bodies { members { person { name } } } } }`
	if r := post(t, h, map[string]any{"query": frag}); !slices.Contains(r.codes(), CodeDepthLimit) {
		t.Errorf("deep query through a fragment: codes %v", r.codes())
	}
	wide := `{ people(first: 500) { nodes { name aliases titles party } } }`
	if r := post(t, h, map[string]any{"query": wide}); !slices.Contains(r.codes(), "COMPLEXITY_LIMIT_EXCEEDED") {
		t.Errorf("costly query: codes %v", r.codes())
	}
	small := `{ people(first: 5) { nodes { name } } }`
	if r := post(t, h, map[string]any{"query": small}); len(r.Errors) != 0 {
		t.Errorf("small query rejected: %+v", r.Errors)
	}
	// Introspection is exempt from the depth limit, so GraphiQL works.
	intro := `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }`
	if r := post(t, h, map[string]any{"query": intro}); len(r.Errors) != 0 {
		t.Errorf("introspection rejected: %+v", r.Errors[0])
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	q := map[string]any{"query": `{ __type(name: "Person") { name } }`}
	if r := post(t, newTestHandler(t, sample(t), Config{}), q); len(r.Errors) != 0 || !strings.Contains(string(r.Data), "Person") {
		t.Errorf("introspection on: %s %+v", r.Data, r.Errors)
	}
	if r := post(t, newTestHandler(t, sample(t), Config{DisableIntrospection: true}), q); len(r.Errors) == 0 {
		t.Errorf("introspection off still answers: %s", r.Data)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	q := `{ regions { totalCount } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}

	r := post(t, h, map[string]any{"extensions": ext})
	if !slices.Contains(r.codes(), "PERSISTED_QUERY_NOT_FOUND") {
		t.Fatalf("unknown hash: codes %v", r.codes())
	}
	if r = post(t, h, map[string]any{"query": q, "extensions": ext}); len(r.Errors) != 0 {
		t.Fatalf("registering: %+v", r.Errors)
	}
	if r = post(t, h, map[string]any{"extensions": ext}); len(r.Errors) != 0 || string(r.Data) != `{"regions":{"totalCount":5}}` {
		t.Errorf("by hash: %s %+v", r.Data, r.Errors)
	}
	// Also over GET, as CDNs like it.
	b, _ := json.Marshal(ext)
	rec := get(t, h, "/graphql?extensions="+url.QueryEscape(string(b)), nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"totalCount":5`) {
		t.Errorf("GET by hash: %d %s", rec.Code, rec.Body)
	}
	wrong := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("0", 64)}}
	if r = post(t, h, map[string]any{"query": q, "extensions": wrong}); len(r.Errors) == 0 {
		t.Errorf("a query with the wrong hash was accepted")
	}
}

func TestHTTPEndpoints(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{MaxBodyBytes: 4096, CORSOrigins: []string{"https://app.example"}})
	if rec := get(t, h, "/healthz", nil); rec.Code != 200 {
		t.Errorf("/healthz: %d", rec.Code)
	}
	if rec := get(t, h, "/readyz", nil); rec.Code != 200 {
		t.Errorf("/readyz: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, h, "/", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/graphql") {
		t.Errorf("playground: %d", rec.Code)
	}
	if rec := get(t, h, "/nope", nil); rec.Code != 404 {
		t.Errorf("/nope: %d", rec.Code)
	}
	rec := get(t, h, "/graphql?query="+url.QueryEscape(`{ regions { totalCount } }`), map[string]string{"Origin": "https://app.example"})
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"totalCount":5`) {
		t.Errorf("GET /graphql: %d %s", rec.Code, rec.Body)
	}
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("CORS for an allowed origin: %q", got)
	}
	if got := get(t, h, "/healthz", map[string]string{"Origin": "https://evil.example"}).Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS for another origin: %q", got)
	}
	// Default: any origin, no credentials.
	any := get(t, newTestHandler(t, sample(t), Config{}), "/healthz", map[string]string{"Origin": "https://x.example"})
	if any.Header().Get("Access-Control-Allow-Origin") != "*" || any.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("default CORS: %v", any.Header())
	}
	// Oversized bodies are refused before parsing.
	big := `{"query":"{ regions { totalCount } }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	if rr.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d %s", rr.Code, rr.Body)
	}
}

func TestExportCSVAndJSON(t *testing.T) {
	s := sample(t)
	h := newTestHandler(t, s, Config{MaxPageSize: 40}) // several pages per export
	stats, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, kind := range map[string]graph.Kind{"people": graph.KindPerson, "memberships": graph.KindMembership,
		"attendance": graph.KindAttendance, "initiatives": graph.KindInitiative} {
		rec := get(t, h, "/export/"+name+".csv", nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("%s.csv: %d %s", name, rec.Code, rec.Body)
		}
		rows, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil {
			t.Fatalf("%s.csv does not parse: %v", name, err)
		}
		if len(rows)-1 != stats.Facts[kind] {
			t.Errorf("%s.csv has %d rows, the store %d facts", name, len(rows)-1, stats.Facts[kind])
		}
		header := rows[0]
		docCol := slices.Index(header, "source_documents")
		if header[0] != "id" || docCol < 0 || !slices.Contains(header, "source_lines") {
			t.Errorf("%s.csv header %v", name, header)
		}
		ids := map[string]bool{}
		for _, row := range rows[1:] {
			if len(row) != len(header) || row[docCol] == "" {
				t.Errorf("%s.csv row without source: %v", name, row)
			}
			if ids[row[0]] {
				t.Errorf("%s.csv repeats %s", name, row[0])
			}
			ids[row[0]] = true
		}

		rec = get(t, h, "/export/"+name+".json", nil)
		var objs []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &objs); err != nil || rec.Code != 200 {
			t.Fatalf("%s.json: %d %v", name, rec.Code, err)
		}
		if len(objs) != len(rows)-1 {
			t.Errorf("%s.json has %d objects, the CSV %d rows", name, len(objs), len(rows)-1)
		}
	}

	// The rows carry names, not only IDs.
	rows, _ := csv.NewReader(get(t, h, "/export/memberships.csv", nil).Body).ReadAll()
	found := false
	for _, row := range rows {
		if row[2] == "Bo Libergren" && row[4] == "Sundhedsklynge Sønderjylland - Politisk niveau" &&
			strings.Contains(row[len(row)-3], "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt") {
			found = true
		}
	}
	if !found {
		t.Errorf("memberships.csv lacks Bo Libergren's Sønderjylland seat with its source")
	}
	var inits []map[string]any
	_ = json.Unmarshal(get(t, h, "/export/initiatives.json", nil).Body.Bytes(), &inits)
	amounts := 0
	for _, i := range inits {
		if i["name"] == "Ulighed i Sundhed" && i["amount_dkk"] == float64(1_350_000) {
			amounts++
		}
	}
	if amounts != 1 {
		t.Errorf("initiatives.json: Ulighed i Sundhed with 1350000 found %d times", amounts)
	}
	if rec := get(t, h, "/export/secrets.csv", nil); rec.Code != 404 {
		t.Errorf("unknown export: %d", rec.Code)
	}
	if b, _ := io.ReadAll(get(t, h, "/export/people.csv?bom=1", nil).Body); !bytes.HasPrefix(b, []byte("\ufeffid,")) {
		t.Errorf("bom=1 does not start with a BOM: %q", b[:10])
	}
}

// TestRequestLog: every request is logged once with its method, path,
// status, answer size, duration and remote address, and not at all when
// the logger's level hides it.
func TestRequestLog(t *testing.T) {
	var logs bytes.Buffer
	h := NewHandler(sample(t), Config{}, slog.New(slog.NewTextHandler(&logs, nil)))
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	line := logs.String()
	for _, want := range []string{"level=INFO", `msg="http request"`, "method=POST", "path=/graphql", "status=200",
		fmt.Sprintf("bytes=%d", rec.Body.Len()), "duration=", "remote=" + req.RemoteAddr} {
		if !strings.Contains(line, want) {
			t.Errorf("log %q lacks %q", line, want)
		}
	}
	if n := strings.Count(line, "\n"); n != 1 {
		t.Errorf("%d log lines for one request: %q", n, line)
	}
	logs.Reset()
	quiet := NewHandler(sample(t), Config{}, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})))
	req = httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	quiet.ServeHTTP(httptest.NewRecorder(), req)
	if logs.Len() != 0 {
		t.Errorf("a hidden level logged %q", logs.String())
	}
}
