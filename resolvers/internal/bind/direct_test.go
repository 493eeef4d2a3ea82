package bind

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestDirectFieldsKnow: an operation is known when every field it selects,
// in fragments too, is in the table for the type it is selected on, and no
// directive but @skip and @include is used; the answer is remembered for
// the operation.
func TestDirectFieldsKnow(t *testing.T) {
	known := DirectFields{
		"Query": {"__typename": true},
		"A":     {"__typename": true, "id": true, "a": true, "b": true},
		"B":     {"__typename": true, "id": true, "b": true},
	}
	// Query.n is not in the table: every query below selects it, so each
	// is known only when Query knows n.
	for _, c := range []struct {
		query string
		want  bool
	}{
		{`{ n { id } }`, false},
		{`{ __typename }`, true},
	} {
		doc, errs := gqlparser.LoadQuery(schema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.query, errs)
		}
		oc := &graphql.OperationContext{Operation: doc.Operations[0], Doc: doc}
		if got := known.Know(oc); got != c.want {
			t.Errorf("%s: Know = %v, want %v", c.query, got, c.want)
		}
	}
	known["Query"]["n"] = true
	for _, c := range []struct {
		query string
		want  bool
	}{
		{`{ n { __typename } }`, false}, // selected on the interface N
		{`{ n { id } }`, false},
		{`{ n { ... on A { id a b { id b } } } }`, true},
		{`{ n { ... on A { id a b { id b a { id } } } } }`, false}, // B.a
		{`{ n { ...F } } fragment F on A { id b { b } }`, true},
		{`{ n { ...F } } fragment F on B { id a { id } }`, false},
		{`query($s: Boolean!) { n { ... on A @include(if: $s) { id @skip(if: $s) } } }`, true},
	} {
		doc, errs := gqlparser.LoadQuery(schema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.query, errs)
		}
		op := doc.Operations[0]
		oc := &graphql.OperationContext{Operation: op, Doc: doc}
		if got := known.Know(oc); got != c.want {
			t.Errorf("%s: Know = %v, want %v", c.query, got, c.want)
		}
		// Remembered: the same operation gets the same answer after the
		// table changed.
		delete(known["A"], "id")
		if got := known.Know(oc); got != c.want {
			t.Errorf("%s: Know again = %v, want the remembered %v", c.query, got, c.want)
		}
		known["A"]["id"] = true
	}
	// Any other directive (@defer) is not known.
	doc, errs := gqlparser.LoadQuery(schema, `{ n { ... on A { id } } }`)
	if errs != nil {
		t.Fatal(errs)
	}
	f := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.InlineFragment)
	f.Directives = ast.DirectiveList{{Name: "defer"}}
	if known.Know(&graphql.OperationContext{Operation: doc.Operations[0], Doc: doc}) {
		t.Error("an inline fragment with @defer is known")
	}
}

