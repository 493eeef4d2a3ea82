package main

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadStopsCleanlyOnSIGTERM sends SIGTERM to a running load: it stops
// after finishing (or rolling back) the current document, closes the
// store, and leaves only whole documents.
func TestLoadStopsCleanlyOnSIGTERM(t *testing.T) {
	files := generatedMinutes(t)
	data := t.TempDir()
	err, log := loadUntil(t, data, files, 8, 2*time.Millisecond, syscall.SIGTERM)
	ee, ok := err.(*exec.ExitError)
	if ok && ee.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("the load died of the signal instead of stopping: %v\n%s", err, log)
	}
	if err == nil {
		t.Fatalf("the load reported success although it was stopped:\n%s", log)
	}
	if !strings.Contains(log, "context canceled") {
		t.Errorf("the load did not say why it stopped:\n%s", log)
	}
	checkWholeDocuments(t, data, files)
}
