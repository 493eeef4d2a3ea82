package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// sampleData returns a data directory whose embedded store holds the
// sample corpus, as serve leaves it on first start.
func sampleData(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := embedded.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.New(s, loader.Options{}).LoadSample(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNetworkCommand(t *testing.T) {
	ctx := context.Background()
	dir := sampleData(t)

	// GEXF to a file: parses as XML, with Vejen Kommune in it.
	out := filepath.Join(t.TempDir(), "orgs.gexf")
	m, _, errOut := newMain(nil)
	if err := m.Run(ctx, []string{"network", "--data", dir, "--kind", "org_co_sitting", "--region", "region:1083", "--format", "gexf", "--out", out}); err != nil {
		t.Fatalf("network gexf: %v\n%s", err, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc network.GEXF
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GEXF does not parse: %v", err)
	}
	if len(doc.Graph.Nodes) == 0 || len(doc.Graph.Edges) == 0 ||
		!slices.ContainsFunc(doc.Graph.Nodes, func(n network.GEXFNode) bool { return n.Label == "Vejen Kommune" }) {
		t.Errorf("GEXF: %d nodes, %d edges, Vejen Kommune missing?", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}

	// CSV edge list to stdout.
	m, stdout, errOut := newMain(nil)
	if err := m.Run(ctx, []string{"network", "--data", dir, "--kind", "CO_MEMBERSHIP", "--cluster", "cluster:SD-SONDERJYLLAND", "--format", "csv"}); err != nil {
		t.Fatalf("network csv: %v\n%s", err, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout.String())).ReadAll()
	if err != nil || len(rows) < 2 || !slices.Equal(rows[0], []string{"source", "target", "weight", "via"}) {
		t.Fatalf("CSV: %v, %d rows, header %v", err, len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[0], "person:") || !strings.Contains(r[3], "SD-SONDERJYLLAND") {
			t.Errorf("edge %v: not a person in a Sønderjylland body", r)
			break
		}
	}

	// JSON: the network with its measures.
	m, stdout, errOut = newMain(nil)
	if err := m.Run(ctx, []string{"network", "--data", dir, "--kind", "person_body", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"}); err != nil {
		t.Fatalf("network json: %v\n%s", err, errOut)
	}
	var n network.Network
	if err := json.Unmarshal([]byte(stdout.String()), &n); err != nil || n.Params.Kind != network.PersonBody || len(n.Nodes) == 0 || n.Params.From != "2024-01-01" {
		t.Errorf("JSON: %v, params %+v, %d nodes", err, n.Params, len(n.Nodes))
	}
}

func TestTransitionCommand(t *testing.T) {
	ctx := context.Background()
	dir := sampleData(t)
	m, stdout, errOut := newMain(nil)
	if err := m.Run(ctx, []string{"transition", "--data", dir, "--council", "council:SR-LIMFJORDEN"}); err != nil {
		t.Fatalf("transition: %v\n%s", err, errOut)
	}
	var plan struct {
		Council      struct{ ID string }
		Cutover      string
		Predecessors []struct{ ID string }
		Initiatives  []struct {
			Name      string
			ClusterID string
			AmountDKK *int64
			Status    string
			Origins   []string
		}
		Money struct{ TotalDKK int64 }
	}
	if err := json.Unmarshal([]byte(stdout.String()), &plan); err != nil {
		t.Fatalf("the plan is not JSON: %v\n%.300s", err, stdout)
	}
	if plan.Council.ID != "council:SR-LIMFJORDEN" || plan.Cutover != "2027-01-01" ||
		!slices.ContainsFunc(plan.Predecessors, func(p struct{ ID string }) bool { return p.ID == "cluster:N-SYD" }) {
		t.Errorf("plan: council %s, cutover %s, predecessors %v", plan.Council.ID, plan.Cutover, plan.Predecessors)
	}
	video := slices.IndexFunc(plan.Initiatives, func(i struct {
		Name      string
		ClusterID string
		AmountDKK *int64
		Status    string
		Origins   []string
	}) bool {
		return strings.Contains(strings.ToLower(i.Name), "videokonsultation")
	})
	if video < 0 || plan.Initiatives[video].AmountDKK == nil || *plan.Initiatives[video].AmountDKK != 250_000 || plan.Initiatives[video].ClusterID != "cluster:N-SYD" {
		t.Errorf("video consultations missing from the plan: %+v", plan.Initiatives)
	}

	// --out and --cutover.
	out := filepath.Join(t.TempDir(), "plan.json")
	m, _, _ = newMain(nil)
	if err := m.Run(ctx, []string{"transition", "--data", dir, "--council", "council:SR-SOENDERJYLLAND", "--cutover", "2026-12-31", "--out", out}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte(`"cutover": "2026-12-31"`)) {
		t.Errorf("plan file: %.200s", b)
	}
}

func TestAnalysisCommandErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"network", "--data", dir, "--format", "xlsx"}, 2},
		{[]string{"network", "--data", dir, "extra"}, 2},
		{[]string{"network", "--data", dir, "--kind", "friendship"}, 1},
		{[]string{"network", "--data", dir, "--from", "yesterday"}, 1},
		{[]string{"transition", "--data", dir}, 2},
		{[]string{"transition", "--data", dir, "--council", "cluster:N-SYD"}, 1},
		{[]string{"transition", "--data", dir, "--council", "council:NOPE"}, 1},
	} {
		m, _, errOut := newMain(nil)
		if code := exitCode(errOut, m.Run(ctx, c.args)); code != c.code {
			t.Errorf("%v: exit %d, want %d; %s", c.args, code, c.code, errOut)
		}
	}
	for _, cmd := range []string{"network", "transition"} {
		m, _, errOut := newMain(nil)
		err := m.Run(ctx, []string{cmd, "--help"})
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "Usage: sundhedsgraf "+cmd) {
			t.Errorf("%s --help: %v %q", cmd, err, errOut)
		}
	}
}
