package embedded

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

func TestConformance(t *testing.T) {
	var calls atomic.Int64
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		before := calls.Load()
		t.Cleanup(func() { t.Logf("%s: %d store calls", t.Name(), calls.Load()-before) })
		return &counting{Store: s, n: &calls}
	})
	// How many round trips the suite makes, for backends where each costs.
	t.Logf("the suite made %d store calls", calls.Load())
}

// counting counts a store's read and write calls.
type counting struct {
	*Store
	n *atomic.Int64
}

func (c *counting) ReplaceDocument(ctx context.Context, f *graph.DocumentFacts) (graph.WriteResult, error) {
	c.n.Add(1)
	return c.Store.ReplaceDocument(ctx, f)
}

func (c *counting) DeleteDocument(ctx context.Context, id string) (bool, error) {
	c.n.Add(1)
	return c.Store.DeleteDocument(ctx, id)
}

func (c *counting) Get(ctx context.Context, ids []string) (map[string]any, error) {
	c.n.Add(1)
	return c.Store.Get(ctx, ids)
}

func (c *counting) List(ctx context.Context, k graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	c.n.Add(1)
	return c.Store.List(ctx, k, f, p)
}

func (c *counting) Count(ctx context.Context, k graph.Kind, f graph.Filter) (int, error) {
	c.n.Add(1)
	return c.Store.Count(ctx, k, f)
}

func (c *counting) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	c.n.Add(1)
	return c.Store.Related(ctx, rel, ids)
}

func (c *counting) Search(ctx context.Context, text string, kinds []graph.Kind, limit int) ([]graph.SearchHit, error) {
	c.n.Add(1)
	return c.Store.Search(ctx, text, kinds, limit)
}

func (c *counting) Stats(ctx context.Context) (graph.Stats, error) {
	c.n.Add(1)
	return c.Store.Stats(ctx)
}

func (c *counting) Documents(ctx context.Context) ([]graph.Document, error) {
	c.n.Add(1)
	return c.Store.Documents(ctx)
}
