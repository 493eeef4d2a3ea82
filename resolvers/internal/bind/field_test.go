package bind

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
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

type fakeEC struct{ calls int }

func (ec *fakeEC) value(ctx context.Context, _ graphql.CollectedField, obj string) graphql.Marshaler {
	ec.calls++
	return graphql.MarshalString(obj)
}

func (ec *fakeEC) null(context.Context, graphql.CollectedField, string) graphql.Marshaler {
	ec.calls++
	return graphql.Null
}

func (ec *fakeEC) requiredNull(context.Context, graphql.CollectedField, string) graphql.Marshaler {
	ec.calls++
	return graphql.RequiredNull
}

func (ec *fakeEC) panics(context.Context, graphql.CollectedField, string) graphql.Marshaler {
	ec.calls++
	panic("boom")
}

// TestFieldNowAsFieldSet runs an object's resolver field (a value, null,
// a panic; non-null or not) through FieldNow in a serial request and
// through gqlgen's hand-over (the generated closure given to the field
// set, then Dispatch), and compares the value, the invalid count and the
// errors. Outside a serial request, and for a deferred field, FieldNow
// does nothing.
func TestFieldNowAsFieldSet(t *testing.T) {
	fns := map[string]func(*fakeEC, context.Context, graphql.CollectedField, string) graphql.Marshaler{
		"value": (*fakeEC).value, "null": (*fakeEC).null, "panic": (*fakeEC).panics, "required-null": (*fakeEC).requiredNull,
	}
	field := graphql.CollectedField{Field: &ast.Field{Alias: "f", Name: "f"}}
	run := func(name string, invalidOn graphql.Marshaler, now bool) string {
		ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, nil)
		oc := &graphql.OperationContext{RecoverFunc: func(ctx context.Context, r any) error { return fmt.Errorf("recovered: %v", r) }}
		ec := &fakeEC{}
		out := graphql.NewFieldSet([]graphql.CollectedField{field})
		if now {
			if !FieldNow(ctx, true, ec, oc, out, 0, field, "x", invalidOn, fns[name]) {
				t.Fatal("FieldNow did not run in a serial request")
			}
		} else {
			innerFunc := func(ctx context.Context, fs *graphql.FieldSet) (res graphql.Marshaler) {
				defer func() {
					if r := recover(); r != nil {
						oc.Error(ctx, oc.Recover(ctx, r))
					}
				}()
				res = fns[name](ec, ctx, field, "x")
				if invalidOn != nil && res == invalidOn {
					atomic.AddUint32(&fs.Invalids, 1)
				}
				return res
			}
			out.Concurrently(0, func(ctx context.Context) graphql.Marshaler { return innerFunc(ctx, out) })
			out.Dispatch(ctx)
		}
		v := "<nil>"
		if out.Values[0] != nil {
			var b bytes.Buffer
			out.Values[0].MarshalGQL(&b)
			v = b.String()
		}
		return fmt.Sprintf("%s invalids=%d calls=%d errors=%v", v, out.Invalids, ec.calls, graphql.GetErrors(ctx))
	}
	for name := range fns {
		for _, invalidOn := range []graphql.Marshaler{nil, graphql.Null, graphql.RequiredNull} {
			if got, want := run(name, invalidOn, true), run(name, invalidOn, false); got != want {
				t.Errorf("%s (invalid on %v):\n now       %s\n field set %s", name, invalidOn, got, want)
			}
		}
	}
	if got := run("null", graphql.Null, true); got != "null invalids=1 calls=1 errors=" {
		t.Errorf("a null non-null field: %s", got)
	}
	if got := run("null", graphql.RequiredNull, true); got != "null invalids=0 calls=1 errors=" {
		t.Errorf("a null nullable field: %s", got)
	}
	ec := &fakeEC{}
	out := graphql.NewFieldSet([]graphql.CollectedField{field})
	if FieldNow(context.Background(), false, ec, nil, out, 0, field, "x", graphql.Null, (*fakeEC).value) || ec.calls != 0 {
		t.Error("FieldNow ran outside a serial request")
	}
	deferred := graphql.CollectedField{Field: field.Field, Deferrables: []*graphql.Deferrable{{Label: "d"}}}
	if FieldNow(context.Background(), true, ec, nil, out, 0, deferred, "x", graphql.Null, (*fakeEC).value) || ec.calls != 0 {
		t.Error("FieldNow ran a deferred field")
	}
}
