package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
)

// The direct writer (resolvers/internal/exec/fast_gen.go, made by
// resolvers/internal/generate) answers a serial query whose every field it
// knows by writing the answer straight into the response buffer, without
// gqlgen's per-field machinery (field sets, marshaler trees, closures); a
// query it does not know, or gives up on, gqlgen answers as before, so the
// answers are the same bytes (TestDirectAnswersAsGqlgen,
// TestDirectRandomQueries).

// directExecutor is what the generated schema has when the direct writer
// was made: ExecDirect answers the operation of ctx, or reports false.
type directExecutor interface {
	ExecDirect(ctx context.Context) (graphql.ResponseHandler, bool)
}

// withDirect is s answering with its direct writer first.
func withDirect(s graphql.ExecutableSchema) graphql.ExecutableSchema {
	d, ok := s.(directExecutor)
	if !ok {
		return s
	}
	return directSchema{s, d}
}

type directSchema struct {
	graphql.ExecutableSchema
	direct directExecutor
}

func (s directSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	if h, ok := s.direct.ExecDirect(ctx); ok {
		return h
	}
	return s.ExecutableSchema.Exec(ctx)
}

// DirectCounts are the queries the direct writer has answered and those it
// gave up on (which gqlgen then answered), since the process started.
func DirectCounts() (answered, gaveUp int64) { return bind.DirectCounts() }
