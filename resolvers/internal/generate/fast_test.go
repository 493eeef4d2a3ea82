package main

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// directGenerated is rewritten execution code in miniature: an object A
// with a plain scalar field, a resolver field of a non-null object, a
// plain field of a nullable object, a resolver field of a list of objects,
// a field of an interface, and a resolver field of an object in a form
// the direct writer does not know; B's object function; the marshalers;
// and a root field.
const directGenerated = `package exec

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"example.com/bind"
)

var aImplementors = []string{"A"}
var bImplementors = []string{"B"}
var queryImplementors = []string{"Query"}

func (ec *executionContext) _A(ctx context.Context, sel ast.SelectionSet, obj *A) graphql.Marshaler { return nil }
func (ec *executionContext) _B(ctx context.Context, sel ast.SelectionSet, obj *B) graphql.Marshaler { return nil }

func (ec *executionContext) _A_name(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	return bind.StringAt(&obj.Name)
}

func (ec *executionContext) _A_b(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	fc, err := ec.fieldContext_A_b(ctx, field)
	if err != nil {
		return graphql.Null
	}
	ctx = graphql.WithFieldContext(ctx, fc)
	defer bind.Recover(ctx, ec.OperationContext, &ret)
	v, err := ec.Resolvers.A().B(ctx, obj, fc.Args["x"].(*string))
	if err != nil {
		return bind.Failed(ctx, ec.OperationContext, fc, err, true)
	}
	fc.Result = v
	return ec.marshalNB2ᚖB(ctx, field.Selections, v)
}

func (ec *executionContext) _A_maybe(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	return ec.marshalOB2ᚖB(ctx, field.Selections, obj.Maybe)
}

func (ec *executionContext) _A_list(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	fc, err := ec.fieldContext_A_list(ctx, field)
	if err != nil {
		return graphql.Null
	}
	ctx = graphql.WithFieldContext(ctx, fc)
	defer bind.Recover(ctx, ec.OperationContext, &ret)
	v, err := ec.Resolvers.A().List(ctx, obj)
	if err != nil {
		return bind.Failed(ctx, ec.OperationContext, fc, err, true)
	}
	fc.Result = v
	return ec.marshalOB2ᚕᚖBᚄ(ctx, field.Selections, v)
}

func (ec *executionContext) _A_node(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	return ec.marshalONode2Node(ctx, field.Selections, obj.Node)
}

func (ec *executionContext) _A_other(ctx context.Context, field graphql.CollectedField, obj *A) (ret graphql.Marshaler) {
	res := ec.marshalNB2ᚖB(ctx, field.Selections, obj.B)
	return res
}

func (ec *executionContext) _B_id(ctx context.Context, field graphql.CollectedField, obj *B) (ret graphql.Marshaler) {
	return bind.StringAt(&obj.ID)
}

func (ec *executionContext) _Query_a(ctx context.Context, field graphql.CollectedField) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Query_a(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			fc := graphql.GetFieldContext(ctx)
			return ec.Resolvers.Query().A(ctx, fc.Args["id"].(string))
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v *A) graphql.Marshaler {
			return ec.marshalOA2ᚖA(ctx, selections, v)
		},
		true,
		false,
	)
}

func (ec *executionContext) marshalNB2ᚖB(ctx context.Context, sel ast.SelectionSet, v *B) graphql.Marshaler { return nil }
func (ec *executionContext) marshalOB2ᚖB(ctx context.Context, sel ast.SelectionSet, v *B) graphql.Marshaler { return nil }
func (ec *executionContext) marshalOB2ᚕᚖBᚄ(ctx context.Context, sel ast.SelectionSet, v []*B) graphql.Marshaler { return nil }
func (ec *executionContext) marshalOA2ᚖA(ctx context.Context, sel ast.SelectionSet, v *A) graphql.Marshaler { return nil }
func (ec *executionContext) marshalONode2Node(ctx context.Context, sel ast.SelectionSet, v Node) graphql.Marshaler { return nil }
`

func directModel() *fastModel {
	return &fastModel{
		objects: []fastObject{
			{name: "Query", root: true, fields: []fastField{{"a", "OBJECT", false}}},
			{name: "A", fields: []fastField{{"name", "SCALAR", true}, {"b", "OBJECT", true}, {"maybe", "OBJECT", false}, {"list", "OBJECT", false}, {"node", "INTERFACE", false}, {"other", "OBJECT", true}}},
			{name: "B", fields: []fastField{{"id", "SCALAR", true}}},
		},
		refs: map[string]fastRef{
			"marshalNB2ᚖB":   {object: "B", nonNull: true, nilable: true},
			"marshalOB2ᚖB":   {object: "B", nilable: true},
			"marshalOB2ᚕᚖBᚄ": {object: "B", elem: "marshalNB2ᚖB"},
			"marshalOA2ᚖA":   {object: "A", nilable: true},
		},
	}
}

