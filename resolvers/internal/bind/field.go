package bind

import (
	"context"

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
