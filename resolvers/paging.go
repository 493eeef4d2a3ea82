package resolvers

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
)

// pageSize validates a connection's first argument: absent means the
// default page size, more than the maximum is rejected (BAD_USER_INPUT)
// rather than silently cut, so a client never mistakes a short page for the
// end.
func (r *Resolver) pageSize(first *int) (int, error) {
	switch {
	case first == nil:
		return r.cfg.DefaultPageSize, nil
	case *first < 0:
		return 0, graph.Errorf(graph.ErrInvalid, "first must not be negative")
	case *first > r.cfg.MaxPageSize:
		return 0, graph.Errorf(graph.ErrInvalid, "first must be at most %d, got %d", r.cfg.MaxPageSize, *first)
	}
	return *first, nil
}

// listPage is one page of a root list field: one List call, one batched Get
// (the loaders then serve the edges' nodes), and a Count only if the client
// selects totalCount. desc lists in reverse sort order (graph.Page.Desc);
// the cursors are the same either way.
func (r *Resolver) listPage(ctx context.Context, kind graph.Kind, f graph.Filter, first *int, after *string, desc bool) (*bind.Connection, error) {
	n, err := r.pageSize(first)
	if err != nil {
		return nil, err
	}
	c := &bind.Connection{
		Edges:    []*bind.Edge{},
		PageInfo: &bind.PageInfo{HasPreviousPage: deref(after) != ""},
		Count: func(ctx context.Context) (int, error) {
			return r.store.Count(ctx, kind, f)
		},
	}
	if n == 0 {
		return c, graph.CheckFilter(kind, f)
	}
	res, err := r.store.List(ctx, kind, f, graph.Page{After: deref(after), First: n, Desc: desc})
	if err != nil {
		return nil, err
	}
	facts, err := loadAny(ctx, res.IDs, connectionNodes(ctx))
	if err != nil {
		return nil, err
	}
	for i, id := range res.IDs {
		e := &bind.Edge{ID: id}
		if facts[i] != nil {
			e.Cursor = graph.EncodeCursor(graph.SortKey(facts[i]))
		}
		c.Edges = append(c.Edges, e)
	}
	if len(c.Edges) > 0 {
		last := c.Edges[len(c.Edges)-1]
		if res.EndCursor != "" {
			last.Cursor = res.EndCursor
		}
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &last.Cursor
	}
	c.PageInfo.HasNextPage = res.HasNext
	return c, nil
}

// factPage pages through facts the resolver already holds (a relation's
// facts after filtering, or the documents) with the same keyset cursors as
// the store: the cursor is the encoded sort key of the last fact seen, so a
// page stays correct when facts are added or removed before it. key gives
// the sort key; nil means graph.SortKey. desc pages in reverse order, after
// then meaning below the cursor.
func (r *Resolver) factPage(facts []any, key func(any) string, first *int, after *string, desc bool) (*bind.Connection, error) {
	n, err := r.pageSize(first)
	if err != nil {
		return nil, err
	}
	if key == nil {
		key = graph.SortKey
	}
	keyed := make([]keyedFact, len(facts))
	for i, f := range facts {
		keyed[i] = keyedFact{key(f), f}
	}
	slices.SortStableFunc(keyed, func(a, b keyedFact) int { return cmp.Compare(a.key, b.key) })
	if desc {
		slices.Reverse(keyed)
	}
	start := 0
	if a := deref(after); a != "" {
		key, err := graph.DecodeCursor(a)
		if err != nil {
			return nil, err
		}
		// The first fact past the cursor: above it, or below it if desc.
		start, _ = slices.BinarySearchFunc(keyed, key, func(k keyedFact, key string) int {
			if (!desc && k.key <= key) || (desc && k.key >= key) {
				return -1
			}
			return 1
		})
	}
	total := len(keyed)
	end := min(start+n, total)
	c := &bind.Connection{
		Edges:    make([]*bind.Edge, 0, end-start),
		PageInfo: &bind.PageInfo{HasNextPage: end < total, HasPreviousPage: start > 0},
		Count:    func(context.Context) (int, error) { return total, nil },
	}
	for _, k := range keyed[start:end] {
		c.Edges = append(c.Edges, &bind.Edge{ID: graph.IDOf(k.fact), Cursor: graph.EncodeCursor(k.key)})
	}
	if len(c.Edges) > 0 {
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &c.Edges[len(c.Edges)-1].Cursor
	}
	return c, nil
}

type keyedFact struct {
	key  string
	fact any
}

// edgeNodes loads a page's nodes in one batched Get.
func edgeNodes[T any](ctx context.Context, c *bind.Connection) ([]T, error) {
	return loadAll[T](ctx, c.IDs())
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
