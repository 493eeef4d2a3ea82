package resolvers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// raw sends body with contentType to path and returns the recorder.
func raw(t testing.TB, h http.Handler, method, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "/graphql", bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// errorCodesOf returns the codes of a GraphQL or plain error body.
func errorCodesOf(t testing.TB, body []byte) []string {
	t.Helper()
	var r struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
		Error *struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("the answer is not JSON: %v: %.200q", err, body)
	}
	var codes []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		codes = append(codes, c)
	}
	if r.Error != nil {
		codes = append(codes, r.Error.Code)
	}
	return codes
}

// hostileQueries are queries a client may send to hurt the server, each
// with the code it must be answered with.
func hostileQueries() []struct {
	name, query string
	vars        map[string]any
	code        string
} {
	deep := "{ clusters { nodes { bodies { " + strings.Repeat("members { person { memberships { body { ", 20) + "name" + strings.Repeat(" } } } }", 20) + " } } } }"
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 20000 {
		fmt.Fprintf(&aliases, " a%d: stats { documents }", i)
	}
	aliases.WriteString(" }")
	// A fragment bomb: each level spreads the one below twice, so the
	// expanded query has 2^30 fields while the text is short.
	var bomb strings.Builder
	bomb.WriteString("query { stats { ...F0 } }\n")
	for i := range 30 {
		fmt.Fprintf(&bomb, "fragment F%d on Stats { a: documents ...F%d b: documents ...F%d }\n", i, i+1, i+1)
	}
	bomb.WriteString("fragment F30 on Stats { documents }\n")
	longSearch := strings.Repeat("sundhed ", 100_000/8)
	ids := make([]string, 60_000)
	for i := range ids {
		ids[i] = "p:x"
	}
	return []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"deeply nested", deep, nil, CodeDepthLimit},
		{"alias bomb", aliases.String(), nil, CodeTooManyFields},
		{"fragment bomb", bomb.String(), nil, CodeTooManyFields},
		{"fragment cycle", `query { stats { ...A } } fragment A on Stats { documents ...B } fragment B on Stats { facts { count } ...A }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"first: 100000", `{ people(first: 100000) { nodes { id } } }`, nil, CodeBadUserInput},
		{"search first: 100000", `{ search(text: "sund", first: 100000) { snippet } }`, nil, CodeBadUserInput},
		{"very long search text", `query($t: String!) { search(text: $t) { snippet } }`, map[string]any{"t": longSearch}, CodeBadUserInput},
		{"huge id list", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids}, CodeBadUserInput},
		{"syntax error", `{ people { nodes { id }`, nil, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", `{ nosuchfield }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"wrong variable type", `query($n: Int) { people(first: $n) { nodes { id } } }`, map[string]any{"n": "many"}, "GRAPHQL_VALIDATION_FAILED"},
	}
}

