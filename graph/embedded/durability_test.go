package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

func open(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	s, err := OpenWith(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return s
}

func closeStore(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func contentHash(t *testing.T, s graph.Store) string {
	t.Helper()
	all, err := storetest.AllFacts(context.Background(), s)
	if err != nil {
		t.Fatalf("AllFacts: %v", err)
	}
	return graph.ContentHash(all)
}

func TestDurableAcrossReopen(t *testing.T) {
	ctx := context.Background()
	for _, compact := range []int64{0, 1} { // 1: every write compacts
		t.Run(fmt.Sprintf("CompactBytes=%d", compact), func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir, Options{CompactBytes: compact})
			storetest.Load(t, ctx, s, storetest.Fixtures()...)
			storetest.Load(t, ctx, s, storetest.Minutes1Corrected())
			if ok, err := s.DeleteDocument(ctx, storetest.AdminDocID); err != nil || !ok {
				t.Fatalf("DeleteDocument = %v, %v", ok, err)
			}
			want := contentHash(t, s)
			wantStats, _ := s.Stats(ctx)
			closeStore(t, s)
			if _, err := s.Get(ctx, []string{"person:x"}); graph.ErrorCode(err) != graph.ErrUnavailable {
				t.Errorf("Get after Close: %v; want ErrUnavailable", err)
			}

			s = open(t, dir, Options{CompactBytes: compact})
			if got := contentHash(t, s); got != want {
				t.Errorf("content hash after reopening %s; want %s", got, want)
			}
			st, _ := s.Stats(ctx)
			if fmt.Sprint(st) != fmt.Sprint(wantStats) {
				t.Errorf("Stats after reopening %+v; want %+v", st, wantStats)
			}
			// Reloading what is there changes nothing.
			if r := storetest.Load(t, ctx, s, storetest.Minutes2()); !r[0].Unchanged {
				t.Errorf("reloading after reopen = %+v; want Unchanged", r[0])
			}
			closeStore(t, s)

			names := dirNames(t, dir)
			if compact == 1 {
				// One generation is left, and it is not the first.
				if len(names) != 3 || names[0] != "LOCK" || names[1] == snapName(0) ||
					strings.TrimPrefix(strings.TrimSuffix(names[1], snapSuffix), snapPrefix) != strings.TrimPrefix(strings.TrimSuffix(names[2], walSuffix), walPrefix) {
					t.Errorf("files after compactions: %v", names)
				}
			} else if !slices.Equal(names, []string{"LOCK", walName(0)}) {
				t.Errorf("files without compaction: %v", names)
			}
		})
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func TestTornTail(t *testing.T) {
	ctx := context.Background()
	// A store with two whole documents, and the log after a third.
	base := t.TempDir()
	s := open(t, base, Options{})
	fx := storetest.Fixtures()
	storetest.Load(t, ctx, s, fx[0], fx[1])
	want := contentHash(t, s)
	goodSize := s.log.size
	storetest.Load(t, ctx, s, fx[2])
	closeStore(t, s)
	full, err := os.ReadFile(filepath.Join(base, walName(0)))
	if err != nil {
		t.Fatal(err)
	}
	last := full[goodSize:]

	damage := map[string][]byte{
		"half a header":     append(slices.Clone(full[:goodSize]), last[:5]...),
		"header only":       append(slices.Clone(full[:goodSize]), last[:headerSize]...),
		"half the payload":  append(slices.Clone(full[:goodSize]), last[:len(last)/2]...),
		"all but one byte":  slices.Clone(full[:len(full)-1]),
		"flipped byte":      flip(full, int(goodSize)+headerSize+len(last)/3),
		"length of garbage": append(slices.Clone(full[:goodSize]), 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5),
		"zeroed tail":       append(slices.Clone(full[:goodSize]), make([]byte, 4096)...),
	}
	for name, log := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, walName(0)), log, 0o644); err != nil {
				t.Fatal(err)
			}
			s := open(t, dir, Options{})
			if got := contentHash(t, s); got != want {
				t.Errorf("after a torn tail the store differs from the two whole documents")
			}
			if fi, err := os.Stat(filepath.Join(dir, walName(0))); err != nil || fi.Size() != int64(goodSize) {
				t.Errorf("log not cut back to the last good record: %v, %v; want %d bytes", fi.Size(), err, goodSize)
			}
			// The store works: the third document loads and survives a
			// reopen.
			storetest.Load(t, ctx, s, storetest.Minutes2())
			h := contentHash(t, s)
			closeStore(t, s)
			s = open(t, dir, Options{})
			defer closeStore(t, s)
			if got := contentHash(t, s); got != h {
				t.Errorf("write after repair lost on reopen")
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := slices.Clone(b)
	c[i] ^= 0x40
	return c
}

func TestDamagedSnapshotFailsOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, dir, Options{})
	storetest.Load(t, ctx, s, storetest.Fixtures()...)
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	closeStore(t, s)
	path := filepath.Join(dir, snapName(1))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Cut at a record boundary: only the end record tells.
	var firstLen int
	_, _ = readRecords(strings.NewReader(string(b)), func(op byte, body []byte) error {
		if firstLen == 0 {
			firstLen = headerSize + 1 + len(body)
		}
		return nil
	})
	if err := os.WriteFile(path, b[:firstLen], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	if graph.ErrorCode(err) != graph.ErrInternal {
		t.Fatalf("Open with a cut snapshot: %v; want ErrInternal", err)
	}
	// And the failed Open released the lock.
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir, Options{})
	closeStore(t, s)
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	_, err := Open(dir)
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.Code != graph.ErrUnavailable || !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open in one process: %v; want ErrUnavailable wrapping ErrLocked", err)
	}
	closeStore(t, s)
	s = open(t, dir, Options{}) // released by Close
	closeStore(t, s)

	// Another process holds it until it dies.
	cmd, lines := child(t, "lock", dir)
	if l := <-lines; l != "locked" {
		t.Fatalf("child said %q", l)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("Open while another process holds the directory: %v; want ErrLocked", err)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	s = open(t, dir, Options{})
	closeStore(t, s)
}

