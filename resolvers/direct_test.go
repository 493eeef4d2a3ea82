package resolvers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
)

// directCase runs q on both handlers and fails unless the answers are the
// same bytes; it returns whether the direct writer answered it, gave up on
// it, or was not tried.
func directCase(t *testing.T, direct, gqlgen http.Handler, q string, vars map[string]any) (answered, gaveUp bool) {
	t.Helper()
	a0, g0 := bind.DirectCounts()
	body := map[string]any{"query": q, "variables": vars}
	d := post(t, direct, body)
	a1, g1 := bind.DirectCounts()
	g := post(t, gqlgen, body)
	if a2, g2 := bind.DirectCounts(); a2 != a1 || g2 != g1 {
		t.Fatalf("%s: the direct writer ran with the writer off", q)
	}
	if d.status != g.status || !bytes.Equal(d.raw, g.raw) {
		t.Errorf("%s %v:\ndirect %d %s\ngqlgen %d %s", q, vars, d.status, d.raw, g.status, g.raw)
	}
	return a1 > a0, g1 > g0
}

// TestDirectAnswersAsGqlgen: the direct writer's answers are gqlgen's byte
// for byte, for the API benchmark's object queries and for the forms a
// query can take (aliases, repeated keys, fragments, @skip and @include,
// enums, dates, lists, connections, nulls); and where gqlgen's answer has
// an error, or a field the writer does not know is selected, the writer
// gives up or is not tried and gqlgen answers.
func TestDirectAnswersAsGqlgen(t *testing.T) {
	store := sample(t)
	direct := newTestHandler(t, store, Config{})
	gqlgen := newTestHandler(t, store, Config{indirect: true})
	meeting := "meeting:cluster:SD-SONDERJYLLAND:political:2024-06-19"
	cases := []struct {
		query string
		vars  map[string]any
		want  string // "answered", "gave up" or "not tried"
	}{
		{seatsQuery, map[string]any{"id": "person:bo-libergren"}, "answered"},
		{`query($id: ID!) { meeting(id: $id) { id date location body { id name } cluster { id name }
  attendance { id status items note participant { id name organisation { id name } } substituteFor { id name } } } }`, map[string]any{"id": meeting}, "answered"},
		{`query($id: ID) { cluster(id: $id) { id name region { id name } municipalities { id name }
  bodies { id name kind level children { id name kind level children { id name kind } } } } }`, map[string]any{"id": "cluster:SD-SONDERJYLLAND"}, "answered"},
		{`{ body(id: "body:cluster:SD-SONDERJYLLAND:political") { id name kind level members(asOf: "2024-07-15") { id role startDate endDate firstSeen person { id name party } onBehalfOf { id name } } } }`, nil, "answered"},
		// Aliases, a key selected twice, __typename, fragments.
		{`query { p: person(id: "person:bo-libergren") { __typename who: name name name id ...F ... on Person { titles } memberships { r: role role } } }
		  fragment F on Person { party organisation { __typename name } }`, nil, "answered"},
		// @skip and @include, from variables and literals.
		{`query($yes: Boolean!, $no: Boolean!) { person(id: "person:bo-libergren") { name @include(if: $yes) party @include(if: $no) id @skip(if: $yes)
		  memberships @skip(if: false) { role body @include(if: $yes) { name } } } }`, map[string]any{"yes": true, "no": false}, "answered"},
		// Nulls: an unknown ID of a nullable root, and nullable references.
		{`{ person(id: "person:nobody") { name } }`, nil, "answered"},
		{`query($id: ID!) { meeting(id: $id) { attendance { substituteFor { name } } items { title result decision } } }`, map[string]any{"id": meeting}, "answered"},
		// A connection with its page and cursors.
		{`{ people(first: 3, filter: {nameContains: "an"}) { totalCount edges { cursor node { name } } nodes { id } pageInfo { hasNextPage endCursor } } }`, nil, "not tried"},
		// Two root fields are not serial: gqlgen answers.
		{`{ a: person(id: "person:bo-libergren") { name } b: person(id: "person:bo-libergren") { id } }`, nil, "not tried"},
		// An interface (Node) is not a field the writer knows.
		{`{ person(id: "person:bo-libergren") { name memberships { body { ... on Node { id } } } } }`, nil, "not tried"},
		{`{ node(id: "person:bo-libergren") { id } }`, nil, "not tried"},
		// An error in a field: gqlgen answers it, with its error.
		{`{ person(id: "person:bo-libergren") { memberships(asOf: "not a date") { role } } }`, nil, "gave up"},
		{`{ person(name: "") { name } }`, nil, "gave up"},
	}
	for _, c := range cases {
		answered, gaveUp := directCase(t, direct, gqlgen, c.query, c.vars)
		got := "not tried"
		switch {
		case answered && gaveUp:
			got = "both"
		case answered:
			got = "answered"
		case gaveUp:
			got = "gave up"
		}
		if got != c.want {
			t.Errorf("%s: the direct writer %s, want %s", c.query, got, c.want)
		}
	}
}

