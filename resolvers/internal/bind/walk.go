package bind

import "github.com/vektah/gqlparser/v2/ast"

// EveryField reports whether field holds for every field of set and of
// the fragments in it, at every depth, and fragment (if not nil) for the
// directives of every fragment: an inline fragment's, a spread's and the
// spread fragment's definition's. A spread whose definition is unknown
// fails.
func EveryField(set ast.SelectionSet, field func(*ast.Field) bool, fragment func(ast.DirectiveList) bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !field(s) || !EveryField(s.SelectionSet, field, fragment) {
				return false
			}
		case *ast.InlineFragment:
			if fragment != nil && !fragment(s.Directives) || !EveryField(s.SelectionSet, field, fragment) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || fragment != nil && (!fragment(s.Directives) || !fragment(s.Definition.Directives)) ||
				!EveryField(s.Definition.SelectionSet, field, fragment) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
