package resolvers

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// codeErrors makes every error answer of the GraphQL transports carry a
// code: gqlgen's GET and POST transports write a few of their own errors
// (undecodable variables or extensions in a GET, a mutation over GET)
// without one. Answers with a status below 400 pass straight through;
// error answers are held, and each error without extensions.code gets
// BAD_USER_INPUT. Call the returned finish after the handler.
func codeErrors(w http.ResponseWriter) (http.ResponseWriter, func()) {
	cw := &codedErrorWriter{ResponseWriter: w}
	return cw, cw.finish
}

type codedErrorWriter struct {
	http.ResponseWriter
	status int
	held   *bytes.Buffer
	wrote  bool
}

func (c *codedErrorWriter) WriteHeader(status int) {
	if c.wrote || c.held != nil {
		return
	}
	if status >= 400 {
		c.status, c.held = status, &bytes.Buffer{}
		return
	}
	c.wrote = true
	c.ResponseWriter.WriteHeader(status)
}

func (c *codedErrorWriter) Write(b []byte) (int, error) {
	if c.held != nil {
		return c.held.Write(b)
	}
	c.wrote = true
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (c *codedErrorWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *codedErrorWriter) finish() {
	if c.held == nil {
		return
	}
	body := addErrorCodes(c.held.Bytes())
	c.Header().Del("Content-Length")
	c.ResponseWriter.WriteHeader(c.status)
	_, _ = c.ResponseWriter.Write(body)
}

// addErrorCodes sets extensions.code to BAD_USER_INPUT on each error of a
// GraphQL response body that has no code; other bodies are returned as
// they are.
func addErrorCodes(body []byte) []byte {
	var resp map[string]json.RawMessage
	if json.Unmarshal(body, &resp) != nil || resp["errors"] == nil {
		return body
	}
	var errs []map[string]any
	if json.Unmarshal(resp["errors"], &errs) != nil {
		return body
	}
	changed := false
	for _, e := range errs {
		ext, _ := e["extensions"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
			e["extensions"] = ext
		}
		if c, _ := ext["code"].(string); c == "" {
			ext["code"] = CodeBadUserInput
			changed = true
		}
	}
	if !changed {
		return body
	}
	b, err := json.Marshal(errs)
	if err != nil {
		return body
	}
	resp["errors"] = b
	out, err := json.Marshal(resp)
	if err != nil {
		return body
	}
	return append(out, '\n')
}
