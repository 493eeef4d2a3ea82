package bind

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// inline is a resolver field as the generate command's rewrite 5 writes it
// (with recovery), for a resolver returning (*string, error).
func inline(ctx context.Context, oc *graphql.OperationContext, field graphql.CollectedField, fcOf func() *graphql.FieldContext,
	resolve func(context.Context) (*string, error), nonNull bool) (ret graphql.Marshaler) {
	fc := fcOf()
	ctx = graphql.WithFieldContext(ctx, fc)
	defer Recover(ctx, oc, &ret)
	v, err := resolve(ctx)
	if err != nil {
		return Failed(ctx, oc, fc, err, nonNull)
	}
	fc.Result = v
	return marshalString(ctx, v)
}

func marshalString(ctx context.Context, v *string) graphql.Marshaler {
	if v == nil {
		return graphql.Null
	}
	return graphql.MarshalString(*v)
}

// TestInlineFieldAsResolveField runs each way a resolver can end (a value,
// nil, an error, a panic; a field context that says non-null or not; a
// call site that says non-null or not) through gqlgen's
// graphql.ResolveField and through the in-line form, and compares the
// answer written and the errors, with their paths and locations.
func TestInlineFieldAsResolveField(t *testing.T) {
	s := "x"
	resolvers := map[string]func(context.Context) (*string, error){
		"value": func(context.Context) (*string, error) { return &s, nil },
		"nil":   func(context.Context) (*string, error) { return nil, nil },
		"error": func(context.Context) (*string, error) { return nil, errors.New("bad") },
		"panic": func(context.Context) (*string, error) { panic("boom") },
	}
	run := func(name string, fcNonNull, nonNull, viaGqlgen bool) string {
		ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, nil)
		oc := &graphql.OperationContext{
			RecoverFunc:        func(ctx context.Context, r any) error { return fmt.Errorf("recovered: %v", r) },
			ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
		}
		parent := &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "p", Name: "p"}}}
		ctx = graphql.WithFieldContext(ctx, parent)
		field := graphql.CollectedField{Field: &ast.Field{Alias: "f", Name: "f", Position: &ast.Position{Line: 2, Column: 7}}}
		fcOf := func() *graphql.FieldContext {
			return &graphql.FieldContext{Object: "T", Field: field, IsResolver: true, NonNull: fcNonNull}
		}
		var m graphql.Marshaler
		if viaGqlgen {
			m = graphql.ResolveField(ctx, oc, field,
				func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error) { return fcOf(), nil },
				func(ctx context.Context) (any, error) { return resolvers[name](ctx) },
				nil,
				func(ctx context.Context, _ ast.SelectionSet, v *string) graphql.Marshaler {
					return marshalString(ctx, v)
				},
				true, nonNull)
		} else {
			m = inline(ctx, oc, field, fcOf, resolvers[name], nonNull)
		}
		var b bytes.Buffer
		m.MarshalGQL(&b)
		return fmt.Sprintf("%s required-null=%v errors=%v", b.String(), m == graphql.RequiredNull, graphql.GetErrors(ctx))
	}
	for name := range resolvers {
		for _, fcNonNull := range []bool{false, true} {
			for _, nonNull := range []bool{false, true} {
				want, got := run(name, fcNonNull, nonNull, true), run(name, fcNonNull, nonNull, false)
				if got != want {
					t.Errorf("%s (field context non-null %v, call site %v):\n in line %s\n gqlgen  %s", name, fcNonNull, nonNull, got, want)
				}
			}
		}
	}
	// The comparison is of something: an error carries its location and path.
	if got := run("error", false, true, false); got != "null required-null=false errors=input:2:7: p.f bad\n" {
		t.Errorf("an error answers %q", got)
	}
	if got := run("value", false, true, false); got != `"x" required-null=false errors=` {
		t.Errorf("a value answers %s", got)
	}
}
