package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newMain(env map[string]string) (*Main, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return &Main{Stdout: out, Stderr: errOut, Getenv: func(k string) string { return env[k] }}, out, errOut
}

// startServe runs `serve` on a free loopback port and returns its base URL
// and a function that stops it and returns Run's error.
func startServe(t *testing.T, dir string) (string, func() error) {
	t.Helper()
	m, _, logs := newMain(nil)
	addrs := make(chan net.Addr, 1)
	m.Listening = func(a net.Addr) { addrs <- a }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir}) }()
	select {
	case a := <-addrs:
		return "http://" + a.String(), func() error {
			cancel()
			select {
			case err := <-done:
				return err
			case <-time.After(60 * time.Second):
				t.Fatalf("serve did not stop; logs:\n%s", logs)
				return nil
			}
		}
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped before listening: %v\n%s", err, logs)
	case <-time.After(120 * time.Second):
		cancel()
		t.Fatalf("serve did not start; logs:\n%s", logs)
	}
	return "", nil
}

func gql(t *testing.T, base, query string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatal(err)
	}
}

type skeleton struct {
	Stats struct {
		Documents int
		Facts     []struct {
			Kind  string
			Count int
		}
	}
	Municipalities struct {
		Nodes []struct {
			Name   string
			Region *struct{ Name string }
		}
	}
	Clusters struct {
		Nodes []struct {
			Name           string
			Municipalities []struct{ Name string }
		}
	}
}

const skeletonQuery = `{
  stats { documents facts { kind count } }
  municipalities(first: 100) { nodes { name region { name } } }
  clusters { nodes { name municipalities { name } } }
}`

func TestServeLoadsOnceAndKeepsData(t *testing.T) {
	dir := t.TempDir()
	base, stop := startServe(t, dir)
	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	var first skeleton
	gql(t, base, skeletonQuery, &first)
	if n := len(first.Municipalities.Nodes); n != 98 {
		t.Errorf("%d municipalities, want 98", n)
	}
	for _, m := range first.Municipalities.Nodes {
		if m.Region == nil {
			t.Errorf("%s has no region", m.Name)
		}
	}
	if len(first.Clusters.Nodes) != 22 {
		t.Errorf("%d clusters, want 22", len(first.Clusters.Nodes))
	}
	for _, c := range first.Clusters.Nodes {
		if len(c.Municipalities) == 0 {
			t.Errorf("cluster %s has no municipalities", c.Name)
		}
	}
	// The reference skeleton and the five sample minutes.
	if first.Stats.Documents != 6 {
		t.Errorf("%d documents after the first start, want 6", first.Stats.Documents)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}

	base, stop = startServe(t, dir)
	defer stop()
	var second skeleton
	gql(t, base, skeletonQuery, &second)
	a, _ := json.Marshal(first.Stats)
	b, _ := json.Marshal(second.Stats)
	if !bytes.Equal(a, b) {
		t.Errorf("stats changed across a restart:\n%s\n%s", a, b)
	}
	if len(second.Municipalities.Nodes) != 98 || len(second.Clusters.Nodes) != 22 {
		t.Errorf("after restart: %d municipalities, %d clusters", len(second.Municipalities.Nodes), len(second.Clusters.Nodes))
	}
}

func TestServeFinishesInFlightRequests(t *testing.T) {
	base, stop := startServe(t, t.TempDir())
	// A request whose body is still arriving when shutdown starts must
	// still be answered. Send the headers and half the body by hand.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ regions { totalCount } }"}`
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:half])
	time.Sleep(200 * time.Millisecond) // the server has read the headers: the request is in flight

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(200 * time.Millisecond) // shutdown is now waiting for the request
	select {
	case err := <-stopped:
		t.Fatalf("serve stopped with a request in flight: %v", err)
	default:
	}
	if _, err := io.WriteString(conn, body[half:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"totalCount":5`) {
		t.Errorf("in-flight request: %d %s", resp.StatusCode, b)
	}
	if err := <-stopped; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func TestLoadAndExtract(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	minutes := filepath.Join("..", "..", "corpus", "minutes", "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt")
	bad := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(bad, []byte("shopping list\nmilk\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	m, out, _ := newMain(nil)
	if err := m.Run(ctx, []string{"load", "--data", dir, minutes}); err != nil {
		t.Fatalf("load: %v", err)
	}
	if !strings.Contains(out.String(), "1 loaded") {
		t.Errorf("load summary: %q", out.String())
	}
	m, out, _ = newMain(nil)
	if err := m.Run(ctx, []string{"load", "--data", dir, minutes}); err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !strings.Contains(out.String(), "1 unchanged") {
		t.Errorf("reload summary: %q", out.String())
	}
	m, out, errOut := newMain(nil)
	err := m.Run(ctx, []string{"load", "--data", dir, bad})
	if err == nil || exitCode(errOut, err) == 0 || !strings.Contains(out.String(), "1 failed") {
		t.Errorf("loading a non-minutes file: err %v, summary %q", err, out.String())
	}

	m, out, _ = newMain(nil)
	if err := m.Run(ctx, []string{"extract", "--json", minutes}); err != nil {
		t.Fatalf("extract: %v", err)
	}
	var ext struct {
		Document string
		Meetings []struct{ Date string }
	}
	if err := json.Unmarshal([]byte(out.String()), &ext); err != nil || ext.Document != filepath.Base(minutes) ||
		len(ext.Meetings) == 0 || ext.Meetings[0].Date != "2024-06-19" {
		t.Errorf("extract output: %v %+v", err, ext)
	}
	m, _, _ = newMain(nil)
	if err := m.Run(ctx, []string{"extract", "--json", bad}); err == nil || !strings.Contains(err.Error(), "notes.txt:") {
		t.Errorf("extract of a non-minutes file: %v; want an error naming file and line", err)
	}
}

func TestHelpAndUsage(t *testing.T) {
	ctx := context.Background()
	for _, cmd := range []string{"serve", "load", "extract"} {
		m, _, errOut := newMain(nil)
		err := m.Run(ctx, []string{cmd, "--help"})
		if !errors.Is(err, flag.ErrHelp) || exitCode(errOut, err) != 0 || !strings.Contains(errOut.String(), "Usage: sundhedsgraf "+cmd) {
			t.Errorf("%s --help: %v %q", cmd, err, errOut.String())
		}
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"load"}, {"extract"}, {"serve", "--bogus"}} {
		m, _, errOut := newMain(nil)
		if code := exitCode(errOut, m.Run(ctx, args)); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
