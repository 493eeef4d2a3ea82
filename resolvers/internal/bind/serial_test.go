package bind

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func marshalled(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// TestMarshalSliceSerial: serial, each element is marshalled after the one
// before has finished, in the calling goroutine; the answer is gqlgen's.
func TestMarshalSliceSerial(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	done := -1
	elem := func(ctx context.Context, i int) graphql.Marshaler {
		if fc := graphql.GetFieldContext(ctx); fc == nil || fc.Index == nil || *fc.Index != i {
			t.Errorf("element %d: field context %+v", i, fc)
		}
		return graphql.MarshalInt(i)
	}
	serial := MarshalSlice(WithSerial(ctx), 5, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if done != i-1 {
			t.Errorf("element %d started before element %d finished", i, i-1)
		}
		defer func() { done = i }()
		return elem(ctx, i)
	})
	concurrent := MarshalSlice(ctx, 5, 0, false, elem)
	if a, b := marshalled(serial), marshalled(concurrent); a != "[0,1,2,3,4]" || a != b {
		t.Errorf("serial %s, concurrent %s", a, b)
	}
}

// TestMarshalSlicePanic: a panicking element makes the list null and adds
// the error, as gqlgen does.
func TestMarshalSlicePanic(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, func(ctx context.Context, err any) error {
		return &recovered{err}
	})
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "xs"}}})
	out := MarshalSlice(WithSerial(ctx), 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if out != nil {
		t.Errorf("a list with a panicking element is %s, want null", marshalled(out))
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 {
		t.Errorf("errors %v, want the panic's", errs)
	}
}

type recovered struct{ v any }

func (r *recovered) Error() string { return "recovered" }

func TestConcurrentlySerial(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	for _, serial := range []bool{true, false} {
		ctx := context.Background()
		if serial {
			ctx = WithSerial(ctx)
		}
		out := graphql.NewFieldSet(fields)
		ran := false
		Concurrently(ctx, out, 0, func(context.Context) graphql.Marshaler { ran = true; return graphql.MarshalString("x") })
		Concurrently(ctx, out, 1, func(context.Context) graphql.Marshaler { return graphql.MarshalInt(2) })
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

// TestMarshalBuffers: an answer is written into a lent buffer, which the
// release returns for the next request; without WithBuffers a new one.
func TestMarshalBuffers(t *testing.T) {
	answer := graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, `{"a":1}`) })
	if got := string(Marshal(context.Background(), answer)); got != `{"a":1}` {
		t.Fatalf("without buffers: %s", got)
	}
	ctx, release := WithBuffers(context.Background())
	first := Marshal(ctx, answer)
	second := Marshal(ctx, answer)
	if string(first) != `{"a":1}` || string(second) != `{"a":1}` {
		t.Fatalf("%s %s", first, second)
	}
	if &first[0] == &second[0] {
		t.Fatal("two answers of one request share a buffer")
	}
	rb := ctx.Value(buffersKey{}).(*requestBuffers)
	if len(rb.bufs) != 2 {
		t.Fatalf("%d buffers lent, want 2", len(rb.bufs))
	}
	release()
	if len(rb.bufs) != 0 {
		t.Errorf("%d buffers still lent after release", len(rb.bufs))
	}
}

// TestStringAt: strings and dates written from a pointer are written as
// gqlgen's marshalers write them, and without allocating.
func TestStringAt(t *testing.T) {
	for _, s := range []string{"", "Bo Libergren", `a "quoted" \ line` + "\n\t\x01", "Ærø Å"} {
		if a, b := marshalled(StringAt(&s)), marshalled(graphql.MarshalString(s)); a != b {
			t.Errorf("StringAt %s, MarshalString %s", a, b)
		}
	}
	for _, d := range []string{"", "2024-06-19"} {
		if a, b := marshalled(DateAt(&d)), marshalled(MarshalDate(d)); a != b {
			t.Errorf("DateAt %s, MarshalDate %s", a, b)
		}
	}
	s, d := "Bo Libergren", "2024-06-19"
	if n := testing.AllocsPerRun(100, func() { StringAt(&s).MarshalGQL(io.Discard) }); n != 0 {
		t.Errorf("StringAt allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { DateAt(&d).MarshalGQL(io.Discard) }); n != 0 {
		t.Errorf("DateAt allocates %v times", n)
	}
}