// child re-executes the test binary as a helper process that runs
// TestHelperProcess in the given mode, and returns the lines it prints.
func child(t *testing.T, mode, dir string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SUNDHEDSGRAF_EMBEDDED_HELPER="+mode, "SUNDHEDSGRAF_EMBEDDED_DIR="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return cmd, lines
}

// TestHelperProcess is the child of TestLock and TestCrash; it does nothing
// in a normal run.
func TestHelperProcess(t *testing.T) {
	mode, dir := os.Getenv("SUNDHEDSGRAF_EMBEDDED_HELPER"), os.Getenv("SUNDHEDSGRAF_EMBEDDED_DIR")
	if mode == "" {
		t.Skip("helper process for TestLock and TestCrash")
	}
	ctx := context.Background()
	s, err := OpenWith(dir, Options{CompactBytes: 400 << 10})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(2)
	}
	switch mode {
	case "lock":
		fmt.Println("locked")
		time.Sleep(time.Minute)
	case "load":
		docs, err := s.Documents(ctx)
		if err != nil {
			os.Exit(2)
		}
		// Documents are written in order, so the ones present are 0..n-1
		// (plus the reference); go on from there.
		next := 0
		for _, d := range docs {
			if strings.HasPrefix(d.ID, "document:gen-0") {
				next++
			}
		}
		if _, err := s.ReplaceDocument(ctx, genRef()); err != nil {
			os.Exit(2)
		}
		for i := next; ; i++ {
			if _, err := s.ReplaceDocument(ctx, genDoc(i, 1)); err != nil {
				fmt.Println("write failed:", err)
				os.Exit(2)
			}
			if i%2 == 0 {
				if _, err := s.ReplaceDocument(ctx, genDoc(i, 2)); err != nil {
					fmt.Println("write failed:", err)
					os.Exit(2)
				}
			}
			fmt.Println(i)
		}
	}
	os.Exit(0)
}

