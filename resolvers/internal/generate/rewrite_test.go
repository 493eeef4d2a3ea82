package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// generated is gqlgen's output in miniature: plain fields with safe
// marshalers (a string, written from a pointer, and a boolean), one whose
// marshaler can report an error, resolver fields (without and with
// arguments, and one whose result is an interface), one with directives,
// and an object, a list and a query root as gqlgen writes them.
const generated = `package exec

import (
	"bytes"
	"context"
	"errors"
	"math"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"example.com/bind"
)

type executionContext struct {
	*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]
}

func (e *executableSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	opCtx := graphql.GetOperationContext(ctx)
	ec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))
	inputUnmarshalMap := graphql.BuildUnmarshalerMap(
		ec.unmarshalInputTFilter,
		ec.unmarshalInputTOrder,
	)
	first := true
	return func(ctx context.Context) *graphql.Response {
		if first {
			first = false
			ctx = graphql.WithUnmarshalerMap(ctx, inputUnmarshalMap)
		}
		return ec.run(ctx)
	}
}

var tImplementors = []string{"T"}

type T struct{ Name, Day string; X struct{ Y string }; OK bool }

func (ec *executionContext) _T_name(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, nil, field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) { return nil, errors.New("x") },
		func(ctx context.Context) (any, error) {
			return obj.X.Y, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNString2string(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _T_ok(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, nil, field, nil,
		func(ctx context.Context) (any, error) {
			return obj.OK, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v bool) graphql.Marshaler {
			return ec.marshalNBoolean2bool(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _T_day(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, nil, field, nil,
		func(ctx context.Context) (any, error) {
			return obj.Day, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNDate2string(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _T_resolved(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, ec.OperationContext, field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_T_resolved(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return ec.Resolvers.T().Resolved(ctx, obj)
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNString2string(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _T_args(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, ec.OperationContext, field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_T_args(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			fc := graphql.GetFieldContext(ctx)
			return ec.Resolvers.T().Args(ctx, obj, fc.Args["n"].(*int))
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v []*T) graphql.Marshaler {
			return ec.marshalNT(ctx, selections, v)
		},
		false,
		true,
	)
}

func (ec *executionContext) _T_node(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, ec.OperationContext, field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_T_node(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return ec.Resolvers.T().Node(ctx, obj)
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v model.Node) graphql.Marshaler {
			return ec.marshalONode(ctx, selections, v)
		},
		true,
		false,
	)
}

func (ec *executionContext) _T_directed(ctx context.Context, field graphql.CollectedField, obj *T) (ret graphql.Marshaler) {
	return graphql.ResolveField(ctx, nil, field, nil,
		func(ctx context.Context) (any, error) {
			return obj.Name, nil
		},
		func(ctx context.Context, next graphql.Resolver) graphql.Resolver { return next },
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNString2string(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _T(ctx context.Context, sel ast.SelectionSet, obj *T) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, tImplementors)

	out := graphql.NewFieldSet(fields)
	deferredFieldSet := graphql.NewFieldSet(nil)
	deferLabelToView := make(map[string]*graphql.FieldSetView)
	for i, field := range fields {
		if field.IsDeferred() {
			deferredFieldSet.AddField(field)
			continue
		}
		switch field.Name {
		case "resolved":
			field := field

			innerFunc := func(ctx context.Context, fs *graphql.FieldSet) (res graphql.Marshaler) {
				defer func() {
					if r := recover(); r != nil {
						ec.Error(ctx, ec.Recover(ctx, r))
					}
				}()
				res = ec._T_resolved(ctx, field, obj)
				if res == graphql.Null {
					atomic.AddUint32(&fs.Invalids, 1)
				}
				return res
			}

			out.Concurrently(i, func(ctx context.Context) graphql.Marshaler { return innerFunc(ctx, out) })
		case "node":
			field := field

			innerFunc := func(ctx context.Context, fs *graphql.FieldSet) (res graphql.Marshaler) {
				defer func() {
					if r := recover(); r != nil {
						ec.Error(ctx, ec.Recover(ctx, r))
					}
				}()
				res = ec._T_node(ctx, field, obj)
				if res == graphql.RequiredNull {
					atomic.AddUint32(&fs.Invalids, 1)
				}
				return res
			}

			out.Concurrently(i, func(ctx context.Context) graphql.Marshaler { return innerFunc(ctx, out) })
		}
	}
	out.Dispatch(ctx)

	atomic.AddInt32(&ec.Deferred, int32(min(len(deferLabelToView), math.MaxInt32)))

	ec.ProcessDeferredGroup(graphql.DeferredGroup{
		Defers:   deferLabelToView,
		Path:     graphql.GetPath(ctx),
		FieldSet: deferredFieldSet,
		Context:  ctx,
	})

	return out
}

func (ec *executionContext) marshalNT(ctx context.Context, sel ast.SelectionSet, v []*T) graphql.Marshaler {
	return graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return ec._T(ctx, sel, v[i])
	})
}

func (ec *executionContext) query(ctx context.Context, data graphql.Marshaler) *graphql.Response {
	var response graphql.Response
	{
		{
			var buf bytes.Buffer
			data.MarshalGQL(&buf)
			response.Data = buf.Bytes()
		}
	}
	return &response
}

func (ec *executionContext) marshalNString2string(ctx context.Context, sel ast.SelectionSet, v string) graphql.Marshaler {
	_ = sel
	res := graphql.MarshalString(v)
	if res == graphql.Null {
		if !graphql.HasFieldError(ctx, graphql.GetFieldContext(ctx)) {
			graphql.AddErrorf(ctx, "the requested element is null which the schema does not allow")
		}
	}
	return res
}

func (ec *executionContext) marshalNBoolean2bool(ctx context.Context, sel ast.SelectionSet, v bool) graphql.Marshaler {
	_ = sel
	res := graphql.MarshalBoolean(v)
	if res == graphql.Null {
		if !graphql.HasFieldError(ctx, graphql.GetFieldContext(ctx)) {
			graphql.AddErrorf(ctx, "the requested element is null which the schema does not allow")
		}
	}
	return res
}

func (ec *executionContext) marshalNDate2string(ctx context.Context, sel ast.SelectionSet, v string) graphql.Marshaler {
	_ = sel
	res := bind.MarshalDate(v)
	if res == graphql.Null {
		if !graphql.HasFieldError(ctx, graphql.GetFieldContext(ctx)) {
			graphql.AddErrorf(ctx, "the requested element is null which the schema does not allow")
		}
	}
	return res
}
`

