package resolvers

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzGraphQLRequest sends arbitrary bodies, content types and GET queries
// through the real handler. Whatever arrives, the handler must not panic,
// must not answer 500, and must answer JSON; an error names a code, and no
// answer shows internal details (Go type names, file paths, stacks).
func FuzzGraphQLRequest(f *testing.F) {
	f.Add("POST", "application/json", `{"query":"{ stats { documents } }"}`, "")
	f.Add("POST", "application/json", `{"query":"query($t: String!) { search(text: $t) { snippet } }","variables":{"t":"sundhed"}}`, "")
	f.Add("POST", "application/json", `{"query":"{ people(first: 3) { nodes { id name memberships { body { name } } } } }"}`, "")
	f.Add("POST", "application/json", `{"query":"query { stats { ...A } } fragment A on Stats { documents ...A }"}`, "")
	f.Add("POST", "application/json", `[{"query":"{ stats { documents } }"}]`, "")
	f.Add("POST", "application/json", `{"query":"{ stats { documents }`, "")
	f.Add("POST", "application/json", `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`, "")
	f.Add("POST", "application/json; charset=latin1", `{"query":"{ node(id: \"p:\\u0000\") { id } }"}`, "")
	f.Add("POST", "text/plain", `{"query":"{ stats { documents } }"}`, "")
	f.Add("POST", "multipart/form-data; boundary=x", "--x\r\n\r\n--x--", "")
	f.Add("GET", "", "", "query=%7B+stats+%7B+documents+%7D+%7D")
	f.Add("GET", "", "", "query=%7B&variables=%5B")
	f.Add("GET", "", "", "extensions=%7B%22persistedQuery%22%3A1%7D")
	f.Add("OPTIONS", "", "", "")
	h := newTestHandler(f, sample(f), Config{RequestTimeout: 5e9})
	f.Fuzz(func(t *testing.T, method, contentType, body, rawQuery string) {
		switch method {
		case "GET", "POST", "OPTIONS", "PUT", "DELETE":
		default:
			method = "POST"
		}
		req := httptest.NewRequest(method, "/graphql", bytes.NewReader([]byte(body)))
		req.URL.RawQuery = rawQuery
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %s %q %q ?%s: %.500s", rec.Code, method, contentType, body, rawQuery, rec.Body)
		}
		if method == http.MethodOptions || rec.Body.Len() == 0 {
			return
		}
		out := rec.Body.String()
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("the answer is not JSON (status %d): %.500s", rec.Code, out)
		}
		for _, leak := range []string{"goroutine ", ".go:", "runtime.", "*graph.", "sundhedsgraf/sundhedsgraf"} {
			if strings.Contains(out, leak) {
				t.Fatalf("the answer shows internal details (%q): %.500s", leak, out)
			}
		}
		if rec.Code >= 400 {
			if codes := errorCodesOf(t, rec.Body.Bytes()); len(codes) == 0 || slicesContainsEmpty(codes) {
				t.Fatalf("an error answer without a code (status %d): %.500s", rec.Code, out)
			}
		}
	})
}

func slicesContainsEmpty(codes []string) bool {
	for _, c := range codes {
		if c == "" {
			return true
		}
	}
	return false
}
