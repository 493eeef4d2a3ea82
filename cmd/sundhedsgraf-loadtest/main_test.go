package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestShortRun runs the load test briefly with a concurrent load and
// checks every answer: it must report no errors and no wrong answers.
func TestShortRun(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus and serves it; skipped with -short")
	}
	var out strings.Builder
	err := run(context.Background(), []string{"-clients", "4", "-duration", "4s", "-load-docs", "3", "-check-every", "1", "-sample-every", "500ms", "-warmup", "0s"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"errors     0\n", "wrong      0 of ", "p99", "loaded     3 of 3 new documents", "after the load ("} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "wrong      0 of 0 ") {
		t.Errorf("no answer was checked:\n%s", out.String())
	}
}

func TestRejectsUnboundedRuns(t *testing.T) {
	for _, args := range [][]string{{"-duration", "0"}, {"-duration", "11m"}, {"-clients", "0"}, {"-max-requests", "0"}, {"-load-docs", "-1"}} {
		if err := run(context.Background(), args, &strings.Builder{}); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

// TestMemoryVerdict splits the samples after warm-up into the loading phase
// (growth per fact added) and the phase after the load (drift).
func TestMemoryVerdict(t *testing.T) {
	const mb = 1 << 20
	samples := []memSample{
		{at: 0, heap: 10 * mb, facts: 0},                                // warm-up, ignored
		{at: 5 * time.Second, heap: 20 * mb, facts: 1000},               // loading
		{at: 10 * time.Second, heap: 30 * mb, facts: 1000 + 10*mb/1000}, // loading: 10 MiB for 10485 facts
		{at: 15 * time.Second, heap: 31 * mb, facts: 11485, loadOver: true},
		{at: 20 * time.Second, heap: 29 * mb, facts: 11485, loadOver: true},
		{at: 25 * time.Second, heap: 32 * mb, facts: 11485, loadOver: true},
	}
	got := memoryVerdict(samples, 5*time.Second)
	for _, want := range []string{
		"while loading (5–10 s): heap 20.0 → 30.0 MiB for +10485 facts (1000 bytes per fact added)",
		"after the load (15–25 s, queries only): heap 31.0 → 32.0 MiB (+1.0 MiB, range 29.0–32.0)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("verdict lacks %q:\n%s", want, got)
		}
	}
	if got := memoryVerdict(samples[:2], 5*time.Second); got != "" {
		t.Errorf("one sample per phase is not enough for a verdict, got %q", got)
	}
}
