package neo4j

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

var update = flag.Bool("update", false, "rewrite the generated .cypher files and the Cypher gate's manifest")

// gateManifest is where the Cypher gate (.ci/cypher-gate/lint.mjs) reads
// the model's vocabulary and every statement's example parameters.
const gateManifest = "../../.ci/cypher-gate/manifest.json"

// generated returns the per-kind and per-relation statements, which differ
// only in a label or relationship type (neither can be a parameter).
func generated() map[string]string {
	out := map[string]string{}
	sets := make([]string, 0, len(factProps))
	for _, p := range factProps {
		sets = append(sets, fmt.Sprintf("f.%s = row.%s", p, p))
	}
	for _, k := range graph.Kinds {
		out[factSetName(k)] = fmt.Sprintf("UNWIND $rows AS row\nMATCH (f:Fact {id: row.id})\nSET f:%s, f.kind = row.kind,\n    %s\nREMOVE f:Stub\n",
			k, wrap(sets, ", ", "\n    ", 4))
	}
	for r, rt := range relTypes {
		start := "Fact"
		if rt.FromDocument && !rt.Reverse {
			start = "Document"
		}
		out[edgeCreateName(r)] = fmt.Sprintf("UNWIND $rows AS row\nMATCH (a:%s {id: row.start})\nMATCH (b:Fact {id: row.end})\n"+
			"CREATE (a)-[:%s {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)\n", start, rt.Type)
	}
	return out
}

func wrap(items []string, sep, nl string, per int) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(sep[:len(sep)-1])
			if i%per == 0 {
				b.WriteString(nl)
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(it)
	}
	return b.String()
}

