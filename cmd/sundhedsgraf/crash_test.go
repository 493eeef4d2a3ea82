package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// The process tests run the real binary: go build into a temporary
// directory once per test run.
var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "sundhedsgraf-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "sundhedsgraf")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{err, string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("building the binary: %v", binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// generatedMinutes writes a small generated corpus and returns its minutes
// in the order load walks them.
func generatedMinutes(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	if _, err := gen.Write(dir, gen.Options{Seed: 6, Years: 1, MeetingsPerYear: 2}); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "minutes", "*.txt"))
	if err != nil || len(files) < 20 {
		t.Fatalf("generated %d documents (%v)", len(files), err)
	}
	slices.Sort(files)
	return files
}

// loadUntil starts `sundhedsgraf load` of files into data and sends sig
// delay after it has logged `after` loaded documents (so the signal lands
// at different points of the next document's write); it returns the
// process's exit error and its log.
func loadUntil(t *testing.T, data string, files []string, after int, delay time.Duration, sig syscall.Signal) (error, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"load", "--data", data}, files...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	var log strings.Builder
	sc := bufio.NewScanner(stderr)
	loaded, sent := 0, false
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "document loaded") {
			loaded++
		}
		if loaded >= after && !sent {
			time.Sleep(delay)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			sent = true
		}
	}
	err = cmd.Wait()
	if !sent {
		t.Fatalf("the load ended before %d documents were loaded:\n%s", after, log.String())
	}
	return err, log.String()
}

// storeSnapshot opens the embedded store in data and returns its documents'
// file names and every fact as normalised JSON (load times removed).
func storeSnapshot(t *testing.T, data string) ([]string, string) {
	t.Helper()
	ctx := context.Background()
	s, err := embedded.Open(data)
	if err != nil {
		t.Fatalf("reopening the store: %v", err)
	}
	defer s.Close(ctx)
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.FileName)
	}
	slices.Sort(names)
	facts, err := storetest.AllFacts(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(facts, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return names, loadedAt.ReplaceAllString(string(b), `"loadedAt": ""`)
}

var loadedAt = regexp.MustCompile(`"loadedAt": "[^"]*"`)

// checkWholeDocuments checks that the store in data holds a proper subset
// of files and exactly what a clean load of that subset gives.
func checkWholeDocuments(t *testing.T, data string, files []string) {
	t.Helper()
	names, got := storeSnapshot(t, data)
	var kept []string
	for _, f := range files {
		if slices.Contains(names, filepath.Base(f)) {
			kept = append(kept, f)
		}
	}
	// Documents that are no file of ours (the reference skeleton) come
	// with every load; the comparison with a clean load covers them.
	if len(kept) == 0 || len(kept) == len(files) {
		t.Fatalf("the store holds %d of %d documents; the signal should have come in between", len(kept), len(files))
	}
	t.Logf("%d of %d documents survived", len(kept), len(files))
	clean := t.TempDir()
	out, err := exec.Command(binary(t), append([]string{"load", "--data", clean}, kept...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("clean load: %v\n%s", err, out)
	}
	wantNames, want := storeSnapshot(t, clean)
	if !slices.Equal(names, wantNames) {
		t.Fatalf("documents %v, a clean load has %v", names, wantNames)
	}
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("the store differs from a clean load of the same %d documents at line %d:\n got %s\nwant %s", len(kept), i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("the store differs from a clean load of the same %d documents: %d vs %d lines", len(kept), len(gl), len(wl))
	}
}

// TestLoadSurvivesKill9 kills a running load with SIGKILL (no chance to
// clean up) and checks the reopened store holds the documents that were
// written whole and nothing of the rest.
// The kill comes at several delays after a document was logged, so some
// runs hit the middle of the next document's write.
func TestLoadSurvivesKill9(t *testing.T) {
	files := generatedMinutes(t)
	for _, delay := range []time.Duration{0, time.Millisecond, 3 * time.Millisecond, 7 * time.Millisecond, 15 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			data := t.TempDir()
			err, log := loadUntil(t, data, files, 8, delay, syscall.SIGKILL)
			if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the load was not killed: %v\n%s", err, log)
			}
			checkWholeDocuments(t, data, files)
		})
	}
}
