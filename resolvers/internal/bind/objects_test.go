package bind

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestObjectsCollectAsGqlgen: Objects.Collect answers as
// graphql.CollectFields for every selection set and type of a query
// (fragments on either type included) and tells the types apart. A
// selection set that depends on the request (a directive) is remembered
// per operation, per selection set and type; one that does not is left to
// the memo shared by all operations. Object writes as bind.Object.
func TestObjectsCollectAsGqlgen(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		interface N { id: ID! }
		type A implements N { id: ID! a: String b: B }
		type B implements N { id: ID! b: String a: A }
		type Query { n: N }`})
	aImpl, bImpl := []string{"A", "N"}, []string{"B", "N"}
	for _, c := range []struct {
		query   string
		perOp   int // selections the operation remembers itself
		aFields string
	}{
		{`{ n { id ... on A { a b { id b } } ... on B { b a { a } } } }`, 0, "[id a b]"},
		{`query($x: Boolean!) { n { id @include(if: $x) ... on A { a b { id b } } ... on B { b a { a } } } }`, 2, "[id a b]"},
	} {
		doc := gqlparser.MustLoadQuery(schema, c.query)
		oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"x": true}}
		n := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
		for _, serial := range []bool{true, false} {
			o := NewObjects(serial)
			for round := range 2 {
				for _, impl := range [][]string{aImpl, bImpl} {
					got := o.Collect(oc, n, impl)
					want := graphql.CollectFields(oc, n, impl)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: serial %v round %d %v: %v, want %v", c.query, serial, round, impl, names(got), names(want))
					}
				}
			}
			if len(o.collected) != c.perOp {
				t.Errorf("%s: %d selections remembered by the operation, want %d", c.query, len(o.collected), c.perOp)
			}
			if a, b := o.Collect(oc, n, aImpl), o.Collect(oc, n, bImpl); fmt.Sprint(names(a)) != c.aFields || fmt.Sprint(names(b)) != "[id b a]" {
				t.Errorf("%s: types mixed up: A %v, B %v", c.query, names(a), names(b))
			}
		}
	}
	doc := gqlparser.MustLoadQuery(schema, `{ n { id ... on A { a b { id b } } ... on B { b a { a } } } }`)
	oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{}}
	n := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	fields := graphql.CollectFields(oc, n, aImpl)
	values := []graphql.Marshaler{graphql.MarshalString("1"), graphql.Null, graphql.MarshalString("x")}
	for _, o := range []*Objects{{}, nil} {
		if got := o.Collect(oc, n, aImpl); !reflect.DeepEqual(got, fields) {
			t.Errorf("%v: collected %v", o, names(got))
		}
		var w1, w2 bytes.Buffer
		o.Object(fields, values).MarshalGQL(&w1)
		Object(fields, values).MarshalGQL(&w2)
		if w1.String() != w2.String() || w1.String() != `{"id":"1","a":null,"b":"x"}` {
			t.Errorf("%v: Objects.Object wrote %s, bind.Object %s", o, w1.String(), w2.String())
		}
	}
}

// TestObjectsConcurrent: an operation that is not serial uses Objects from
// many goroutines (run with -race); every writer keeps its own values
// across slabs.
func TestObjectsConcurrent(t *testing.T) {
	o := &Objects{}
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "v", Name: "v"}}}
	var wg sync.WaitGroup
	out := make([]graphql.Marshaler, 8*objectSlab)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range objectSlab {
				k := g*objectSlab + i
				out[k] = o.Object(fields, []graphql.Marshaler{graphql.MarshalInt(k)})
				_ = o.Collect(&graphql.OperationContext{Doc: &ast.QueryDocument{}}, nil, []string{"T"})
			}
		}()
	}
	wg.Wait()
	for k, m := range out {
		var b bytes.Buffer
		m.MarshalGQL(&b)
		if want := fmt.Sprintf(`{"v":%d}`, k); b.String() != want {
			t.Fatalf("object %d wrote %s", k, b.String())
		}
	}
}

func names(fs []graphql.CollectedField) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Alias)
	}
	return out
}

// TestObjectsConcurrently: a serial operation's Objects resolve a field at
// once, others (and a nil *Objects) when the field set is dispatched.
func TestObjectsConcurrently(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	for _, o := range []*Objects{NewObjects(true), NewObjects(false), nil} {
		serial := o.Serial()
		ctx := context.Background()
		out := graphql.NewFieldSet(fields)
		ran := false
		o.Concurrently(ctx, out, 0, func(context.Context) graphql.Marshaler { ran = true; return graphql.MarshalString("x") })
		o.Concurrently(ctx, out, 1, func(context.Context) graphql.Marshaler { return graphql.MarshalInt(2) })
		if ran != serial {
			t.Errorf("serial %v: resolved before dispatch: %v", serial, ran)
		}
		out.Dispatch(ctx)
		if got := marshalled(Object(fields, out.Values)); got != `{"a":"x","b":2}` {
			t.Errorf("serial %v: %s", serial, got)
		}
	}
}

// TestObjectAsFieldSet: Object writes what gqlgen's field set writes,
// including a response key that occurs twice.
func TestObjectAsFieldSet(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "id"}}, {Field: &ast.Field{Alias: "name"}}, {Field: &ast.Field{Alias: "id"}}}
	values := []graphql.Marshaler{graphql.MarshalString("p1"), graphql.MarshalString(`Å "x"`), graphql.MarshalString("p1")}
	fs := graphql.NewFieldSet(fields)
	copy(fs.Values, values)
	if a, b := marshalled(Object(fields, values)), marshalled(fs); a != b {
		t.Errorf("Object %s, field set %s", a, b)
	}
	if got := marshalled(Object(nil, nil)); got != "{}" {
		t.Errorf("no fields: %s", got)
	}
}

// TestFieldContextAsGqlgen: field contexts and their context values from
// an operation's slabs behave as gqlgen's graphql.WithFieldContext: each
// field finds its own context with its parent and path, the values,
// deadline and cancellation of the context below pass through, a value
// added on top keeps the field context in view, and no field context or
// context value is overwritten as the slabs grow, in serial operations, in
// concurrent ones (run with -race) and without Objects.
func TestFieldContextAsGqlgen(t *testing.T) {
	type key struct{}
	for _, o := range []*Objects{NewObjects(true), NewObjects(false), nil} {
		root, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "v"), time.Hour)
		viaGqlgen, viaSlab := root, root
		var mine []*graphql.FieldContext
		var ctxs []context.Context
		for i := range 200 {
			f := graphql.CollectedField{Field: &ast.Field{Alias: fmt.Sprint("f", i), Name: "f"}}
			viaGqlgen = graphql.WithFieldContext(viaGqlgen, &graphql.FieldContext{Object: "T", Field: f})
			fc := o.FieldContext(graphql.FieldContext{Object: "T", Field: f})
			viaSlab = o.WithFieldContext(viaSlab, fc)
			mine, ctxs = append(mine, fc), append(ctxs, viaSlab)
			if i%3 == 0 {
				viaSlab = context.WithValue(viaSlab, key{}, fmt.Sprint("v", i))
				viaGqlgen = context.WithValue(viaGqlgen, key{}, fmt.Sprint("v", i))
			}
			if got, want := graphql.GetFieldContext(viaSlab).Path().String(), graphql.GetFieldContext(viaGqlgen).Path().String(); got != want {
				t.Fatalf("%v, field %d: path %s, gqlgen's %s", o, i, got, want)
			}
			if got, want := viaSlab.Value(key{}), viaGqlgen.Value(key{}); got != want {
				t.Fatalf("%v, field %d: value %v, gqlgen's %v", o, i, got, want)
			}
		}
		for i, fc := range mine {
			if graphql.GetFieldContext(ctxs[i]) != fc || fc.Field.Alias != fmt.Sprint("f", i) || i > 0 && fc.Parent != mine[i-1] {
				t.Fatalf("%v: field %d lost its context (alias %s)", o, i, fc.Field.Alias)
			}
		}
		if d1, ok1 := viaSlab.Deadline(); !ok1 {
			t.Errorf("%v: no deadline", o)
		} else if d2, _ := root.Deadline(); !d1.Equal(d2) {
			t.Errorf("%v: deadline %v, want %v", o, d1, d2)
		}
		derived, stop := context.WithCancel(viaSlab)
		cancel()
		<-derived.Done()
		if viaSlab.Err() != context.Canceled {
			t.Errorf("%v: after cancelling, %v", o, viaSlab.Err())
		}
		stop()
	}
	o := NewObjects(false)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for i := range 100 {
				fc := o.FieldContext(graphql.FieldContext{Object: fmt.Sprint(g), Index: &i})
				ctx = o.WithFieldContext(ctx, fc)
				if got := graphql.GetFieldContext(ctx); got != fc || got.Object != fmt.Sprint(g) {
					t.Errorf("goroutine %d: another field's context", g)
					return
				}
			}
		}()
	}
	wg.Wait()
}