// TestDirectRandomQueries: queries made at random from the schema
// (a root field of one fact, then fields of each type with optional
// arguments only, to a depth of 4, with aliases, __typename, inline
// fragments and the interface and union fields the writer gives up on)
// get the same answers, byte for byte, from the direct writer and from
// gqlgen, and the writer answers most of the 300 that run serial (the only
// ones it is tried on).
func TestDirectRandomQueries(t *testing.T) {
	store := sample(t)
	direct := newTestHandler(t, store, Config{})
	gqlgen := newTestHandler(t, store, Config{indirect: true})
	schema := testSchema(t)
	next := randomQueries(t, direct, schema, rand.New(rand.NewPCG(7, 13)))
	// Only serial queries are tried (serialSafe): make queries until 300
	// of them are.
	var answered, gaveUp, serial, n int
	for ; serial < 300 && n < 3000; n++ {
		q, op := next()
		if op == nil {
			continue // fields of two fragments that conflict
		}
		if serialSafe(op) {
			serial++
		} else if n%20 != 0 {
			continue // gqlgen answers both: run a few of them
		}
		a, gu := directCase(t, direct, gqlgen, q, nil)
		if a {
			answered++
		}
		if gu {
			gaveUp++
		}
	}
	t.Logf("%d queries, %d of them serial: the direct writer answered %d, gave up on %d", n, serial, answered, gaveUp)
	if answered < serial/2 {
		t.Errorf("the direct writer answered %d of %d serial random queries: the test compares gqlgen with itself", answered, serial)
	}
}

