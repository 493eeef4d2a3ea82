package resolvers

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// testSchema is the API's schema, for parsing and validating queries.
func testSchema(t testing.TB) *ast.Schema {
	t.Helper()
	r := newResolver(sample(t), DefaultConfig(), slog.New(slog.DiscardHandler))
	return exec.NewExecutableSchema(exec.Config{Resolvers: r, Complexity: r.complexity()}).Schema()
}

func parseOp(t testing.TB, schema *ast.Schema, q string) *ast.OperationDefinition {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(schema, q)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", q, errs)
	}
	return doc.Operations[0]
}

const seatsQuery = `query($id: ID!) { person(id: $id) { id name party titles organisation { id name }
  memberships { id role title startDate endDate firstSeen lastSeen onBehalfOf { id name } body { id name kind level cluster { id name } } } } }`

func TestSerialSafe(t *testing.T) {
	schema := testSchema(t)
	for _, c := range []struct {
		name, query string
		want        bool
	}{
		{"a person's seats", seatsQuery, true},
		{"a meeting's attendance", `query($id: ID!) { meeting(id: $id) { id body { name } attendance { status participant { name organisation { name } } substituteFor { name } } } }`, true},
		{"a cluster's tree", `{ cluster(id: "c") { region { name } municipalities { name } bodies { name level children { name children { name } } } } }`, true},
		{"arguments outside lists", `{ body(id: "b") { members(asOf: "2024-01-01") { person { name } onBehalfOf { name } } } }`, true},
		{"a fragment below a list", `{ person(id: "p") { memberships { ...M } } } fragment M on Membership { body { name cluster { name } } }`, true},
		{"a connection below a list", `{ clusters { nodes { meetings { nodes { id } } } } }`, false},
		{"arguments below a list", `{ clusters { nodes { bodies { members(asOf: "2024-01-01") { id } } } } }`, false},
		{"a computed field below a list", `{ body(id: "b") { members { person { attendanceRate { rate } } } } }`, false},
		{"a fragment with a computed field below a list", `{ body(id: "b") { members { ...P } } } fragment P on Membership { person { attendanceRate { rate } } }`, false},
		{"two root fields", `{ a: person(id: "p") { name } b: person(id: "q") { name } }`, false},
		{"a mutation", `mutation { addAlias(person: "p", alias: "P") { id } }`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := serialSafe(parseOp(t, schema, c.query)); got != c.want {
				t.Errorf("serialSafe = %v, want %v", got, c.want)
			}
		})
	}
}

// TestSerialMarksTheContext: the operation middleware marks a serial-safe
// query's context serial, and no other.
func TestSerialMarksTheContext(t *testing.T) {
	schema := testSchema(t)
	for q, want := range map[string]bool{
		seatsQuery: true,
		`{ clusters { nodes { meetings { nodes { id } } } } }`: false,
	} {
		ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{Operation: parseOp(t, schema, q)})
		var got bool
		serialOperations(ctx, func(ctx context.Context) graphql.ResponseHandler {
			got = bind.Serial(ctx)
			return nil
		})
		if got != want {
			t.Errorf("%s: serial %v, want %v", q, got, want)
		}
	}
}

// TestSerialAnswersAsConcurrent runs serial-safe queries serial and as
// gqlgen runs them: the answers are the same, byte for byte, and so are
// the store calls (a read the look-ahead misses would cost a call per
// sibling when serial).
func TestSerialAnswersAsConcurrent(t *testing.T) {
	schema := testSchema(t)
	var ids struct {
		Meetings struct{ Nodes []struct{ ID string } }
		Bodies   struct{ Nodes []struct{ ID string } }
		Clusters struct{ Nodes []struct{ ID string } }
	}
	query(t, newTestHandler(t, sample(t), Config{}), `{ meetings(first: 1, filter: {cluster: "cluster:SD-SONDERJYLLAND"}) { nodes { id } }
		bodies(first: 1, filter: {cluster: "cluster:SD-SONDERJYLLAND", level: POLITICAL}) { nodes { id } } clusters(filter: {nameContains: "Sønderjylland"}) { nodes { id } } }`, nil, &ids)
	if len(ids.Meetings.Nodes) == 0 || len(ids.Bodies.Nodes) == 0 || len(ids.Clusters.Nodes) == 0 {
		t.Fatalf("the sample has no meeting, body or cluster: %+v", ids)
	}
	cases := []struct {
		query string
		vars  map[string]any
	}{
		{seatsQuery, map[string]any{"id": "person:bo-libergren"}},
		{`query($id: ID!) { meeting(id: $id) { id date body { id name } cluster { id name }
			attendance { id status items note participant { id name organisation { id name } } substituteFor { id name } } items { title result } } }`,
			map[string]any{"id": ids.Meetings.Nodes[0].ID}},
		{`query($id: ID) { cluster(id: $id) { id name region { id name } municipalities { id name }
			bodies { id name kind level children { id name kind level children { id name kind } } members { role person { name organisation { name } } onBehalfOf { name } } } } }`,
			map[string]any{"id": ids.Clusters.Nodes[0].ID}},
		{`query($id: ID!) { body(id: $id) { name members(asOf: "2024-06-20") { id role person { id name party } onBehalfOf { id name } } } }`,
			map[string]any{"id": ids.Bodies.Nodes[0].ID}},
	}
	for _, c := range cases {
		if !serialSafe(parseOp(t, schema, c.query)) {
			t.Fatalf("not serial-safe, so not a test of serial execution: %s", c.query)
		}
		answer := func(cfg Config) ([]byte, map[string]int64) {
			cs := &countingStore{Store: sample(t)}
			r := post(t, newTestHandler(t, cs, cfg), map[string]any{"query": c.query, "variables": c.vars})
			if len(r.Errors) > 0 {
				t.Fatalf("%s: %+v", c.query, r.Errors)
			}
			return r.Data, cs.ops()
		}
		serial, serialCalls := answer(Config{})
		concurrent, concurrentCalls := answer(Config{concurrent: true})
		if !bytes.Equal(serial, concurrent) {
			t.Errorf("%s:\nserial     %s\nconcurrent %s", c.query, serial, concurrent)
		}
		if len(serial) < 100 {
			t.Errorf("%s: a small answer (%s) tests little", c.query, serial)
		}
		sj, _ := json.Marshal(serialCalls)
		cj, _ := json.Marshal(concurrentCalls)
		if !bytes.Equal(sj, cj) {
			t.Errorf("%s: store calls serial %s, concurrent %s", c.query, sj, cj)
		}
	}
}

type fieldInterceptor struct{}

func (fieldInterceptor) ExtensionName() string                   { return "fields" }
func (fieldInterceptor) Validate(graphql.ExecutableSchema) error { return nil }
func (fieldInterceptor) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	return next(ctx)
}

// TestUseRefusesFieldInterceptors: plain fields run no field middleware,
// so a field interceptor is refused rather than silently missing fields.
func TestUseRefusesFieldInterceptors(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("use accepted a field interceptor")
		}
	}()
	use(nil, fieldInterceptor{})
}
