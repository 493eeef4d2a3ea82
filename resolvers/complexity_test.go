package resolvers

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// TestComplexityLimitAsGqlgen: the cached complexity limit prices every
// operation as gqlgen's FixedComplexityLimit does (the same statistics, and
// the same error and code past the limit), the first time and from its
// cache, and keys the cache on the variables and the operation chosen: a
// page size asked for in a variable changes the price.
func TestComplexityLimitAsGqlgen(t *testing.T) {
	r := newResolver(sample(t), Config{}.withDefaults(), nil)
	es := exec.NewExecutableSchema(exec.Config{Resolvers: exec.CachedRoot(r), Complexity: r.complexity()})
	const pages = `query A($n: Int) { people(first: $n) { nodes { name memberships { body { name } } } } }
query B { clusters { nodes { bodies { members { person { name } } } } } }`
	cases := []struct {
		query, op string
		vars      map[string]any
	}{
		{`query($id: ID!) { person(id: $id) { name memberships { body { name cluster { name } } } } }`, "", map[string]any{"id": "x"}},
		{pages, "A", map[string]any{"n": 5}},
		{pages, "A", map[string]any{"n": 50}},
		{pages, "A", map[string]any{}},
		{pages, "B", map[string]any{"n": 5}},
		{`query($s: Boolean!) { person(id: "x") { name memberships @skip(if: $s) { body { name } } } }`, "", map[string]any{"s": true}},
		{`query($s: Boolean!) { person(id: "x") { name memberships @skip(if: $s) { body { name } } } }`, "", map[string]any{"s": false}},
	}
	price := func(ext interface {
		MutateOperationContext(context.Context, *graphql.OperationContext) *gqlerror.Error
	}, q, op string, vars map[string]any) (int, string) {
		doc, errs := gqlparser.LoadQuery(es.Schema(), q)
		if errs != nil {
			t.Fatalf("%s: %v", q, errs)
		}
		opCtx := &graphql.OperationContext{RawQuery: q, Doc: doc, OperationName: op, Variables: vars}
		ctx := graphql.WithOperationContext(context.Background(), opCtx)
		err := ext.MutateOperationContext(ctx, opCtx)
		stats, _ := opCtx.Stats.GetExtension("ComplexityLimit").(*extension.ComplexityStats)
		if stats == nil {
			t.Fatalf("%s %s: no complexity statistics", q, op)
		}
		msg := ""
		if err != nil {
			msg = err.Message + " " + err.Extensions["code"].(string)
		}
		return stats.Complexity, msg
	}
	for _, limit := range []int{0, 10_000} {
		ours, theirs := newComplexityLimit(limit, 100), extension.FixedComplexityLimit(limit)
		if err := ours.Validate(es); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Validate(es); err != nil {
			t.Fatal(err)
		}
		seen := map[int]bool{}
		for round := range 2 { // the second round answers from the cache
			for _, c := range cases {
				got, gotErr := price(ours, c.query, c.op, c.vars)
				want, wantErr := price(theirs, c.query, c.op, c.vars)
				if got != want || gotErr != wantErr {
					t.Errorf("limit %d round %d %s %v: %d %q, gqlgen %d %q", limit, round, c.op, c.vars, got, gotErr, want, wantErr)
				}
				seen[got] = true
			}
		}
		if len(seen) < 4 {
			t.Errorf("only %d distinct prices: the cases do not tell variables and operations apart", len(seen))
		}
	}
}