// randomQueries returns a maker of random queries on the sample behind h:
// a root field of one fact (one of the sample's, by ID), then a random
// selection set to a depth of 4 (randomQuery), with the query's operation
// (nil for a query that does not validate: two fragments' fields can
// conflict).
func randomQueries(t *testing.T, h http.Handler, schema *ast.Schema, rng *rand.Rand) func() (string, *ast.OperationDefinition) {
	t.Helper()
	var ids struct {
		People, Bodies, Meetings, Clusters, Regions, Municipalities, HealthCouncils, Organisations, Initiatives struct{ Nodes []struct{ ID string } }
	}
	query(t, h, `{ people(first: 30) { nodes { id } } bodies(first: 30) { nodes { id } } meetings(first: 30) { nodes { id } }
	  clusters(first: 30) { nodes { id } } regions { nodes { id } } municipalities(first: 30) { nodes { id } }
	  healthCouncils(first: 30) { nodes { id } } organisations(first: 30) { nodes { id } } initiatives(first: 30) { nodes { id } } }`, nil, &ids)
	roots := map[string][]struct{ ID string }{
		"person": ids.People.Nodes, "body": ids.Bodies.Nodes, "meeting": ids.Meetings.Nodes, "cluster": ids.Clusters.Nodes,
		"region": ids.Regions.Nodes, "municipality": ids.Municipalities.Nodes, "healthCouncil": ids.HealthCouncils.Nodes,
		"organisation": ids.Organisations.Nodes, "initiative": ids.Initiatives.Nodes,
	}
	names := make([]string, 0, len(roots))
	for name, ns := range roots {
		if len(ns) == 0 {
			t.Fatalf("the sample has no %s", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	g := &randomQuery{schema: schema, rng: rng}
	return func() (string, *ast.OperationDefinition) {
		root := names[rng.IntN(len(names))]
		ns := roots[root]
		id := ns[rng.IntN(len(ns))].ID
		def := schema.Query.Fields.ForName(root)
		q := fmt.Sprintf("{ %s(id: %q) %s }", root, id, g.selection(schema.Types[def.Type.Name()], 4))
		doc, errs := gqlparser.LoadQuery(schema, q)
		if len(errs) > 0 {
			return q, nil
		}
		return q, doc.Operations[0]
	}
}

// randomQuery makes random selection sets of a schema.
type randomQuery struct {
	schema *ast.Schema
	rng    *rand.Rand
	alias  int
}

// selection is a random selection set on t, to depth levels of objects.
func (g *randomQuery) selection(t *ast.Definition, depth int) string {
	var b strings.Builder
	b.WriteString("{ ")
	if t.Kind == ast.Interface || t.Kind == ast.Union {
		b.WriteString("__typename ")
		impls := g.schema.GetPossibleTypes(t)
		for _, i := range impls {
			if g.rng.IntN(3) == 0 && depth > 0 {
				fmt.Fprintf(&b, "... on %s %s ", i.Name, g.selection(i, depth-1))
			}
		}
		b.WriteString("}")
		return b.String()
	}
	var fields []*ast.FieldDefinition
	for _, f := range t.Fields {
		if strings.HasPrefix(f.Name, "__") || !optionalArgs(f) {
			continue
		}
		leaf := g.schema.Types[f.Type.Name()].IsLeafType()
		if !leaf && depth == 0 {
			continue
		}
		fields = append(fields, f)
	}
	picked := 0
	for _, f := range fields {
		if g.rng.IntN(len(fields)) >= 4 {
			continue
		}
		picked++
		if g.rng.IntN(8) == 0 {
			g.alias++
			fmt.Fprintf(&b, "a%d: ", g.alias)
		}
		b.WriteString(f.Name)
		if ft := g.schema.Types[f.Type.Name()]; !ft.IsLeafType() {
			b.WriteString(" ")
			b.WriteString(g.selection(ft, depth-1))
		}
		b.WriteString(" ")
		if g.rng.IntN(10) == 0 {
			b.WriteString("__typename ")
		}
	}
	if picked == 0 {
		b.WriteString("__typename ")
	}
	if g.rng.IntN(10) == 0 {
		fmt.Fprintf(&b, "... on %s { __typename } ", t.Name)
	}
	b.WriteString("}")
	return b.String()
}

// optionalArgs reports whether every argument of f may be left out.
func optionalArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return false
		}
	}
	return true
}

// FuzzDirectAgainstGqlgen: whatever query and variables arrive, the
// handler with the direct writer and reads without sources answers what
// gqlgen's executor answers reading every fact with its sources, byte for
// byte, with the same status.
func FuzzDirectAgainstGqlgen(f *testing.F) {
	for _, q := range []string{
		seatsQuery,
		`query($id: ID!) { meeting(id: $id) { id date body { id name } attendance { status participant { name organisation { name } } substituteFor { name } } } }`,
		`query($id: ID) { cluster(id: $id) { name region { name } municipalities { name } bodies { name kind children { name level } } } }`,
		`query($id: ID!, $yes: Boolean!) { person(id: $id) { __typename n: name ...F memberships @include(if: $yes) { role body { name sources { fileName } } } } } fragment F on Person { party titles }`,
		`query($id: ID!) { person(id: $id) { memberships { body { ... on Node { id } } } } }`,
	} {
		f.Add(q, `{"id": "person:bo-libergren", "yes": true}`)
	}
	f.Add(`query($id: ID!) { meeting(id: $id) { date items { title result decision } } }`, `{"id": "meeting:cluster:SD-SONDERJYLLAND:political:2024-06-19"}`)
	f.Add(`query($id: ID) { cluster(id: $id) { name bodies { members(asOf: "2024-07-15") { role person { name } } } } }`, `{"id": "cluster:SD-SONDERJYLLAND"}`)
	store := sample(f)
	direct := newTestHandler(f, store, Config{})
	gqlgen := newTestHandler(f, store, Config{indirect: true, keepSources: true})
	f.Fuzz(func(t *testing.T, q, vars string) {
		var v map[string]any
		if json.Unmarshal([]byte(vars), &v) != nil {
			v = nil
		}
		body := map[string]any{"query": q, "variables": v}
		d, g := post(t, direct, body), post(t, gqlgen, body)
		if d.status != g.status || !bytes.Equal(d.raw, g.raw) {
			t.Fatalf("%s %s:\ndirect %d %s\ngqlgen %d %s", q, vars, d.status, d.raw, g.status, g.raw)
		}
	})
}
