package bind

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

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
