package embedded

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// copyDir copies the files of a data directory, as a crash would leave it.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		src, err := os.Open(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(to, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		src.Close()
		dst.Close()
	}
}

// TestCompactionInBackground: a write that outgrows the log starts a new
// log and returns; the snapshot is written meanwhile, and writes go on
// while it is. A crash before the snapshot is in place loses nothing (the
// two logs after the last snapshot are replayed), and once it is in place
// one generation is left.
func TestCompactionInBackground(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, dir, Options{CompactBytes: 64 << 10, NoSync: true})
	if _, err := s.ReplaceDocument(ctx, genRef()); err != nil {
		t.Fatal(err)
	}
	inRename := make(chan struct{})
	release := make(chan struct{})
	beforeSnapshotRename = func() {
		close(inRename)
		<-release
	}
	defer func() { beforeSnapshotRename = nil }()

	// Write until a compaction is running.
	i := 0
	for ; ; i++ {
		if _, err := s.ReplaceDocument(ctx, genDoc(i, 1)); err != nil {
			t.Fatal(err)
		}
		s.mu.Lock()
		running := s.compacting
		s.mu.Unlock()
		if running {
			break
		}
		if i > 10000 {
			t.Fatal("no compaction started")
		}
	}
	select {
	case <-inRename:
	case <-time.After(time.Minute):
		t.Fatal("the compaction did not reach its snapshot")
	}
	// The snapshot waits for its rename; writers do not wait for it.
	done := make(chan error)
	go func() {
		for j := i + 1; j <= i+20; j++ {
			if _, err := s.ReplaceDocument(ctx, genDoc(j, 1)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("writes waited for the compaction")
	}
	want := contentHash(t, s)

	// A crash now: the snapshot is not in place; both logs are replayed.
	crashed := t.TempDir()
	copyDir(t, dir, crashed)
	c := open(t, crashed, Options{NoSync: true})
	if got := contentHash(t, c); got != want {
		t.Errorf("after a crash during the compaction: content hash %s, want %s", got, want)
	}
	closeStore(t, c)

	close(release)
	closeStore(t, s) // waits for the compaction
	snaps, wals, _, err := generations(dir)
	if err != nil || len(snaps) != 1 || !slices.Equal(wals, snaps) {
		t.Errorf("files after the compaction: %v (%v)", dirNames(t, dir), err)
	}
	s = open(t, dir, Options{NoSync: true})
	if got := contentHash(t, s); got != want {
		t.Errorf("after reopening: content hash %s, want %s", got, want)
	}
	closeStore(t, s)
}
