package graph

import (
	"context"
	"slices"
)

// Batch helpers for code that reads the whole graph through a Store (the
// network and transition computations, the loader): they page through List
// and chunk Get and Related, so callers make one call per batch, never one
// per item.

// batchChunk bounds the IDs passed to one Get or Related call.
const batchChunk = 500

// ListAll returns every ID of a kind that matches f, paging through List.
func ListAll(ctx context.Context, s Store, kind Kind, f Filter) ([]string, error) {
	var ids []string
	p := Page{First: MaxPageSize}
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

// GetAll fetches facts in batches. Missing IDs are absent from the result.
func GetAll(ctx context.Context, s Store, ids []string) (map[string]any, error) {
	out := make(map[string]any, len(ids))
	ids = Uniq(ids)
	for lo := 0; lo < len(ids); lo += batchChunk {
		m, err := s.Get(ctx, ids[lo:min(lo+batchChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// RelatedAll follows rel from every ID in batches.
func RelatedAll(ctx context.Context, s Store, rel Relation, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	ids = Uniq(ids)
	for lo := 0; lo < len(ids); lo += batchChunk {
		m, err := s.Related(ctx, rel, ids[lo:min(lo+batchChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// Flatten returns the values of a Related answer as one sorted, distinct
// list.
func Flatten(m map[string][]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v...)
	}
	return Uniq(out)
}

// Uniq returns the distinct non-empty strings of s, sorted.
func Uniq(s []string) []string {
	out := slices.Clone(s)
	out = slices.DeleteFunc(out, func(x string) bool { return x == "" })
	slices.Sort(out)
	return slices.Compact(out)
}

// Uncertain reports whether a fact rests on reference data marked uncertain
// (a cluster flagged Uncertain, or any source so marked).
func Uncertain(fact any) bool {
	if c, ok := fact.(*Cluster); ok && c.Uncertain {
		return true
	}
	for _, s := range SourcesOf(fact) {
		if s.Uncertain {
			return true
		}
	}
	return false
}

// Origins returns the distinct origins of a fact's sources, sorted.
func Origins(fact any) []Origin {
	var out []Origin
	for _, s := range SourcesOf(fact) {
		if s.Origin != "" && !slices.Contains(out, s.Origin) {
			out = append(out, s.Origin)
		}
	}
	slices.Sort(out)
	return out
}
