package resolvers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// TestPostJSONAnswersAsGqlgen: the POST transport answers every request as
// gqlgen's does: status, media type and the same JSON, for answers with
// data only, with errors, and for requests that fail before execution.
func TestPostJSONAnswersAsGqlgen(t *testing.T) {
	r := newResolver(sample(t), DefaultConfig(), slog.New(slog.DiscardHandler))
	server := func(tr graphql.Transport) http.Handler {
		srv := handler.New(exec.NewExecutableSchema(exec.Config{Resolvers: r, Complexity: r.complexity()}))
		srv.AddTransport(tr)
		return r.perRequest(time.Minute, srv)
	}
	ours, theirs := server(postJSON{}), server(transport.POST{})
	for _, c := range []struct {
		name, body, accept string
		broken             bool // the body fails after its bytes
	}{
		{"data", `{"query":"{ person(id: \"person:bo-libergren\") { name memberships { role body { name } } } }"}`, "", false},
		{"data with characters JSON may escape", `{"query":"{ search(text: \"sundhed\") { snippet } }"}`, "application/json", false},
		{"an error in a field", `{"query":"query($id: ID!) { person(id: $id) { name } node(id: \"x:y\") { id } }","variables":{"id":"person:bo-libergren"}}`, "*/*", false},
		{"a query that does not validate", `{"query":"{ nope }"}`, "", false},
		{"a query that does not validate, graphql-response", `{"query":"{ nope }"}`, "application/graphql-response+json", false},
		{"an unknown media type", `{"query":"{ clusters { nodes { name } } }"}`, "text/html", false},
		{"malformed JSON", `{"query":`, "", false},
		{"a missing variable", `{"query":"query($id: ID!) { person(id: $id) { name } }"}`, "", false},
		{"a body that cannot be read", `{"query":"{ clusters { nodes { name } } }"}`, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			do := func(h http.Handler) *httptest.ResponseRecorder {
				var body io.Reader = bytes.NewReader([]byte(c.body))
				if c.broken {
					body = io.MultiReader(body, failingReader{errors.New("connection reset")})
				}
				req := httptest.NewRequest(http.MethodPost, "/graphql", body)
				req.Header.Set("Content-Type", "application/json")
				if c.accept != "" {
					req.Header.Set("Accept", c.accept)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			a, b := do(ours), do(theirs)
			if a.Code != b.Code || a.Header().Get("Content-Type") != b.Header().Get("Content-Type") {
				t.Errorf("ours %d %s, gqlgen's %d %s", a.Code, a.Header().Get("Content-Type"), b.Code, b.Header().Get("Content-Type"))
			}
			var ja, jb any
			if err := json.Unmarshal(a.Body.Bytes(), &ja); err != nil {
				t.Fatalf("ours is not JSON: %v\n%s", err, a.Body)
			}
			if err := json.Unmarshal(b.Body.Bytes(), &jb); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ja, jb) {
				t.Errorf("ours\n%s\ngqlgen's\n%s", a.Body, b.Body)
			}
			// An answer the executor wrote declares its length (the
			// unreadable body is answered by gqlgen's transport).
			if cl := a.Header().Get("Content-Length"); a.Code == http.StatusOK && !c.broken && cl != strconv.Itoa(a.Body.Len()) {
				t.Errorf("Content-Length %q for %d bytes", cl, a.Body.Len())
			}
		})
	}
}
