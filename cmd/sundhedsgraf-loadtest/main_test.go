package main

import (
	"context"
	"strings"
	"testing"
)

// TestShortRun runs the load test briefly with a concurrent load and
// checks every answer: it must report no errors and no wrong answers.
func TestShortRun(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus and serves it; skipped with -short")
	}
	var out strings.Builder
	err := run(context.Background(), []string{"-clients", "4", "-duration", "3s", "-check-every", "1", "-sample-every", "1s", "-warmup", "1s"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"errors     0\n", "wrong      0 of ", "p99"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "wrong      0 of 0 ") {
		t.Errorf("no answer was checked:\n%s", out.String())
	}
}

func TestRejectsUnboundedRuns(t *testing.T) {
	for _, args := range [][]string{{"-duration", "0"}, {"-duration", "11m"}, {"-clients", "0"}, {"-max-requests", "0"}} {
		if err := run(context.Background(), args, &strings.Builder{}); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
