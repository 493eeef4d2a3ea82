package bind

import (
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestCollectAsGqlgen: bind.Collect answers as graphql.CollectFields for
// every selection set of a query, for each type and for each value of the
// variables, asked in turns; it remembers exactly the selection sets that
// have no directive where graphql.CollectFields looks (their own
// selections and their fragments', inline or named), and hands the same
// answer out again.
func TestCollectAsGqlgen(t *testing.T) {
	for _, c := range []struct {
		query string
		fixed bool // n's selection set does not depend on the request
	}{
		{`{ n { id ... on A { a } } }`, true},
		{`{ n { ...F ... on B { b } } } fragment F on A { a b { id } }`, true},
		{`query($s: Boolean!) { n { id ... on A { b { id @skip(if: $s) } } } }`, true}, // a directive one level down
		{`query($s: Boolean!) { n { id @skip(if: $s) ... on A { a } } }`, false},
		{`query($s: Boolean!) { n { id ... on A @include(if: $s) { a } } }`, false},
		{`query($s: Boolean!) { n { id ...F @skip(if: $s) } } fragment F on A { a }`, false},
		{`query($s: Boolean!) { n { id ...F } } fragment F on A { a ... on A { b @include(if: $s) { id } } }`, false},
		{`query($s: Boolean!) { n { id ...F ...F } } fragment F on N { ... on B { b @skip(if: $s) } }`, false},
	} {
		doc, errs := gqlparser.LoadQuery(schema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.query, errs)
		}
		var sets []ast.SelectionSet
		var walk func(ast.SelectionSet)
		walk = func(sel ast.SelectionSet) {
			if len(sel) == 0 {
				return
			}
			sets = append(sets, sel)
			for _, s := range sel {
				switch s := s.(type) {
				case *ast.Field:
					walk(s.SelectionSet)
				case *ast.InlineFragment:
					walk(s.SelectionSet)
				}
			}
		}
		walk(doc.Operations[0].SelectionSet)
		for _, f := range doc.Fragments {
			walk(f.SelectionSet)
		}
		for round := range 2 {
			for _, s := range []bool{true, false, true} {
				oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"s": s}}
				for _, sel := range sets {
					for _, impl := range [][]string{aImpl, bImpl, nil} {
						got := Collect(oc, sel, impl)
						want := graphql.CollectFields(&graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: oc.Variables}, sel, impl)
						if !reflect.DeepEqual(got, want) {
							t.Errorf("%s: round %d, s %v, %v: %v, want %v", c.query, round, s, impl, names(got), names(want))
						}
					}
				}
			}
		}
		n := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
		oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"s": true}}
		_, remembered := memo.get(oc, n, aImpl)
		if remembered != c.fixed {
			t.Errorf("%s: n's selection set remembered %v, want %v", c.query, remembered, c.fixed)
		}
		if c.fixed {
			first, again := Collect(oc, n, aImpl), Collect(oc, n, aImpl)
			if len(first) == 0 || &first[0] != &again[0] {
				t.Errorf("%s: the remembered answer was not handed out again", c.query)
			}
		}
	}
}

// TestCollectBounded: past maxShared selection sets the memo starts again,
// and answers as graphql.CollectFields throughout.
func TestCollectBounded(t *testing.T) {
	var s sharedFields
	sel := make(ast.SelectionSet, maxShared+10)
	for i := range sel {
		sel[i] = &ast.Field{Name: "id", Alias: "id"}
	}
	oc := &graphql.OperationContext{Doc: &ast.QueryDocument{}}
	for i := range sel {
		got, ok := s.get(oc, sel[i:i+1], nil)
		if !ok || !reflect.DeepEqual(got, graphql.CollectFields(&graphql.OperationContext{Doc: oc.Doc}, sel[i:i+1], nil)) {
			t.Fatalf("selection %d: %v, %v", i, names(got), ok)
		}
	}
	held := 0
	s.m.Range(func(any, any) bool { held++; return true })
	if held > maxShared || held != int(s.n.Load()) || held == 0 {
		t.Errorf("%d selection sets held (counted %d), want at most %d", held, s.n.Load(), maxShared)
	}
}

// TestCollectSharedBelowDirectives: below a selection set that depends on
// the request, graphql.CollectFields hands out new merged copies of the
// fields' selection sets for every request; the memo knows them by their
// elements, so requests after the first add nothing to it and find the
// nested answers it holds.
func TestCollectSharedBelowDirectives(t *testing.T) {
	doc, errs := gqlparser.LoadQuery(schema, `query($s: Boolean!) { n { id ... on A @include(if: $s) { b { id b } } ... on A { b { a { id } } } } }`)
	if errs != nil {
		t.Fatal(errs)
	}
	n := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	var held int64
	for request := range 10 {
		oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"s": request%2 == 0}}
		for _, f := range Collect(oc, n, aImpl) {
			if f.Name != "b" {
				continue
			}
			want := graphql.CollectFields(&graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: oc.Variables}, f.Selections, bImpl)
			if got := Collect(oc, f.Selections, bImpl); !reflect.DeepEqual(got, want) {
				t.Fatalf("request %d: %v, want %v", request, names(got), names(want))
			}
			if _, ok := memo.get(oc, f.Selections, bImpl); !ok {
				t.Errorf("request %d: b's merged selection set (%d elements) not remembered", request, len(f.Selections))
			}
		}
		if request == 1 {
			held = memo.n.Load()
		} else if request > 1 && memo.n.Load() != held {
			t.Errorf("request %d: the memo grew from %d to %d selection sets", request, held, memo.n.Load())
		}
	}
}