// TestGeneratedStatements checks the generated .cypher files against the
// Go tables they come from (go test -run Generated -update rewrites them).
func TestGeneratedStatements(t *testing.T) {
	for name, text := range generated() {
		file := filepath.Join("cypher", name+".cypher")
		if *update {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil || string(got) != text {
			t.Errorf("%s is not what the Go tables generate; run go test ./graph/neo4j -run Generated -update", file)
		}
	}
}

// TestStatementsReferenced checks that every embedded .cypher file is used
// by the code and every statement the code names has a file.
func TestStatementsReferenced(t *testing.T) {
	for _, err := range registryErrs {
		t.Error(err)
	}
	files, err := cypherFiles()
	if err != nil {
		t.Fatal(err)
	}
	schemaStatements() // registers the schema files
	for _, f := range files {
		if _, ok := registry[f]; !ok {
			t.Errorf("cypher/%s.cypher is used by no code", f)
		}
	}
	for name := range registry {
		if !slices.Contains(files, name) {
			t.Errorf("statement %s has no file cypher/%s.cypher", name, name)
		}
	}
	if len(files) < 40 {
		t.Errorf("only %d statements found; the embed pattern is wrong", len(files))
	}
}

// TestStatementsWellFormed checks the rules every statement keeps: one
// statement per file, values as parameters, and none of the forms NornicDB
// silently gets wrong (../../shared/BOLT-SERVER.md).
func TestStatementsWellFormed(t *testing.T) {
	bad := []struct {
		re  *regexp.Regexp
		why string
	}{
		{regexp.MustCompile(`;\s*\S`), "more than one statement"},
		{regexp.MustCompile(`\w\{\s*\.`), "map projection"},
		{regexp.MustCompile(`(?i)\bCALL\s*\{`), "CALL {} subquery"},
		{regexp.MustCompile(`(?i)\bCOUNT\s*\{`), "COUNT {}"},
		{regexp.MustCompile(`\$\w+\.\w`), "map parameter property"},
		{regexp.MustCompile(`\brow\[`), "subscript of an UNWIND variable"},
		{regexp.MustCompile(`(?i)\bdate\s*\(`), "date() value"},
		{regexp.MustCompile(`(?i)\bREMOVE\b[^\n]*\n?\s*SET\b`), "REMOVE before SET (NornicDB drops the statement)"},
		{regexp.MustCompile(`\[[^\]]*\|`), "pattern or list comprehension"},
		{regexp.MustCompile(`'[^']*'|"[^"]*"`), "a literal value (use a $parameter)"},
	}
	files, _ := cypherFiles()
	for _, name := range files {
		text := stmt(name).text
		for _, b := range bad {
			if b.re.MatchString(text) {
				t.Errorf("%s: %s: %q", name, b.why, b.re.FindString(text))
			}
		}
	}
}

// paramExamples gives an example value for every parameter name and every
// row key the statements use, for the Cypher gate.
var paramExamples = map[string]any{
	"id": "person:anna-jensen", "ids": []string{"person:anna-jensen"}, "documentId": "document:m1.md",
	"json": `{"id":"person:anna-jensen"}`, "sha256": "9f86d081884c7d65", "fileName": "m1.md",
	"kind": "Person", "kinds": []string{"Person"}, "origin": "minutes", "origins": []string{"minutes"},
	"date": "2025-03-10", "sortKey": "anna jensen\u0000person:anna-jensen", "searchText": "anna jensen",
	"name": "Anna Jensen", "names": "anna jensen", "subtype": "political_level", "regionId": "region:1084",
	"regionClusterIds": []string{"cluster:bisp"}, "clusterId": "cluster:bisp", "clusterIds": []string{"cluster:bisp"},
	"bodyId": "body:bisp-pol", "level": "political", "dateFrom": "2025-01-01", "dateTo": "2025-12-31",
	"ownerId": "org:kk", "amountMin": int64(100000), "amountMax": int64(2000000), "amountDkk": int64(1350000),
	"runningOn": "2025-06-01", "periodStart": "2025-01-01", "periodEnd": "2026-12-31",
	"after": "anna jensen\u0000person:anna-jensen", "before": "anna jensen\u0000person:anna-jensen", "limit": 51, "rel": "MembershipsOfPerson",
	"word": "anna", "contributions": 2, "owner": "membership:anna-bisp-pol-chair", "from": "person:anna-jensen",
	"to": "membership:anna-bisp-pol-chair", "start": "person:anna-jensen", "end": "membership:anna-bisp-pol-chair",
}

var rowKeyRE = regexp.MustCompile(`\brow\.([A-Za-z_][A-Za-z0-9_]*)`)

// exampleParams returns example values for a statement's parameters: a
// $rows parameter gets one row with every key the statement reads.
func exampleParams(t *testing.T, st *statement) map[string]any {
	params := map[string]any{}
	for _, p := range st.params {
		if p == "rows" {
			row := map[string]any{}
			for _, m := range rowKeyRE.FindAllStringSubmatch(st.text, -1) {
				v, ok := paramExamples[m[1]]
				if !ok {
					t.Errorf("%s: no example for row.%s in paramExamples", st.name, m[1])
				}
				row[m[1]] = v
			}
			params[p] = []any{row}
			continue
		}
		v, ok := paramExamples[p]
		if !ok {
			t.Errorf("%s: no example for $%s in paramExamples", st.name, p)
		}
		params[p] = v
	}
	return params
}

// manifest builds the Cypher gate's manifest from the code: the model's
// vocabulary and, per statement file, example parameters (a $rows
// parameter gets one row with every key the statement reads).
func manifest(t *testing.T) []byte {
	files, err := cypherFiles()
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		File       string         `json:"file"`
		Parameters map[string]any `json:"parameters"`
	}
	stmts := map[string]entry{}
	for _, name := range files {
		stmts[name] = entry{File: "graph/neo4j/cypher/" + name + ".cypher", Parameters: exampleParams(t, stmt(name))}
	}
	m := map[string]any{
		"comment":           "Generated by go test ./graph/neo4j -run GateManifest -update; do not edit.",
		"labels":            modelLabels,
		"relationshipTypes": modelRelTypes,
		"propertyKeys":      modelProps,
		"statements":        stmts,
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestGateManifest checks that the Cypher gate's manifest matches the code,
// so the gate lints every statement with the parameters and vocabulary the
// code really uses.
func TestGateManifest(t *testing.T) {
	want := manifest(t)
	if *update {
		if err := os.WriteFile(gateManifest, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(gateManifest)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale; run go test ./graph/neo4j -run GateManifest -update", gateManifest)
	}
}

// TestRetireClearsEverything checks that fact_retire clears every property
// fact_set_<kind> sets, so a retired fact leaves no filterable trace.
func TestRetireClearsEverything(t *testing.T) {
	text := stmtFactRetire.text
	for _, p := range append([]string{"kind"}, factProps...) {
		if !strings.Contains(text, "f."+p+" = null") {
			t.Errorf("fact_retire does not clear %s", p)
		}
	}
	for _, k := range graph.Kinds {
		if !strings.Contains(text, ":"+string(k)) {
			t.Errorf("fact_retire does not remove the label %s", k)
		}
	}
}
