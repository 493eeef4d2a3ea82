package bind

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Collect is graphql.CollectFields(oc, sel, satisfies), remembered across
// operations for a selection set whose collection cannot depend on the
// request: one without directives on its fields, inline fragments and
// fragment spreads, its fragments' included (@skip, @include and @defer
// are what read the variables; any other directive is taken as if it
// might). A selection set is known by its elements, the nodes of a parsed
// query, which gqlgen's query cache keeps for every request that sends
// the same text: the operation's and a field's own selection sets, and
// the merged copies graphql.CollectFields makes of them, which are new for
// every request that collects them but hold the same nodes. The memo
// keeps each selection set it remembers, so its nodes cannot be reused by
// another query while it is remembered. Fragment definitions are looked up
// in the operation's document, which is the one the nodes belong to.
//
// satisfies must be the same slice on every call for a type (the
// generated implementors, or a package variable): it is part of the key by
// address. The answer is shared and must not be changed.
func Collect(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if fields, ok := memo.get(oc, sel, satisfies); ok {
		return fields
	}
	return graphql.CollectFields(oc, sel, satisfies)
}

// maxShared bounds the selection sets remembered across operations; past
// it the memo starts again (a server answering ever new query texts).
// maxVariants bounds those remembered under one key.
const (
	maxShared   = 4096
	maxVariants = 8
)

var memo sharedFields

type sharedFields struct {
	m sync.Map // sharedKey → []sharedEntry, replaced, never changed
	n atomic.Int64
}

// sharedKey is what selection sets with the same elements share; those
// that share it and differ (merged sets whose middle elements differ) are
// told apart by their elements.
type sharedKey struct {
	first     ast.Selection
	n         int
	satisfies *string // nil for none
	k         int
}

type sharedEntry struct {
	sel    ast.SelectionSet
	fields []graphql.CollectedField
	fixed  bool // false: depends on the request, and fields is nil
}

// get answers for a selection set that does not depend on the request
// (ok), remembering it; ok is false for one that does, or for an empty
// selection set.
func (s *sharedFields) get(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) ([]graphql.CollectedField, bool) {
	if len(sel) == 0 || oc == nil || oc.Doc == nil {
		return nil, false
	}
	k := sharedKey{first: sel[0], n: len(sel), k: len(satisfies)}
	if len(satisfies) > 0 {
		k.satisfies = &satisfies[0]
	}
	var list []sharedEntry
	if v, ok := s.m.Load(k); ok {
		list = v.([]sharedEntry)
		for _, e := range list {
			if slices.Equal(e.sel, sel) {
				return e.fields, e.fixed
			}
		}
	}
	e := sharedEntry{sel: sel, fixed: fixedSelection(oc.Doc, sel, map[string]bool{})}
	if e.fixed {
		e.fields = graphql.CollectFields(oc, sel, satisfies)
	}
	if len(list) < maxVariants {
		if s.n.Add(1) > maxShared {
			s.m.Clear()
			s.n.Store(1)
			list = nil
		}
		s.m.Store(k, append(list[:len(list):len(list)], e))
	}
	return e.fields, e.fixed
}

// fixedSelection reports whether collecting sel's fields reads nothing of
// the request: no directive on the selections graphql.CollectFields looks
// at (sel's own, and those of the fragments it spreads, inline or named,
// followed as it follows them). A fragment that is missing (the validator
// refuses such a query) counts as not fixed.
func fixedSelection(doc *ast.QueryDocument, sel ast.SelectionSet, visited map[string]bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if len(s.Directives) > 0 {
				return false
			}
		case *ast.InlineFragment:
			if len(s.Directives) > 0 || !fixedSelection(doc, s.SelectionSet, visited) {
				return false
			}
		case *ast.FragmentSpread:
			if len(s.Directives) > 0 {
				return false
			}
			if visited[s.Name] {
				continue
			}
			visited[s.Name] = true
			f := doc.Fragments.ForName(s.Name)
			if f == nil || !fixedSelection(doc, f.SelectionSet, visited) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