func TestHostileQueriesAreRejectedWithACode(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	for _, tc := range hostileQueries() {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(map[string]any{"query": tc.query, "variables": tc.vars})
			if err != nil {
				t.Fatal(err)
			}
			rec := raw(t, h, http.MethodPost, "application/json", body)
			if rec.Code >= 500 {
				t.Fatalf("status %d: %.300s", rec.Code, rec.Body)
			}
			codes := errorCodesOf(t, rec.Body.Bytes())
			if !slices.Contains(codes, tc.code) {
				t.Errorf("codes %v, want %s (status %d, body %.300s)", codes, tc.code, rec.Code, rec.Body)
			}
			var r struct {
				Data json.RawMessage `json:"data"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &r)
			if tc.code != CodeBadUserInput && len(r.Data) > 0 && string(r.Data) != "null" {
				t.Errorf("a rejected query still answered data: %.200s", r.Data)
			}
		})
	}
}

func TestBadRequestsAreRejectedWithACode(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{MaxBodyBytes: 64 << 10})
	good := []byte(`{"query":"{ stats { documents } }"}`)
	batch := []byte("[" + strings.TrimSuffix(strings.Repeat(string(good)+",", 1000), ",") + "]")
	cases := []struct {
		name, method, contentType string
		body                      []byte
		status                    int
		code                      string
	}{
		{"malformed JSON", http.MethodPost, "application/json", []byte(`{"query": "{ stats { documents } }"`), 400, CodeBadUserInput},
		{"JSON of the wrong shape", http.MethodPost, "application/json", []byte(`{"query": 42}`), 400, CodeBadUserInput},
		{"empty body", http.MethodPost, "application/json", nil, 400, CodeBadUserInput},
		{"no query", http.MethodPost, "application/json", []byte(`{}`), 422, "GRAPHQL_VALIDATION_FAILED"},
		{"text/plain", http.MethodPost, "text/plain", good, 415, CodeBadUserInput},
		{"no content type", http.MethodPost, "", good, 415, CodeBadUserInput},
		{"form", http.MethodPost, "application/x-www-form-urlencoded", []byte("query=%7Bstats%7D"), 415, CodeBadUserInput},
		{"multipart", http.MethodPost, "multipart/form-data; boundary=x", []byte("--x--"), 415, CodeBadUserInput},
		{"batched array", http.MethodPost, "application/json", batch, 400, CodeBadUserInput},
		{"body over the limit", http.MethodPost, "application/json", append([]byte(`{"query":"`), bytes.Repeat([]byte("a"), 100<<10)...), 413, CodeBadUserInput},
		{"PUT", http.MethodPut, "application/json", good, 405, CodeBadUserInput},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := raw(t, h, tc.method, tc.contentType, tc.body)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body)
			}
			if codes := errorCodesOf(t, rec.Body.Bytes()); !slices.Contains(codes, tc.code) {
				t.Errorf("codes %v, want %s: %.300s", codes, tc.code, rec.Body)
			}
		})
	}
	// The same good request with the right content type works, also with
	// a charset parameter.
	if rec := raw(t, h, http.MethodPost, "application/json; charset=utf-8", good); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"documents"`) {
		t.Errorf("good request: %d %s", rec.Code, rec.Body)
	}
}

// TestHostileBurstKeepsMemoryBounded sends every hostile request many times
// and checks the live heap afterwards is not much bigger than before: a
// rejected request must leave nothing behind (caches keep at most their
// configured number of entries).
func TestHostileBurstKeepsMemoryBounded(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var bodies [][]byte
	for _, tc := range hostileQueries() {
		b, err := json.Marshal(map[string]any{"query": tc.query, "variables": tc.vars})
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	send := func(rounds int) {
		for range rounds {
			for _, b := range bodies {
				if rec := raw(t, h, http.MethodPost, "application/json", b); rec.Code >= 500 {
					t.Fatalf("status %d", rec.Code)
				}
			}
		}
	}
	send(2) // warm caches and the sample store
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	send(20)
	after := heap()
	const bound = 64 << 20
	t.Logf("live heap before %d MiB, after %d MiB", before>>20, after>>20)
	if after > before+bound {
		t.Errorf("live heap grew from %d to %d bytes over a burst of hostile requests (bound %d)", before, after, bound)
	}
}

// TestTransportErrorsCarryACode covers the errors gqlgen's transports
// write themselves.
func TestTransportErrorsCarryACode(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	for _, q := range []string{"query=%7B+stats+%7B+documents+%7D+%7D&variables=%5B", "query=%7B+stats+%7B+documents+%7D+%7D&extensions=1", "query=%7B"} {
		rec := get(t, h, "/graphql?"+q, nil)
		if rec.Code != 400 && rec.Code != 422 {
			t.Errorf("GET ?%s: status %d", q, rec.Code)
		}
		if codes := errorCodesOf(t, rec.Body.Bytes()); len(codes) == 0 || slices.Contains(codes, "") {
			t.Errorf("GET ?%s: codes %v: %s", q, codes, rec.Body)
		}
	}
}

// TestArgumentLimitsAtTheBoundary: search text of exactly MaxSearchLength
// characters (Danish letters count once) and exactly MaxIDs ids are
// answered; one more is BAD_USER_INPUT and reads nothing.
func TestArgumentLimitsAtTheBoundary(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{MaxSearchLength: 10, MaxIDs: 3})
	ask := func(query string, vars map[string]any) []string {
		t.Helper()
		body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
		if err != nil {
			t.Fatal(err)
		}
		rec := raw(t, h, http.MethodPost, "application/json", body)
		if rec.Code >= 500 {
			t.Fatalf("status %d: %.300s", rec.Code, rec.Body)
		}
		return errorCodesOf(t, rec.Body.Bytes())
	}
	search := `query($t: String!) { search(text: $t) { snippet } }`
	if codes := ask(search, map[string]any{"t": "æøåsundhed"}); len(codes) != 0 {
		t.Errorf("10 characters: codes %v, want none", codes)
	}
	if codes := ask(search, map[string]any{"t": "æøåsundhedx"}); !slices.Contains(codes, CodeBadUserInput) {
		t.Errorf("11 characters: codes %v, want %s", codes, CodeBadUserInput)
	}
	nodes := `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`
	if codes := ask(nodes, map[string]any{"ids": []string{"region:1081", "region:1082", "region:1083"}}); len(codes) != 0 {
		t.Errorf("3 ids: codes %v, want none", codes)
	}
	if codes := ask(nodes, map[string]any{"ids": []string{"region:1081", "region:1082", "region:1083", "region:1084"}}); !slices.Contains(codes, CodeBadUserInput) {
		t.Errorf("4 ids: codes %v, want %s", codes, CodeBadUserInput)
	}
}
