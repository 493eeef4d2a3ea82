package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// countingStore is a graph.Store decorator that counts the read and write
// calls reaching the store: in total, per operation, and per request (a
// *callCounter carried in the call's context by withCounter).
type countingStore struct {
	graph.Store
	calls atomic.Int64
	byOp  sync.Map // op -> *atomic.Int64
	// slowest is the longest document write (ReplaceDocument) since the
	// last takeSlowest, in nanoseconds.
	slowest atomic.Int64
}

// takeSlowest returns the longest document write since the last call and
// starts over.
func (c *countingStore) takeSlowest() time.Duration {
	return time.Duration(c.slowest.Swap(0))
}

type callCounter struct{ n atomic.Int64 }

type counterKey struct{}

// withCounter returns a context whose store calls are also counted in c.
func withCounter(ctx context.Context, c *callCounter) context.Context {
	return context.WithValue(ctx, counterKey{}, c)
}

func (c *countingStore) count(ctx context.Context, op string) {
	c.calls.Add(1)
	v, _ := c.byOp.LoadOrStore(op, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
	if rc, ok := ctx.Value(counterKey{}).(*callCounter); ok {
		rc.n.Add(1)
	}
}

// ops returns the calls per operation so far.
func (c *countingStore) ops() map[string]int64 {
	out := map[string]int64{}
	c.byOp.Range(func(k, v any) bool { out[k.(string)] = v.(*atomic.Int64).Load(); return true })
	return out
}

func (c *countingStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	c.count(ctx, "Get")
	return c.Store.Get(ctx, ids)
}

func (c *countingStore) List(ctx context.Context, k graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	c.count(ctx, "List")
	return c.Store.List(ctx, k, f, p)
}

func (c *countingStore) Count(ctx context.Context, k graph.Kind, f graph.Filter) (int, error) {
	c.count(ctx, "Count")
	return c.Store.Count(ctx, k, f)
}

func (c *countingStore) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	c.count(ctx, "Related")
	return c.Store.Related(ctx, rel, ids)
}

func (c *countingStore) Search(ctx context.Context, text string, kinds []graph.Kind, limit int) ([]graph.SearchHit, error) {
	c.count(ctx, "Search")
	return c.Store.Search(ctx, text, kinds, limit)
}

func (c *countingStore) Stats(ctx context.Context) (graph.Stats, error) {
	c.count(ctx, "Stats")
	return c.Store.Stats(ctx)
}

func (c *countingStore) Documents(ctx context.Context) ([]graph.Document, error) {
	c.count(ctx, "Documents")
	return c.Store.Documents(ctx)
}

func (c *countingStore) ReplaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	c.count(ctx, "ReplaceDocument")
	start := time.Now()
	defer func() {
		d := int64(time.Since(start))
		for {
			old := c.slowest.Load()
			if d <= old || c.slowest.CompareAndSwap(old, d) {
				return
			}
		}
	}()
	return c.Store.ReplaceDocument(ctx, facts)
}