// directFuncs parses the direct writer made from directGenerated.
func directFuncs(t *testing.T) (map[string]string, string) {
	t.Helper()
	src, err := fastSource("exec", filepath.Join(t.TempDir(), "fast_gen.go"), directModel(), map[string][]byte{"a.generated.go": []byte(directGenerated)})
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	funcs := map[string]string{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			var b strings.Builder
			printer.Fprint(&b, fset, fd)
			funcs[fd.Name.Name] = b.String()
		}
	}
	return funcs, string(src)
}

// TestDirectWriterMade: the direct writer has a writer for each object,
// a copy of each object field of the known forms that writes its value,
// with every failure a false and its field context from bind.DirectField; references of non-null objects give up on
// nil and nullable ones write null; lists write their elements; and
// fields of an interface or of an unknown form are not known (so a query
// that selects them is left to gqlgen).
func TestDirectWriterMade(t *testing.T) {
	funcs, src := directFuncs(t)
	for _, name := range []string{"direct_Query", "direct_A", "direct_B", "direct_A_b", "direct_A_maybe", "direct_A_list", "direct_Query_a",
		"direct_marshalNB2ᚖB", "direct_marshalOB2ᚖB", "direct_marshalOB2ᚕᚖBᚄ", "direct_marshalOA2ᚖA"} {
		if funcs[name] == "" {
			t.Errorf("no %s", name)
		}
	}
	for _, name := range []string{"direct_A_node", "direct_A_other", "direct_A_name"} {
		if funcs[name] != "" {
			t.Errorf("%s made:\n%s", name, funcs[name])
		}
	}
	b := funcs["direct_A_b"]
	for _, want := range []string{
		"(ctx context.Context, field graphql.CollectedField, obj *A, w *bytes.Buffer) (ok bool)",
		"defer bind.DirectRecover(&ok)",
		"ctx, fc, err := bind.DirectField(ctx, ec.objects, ec, field, (*executionContext).fieldContext_A_b)",
		`v, err := ec.Resolvers.A().B(ctx, obj, fc.Args["x"].(*string))`,
		"return ec.direct_marshalNB2ᚖB(ctx, field.Selections, v, w)",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("direct_A_b has no %q:\n%s", want, b)
		}
	}
	for _, gone := range []string{"graphql.Null", "bind.Failed", "bind.Recover", "&ret", "graphql.Marshaler", "graphql.WithFieldContext"} {
		if strings.Contains(b, gone) {
			t.Errorf("direct_A_b still has %q:\n%s", gone, b)
		}
	}
	if n := strings.Count(b, "return false"); n != 2 {
		t.Errorf("direct_A_b gives up in %d places, want 2:\n%s", n, b)
	}
	if m := funcs["direct_A_maybe"]; !strings.Contains(m, "return ec.direct_marshalOB2ᚖB(ctx, field.Selections, obj.Maybe, w)") {
		t.Errorf("direct_A_maybe:\n%s", m)
	}
	if n := funcs["direct_marshalNB2ᚖB"]; !strings.Contains(n, "if v == nil {\n\t\treturn false\n\t}") || strings.Contains(n, "null") {
		t.Errorf("a non-null reference does not give up on nil:\n%s", n)
	}
	if o := funcs["direct_marshalOB2ᚖB"]; !strings.Contains(o, "if v == nil {\n\t\tw.WriteString(\"null\")\n\t\treturn true\n\t}") {
		t.Errorf("a nullable reference does not write null:\n%s", o)
	}
	if l := funcs["direct_marshalOB2ᚕᚖBᚄ"]; !strings.Contains(l, "w.WriteString(\"null\")") || !strings.Contains(l, "if !ec.direct_marshalNB2ᚖB(ctx, sel, v[i], w) {") {
		t.Errorf("the list writer:\n%s", l)
	}
	q := funcs["direct_Query_a"]
	for _, want := range []string{"fc, err := ec.fieldContext_Query_a(ctx, field)", `v, err := ec.Resolvers.Query().A(ctx, fc.Args["id"].(string))`, "fc.Result = v", "return ec.direct_marshalOA2ᚖA(ctx, field.Selections, v, w)"} {
		if !strings.Contains(q, want) {
			t.Errorf("direct_Query_a has no %q:\n%s", want, q)
		}
	}
	a := funcs["direct_A"]
	for _, want := range []string{`case "name":`, "bind.DirectValue(w, ec._A_name(ctx, field, obj), true)", `case "b":`, `case "list":`, "default:\n\t\t\treturn false"} {
		if !strings.Contains(a, want) {
			t.Errorf("direct_A has no %q:\n%s", want, a)
		}
	}
	if strings.Contains(a, `case "node":`) || strings.Contains(a, `case "other":`) {
		t.Errorf("direct_A knows a field it cannot write:\n%s", a)
	}
	if !strings.Contains(src, `"A":     {"__typename": true, "b": true, "list": true, "maybe": true, "name": true},`) {
		t.Errorf("the table of known fields:\n%s", src[strings.Index(src, "var directFields"):])
	}
}