func TestRewrite(t *testing.T) {
	out, st, err := rewrite(map[string][]byte{"x.generated.go": []byte(generated)})
	if err != nil {
		t.Fatal(err)
	}
	src := string(out["x.generated.go"])
	if err := st.check(); err != nil {
		t.Errorf("%v\n%s", err, src)
	}
	if st.plainFields != 2 {
		t.Errorf("%d plain fields rewritten, want 2 (_T_name, _T_ok)", st.plainFields)
	}
	if st.objectFields != 2 {
		t.Errorf("%d object fields rewritten, want 2 (resolved, node)", st.objectFields)
	}
	if st.unmarshalerMaps != 2 || strings.Contains(src, "UnmarshalerMap") || strings.Contains(src, "inputUnmarshalMap") {
		t.Errorf("the input unmarshaler map is left (%d sites rewritten, want 2)", st.unmarshalerMaps)
	}
	if st.resolverFields != 2 {
		t.Errorf("%d resolver fields rewritten, want 2 (_T_resolved, _T_args)", st.resolverFields)
	}
	for _, want := range []string{
		"return bind.StringAt(&obj.X.Y)",
		"return ec.marshalNBoolean2bool(ctx, field.Selections, obj.OK)",
		"ec.objects.Concurrently(ctx, out, i, func(ctx context.Context) graphql.Marshaler {",
		"bind.MarshalSlice(ctx, len(v)",
		"response.Data = bind.Marshal(ctx, data)",
		"if len(deferLabelToView) == 0 {\n\t\treturn ec.objects.Object(fields, out.Values)",
		"fields := ec.objects.Collect(ec.OperationContext, sel, tImplementors)",
		"\tobjects *bind.Objects\n}",
		"ec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n\tec.objects = bind.NewObjects(bind.Serial(ctx))\n",
		"var deferredFieldSet *graphql.FieldSet",
		// rewrite 6, for a non-null field and a nullable one, before gqlgen's closures
		"case \"resolved\":\n\t\t\tif bind.FieldNow(ctx, ec.objects.Serial(), ec, ec.OperationContext, out, i, field, obj, graphql.Null, (*executionContext)._T_resolved) {\n\t\t\t\tcontinue\n\t\t\t}\n\t\t\tfield := field\n",
		"case \"node\":\n\t\t\tif bind.FieldNow(ctx, ec.objects.Serial(), ec, ec.OperationContext, out, i, field, obj, graphql.RequiredNull, (*executionContext)._T_node) {\n\t\t\t\tcontinue\n\t\t\t}\n\t\t\tfield := field\n",
		// rewrite 5, with recovery and without, arguments from the field context
		"fc, err := ec.fieldContext_T_resolved(ctx, field)\n\tif err != nil {\n\t\treturn graphql.Null\n\t}\n\tctx = graphql.WithFieldContext(ctx, fc)\n\tdefer bind.Recover(ctx, ec.OperationContext, &ret)\n\tv, err := ec.Resolvers.T().Resolved(ctx, obj)\n\tif err != nil {\n\t\treturn bind.Failed(ctx, ec.OperationContext, fc, err, true)\n\t}\n\tfc.Result = v\n\treturn ec.marshalNString2string(ctx, field.Selections, v)\n}",
		"ctx = graphql.WithFieldContext(ctx, fc)\n\tv, err := ec.Resolvers.T().Args(ctx, obj, fc.Args[\"n\"].(*int))\n\tif err != nil {\n\t\treturn bind.Failed(ctx, ec.OperationContext, fc, err, true)",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("no %q in\n%s", want, src)
		}
	}
	// The others keep gqlgen's machinery: an error the marshaler may
	// report needs the field's context, directives their middleware, and a
	// nil interface gqlgen's own null check.
	for _, f := range []string{"_T_day", "_T_node", "_T_directed"} {
		body := src[strings.Index(src, "func (ec *executionContext) "+f+"("):]
		body = body[:strings.Index(body, "\n}\n")]
		if !strings.Contains(body, "graphql.ResolveField(") {
			t.Errorf("%s was rewritten:\n%s", f, body)
		}
	}
}

