package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
)

// Reads without sources. Most queries never look at a fact's Sources:
// only the sources fields do, and resolvers that judge by them (a
// municipality's clusters and conflicts, among others). For a query whose
// every field is known not to, the loaders read the facts
// graph.WithoutSources, and the embedded store hands out each merged fact
// as it is instead of assembling its sources for the reader (half of a
// Get's cost for a person named in many minutes). The facts stay in the
// request's loaders, which only that query's resolvers read.

// sourcelessOps remembers sourceless per operation.
var sourcelessOps bind.OpMemo[bool]

// loadRoots are the root fields that read one fact by ID or name.
var loadRoots = map[string]bool{
	"person": true, "body": true, "meeting": true, "agendaItem": true, "cluster": true, "region": true,
	"municipality": true, "healthCouncil": true, "organisation": true, "initiative": true,
}

// sourceless reports whether no field of the query op reads a fact's
// Sources: every field it selects, in every fragment, is __typename, a
// root field of loadRoots, a field other than sources that reads the bound
// Go value, or a reference or relation field the loaders read (refFields,
// relFields), which only loads facts.
func sourceless(op *ast.OperationDefinition, _ int) bool {
	return op != nil && op.Operation == ast.Query && bind.EveryField(op.SelectionSet, sourcelessField, nil)
}

func sourcelessField(f *ast.Field) bool {
	if f.Name == "__typename" {
		return true
	}
	if f.ObjectDefinition == nil || f.ObjectDefinition.Kind != ast.Object || f.Name == "sources" {
		return false
	}
	typ := f.ObjectDefinition.Name
	switch {
	case typ == "Query":
		return loadRoots[f.Name]
	case !resolverFields[typ][f.Name]:
		return true
	}
	return refFields[typ][f.Name] != nil || relFields[typ][f.Name] != ""
}

// readContext is the context the loaders read the store with: read-only
// (the facts are shared by the request's resolvers and never changed), and
// without sources when the request's query reads none (unless keepSources).
func (l *loaders) readContext(ctx context.Context) context.Context {
	rctx := graph.ReadOnly(ctx)
	if l.keepSources || !graphql.HasOperationContext(ctx) {
		return rctx
	}
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && sourcelessOps.Of(op, 0, sourceless) {
		return graph.WithoutSources(rctx)
	}
	return rctx
}
