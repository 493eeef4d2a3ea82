package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// runLoad over a small generated corpus: every document is counted once,
// the tenths cover the load without gaps, and -max-time truncates. Nothing
// here is timed.
func TestRunLoadCountsEveryDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a generated corpus")
	}
	dir := t.TempDir()
	st, err := gen.Write(dir, gen.Options{Seed: 3, Years: 1, MeetingsPerYear: 1})
	if err != nil {
		t.Fatal(err)
	}
	files, err := minutesFiles(dir)
	if err != nil || len(files) != st.Documents {
		t.Fatalf("%d files, %v; want %d", len(files), err, st.Documents)
	}
	ctx := context.Background()
	r, err := runLoad(ctx, files, 1, loadOpts{backend: "embedded"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Docs != len(files) || r.Failed != 0 || r.Facts == 0 || r.Truncated {
		t.Errorf("%d docs (%d failed, truncated %t), %d facts; want %d docs", r.Docs, r.Failed, r.Truncated, r.Facts, len(files))
	}
	if seg := (len(files) + 9) / 10; len(r.Segments) != (len(files)+seg-1)/seg {
		t.Errorf("%d tenths of %d documents, want %d", len(r.Segments), seg, (len(files)+seg-1)/seg)
	}
	next := 1
	for _, s := range r.Segments {
		if s.FromDoc != next || s.ToDoc < s.FromDoc || s.DocsPerMin <= 0 || s.CallsPerDoc <= 0 || s.SlowestWriteMs <= 0 {
			t.Errorf("tenth %+v after document %d", s, next-1)
		}
		next = s.ToDoc + 1
	}
	if next != len(files)+1 || r.Segments[1].PeopleBefore == 0 {
		t.Errorf("tenths end at %d, people before the second %d", next-1, r.Segments[1].PeopleBefore)
	}
	if r.DocsPerMin <= 0 || r.DocsPerCPUMin <= 0 || r.PeakHeapMiB <= 0 || r.CallsPerDoc <= 0 {
		t.Errorf("figures %+v", r)
	}
	if r.GCSeconds < 0 || r.GCSeconds > r.CPUSeconds {
		t.Errorf("GC %.3fs of %.3fs CPU", r.GCSeconds, r.CPUSeconds)
	}

	if r.LiveHeapMiB <= 0 || r.HeapObjects == 0 || r.LiveHeapMiB > r.PeakHeapMiB+1 || r.FullGCms <= 0 {
		t.Errorf("live heap %.1f MiB in %d objects (a collection %.1f ms), peak %.1f MiB", r.LiveHeapMiB, r.HeapObjects, r.FullGCms, r.PeakHeapMiB)
	}

	prof := filepath.Join(t.TempDir(), "live.prof")
	r, err = runLoad(ctx, files, 1, loadOpts{backend: "embedded", maxDocs: 3, liveProfile: prof})
	if err != nil || r.LiveHeapMiB <= 0 {
		t.Fatalf("-liveprofile: live heap %.1f MiB, %v", r.LiveHeapMiB, err)
	}
	if b, err := os.ReadFile(prof); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("-liveprofile wrote %d bytes (%v), want a gzipped profile", len(b), err)
	}

	r, err = runLoad(ctx, files, 1, loadOpts{backend: "embedded", maxTime: time.Nanosecond})
	if err != nil || !r.Truncated || r.Docs != 1 {
		t.Errorf("max-time: %d docs, truncated %t, %v; want 1 document, truncated", r.Docs, r.Truncated, err)
	}
	r, err = runLoad(ctx, files, 1, loadOpts{backend: "embedded", maxDocs: 3})
	if err != nil || r.Docs != 3 || r.Truncated {
		t.Errorf("-docs 3: %d docs, truncated %t, %v", r.Docs, r.Truncated, err)
	}
}
