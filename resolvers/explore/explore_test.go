package explore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/explore"
)

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func TestHandlerServesPageAndAssets(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle(explore.Prefix, explore.Handler())
	for _, tc := range []struct {
		path, contentType, contains string
	}{
		{"/explore/", "text/html", `<script src="app.js"`},
		{"/explore/app.js", "javascript", "async function gql("},
		{"/explore/style.css", "text/css", ".network"},
	} {
		rec := get(t, mux, http.MethodGet, tc.path)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d", tc.path, rec.Code)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, tc.contentType) {
			t.Errorf("GET %s: Content-Type %q, want %s", tc.path, ct, tc.contentType)
		}
		if !strings.Contains(rec.Body.String(), tc.contains) {
			t.Errorf("GET %s: body lacks %q", tc.path, tc.contains)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q lets the page load from elsewhere", tc.path, csp)
		}
	}
	// /explore without the slash goes to the page.
	if rec := get(t, mux, http.MethodGet, "/explore"); rec.Code/100 != 3 || rec.Header().Get("Location") != "/explore/" {
		t.Errorf("GET /explore: %d to %q, want a redirect to /explore/", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(t, mux, http.MethodGet, "/explore/nothing.js"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /explore/nothing.js: %d, want 404", rec.Code)
	}
	if rec := get(t, mux, http.MethodPost, "/explore/"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /explore/: %d, want 405", rec.Code)
	}
}

// The page fetches nothing from another origin: no absolute URLs in what
// it loads, and its only endpoint is the public GraphQL API.
func TestPageUsesOnlyThisOrigin(t *testing.T) {
	h := explore.Handler()
	abs := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|fetch\(\s*["']https?:`)
	for _, path := range []string{"/explore/", "/explore/app.js", "/explore/style.css"} {
		body, _ := io.ReadAll(get(t, h, http.MethodGet, path).Body)
		if m := abs.Find(body); m != nil {
			t.Errorf("%s loads from another origin: %q", path, m)
		}
	}
	js, _ := io.ReadAll(get(t, h, http.MethodGet, "/explore/app.js").Body)
	if !strings.Contains(string(js), "const API = '/graphql';") {
		t.Error("app.js does not talk to /graphql")
	}
	if n := strings.Count(string(js), "fetch("); n != 1 {
		t.Errorf("app.js calls fetch %d times, want once (in gql)", n)
	}
}
