package embedded

import (
	"unsafe"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// An arena packs the small values the store keeps for as long as it runs
// into shared blocks: the interner's strings, the adjacency lists' keys,
// the facts' sort and search keys and their edge lists. Each of those was
// an allocation of its own (a reopened 10× store: 2.67 million objects
// before, 1.58 million after), and in a whole-run profile of the 100× load
// most of the collector's mark time went to finding the span of each
// small object it marked. A block is one object for hundreds of values.
// Packing alone barely changed the CPU of a full collection; together
// with the eighth session's other changes (one array of sources and of
// string lists per document, docLists; a single contribution held in its
// entry; short adjacency lists without a slice of chunks) it fell by 28%
// (BENCHMARKS.md, eighth session).
//
// A block lives as long as any value in it, so a value the store drops
// keeps its block's bytes until the block's other values are dropped too.
// The writer therefore puts in an arena only what it keeps: interned
// strings (kept until a compaction rebuilds the interner anyway), and a
// fact's derived keys and edges only when they differ from its previous
// version's (a fact that gains a contribution keeps its own; see
// interner.home). Values are never changed once handed out. The arena is
// the writer's, as the interner is: used under Store.mu or during Open.
type arena struct {
	strs  []byte       // the unused tail of the current string block
	edges []graph.Edge // the unused tail of the current edge block
}

const (
	arenaBlock = 64 << 10 // bytes per block
	// arenaOwnMax is the largest value put in a block; larger ones get an
	// allocation of their own (a long quote would waste a block's tail).
	arenaOwnMax = 1 << 10
	edgeSize    = int(unsafe.Sizeof(graph.Edge{}))
)

// bytes returns a string with b's content, in the current block.
func (a *arena) bytes(b []byte) string {
	n := len(b)
	switch {
	case n == 0:
		return ""
	case n > arenaOwnMax:
		return string(b)
	case n > len(a.strs):
		a.strs = make([]byte, arenaBlock)
	}
	dst := a.strs[:n:n]
	a.strs = a.strs[n:]
	copy(dst, b)
	return unsafe.String(&dst[0], n)
}

// str is bytes for a string.
func (a *arena) str(s string) string {
	return a.bytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// edgeList returns a copy of es in the current edge block, with no room to
// append (an append copies it out).
func (a *arena) edgeList(es []graph.Edge) []graph.Edge {
	n := len(es)
	switch {
	case n == 0:
		return nil
	case n*edgeSize > arenaOwnMax:
		return append([]graph.Edge(nil), es...)
	case n > len(a.edges):
		a.edges = make([]graph.Edge, arenaBlock/edgeSize)
	}
	dst := a.edges[:n:n]
	a.edges = a.edges[n:]
	copy(dst, es)
	return dst
}