// TestCrash kills a process that is loading documents, several times, and
// checks after each kill that every document is wholly present or wholly
// absent and the store works.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	ctx := context.Background()
	dir := t.TempDir()
	killed := 0
	for round := range 4 {
		cmd, lines := child(t, "load", dir)
		// Let it write a varying number of documents, then kill it while it
		// is writing the next.
		waitFor := 3 + round*5
		for n := 0; n < waitFor; n++ {
			if _, ok := <-lines; !ok {
				t.Fatalf("round %d: the child stopped early", round)
			}
		}
		time.Sleep(time.Duration(round) * 3 * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		killed++

		s := open(t, dir, Options{})
		checkGenerated(t, ctx, s)
		closeStore(t, s)
	}
	if killed != 4 {
		t.Fatalf("killed %d children", killed)
	}
	// After all the kills the store still takes writes and keeps them.
	s := open(t, dir, Options{})
	storetest.Load(t, ctx, s, storetest.Fixtures()...)
	h := contentHash(t, s)
	closeStore(t, s)
	s = open(t, dir, Options{})
	defer closeStore(t, s)
	if contentHash(t, s) != h {
		t.Error("a write after the crashes was lost on reopen")
	}
}

// checkGenerated checks a store holding generated documents: they are
// 0..n-1 with nothing missing, each in version 1 or 2 and with exactly that
// version's facts, and no fact of a later document is there.
func checkGenerated(t *testing.T, ctx context.Context, s *Store) {
	t.Helper()
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var present []graph.Document
	for _, d := range docs {
		if strings.HasPrefix(d.ID, "document:gen-0") {
			present = append(present, d)
		}
	}
	slices.SortFunc(present, func(a, b graph.Document) int { return strings.Compare(a.ID, b.ID) })
	n := len(present)
	if n == 0 {
		t.Fatal("no generated document survived")
	}
	contribs := len(genFactIDs(genRef()))
	for i, d := range present {
		if want := genDoc(i, 1).Document.ID; d.ID != want {
			t.Fatalf("document %d is %s; want %s (documents must be a prefix of the load order)", i, d.ID, want)
		}
		var version *graph.DocumentFacts
		for _, v := range []*graph.DocumentFacts{genDoc(i, 1), genDoc(i, 2)} {
			if v.Document.SHA256 == d.SHA256 {
				version = v
			}
		}
		if version == nil {
			t.Fatalf("%s has SHA256 %s, which is neither version", d.ID, d.SHA256)
		}
		want := genFactIDs(version)
		contribs += len(want)
		rel, err := s.Related(ctx, graph.RelFactsOfDocument, []string{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Sorted(slices.Values(rel[d.ID]))
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d facts; its version has %d", d.ID, len(got), len(want))
		}
		facts, err := s.Get(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range want {
			f, ok := facts[id]
			if !ok {
				t.Errorf("%s: fact %s missing", d.ID, id)
				continue
			}
			found := false
			for _, src := range graph.SourcesOf(f) {
				found = found || (src.DocumentID == d.ID && src.SHA256 == d.SHA256)
			}
			if !found {
				t.Errorf("%s: fact %s has no source from this version", d.ID, id)
			}
		}
	}
	// Nothing of the next documents, whose writes did not finish.
	for i := n; i < n+2; i++ {
		only := []string{fmt.Sprintf("meeting:gen-%05d", i), fmt.Sprintf("item:gen-%05d-1", i), fmt.Sprintf("attendance:gen-%05d-%d", i, (i/genClusters*7)%60)}
		got, err := s.Get(ctx, append(only, genDoc(i, 1).Document.ID))
		if err != nil || len(got) != 0 {
			t.Errorf("facts of unfinished document %d are present: %v, %v", i, got, err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Contributions != contribs || st.Documents != n+1 {
		t.Errorf("Stats = %+v, %v; want %d documents and %d contributions", st, err, n+1, contribs)
	}
	t.Logf("%d documents survived the kill", n)
}
