package bind

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// schema is the collection tests' schema: an interface and two types
// implementing it; aImpl and bImpl are the types' implementors.
var (
	schema = gqlparser.MustLoadSchema(&ast.Source{Input: `
		interface N { id: ID! }
		type A implements N { id: ID! a: String b: B }
		type B implements N { id: ID! b: String a: A }
		type Query { n: N }`})
	aImpl, bImpl = []string{"A", "N"}, []string{"B", "N"}
)

// TestObjectsCollectAsGqlgen: Objects.Collect answers as
// graphql.CollectFields for every selection set and type of a query
// (fragments on either type included), tells the types apart and
// remembers per selection set and type; a selection set that does not
// depend on the request (no directive) is answered from the memo shared
// by all operations. Object writes as bind.Object.
func TestObjectsCollectAsGqlgen(t *testing.T) {
	for _, c := range []struct {
		query   string
		shared  bool // answered from the shared memo
		aFields string
	}{
		{`{ n { id ... on A { a b { id b } } ... on B { b a { a } } } }`, true, "[id a b]"},
		{`query($x: Boolean!) { n { id @include(if: $x) ... on A { a b { id b } } ... on B { b a { a } } } }`, false, "[id a b]"},
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
			if len(o.collected) != 2 {
				t.Errorf("%s: %d selections remembered by the operation, want 2 (one per type)", c.query, len(o.collected))
			}
			got, shared := o.Collect(oc, n, aImpl), Collect(&graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: oc.Variables}, n, aImpl)
			if (&got[0] == &shared[0]) != c.shared {
				t.Errorf("%s: answered from the shared memo %v, want %v", c.query, !c.shared, c.shared)
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
	out := make([]graphql.Marshaler, 8*slabMax)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range slabMax {
				k := g*slabMax + i
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

// TestSlabTake: every take gets elements of its own, as many as asked,
// with no room to append into the next take's, from arrays that grow from
// slabMin to slabMax elements; a take as large as half a slab gets its own.
func TestSlabTake(t *testing.T) {
	var s slab[int]
	var taken [][]int
	for i, n := range []int{1, 3, 0, 2, 5, 1, 40, 7, 1, 100, 2, 33, 1} {
		got := s.take(n)
		if len(got) != n || cap(got) != n {
			t.Fatalf("take(%d) has len %d, cap %d", n, len(got), cap(got))
		}
		for j := range got {
			if got[j] != 0 {
				t.Fatalf("take(%d) is not zeroed", n)
			}
			got[j] = i + 1
		}
		taken = append(taken, got)
		if c := cap(s.free); c != 0 && (c < slabMin || c > slabMax) {
			t.Fatalf("slab of %d elements", c)
		}
	}
	for i, got := range taken {
		for _, v := range got {
			if v != i+1 {
				t.Fatalf("take %d was overwritten: %v", i, got)
			}
		}
	}
}

// TestObjectsFieldSet: a set from Objects resolves and writes as gqlgen's
// does, each with values of its own, serial or not; a set with a deferred
// field is gqlgen's own, which writes itself.
func TestObjectsFieldSet(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	for _, o := range []*Objects{NewObjects(true), NewObjects(false), nil} {
		ctx := context.Background()
		var sets []*graphql.FieldSet
		for k := range 3 * slabMax {
			out := o.FieldSet(fields)
			if len(out.Values) != len(fields) {
				t.Fatalf("%d values for %d fields", len(out.Values), len(fields))
			}
			o.Concurrently(ctx, out, 0, func(context.Context) graphql.Marshaler { return graphql.MarshalInt(k) })
			o.Concurrently(ctx, out, 1, func(context.Context) graphql.Marshaler { return graphql.MarshalString("x") })
			out.Dispatch(ctx)
			sets = append(sets, out)
		}
		for k, out := range sets {
			if got, want := marshalled(o.Object(fields, out.Values)), fmt.Sprintf(`{"a":%d,"b":"x"}`, k); got != want || out.Invalids != 0 {
				t.Fatalf("serial %v: set %d wrote %s, want %s", o.Serial(), k, got, want)
			}
		}
	}
	deferredFields := []graphql.CollectedField{fields[0], {Field: &ast.Field{Alias: "b"}, Deferrables: []*graphql.Deferrable{{Label: "later"}}}}
	out := NewObjects(true).FieldSet(deferredFields)
	out.Values[0], out.Values[1] = graphql.MarshalInt(1), graphql.MarshalInt(2)
	if got := marshalled(out); got != `{"a":1,"b":2}` {
		t.Errorf("a set with a deferred field wrote %s", got)
	}
}