// TestDirectWrites: Direct returns what the writer wrote when it succeeds
// without an error, in a buffer lent to the request; it gives up when the
// writer does or an error was added, and counts both.
func TestDirectWrites(t *testing.T) {
	ctx, release := WithBuffers(context.Background())
	defer release()
	ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	a0, g0 := DirectCounts()
	data, ok := Direct(ctx, func(_ context.Context, w *bytes.Buffer) bool {
		w.WriteString(`{"a":1}`)
		return true
	})
	if !ok || string(data) != `{"a":1}` {
		t.Errorf("Direct = %q, %v", data, ok)
	}
	if rb := ctx.Value(buffersKey{}).(*requestBuffers); len(rb.bufs) != 1 {
		t.Errorf("%d buffers lent to the request, want 1", len(rb.bufs))
	}
	if _, ok := Direct(ctx, func(context.Context, *bytes.Buffer) bool { return false }); ok {
		t.Error("Direct succeeded when the writer gave up")
	}
	if _, ok := Direct(ctx, func(ctx context.Context, w *bytes.Buffer) bool {
		graphql.AddError(ctx, errors.New("broken"))
		return true
	}); ok {
		t.Error("Direct succeeded when the writer added an error")
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 0 {
		t.Errorf("the writer's error reached the request: %v", errs)
	}
	if a, g := DirectCounts(); a-a0 != 1 || g-g0 != 2 {
		t.Errorf("counted %d answered and %d given up, want 1 and 2", a-a0, g-g0)
	}
	// Without request buffers the answer is a copy of its own.
	data, ok = Direct(context.Background(), func(_ context.Context, w *bytes.Buffer) bool {
		w.WriteString("[]")
		return true
	})
	if !ok || string(data) != "[]" {
		t.Errorf("Direct without buffers = %q, %v", data, ok)
	}
}

// TestDirectValueAndKey: a scalar's value is written unless it is a null
// gqlgen would not write as it is; keys are separated by commas.
func TestDirectValueAndKey(t *testing.T) {
	var w bytes.Buffer
	for _, c := range []struct {
		m       graphql.Marshaler
		nonNull bool
		want    bool
		wrote   string
	}{
		{graphql.MarshalString("x"), true, true, `"x"`},
		{graphql.Null, false, true, "null"},
		{graphql.Null, true, false, ""},
		{graphql.RequiredNull, false, false, ""},
		{nil, false, false, ""},
	} {
		w.Reset()
		if got := DirectValue(&w, c.m, c.nonNull); got != c.want || w.String() != c.wrote {
			t.Errorf("DirectValue(%v, nonNull %v) = %v, wrote %q; want %v, %q", c.m, c.nonNull, got, w.String(), c.want, c.wrote)
		}
	}
	w.Reset()
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	for i := range fields {
		DirectKey(&w, fields, i)
		w.WriteString("1")
	}
	if w.String() != `"a":1,"b":1` {
		t.Errorf("keys written as %s", w.String())
	}
}

// TestDirectField: a field's context is made once per parent context and
// field, and handed out again under the same parent (the elements of a
// list); another parent or another field gets its own, an error is
// returned and nothing kept, and past maxDirectFields each is made anew.
func TestDirectField(t *testing.T) {
	o := NewObjects(true)
	made := 0
	mk := func(fail bool, _ context.Context, f graphql.CollectedField) (*graphql.FieldContext, error) {
		made++
		if fail {
			return nil, errors.New("bad arguments")
		}
		return &graphql.FieldContext{Field: f}, nil
	}
	parent := context.WithValue(context.Background(), struct{}{}, 1)
	a := graphql.CollectedField{Field: &ast.Field{Name: "a", Alias: "a"}}
	b := graphql.CollectedField{Field: &ast.Field{Name: "b", Alias: "b"}}
	c1, fc1, err := DirectField(parent, o, false, a, mk)
	if err != nil || graphql.GetFieldContext(c1) != fc1 || fc1.Field.Field != a.Field {
		t.Fatalf("DirectField = %v, %v, %v", c1, fc1, err)
	}
	if c2, fc2, _ := DirectField(parent, o, false, a, mk); c2 != c1 || fc2 != fc1 || made != 1 {
		t.Errorf("the same field under the same parent made again (%d made)", made)
	}
	if _, fc3, _ := DirectField(parent, o, false, b, mk); fc3 == fc1 || made != 2 {
		t.Errorf("another field shares a's context (%d made)", made)
	}
	other := context.WithValue(parent, struct{}{}, 2)
	if c4, fc4, _ := DirectField(other, o, false, a, mk); fc4 == fc1 || c4 == c1 || made != 3 {
		t.Errorf("another parent shares the context (%d made)", made)
	}
	n := len(o.fields)
	if c, _, err := DirectField(parent, o, true, graphql.CollectedField{Field: &ast.Field{Name: "c"}}, mk); err == nil || c != parent || len(o.fields) != n {
		t.Errorf("a failed field context: err %v, kept %d", err, len(o.fields)-n)
	}
	for i := range maxDirectFields {
		DirectField(parent, o, false, graphql.CollectedField{Field: &ast.Field{Name: fmt.Sprint(i)}}, mk)
	}
	if len(o.fields) != maxDirectFields {
		t.Errorf("%d field contexts kept, want at most %d", len(o.fields), maxDirectFields)
	}
}
