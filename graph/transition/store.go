package transition

import (
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// getChunk bounds the IDs passed to one Get or Related call.
const getChunk = 500

// listAll returns every ID of a kind that matches f, paging through List.
func listAll(ctx context.Context, s graph.Store, kind graph.Kind, f graph.Filter) ([]string, error) {
	var ids []string
	p := graph.Page{First: graph.MaxPageSize}
	for {
		res, err := s.List(ctx, kind, f, p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, res.IDs...)
		if !res.HasNext || res.EndCursor == "" {
			return ids, nil
		}
		p.After = res.EndCursor
	}
}

// getAll fetches facts in batches. Missing IDs are absent from the result.
func getAll(ctx context.Context, s graph.Store, ids []string) (map[string]any, error) {
	out := make(map[string]any, len(ids))
	ids = uniq(ids)
	for lo := 0; lo < len(ids); lo += getChunk {
		m, err := s.Get(ctx, ids[lo:min(lo+getChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// relatedAll follows rel from every ID in batches.
func relatedAll(ctx context.Context, s graph.Store, rel graph.Relation, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	ids = uniq(ids)
	for lo := 0; lo < len(ids); lo += getChunk {
		m, err := s.Related(ctx, rel, ids[lo:min(lo+getChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// flatten returns the values of a Related answer as one sorted, distinct
// list.
func flatten(m map[string][]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v...)
	}
	return uniq(out)
}

// uniq returns the distinct non-empty strings of s, sorted.
func uniq(s []string) []string {
	out := slices.Clone(s)
	out = slices.DeleteFunc(out, func(x string) bool { return x == "" })
	slices.Sort(out)
	return slices.Compact(out)
}

func uncertain(fact any) bool {
	if c, ok := fact.(*graph.Cluster); ok && c.Uncertain {
		return true
	}
	for _, s := range graph.SourcesOf(fact) {
		if s.Uncertain {
			return true
		}
	}
	return false
}

func origins(fact any) []graph.Origin {
	var out []graph.Origin
	for _, s := range graph.SourcesOf(fact) {
		if s.Origin != "" && !slices.Contains(out, s.Origin) {
			out = append(out, s.Origin)
		}
	}
	slices.Sort(out)
	return out
}
