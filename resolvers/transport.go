package resolvers

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// postJSON is the POST transport (application/json bodies) with a cheaper
// answer: gqlgen's writes every response with json.Marshal, which
// validates and copies the whole answer (a json.RawMessage) once more
// after the executor wrote it, a fifth of a typical query's CPU. A
// response that is only data is written as {"data":...} around the
// executor's bytes instead, which is what json.Marshal makes of it. Every
// other request (one that fails before execution) and every response with
// errors, extensions or incremental parts goes the way gqlgen's
// transport.POST takes, which also answers malformed bodies and
// operations that do not validate.
type postJSON struct {
	transport.POST
}

func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		// gqlgen's transport reads the same bytes and meets the same error.
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), failingReader{err}))
		t.POST.Do(w, r, exec)
		return
	}
	var params graphql.RawParams
	if !decodeParams(body, &params) {
		params = graphql.RawParams{}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&params); err != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			t.POST.Do(w, r, exec)
			return
		}
	}
	params.Headers = r.Header
	start := graphql.Now()
	params.ReadTime = graphql.TraceTiming{Start: start, End: start}
	rc, opErr := exec.CreateOperationContext(r.Context(), &params)
	if opErr != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		t.POST.Do(w, r, exec)
		return
	}
	w.Header().Set("Content-Type", responseType(r.Header.Get("Accept")))
	responses, ctx := exec.DispatchOperation(r.Context(), rc)
	writeResponse(w, responses(ctx))
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// responseType is the media type of the answer by the request's Accept
// header, as gqlgen's transport chooses it (GraphQL over HTTP):
// application/json unless only application/graphql-response+json is
// accepted or it comes first.
func responseType(accept string) string {
	const (
		appJSON     = "application/json"
		gqlResponse = "application/graphql-response+json"
	)
	if accept == "" {
		return appJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", appJSON:
			return appJSON
		case gqlResponse:
			return gqlResponse
		}
	}
	return gqlResponse
}

// writeResponse writes resp as json.Marshal does, without re-encoding the
// data when it is all there is: the executor's marshalers write JSON, and
// json.Marshal would only check and copy it (and escape <, > and & in
// strings, which JSON does not require).
func writeResponse(w http.ResponseWriter, resp *graphql.Response) {
	if resp == nil || len(resp.Errors) > 0 || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || len(resp.Extensions) > 0 {
		b, err := json.Marshal(resp)
		if err != nil {
			b = []byte(`{"errors":[{"message":"the answer could not be encoded"}],"data":null}`)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
		return
	}
	data := []byte(resp.Data)
	if data == nil {
		data = []byte("null")
	}
	// The answer's length is known before it is written: net/http then
	// sends it as it is instead of in chunks once it outgrows the server's
	// buffer, and a client knows its size up front.
	w.Header().Set("Content-Length", strconv.Itoa(len(`{"data":`)+len(data)+len("}")))
	io.WriteString(w, `{"data":`)
	w.Write(data)
	io.WriteString(w, "}")
}
