package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serveWith runs serve with extra flags and environment; it returns the
// base URL, the logs and a stop function.
func serveWith(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer, func()) {
	t.Helper()
	m, _, logs := newMain(env)
	addrs := make(chan net.Addr, 1)
	m.Listening = func(a net.Addr) { addrs <- a }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--rate-limit", "0"}, args...))
	}()
	select {
	case a := <-addrs:
		return "http://" + a.String(), logs, func() { cancel(); <-done }
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped before listening: %v\n%s", err, logs)
	case <-time.After(120 * time.Second):
		cancel()
		t.Fatalf("serve did not start; logs:\n%s", logs)
	}
	return "", nil, nil
}

// errorCode posts a query with a bearer token and returns the first error
// code ("" if none).
func errorCode(t *testing.T, base, token, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

func TestServeAdminTokens(t *testing.T) {
	const fileToken, envToken = "token-from-the-file-0123456789", "token-from-the-environment-987"
	file := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(file, []byte("# admins\nalice:"+fileToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, logs, stop := serveWith(t, map[string]string{adminTokensEnv: "bob:" + envToken}, "--admin-token-file", file)
	const add = `mutation { addAlias(person: "person:vibeke-gamst", alias: "%s") { id } }`
	if c := errorCode(t, base, "", strings.Replace(add, "%s", "V1", 1)); c != "UNAUTHENTICATED" {
		t.Errorf("no token: %q", c)
	}
	if c := errorCode(t, base, fileToken, strings.Replace(add, "%s", "V2", 1)); c != "" {
		t.Errorf("the file's token: %q", c)
	}
	if c := errorCode(t, base, envToken, strings.Replace(add, "%s", "V3", 1)); c != "" {
		t.Errorf("the environment's token: %q", c)
	}
	stop()
	if l := logs.String(); strings.Contains(l, fileToken) || strings.Contains(l, envToken) || !strings.Contains(l, "admin writes") {
		t.Errorf("logs:\n%s", l)
	}

	// Without tokens every mutation is FORBIDDEN.
	base, _, stop = serveWith(t, nil)
	if c := errorCode(t, base, fileToken, strings.Replace(add, "%s", "V4", 1)); c != "FORBIDDEN" {
		t.Errorf("server without tokens: %q", c)
	}
	stop()

	// A bad token file stops serve before it starts, without quoting it.
	m, _, _ := newMain(map[string]string{adminTokensEnv: "carol:short"})
	err := m.Run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "admin tokens") || strings.Contains(err.Error(), "carol:short") {
		t.Errorf("bad tokens: %v", err)
	}
}
