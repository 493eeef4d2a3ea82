package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
)

// The watcher tests call poll directly, one round at a time, so they are
// about what one poll does, never about how long anything takes.

// watchLog collects the watcher's log lines.
type watchLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *watchLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// lines returns the log lines that contain every one of parts.
func (l *watchLog) lines(parts ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range strings.Split(l.b.String(), "\n") {
		ok := line != ""
		for _, p := range parts {
			ok = ok && strings.Contains(line, p)
		}
		if ok {
			out = append(out, line)
		}
	}
	return out
}

func (l *watchLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newWatchStore(t *testing.T) graph.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := s.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// sampleMinutes returns the bytes of the i-th bundled sample minutes file
// and its name.
func sampleMinutes(t *testing.T, i int) (string, []byte) {
	t.Helper()
	names := corpus.Minutes()
	if len(names) <= i {
		t.Fatalf("the corpus has %d minutes, want at least %d", len(names), i+1)
	}
	data, err := fs.ReadFile(corpus.FS(), "minutes/"+names[i])
	if err != nil {
		t.Fatal(err)
	}
	return names[i], data
}

// docHash returns the SHA-256 the store holds for the document loaded from
// a file of that base name, or "" if there is none.
func docHash(t *testing.T, s graph.Store, name string) string {
	t.Helper()
	docs, err := s.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.FileName == name {
			return d.SHA256
		}
	}
	return ""
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func writeFile(t *testing.T, path string, data []byte, mod time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// An explicit time, so that a rewrite is seen as a change even on file
	// systems with a coarse clock.
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherLoadsNewChangedAndBadFiles(t *testing.T) {
	ctx := context.Background()
	store := newWatchStore(t)
	dir := t.TempDir()
	logs := &watchLog{}
	w := newWatcher(dir, store, slog.New(slog.NewTextHandler(logs, nil)))
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

	w.poll(ctx) // an empty folder
	if docs, _ := store.Documents(ctx); len(docs) != 0 {
		t.Fatalf("an empty folder loaded %d documents", len(docs))
	}

	// A new file loads once it is the same on two polls.
	nameA, dataA := sampleMinutes(t, 0)
	pathA := filepath.Join(dir, nameA)
	writeFile(t, pathA, dataA, t0)
	w.poll(ctx)
	if h := docHash(t, store, nameA); h != "" {
		t.Fatal("a file seen once was loaded before it could be known to be complete")
	}
	w.poll(ctx)
	if h := docHash(t, store, nameA); h != hashOf(dataA) {
		t.Fatalf("after two polls the store holds %q for %s, want the file's hash", h, nameA)
	}
	if got := logs.lines("watched document loaded", nameA); len(got) != 1 {
		t.Fatalf("log lines for the load of %s: %q\n%s", nameA, got, logs)
	}
	w.poll(ctx)
	if got := logs.lines(nameA); len(got) != 1 {
		t.Errorf("an unchanged file was handled again: %q", got)
	}

	// A changed file is loaded again, replacing the old version.
	changed := append(bytes.Clone(dataA), []byte("\nTilføjet efter mødet: rettelse til punkt 1.\n")...)
	writeFile(t, pathA, changed, t0.Add(time.Minute))
	w.poll(ctx)
	w.poll(ctx)
	if h := docHash(t, store, nameA); h != hashOf(changed) {
		t.Fatalf("after a change the store holds %q for %s, want the new hash %q", h, nameA, hashOf(changed))
	}

	// A new time with the same content: the loader sees the same hash and
	// writes nothing.
	if err := os.Chtimes(pathA, t0.Add(2*time.Minute), t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	w.poll(ctx)
	w.poll(ctx)
	if got := logs.lines("watched document unchanged", nameA); len(got) != 1 {
		t.Errorf("a touched file: %q, want one 'unchanged' line\n%s", got, logs)
	}

	// A file still being written (in a subfolder) waits until its size
	// stops changing.
	nameB, dataB := sampleMinutes(t, 1)
	pathB := filepath.Join(dir, "sub", nameB)
	half := len(dataB) / 2
	writeFile(t, pathB, dataB[:half], t0)
	w.poll(ctx)
	writeFile(t, pathB, dataB, t0.Add(time.Second))
	w.poll(ctx)
	if h := docHash(t, store, nameB); h != "" {
		t.Fatalf("a file that grew since the last poll was loaded (hash %s)", h)
	}
	if got := logs.lines(nameB); len(got) != 0 {
		t.Fatalf("a half-written file was handed to the loader: %q", got)
	}
	w.poll(ctx)
	if h := docHash(t, store, nameB); h != hashOf(dataB) {
		t.Fatalf("the completed file %s was not loaded: hash %q", nameB, h)
	}

	// A bad file is logged with its name and line, and the next good file
	// still loads.
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, []byte("REFERAT\nMødedato: 1. februar 2025\nlinje med \x00 i\n"), t0)
	nameC, dataC := sampleMinutes(t, 2)
	writeFile(t, filepath.Join(dir, nameC), dataC, t0)
	// A damaged PDF fails in extraction; the log says so.
	writeFile(t, filepath.Join(dir, "skadet.pdf"), []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >>\n"), t0)
	// Files that are hidden or still downloading are left alone.
	writeFile(t, filepath.Join(dir, ".skjult.txt"), dataB, t0)
	writeFile(t, filepath.Join(dir, "ny.txt.part"), dataB, t0)
	w.poll(ctx)
	w.poll(ctx)
	failed := logs.lines("watched document failed to load", "bad.txt")
	if len(failed) != 1 {
		t.Fatalf("log lines for the bad file: %q\n%s", failed, logs)
	}
	if !strings.Contains(failed[0], "line=3") || !strings.Contains(failed[0], "level=ERROR") {
		t.Errorf("the failure does not give the line (3) at level ERROR: %s", failed[0])
	}
	if got := logs.lines("watched document failed to load", "skadet.pdf", "format=pdf"); len(got) != 1 {
		t.Errorf("log lines for the damaged PDF: %q\n%s", got, logs)
	}
	if h := docHash(t, store, "bad.txt"); h != "" {
		t.Error("the bad file is in the store")
	}
	if h := docHash(t, store, nameC); h != hashOf(dataC) {
		t.Errorf("the good file dropped beside the bad one was not loaded: %q", h)
	}
	for _, skipped := range []string{".skjult.txt", "ny.txt.part"} {
		if got := logs.lines(skipped); len(got) != 0 {
			t.Errorf("%s was handled: %q", skipped, got)
		}
	}
	// A bad file is tried once per version, not on every poll.
	w.poll(ctx)
	if got := logs.lines("bad.txt"); len(got) != 1 {
		t.Errorf("the bad file was tried again without a change: %q", got)
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The reference skeleton (loaded with the first document) and A, B, C.
	if len(docs) != 4 {
		var names []string
		for _, d := range docs {
			names = append(names, d.FileName)
		}
		t.Errorf("the store holds %d documents %q, want the reference and 3 minutes", len(docs), names)
	}
}

// A folder that cannot be listed is logged once, and the watcher goes on
// when it comes back.
func TestWatcherSurvivesAMissingFolder(t *testing.T) {
	ctx := context.Background()
	store := newWatchStore(t)
	dir := filepath.Join(t.TempDir(), "inbox")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	logs := &watchLog{}
	w := newWatcher(dir, store, slog.New(slog.NewTextHandler(logs, nil)))
	w.poll(ctx)
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	w.poll(ctx)
	w.poll(ctx)
	if got := logs.lines("cannot list the watched folder"); len(got) != 1 {
		t.Fatalf("a missing folder logged %d times, want once:\n%s", len(got), logs)
	}
	name, data := sampleMinutes(t, 3)
	writeFile(t, filepath.Join(dir, name), data, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	w.poll(ctx)
	w.poll(ctx)
	if h := docHash(t, store, name); h != hashOf(data) {
		t.Fatalf("after the folder came back, %s was not loaded: %q\n%s", name, h, logs)
	}
}

// serve --watch: documents dropped into the folder while the server runs
// show up in the API, changes replace them, and a bad file is logged and
// changes nothing else.
func TestServeWatchesAFolder(t *testing.T) {
	dir := t.TempDir()
	logs := &watchLog{}
	m := &Main{Stdout: logs, Stderr: logs, Getenv: func(string) string { return "" }}
	addrs := make(chan net.Addr, 1)
	m.Listening = func(a net.Addr) { addrs <- a }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--no-sample",
			"--watch", dir, "--watch-interval", "20ms"})
	}()
	var base string
	select {
	case a := <-addrs:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("serve stopped before listening: %v\n%s", err, logs)
	}

	// documents returns fileName → sha256 as the API reports them.
	documents := func() map[string]string {
		t.Helper()
		body := strings.NewReader(`{"query":"{ documents(first: 100) { nodes { fileName sha256 } } }"}`)
		resp, err := http.Post(base+"/graphql", "application/json", body)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r struct {
			Data struct {
				Documents struct {
					Nodes []struct{ FileName, SHA256 string }
				}
			}
			Errors []any
		}
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
			t.Fatalf("documents: %v %v", err, r.Errors)
		}
		out := map[string]string{}
		for _, d := range r.Data.Documents.Nodes {
			out[d.FileName] = d.SHA256
		}
		return out
	}
	// waitFor polls until cond holds; the test's own deadline bounds it.
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for !cond() {
			select {
			case err := <-done:
				t.Fatalf("serve stopped while waiting for %s: %v\n%s", what, err, logs)
			case <-time.After(20 * time.Millisecond):
			}
		}
	}

	name, data := sampleMinutes(t, 0)
	writeFile(t, filepath.Join(dir, name), data, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	waitFor("the dropped document", func() bool { return documents()[name] == hashOf(data) })

	changed := append(bytes.Clone(data), []byte("\nTilføjet efter mødet.\n")...)
	writeFile(t, filepath.Join(dir, name), changed, time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC))
	waitFor("the changed document", func() bool { return documents()[name] == hashOf(changed) })

	writeFile(t, filepath.Join(dir, "bad.txt"), []byte("REFERAT\nMødedato: 1. februar 2025\nlinje med \x00 i\n"), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	waitFor("the bad file's log line", func() bool {
		return len(logs.lines("watched document failed to load", "bad.txt", "line=3")) > 0
	})
	name2, data2 := sampleMinutes(t, 1)
	writeFile(t, filepath.Join(dir, name2), data2, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	waitFor("a good document after the bad one", func() bool { return documents()[name2] == hashOf(data2) })
	if _, ok := documents()["bad.txt"]; ok {
		t.Error("the bad file is in the store")
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
}

// --watch takes a directory: a file or a missing path is a usage error.
func TestWatchFlagRejectsAFile(t *testing.T) {
	m := &Main{Stdout: &watchLog{}, Stderr: &watchLog{}, Getenv: func(string) string { return "" }}
	file := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{file, filepath.Join(t.TempDir(), "missing")} {
		err := m.Run(context.Background(), []string{"serve", "--watch", arg, "--data", t.TempDir(), "--addr", "127.0.0.1:0"})
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("serve --watch %s: %v, want a usage error", arg, err)
		}
	}
}