// TestRewriteNoticesChangedCode: code without gqlgen's patterns (as after
// an upgrade that changed them) fails generation rather than passing
// through unrewritten.
func TestRewriteNoticesChangedCode(t *testing.T) {
	_, st, err := rewrite(map[string][]byte{"x.generated.go": []byte("package exec\n")})
	if err != nil {
		t.Fatal(err)
	}
	if st.check() == nil {
		t.Error("no site of any rewrite, and check passed")
	}
}

// TestCommittedCodeIsRewritten: the execution code in the repository has
// been through the rewrites (CI also regenerates it and compares).
func TestCommittedCodeIsRewritten(t *testing.T) {
	files, err := filepath.Glob("../exec/*.generated.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	src := all.String()
	for _, gone := range []string{"graphql.MarshalSliceConcurrently(", "out.Concurrently(i,", "var buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n\t\t\tresponse.Data", "graphql.BuildUnmarshalerMap(", "graphql.WithUnmarshalerMap("} {
		if strings.Contains(src, gone) {
			t.Errorf("the generated code still has %q", gone)
		}
	}
	if n := strings.Count(src, "return ec.objects.Object(fields, out.Values)"); n < 50 {
		t.Errorf("%d objects written by bind.Objects, want every object", n)
	}
	if n := strings.Count(src, "fields := ec.objects.Collect(ec.OperationContext, sel, "); n < 50 {
		t.Errorf("%d objects' fields collected by bind.Objects, want every object", n)
	}
	if n := strings.Count(src, "return bind.Failed(ctx, ec.OperationContext, fc, err, "); n < 100 {
		t.Errorf("%d resolver fields called in line, want every one without directives", n)
	}
}

// TestNothingUnmarshalsInputFromContext: rewrite 8 drops the map of input
// unmarshalers that gqlgen puts in every request's context, which only
// graphql.UnmarshalInputFromContext reads; neither this repository nor
// gqlgen's runtime calls it.
func TestNothingUnmarshalsInputFromContext(t *testing.T) {
	gqlgen, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/99designs/gqlgen").Output()
	if err != nil {
		t.Fatalf("locating gqlgen: %v", err)
	}
	dirs := map[string]string{"this repository": "../../..", "gqlgen": strings.TrimSpace(string(gqlgen))}
	for what, dir := range dirs {
		files := 0
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
				return fs.SkipDir // no Go package the build reads: .git, the CI's npm tree, test data
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			files++
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, line := range strings.Split(string(b), "\n") {
				if strings.Contains(line, "UnmarshalInputFromContext(") && !strings.HasPrefix(line, "func UnmarshalInputFromContext(") {
					t.Errorf("%s calls graphql.UnmarshalInputFromContext: %s", path, strings.TrimSpace(line))
				}
			}
			return nil
		})
		if err != nil || files < 50 {
			t.Fatalf("%s: %d Go files read from %s (%v)", what, files, dir, err)
		}
	}
}
