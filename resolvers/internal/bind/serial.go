package bind

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// The execution code calls (*Objects).Concurrently and MarshalSlice where
// gqlgen's generated code calls (*graphql.FieldSet).Concurrently and
// graphql.MarshalSliceConcurrently (resolvers/internal/generate). They do
// what gqlgen does unless the request's context is marked serial.

type serialKey struct{}

// WithSerial marks ctx serial: resolver fields and the elements of lists
// run one after the other in the calling goroutine. Only a request whose
// reads never wait for a batching window may be serial (resolvers/serial.go):
// a window waits for siblings, and serial siblings come one at a time.
func WithSerial(ctx context.Context) context.Context {
	return context.WithValue(ctx, serialKey{}, true)
}

// Serial reports whether ctx is marked serial.
func Serial(ctx context.Context) bool {
	v, _ := ctx.Value(serialKey{}).(bool)
	return v
}

// MarshalSlice marshals the elements of a list of objects: one after the
// other when ctx is serial, else as graphql.MarshalSliceConcurrently does
// (in goroutines). A panic in an element is recovered as gqlgen recovers
// it: the error is added and the list is null.
func MarshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool, marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length <= 1 || !Serial(ctx) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, length)
	failed := false
	for i := range length {
		fc := &graphql.FieldContext{Index: &i}
		child := graphql.WithFieldContext(ctx, fc)
		if omitPanicHandler {
			ret[i] = marshal(child, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(child, graphql.Recover(child, r))
					failed = true
				}
			}()
			ret[i] = marshal(child, i)
		}()
	}
	if failed {
		return nil
	}
	return ret
}
