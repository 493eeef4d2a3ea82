package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command's modes on tiny inputs: every query of the mix answers on
// every target, and the reports are written. Nothing here is timed.

func TestAPIModeOnSample(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	jsonPath := filepath.Join(dir, "api.json")
	err := run(context.Background(), []string{"-mode", "api", "-scale", "0", "-runs", "1", "-requests", "3", "-clients", "2",
		"-cache", dir, "-json", jsonPath}, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queryMix {
		if !strings.Contains(out.String(), q.name) {
			t.Errorf("the table lacks %s:\n%s", q.name, out.String())
		}
	}
	var rep apiReport
	b, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.NotExposed) > 0 {
		t.Errorf("queries without a GraphQL form: %v", rep.NotExposed)
	}
	onAPI := map[string]bool{}
	for _, m := range rep.Runs {
		if m.Target == "api" {
			onAPI[m.Query] = true
		}
		if m.Errors > 0 || m.Requests == 0 {
			t.Errorf("%s on %s: %d requests, %d errors", m.Query, m.Target, m.Requests, m.Errors)
		}
		if m.CallsPerRq == 0 {
			t.Errorf("%s on %s: no store calls counted", m.Query, m.Target)
		}
	}
	for _, q := range queryMix {
		if !onAPI[q.name] {
			t.Errorf("%s was not measured through the API", q.name)
		}
	}
}

func TestLoadAndF1Modes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-mode", "load", "-scale", "1", "-runs", "1", "-docs", "5", "-fsync=false", "-cache", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "docsPerMin") {
		t.Errorf("load report:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"-mode", "f1", "-scale", "1", "-every", "100", "-cache", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "memberships") || strings.Contains(out.String(), "0 documents") {
		t.Errorf("f1 report:\n%s", out.String())
	}
}

func TestURLMustBeLoopback(t *testing.T) {
	err := run(context.Background(), []string{"-mode", "api", "-url", "http://192.0.2.1:8080"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("err = %v, want a refusal of a non-loopback address", err)
	}
}
