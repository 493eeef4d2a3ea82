package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// Serial execution. gqlgen resolves every resolver field and every element
// of a list of objects in a goroutine of its own, so that the reads of
// siblings meet in the loaders' batching window. A query whose every read
// is made once per request (the root field and what is below it outside
// lists, see alone) or read ahead (a reference or relation field the
// loaders know, below a list) never waits for a window: for it the
// goroutines only cost. Such a query runs serial (bind.WithSerial): its
// fields and list elements are resolved one after the other in the
// request's goroutine.
//
// A query runs serial when it is a query with one root field and, below
// every list, selects no resolver field other than those of serialFields
// (and those without arguments: arguments make a resolver read more than
// the relation, such as members(asOf:) reading participant lists). Every
// other field of the schema reads the bound Go value (exec.ResolverFields
// lists the resolver fields, from the generator). Should a read below a
// list still miss the cache, a serial request reads it at once (alone),
// one store call for each sibling instead of one for all of them, never a
// wait.

// serialOperations marks a query serial (see serialSafe); it is the
// handler's operation middleware.
func serialOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if op := graphql.GetOperationContext(ctx).Operation; op != nil && serialOps.Of(op, 0, func(op *ast.OperationDefinition, _ int) bool { return serialSafe(op) }) {
		ctx = bind.WithSerial(ctx)
	}
	return next(ctx)
}

// serialOps remembers serialSafe per operation.
var serialOps bind.OpMemo[bool]

// resolverFields is exec.ResolverFields as a set.
var resolverFields = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for typ, fields := range exec.ResolverFields {
		out[typ] = map[string]bool{}
		for _, f := range fields {
			out[typ][f] = true
		}
	}
	return out
}()

// serialField reports whether field f of type typ may be resolved below a
// list of a serial query: it reads the bound value, or is a reference or
// relation field the loaders read ahead, asked without arguments.
func serialField(typ string, f *ast.Field) bool {
	if !resolverFields[typ][f.Name] {
		return true
	}
	if len(f.Arguments) > 0 {
		return false
	}
	return refFields[typ][f.Name] != nil || relFields[typ][f.Name] != ""
}

// serialSafe reports whether op may run serial (see above).
func serialSafe(op *ast.OperationDefinition) bool {
	if op == nil || op.Operation != ast.Query || len(op.SelectionSet) != 1 {
		return false
	}
	root, ok := op.SelectionSet[0].(*ast.Field)
	if !ok || root.Definition == nil {
		return false
	}
	return serialBelow(root.SelectionSet, isList(root.Definition.Type))
}

func serialBelow(sel ast.SelectionSet, inList bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Definition == nil || s.ObjectDefinition == nil {
				continue // __typename
			}
			if inList && !serialFieldOn(s.ObjectDefinition, s) {
				return false
			}
			if !serialBelow(s.SelectionSet, inList || isList(s.Definition.Type)) {
				return false
			}
		case *ast.InlineFragment:
			if !serialBelow(s.SelectionSet, inList) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !serialBelow(s.Definition.SelectionSet, inList) {
				return false
			}
		}
	}
	return true
}

// serialFieldOn is serialField for a field selected on def, which may be
// an interface or a union: then the field must be serial on every type
// that has resolvers.
func serialFieldOn(def *ast.Definition, f *ast.Field) bool {
	if def.Kind == ast.Object {
		return serialField(def.Name, f)
	}
	for typ := range resolverFields {
		if !serialField(typ, f) {
			return false
		}
	}
	return true
}

func isList(t *ast.Type) bool {
	return t != nil && t.Elem != nil
}
