package bind

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestEveryField: the predicate is asked of every field, in inline and
// named fragments and at every depth, and the fragments' directives of
// the fragment predicate; one no fails the whole set.
func TestEveryField(t *testing.T) {
	doc, errs := gqlparser.LoadQuery(schema, `query($s: Boolean!) { n { id ... on A @skip(if: $s) { a b { id ...F } } } } fragment F on B { b }`)
	if errs != nil {
		t.Fatal(errs)
	}
	set := doc.Operations[0].SelectionSet
	var seen []string
	if !EveryField(set, func(f *ast.Field) bool { seen = append(seen, f.Name); return true }, nil) {
		t.Fatal("EveryField failed with a predicate that always holds")
	}
	if want := []string{"n", "id", "a", "b", "id", "b"}; len(seen) != len(want) {
		t.Errorf("fields asked %v, want %v", seen, want)
	}
	if EveryField(set, func(f *ast.Field) bool { return f.Name != "a" }, nil) {
		t.Error("a field inside an inline fragment failed and EveryField held")
	}
	if EveryField(set, func(f *ast.Field) bool { return f.Name != "b" || f.ObjectDefinition.Name != "B" }, nil) {
		t.Error("a field of a named fragment failed and EveryField held")
	}
	skipOnly := func(ds ast.DirectiveList) bool { return len(ds) == 0 }
	if EveryField(set, func(*ast.Field) bool { return true }, skipOnly) {
		t.Error("a fragment's directive failed and EveryField held")
	}
	spread := &ast.FragmentSpread{Name: "G"}
	if EveryField(ast.SelectionSet{spread}, func(*ast.Field) bool { return true }, nil) {
		t.Error("a spread of an unknown fragment held")
	}
}
