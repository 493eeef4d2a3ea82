package embedded

import (
	"sync"
	"unsafe"
	"weak"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The read cache. A merged fact keeps no copy of its sources (see
// intern.go): Get assembles them from the contributions, and copies the
// fact so that the caller owns it. For a fact with thousands of
// contributions (a municipality, a region, a cluster's political level at
// Denmark scale) that copy is most of what a read allocates, and with it
// most of the garbage collector's work, on every read of that fact.
//
// A caller that marks its context graph.ReadOnly promises not to change
// what Get returns, so such reads can share one value: a fact with one
// contribution is its stored contribution (as it is already), and a merged
// fact with many sources is assembled once and kept here, up to a budget
// of bytes. Reads without the mark still get their own copy.
//
// An entry belongs to one version of a fact: it holds a weak pointer to the
// factEntry it was assembled from and is used only while the state being
// read has that very entry, so a write that replaces the fact is never
// answered with the old version (a reader of an older state may replace
// the entry with its own; the next reader of the newer one puts its back),
// and the cache keeps no replaced entry, or the documents behind it, alive.
// When over budget, entries are evicted in Go's map order (random) until
// the new one fits: enough for a cache whose job is to hold the few facts
// most reads touch.

// minCachedSources is the number of sources from which an assembled fact
// is kept: below it, assembling costs little and keeping it would cost a
// map entry per fact.
const minCachedSources = 4

// DefaultReadCacheBytes is the read cache's default budget.
const DefaultReadCacheBytes = 32 << 20

type readCache struct {
	max   int64
	mu    sync.Mutex
	bytes int64
	m     map[string]cachedFact
}

type cachedFact struct {
	entry weak.Pointer[factEntry]
	fact  any
	bytes int64
}

func newReadCache(max int64) *readCache {
	if max <= 0 {
		return nil
	}
	return &readCache{max: max, m: map[string]cachedFact{}}
}

// factBytes is roughly what a kept fact costs: its sources, the struct and
// the map entry (its strings are the store's, shared).
func factBytes(n int) int64 {
	return int64(n)*int64(unsafe.Sizeof(graph.Source{})) + 512
}

// shared returns e's merged fact with its sources for a reader that will
// not change it: the stored value itself if e has one contribution, the
// cached assembly if the cache holds one for e, else a new assembly, kept
// if it has many sources. A nil cache keeps nothing.
func (c *readCache) shared(e *factEntry) any {
	if e.shared {
		return e.merged
	}
	if c == nil {
		return e.full()
	}
	c.mu.Lock()
	it, ok := c.m[e.id]
	c.mu.Unlock()
	if ok && it.entry.Value() == e {
		return it.fact
	}
	f := e.full()
	src := sourcesOf(f)
	if len(*src) < minCachedSources {
		return f
	}
	*src = (*src)[:len(*src):len(*src)] // an append by a careless reader copies
	n := factBytes(len(*src))
	if n > c.max/4 {
		return f // one fact would crowd out the rest
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[e.id]; ok {
		c.bytes -= old.bytes
		delete(c.m, e.id)
	}
	for id, old := range c.m {
		if c.bytes+n <= c.max {
			break
		}
		c.bytes -= old.bytes
		delete(c.m, id)
	}
	c.m[e.id] = cachedFact{entry: weak.Make(e), fact: f, bytes: n}
	c.bytes += n
	return f
}

// size is the number of kept facts and their bytes.
func (c *readCache) size() (int, int64) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m), c.bytes
}
