package bind

import (
	"bytes"
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// The direct writer's runtime (exec's fast_gen.go, made by
// resolvers/internal/generate): a query whose every field the writer knows
// is written straight into the answer's buffer; whenever the writer cannot
// answer as gqlgen would, it gives up and gqlgen answers the query.

// DirectFields are the fields the direct writer knows, by object type
// ("__typename" included).
type DirectFields map[string]map[string]bool

var (
	knownOps OpMemo[bool]

	directAnswered, directGaveUp atomic.Int64
)

// DirectCounts are the queries the direct writer has answered and those it
// gave up on (which gqlgen then answered), since the process started.
func DirectCounts() (answered, gaveUp int64) {
	return directAnswered.Load(), directGaveUp.Load()
}

// Know reports whether the direct writer knows every field the operation
// of oc selects, in every fragment, with no directive other than @skip and
// @include. The answer depends on the operation alone (the validated
// document, which the query cache hands out again for the same query), so
// it is remembered for it.
func (d DirectFields) Know(oc *graphql.OperationContext) bool {
	return knownOps.Of(oc.Operation, 0, func(op *ast.OperationDefinition, _ int) bool { return d.know(op.SelectionSet) })
}

func (d DirectFields) know(set ast.SelectionSet) bool {
	return EveryField(set, func(f *ast.Field) bool {
		return f.ObjectDefinition != nil && d[f.ObjectDefinition.Name][f.Name] && onlySkipInclude(f.Directives)
	}, onlySkipInclude)
}

func onlySkipInclude(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "skip" && d.Name != "include" {
			return false
		}
	}
	return true
}

// Direct runs write, the direct writer of a query, into an answer buffer
// (answerBuffer: lent to the request, as Marshal's) and returns the
// answer's bytes if it wrote it without giving up and without an error.
// The errors the writer's resolvers add go to a response context of their
// own and are dropped with the attempt: gqlgen then answers the query and
// adds them again.
func Direct(ctx context.Context, write func(context.Context, *bytes.Buffer) bool) ([]byte, bool) {
	wctx := graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	b := answerBuffer(ctx)
	if !write(wctx, b) || len(graphql.GetErrors(wctx)) > 0 {
		directGaveUp.Add(1)
		return nil, false
	}
	directAnswered.Add(1)
	return b.Bytes(), true
}

// DirectKey writes the separator and the response key of fields[i].
// Collected fields have a key each: gqlgen merges the fields of one key.
func DirectKey(w *bytes.Buffer, fields []graphql.CollectedField, i int) {
	if i > 0 {
		w.WriteString(`,"`)
	} else {
		w.WriteByte('"')
	}
	// A response key is a GraphQL name: it needs no escaping.
	w.WriteString(fields[i].Alias)
	w.WriteString(`":`)
}

// DirectValue writes m, the value of a scalar field as its generated
// function returned it, and reports false (give up) where gqlgen would not
// write it as it is: a null in a non-null field, which nulls the object,
// or the null that nulls the parent.
func DirectValue(w *bytes.Buffer, m graphql.Marshaler, nonNull bool) bool {
	if m == nil || m == graphql.RequiredNull || nonNull && m == graphql.Null {
		return false
	}
	m.MarshalGQL(w)
	return true
}

// DirectRecover is the deferred recovery of a field of the direct writer:
// a panic makes the writer give up (gqlgen then recovers it as it does).
// It must be deferred itself for recover to see the panic.
func DirectRecover(ok *bool) {
	if r := recover(); r != nil {
		*ok = false
	}
}

// maxDirectFields bounds the field contexts an operation's direct writer
// keeps (DirectField); past it, each is made when it is needed.
const maxDirectFields = 64

// directField is a resolver field's context under one parent context.
type directField struct {
	parent context.Context
	field  *ast.Field
	ctx    context.Context
	fc     *graphql.FieldContext
}

// DirectField returns ctx with the field context of field, made by mk
// (the field's generated fieldContext function, a method expression, which
// costs no allocation to pass) the first time the field is resolved under
// ctx and kept in o: the elements of a list are written one after the
// other under the same context, so each element's field shares one field
// context, its arguments and its context value, where gqlgen makes them for
// every element. The field context's Result is the element's while its
// resolver and its value's writer run, which is all that reads it; the
// writer gives up on any error, so no error's path is made from a shared
// context. o belongs to one serial operation.
func DirectField[E any](ctx context.Context, o *Objects, ec E, field graphql.CollectedField,
	mk func(E, context.Context, graphql.CollectedField) (*graphql.FieldContext, error)) (context.Context, *graphql.FieldContext, error) {
	for i := range o.fields {
		if f := &o.fields[i]; f.field == field.Field && f.parent == ctx {
			return f.ctx, f.fc, nil
		}
	}
	fc, err := mk(ec, ctx, field)
	if err != nil {
		return ctx, nil, err
	}
	fctx := graphql.WithFieldContext(ctx, fc)
	if len(o.fields) < maxDirectFields {
		o.fields = append(o.fields, directField{ctx, field.Field, fctx, fc})
	}
	return fctx, fc, nil
}
