package bind

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// Recover is the deferred recovery of a resolver field called in line (the
// generate command's rewrite 5), as graphql.ResolveField recovers: the
// panic becomes an error of the operation and the field null. It must be
// deferred itself (defer bind.Recover(...)) for recover to see the panic.
func Recover(ctx context.Context, oc *graphql.OperationContext, ret *graphql.Marshaler) {
	if r := recover(); r != nil {
		oc.Error(ctx, oc.Recover(ctx, r))
		*ret = graphql.Null
	}
}

// Failed is what a resolver field called in line answers when its resolver
// returns err, as graphql.ResolveField does: the error, with the field's
// location, added to the operation, and null, or the "required null" that
// makes the parent null when the field context says the field is non-null
// and the call site does not.
func Failed(ctx context.Context, oc *graphql.OperationContext, fc *graphql.FieldContext, err error, nonNull bool) graphql.Marshaler {
	oc.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
	if fc.NonNull && !nonNull {
		return graphql.RequiredNull
	}
	return graphql.Null
}

// FieldNow runs a resolver field of an object in line when the operation is
// serial (serial, from its Objects) and the field is not deferred, and reports whether it did (the generate
// command's rewrite 6). It does what the generated code's per-field
// closure does when its field set dispatches it (recover a panic as an
// error of the operation; count the value invalidOn, if not nil, as
// invalid: graphql.Null for a non-null field, which makes the object null,
// graphql.RequiredNull for a nullable one), without making the closures, the copy of
// the field they capture and the dispatch entry: f is a method expression
// of the execution context, which costs no allocation to pass.
func FieldNow[E, O any](ctx context.Context, serial bool, ec E, oc *graphql.OperationContext, out *graphql.FieldSet, i int,
	field graphql.CollectedField, obj O, invalidOn graphql.Marshaler, f func(E, context.Context, graphql.CollectedField, O) graphql.Marshaler) bool {
	if !serial || field.IsDeferred() {
		return false
	}
	var res graphql.Marshaler
	func() {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
			}
		}()
		res = f(ec, ctx, field, obj)
		if invalidOn != nil && res == invalidOn {
			atomic.AddUint32(&out.Invalids, 1)
		}
	}()
	out.Values[i] = res
	return true
}
