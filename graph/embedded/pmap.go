package embedded

import (
	"cmp"
	"maps"
	"slices"
)

// A pmap is a hash trie of small maps: 4096 top shards (the first 12 bits
// of the key's hash), each a leaf map of at most leafMax entries or, once
// it grows past that, a branch of 64 children by the next 6 bits, down to
// the hash's 30th bit (a leaf there may grow without bound). The shards
// are held in 64 arrays of 64 (by the first 6 bits, then the next 6). A
// write copies the array of arrays, the arrays it touches and the path to
// each key it touches (a branch's 64 pointers, a leaf's at most leafMax
// entries), never the whole map: its cost does not grow with the number
// of entries. (With leaves that were never split, at 100× scale a shard
// held ~560 facts and the copies were most of a document's write; with
// one array of 4096 shards, copying it was 32 KB per map and write, a
// sixth of what a write allocated.)
const (
	shardBits  = 12
	nShards    = 1 << shardBits
	branchBits = 6
	fanout     = 1 << branchBits
	leafMax    = 64
)

// shardIndex splits a shard's number into its array and its place there.
func shardIndex(i uint32) (hi, lo uint32) { return i >> branchBits, i & (fanout - 1) }

// hashOf is the keys' hash; a variable so that a test can choose hashes.
var hashOf = fnv1a

func fnv1a(k string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h ^= uint32(k[i])
		h *= 16777619
	}
	return h
}

// pnode is a leaf (kids nil) or a branch.
type pnode[V any] struct {
	leaf map[string]V
	kids *[fanout]*pnode[V]
}

// pmap is an immutable map from string keys, updated by copying on write
// through a pmapTx.
type pmap[V any] struct {
	shards *[nShards / fanout]*[fanout]*pnode[V]
	n      int
}

// shard returns shard i (nil if there is none).
func (m pmap[V]) shard(i uint32) *pnode[V] {
	if m.shards == nil {
		return nil
	}
	hi, lo := shardIndex(i)
	if a := m.shards[hi]; a != nil {
		return a[lo]
	}
	return nil
}

// down returns the child of branch n for hash h below bit shift, and the
// next shift.
func down[V any](n *pnode[V], h uint32, shift uint) (*pnode[V], uint) {
	shift -= branchBits
	return n.kids[(h>>shift)&(fanout-1)], shift
}

func (m pmap[V]) get(k string) (V, bool) {
	var zero V
	if m.shards == nil {
		return zero, false
	}
	h := hashOf(k)
	n, shift := m.shard(h>>(32-shardBits)), uint(32-shardBits)
	for n != nil && n.kids != nil {
		n, shift = down(n, h, shift)
	}
	if n == nil {
		return zero, false
	}
	v, ok := n.leaf[k]
	return v, ok
}

func (m pmap[V]) len() int { return m.n }

// all calls fn for every entry, in no particular order.
func (m pmap[V]) all(fn func(k string, v V)) {
	if m.shards == nil {
		return
	}
	var walk func(n *pnode[V])
	walk = func(n *pnode[V]) {
		if n == nil {
			return
		}
		if n.kids != nil {
			for _, c := range n.kids {
				walk(c)
			}
			return
		}
		for k, v := range n.leaf {
			fn(k, v)
		}
	}
	for _, a := range m.shards {
		if a == nil {
			continue
		}
		for _, n := range a {
			walk(n)
		}
	}
}

// pmapTx is a pmap being changed by one writer. Nodes it has copied or made
// are its own and are changed in place; the others are shared with the
// base.
type pmapTx[V any] struct {
	m         pmap[V]
	owned     map[*pnode[V]]bool
	ownedArrs [nShards / fanout]bool // the arrays of shards copied or made
}

func (m pmap[V]) tx() *pmapTx[V] {
	t := &pmapTx[V]{m: pmap[V]{shards: new([nShards / fanout]*[fanout]*pnode[V]), n: m.n}, owned: map[*pnode[V]]bool{}}
	if m.shards != nil {
		*t.m.shards = *m.shards
	}
	return t
}

// shards returns the transaction's own array of shard i, and i's place
// in it.
func (t *pmapTx[V]) shards(i uint32) (*[fanout]*pnode[V], uint32) {
	hi, lo := shardIndex(i)
	if !t.ownedArrs[hi] {
		a := new([fanout]*pnode[V])
		if old := t.m.shards[hi]; old != nil {
			*a = *old
		}
		t.m.shards[hi] = a
		t.ownedArrs[hi] = true
	}
	return t.m.shards[hi], lo
}

func (t *pmapTx[V]) get(k string) (V, bool) { return t.m.get(k) }

// own returns the transaction's copy of n (a new leaf if n is nil).
func (t *pmapTx[V]) own(n *pnode[V]) *pnode[V] {
	if n != nil && t.owned[n] {
		return n
	}
	c := &pnode[V]{}
	switch {
	case n == nil:
		c.leaf = map[string]V{}
	case n.kids != nil:
		kids := *n.kids
		c.kids = &kids
	default:
		// maps.Clone copies the table without hashing every key again:
		// copying leaves entry by entry was 6% of a load's CPU, most of
		// it hashing fact IDs.
		c.leaf = maps.Clone(n.leaf)
	}
	t.owned[c] = true
	return c
}

// leaf returns the transaction's own leaf for k, copying the path to it,
// and the bit below which the leaf's keys' hashes are not yet used.
func (t *pmapTx[V]) leaf(h uint32) (*pnode[V], uint) {
	a, i := t.shards(h >> (32 - shardBits))
	n := t.own(a[i])
	a[i] = n
	shift := uint(32 - shardBits)
	for n.kids != nil {
		shift -= branchBits
		j := (h >> shift) & (fanout - 1)
		c := t.own(n.kids[j])
		n.kids[j] = c
		n = c
	}
	return n, shift
}

func (t *pmapTx[V]) set(k string, v V) {
	h := hashOf(k)
	n, shift := t.leaf(h)
	if _, ok := n.leaf[k]; !ok {
		t.m.n++
	}
	n.leaf[k] = v
	if len(n.leaf) > leafMax && shift >= branchBits {
		// Split: the leaf becomes a branch of leaves by the next bits.
		kids := new([fanout]*pnode[V])
		shift -= branchBits
		for k, v := range n.leaf {
			j := (hashOf(k) >> shift) & (fanout - 1)
			if kids[j] == nil {
				kids[j] = &pnode[V]{leaf: map[string]V{}}
				t.owned[kids[j]] = true
			}
			kids[j].leaf[k] = v
		}
		n.leaf, n.kids = nil, kids
	}
}

func (t *pmapTx[V]) del(k string) {
	if _, ok := t.m.get(k); !ok {
		return
	}
	n, _ := t.leaf(hashOf(k))
	delete(n.leaf, k)
	t.m.n--
}

// done returns the new map. The transaction must not be used afterwards.
func (t *pmapTx[V]) done() pmap[V] { return t.m }

// ixEntry is one fact in a sort index.
type ixEntry struct {
	key string // graph.SortKey of the merged fact
	id  string
}

// chunkMax bounds a chunk of a sort index, and groupMax a group of
// chunks: a write copies the array of groups, the groups it touches and
// their chunks it touches, so its cost does not grow with the index (one
// array of all chunks, copied by every write, was 80 KB per kind per write
// for the memberships of the 100x corpus).
const (
	chunkMax = 128
	groupMax = 32
)

// sortIndex is an immutable sorted list of entries, split into chunks,
// which are grouped.
type sortIndex struct {
	groups []*ixGroup
	n      int
}

// ixGroup is a run of consecutive chunks.
type ixGroup struct {
	chunks []*[]ixEntry
}

func lastKey(c *[]ixEntry) string { return (*c)[len(*c)-1].key }

func (g *ixGroup) last() string { return lastKey(g.chunks[len(g.chunks)-1]) }

// locate returns the group and chunk of the first chunk whose last key is
// >= key (or of the last chunk). The index must not be empty.
func (ix *sortIndex) locate(key string) (gi, ci int) {
	gi, _ = slices.BinarySearchFunc(ix.groups, key, func(g *ixGroup, k string) int { return cmp.Compare(g.last(), k) })
	gi = min(gi, len(ix.groups)-1)
	g := ix.groups[gi]
	ci, _ = slices.BinarySearchFunc(g.chunks, key, func(c *[]ixEntry, k string) int { return cmp.Compare(lastKey(c), k) })
	return gi, min(ci, len(g.chunks)-1)
}

// chunkCount is the number of chunks.
func (ix *sortIndex) chunkCount() int {
	n := 0
	for _, g := range ix.groups {
		n += len(g.chunks)
	}
	return n
}

// after calls fn for the entries with key > after (all if after is ""),
// in order, until fn returns false.
func (ix *sortIndex) after(after string, fn func(ixEntry) bool) {
	if len(ix.groups) == 0 {
		return
	}
	gi, ci, i := 0, 0, 0
	if after != "" {
		gi, ci = ix.locate(after)
		c := *ix.groups[gi].chunks[ci]
		i, _ = slices.BinarySearchFunc(c, after, func(e ixEntry, k string) int { return cmp.Compare(e.key, k) })
		if i < len(c) && c[i].key == after {
			i++
		}
	}
	for ; gi < len(ix.groups); gi, ci = gi+1, 0 {
		g := ix.groups[gi]
		for ; ci < len(g.chunks); ci, i = ci+1, 0 {
			for _, e := range (*g.chunks[ci])[i:] {
				if !fn(e) {
					return
				}
			}
		}
	}
}

// before calls fn for the entries with key < before (all if before is ""),
// in reverse order, until fn returns false.
func (ix *sortIndex) before(before string, fn func(ixEntry) bool) {
	if len(ix.groups) == 0 {
		return
	}
	gi := len(ix.groups) - 1
	ci := len(ix.groups[gi].chunks) - 1
	i := len(*ix.groups[gi].chunks[ci])
	if before != "" {
		gi, ci = ix.locate(before)
		c := *ix.groups[gi].chunks[ci]
		// i is the number of entries of c with key < before.
		i, _ = slices.BinarySearchFunc(c, before, func(e ixEntry, k string) int { return cmp.Compare(e.key, k) })
	}
	for {
		c := *ix.groups[gi].chunks[ci]
		for j := i - 1; j >= 0; j-- {
			if !fn(c[j]) {
				return
			}
		}
		switch {
		case ci > 0:
			ci--
		case gi > 0:
			gi--
			ci = len(ix.groups[gi].chunks) - 1
		default:
			return
		}
		i = len(*ix.groups[gi].chunks[ci])
	}
}

// indexTx is a sortIndex being changed by one writer.
type indexTx struct {
	ix     sortIndex
	groups map[*ixGroup]bool   // groups this transaction made
	owned  map[*[]ixEntry]bool // chunks this transaction made
}

func (ix *sortIndex) tx() *indexTx {
	return &indexTx{ix: sortIndex{groups: slices.Clone(ix.groups), n: ix.n}, groups: map[*ixGroup]bool{}, owned: map[*[]ixEntry]bool{}}
}

func (t *indexTx) ownGroup(gi int) *ixGroup {
	g := t.ix.groups[gi]
	if !t.groups[g] {
		g = &ixGroup{chunks: slices.Clone(g.chunks)}
		t.ix.groups[gi] = g
		t.groups[g] = true
	}
	return g
}

func (t *indexTx) own(gi, ci int) (*ixGroup, *[]ixEntry) {
	g := t.ownGroup(gi)
	c := g.chunks[ci]
	if !t.owned[c] {
		n := make([]ixEntry, len(*c), len(*c)+1)
		copy(n, *c)
		c = &n
		g.chunks[ci] = c
		t.owned[c] = true
	}
	return g, c
}

func (t *indexTx) insert(e ixEntry) {
	t.ix.n++
	if len(t.ix.groups) == 0 {
		c := []ixEntry{e}
		g := &ixGroup{chunks: []*[]ixEntry{&c}}
		t.ix.groups = []*ixGroup{g}
		t.groups[g], t.owned[&c] = true, true
		return
	}
	gi, ci := t.ix.locate(e.key)
	g, c := t.own(gi, ci)
	i, _ := slices.BinarySearchFunc(*c, e.key, func(x ixEntry, k string) int { return cmp.Compare(x.key, k) })
	*c = slices.Insert(*c, i, e)
	if len(*c) <= chunkMax {
		return
	}
	h := len(*c) / 2
	lo := slices.Clone((*c)[:h])
	hi := slices.Clone((*c)[h:])
	delete(t.owned, c)
	t.owned[&lo], t.owned[&hi] = true, true
	g.chunks = slices.Replace(g.chunks, ci, ci+1, &lo, &hi)
	if len(g.chunks) <= groupMax {
		return
	}
	h = len(g.chunks) / 2
	a := &ixGroup{chunks: slices.Clone(g.chunks[:h])}
	b := &ixGroup{chunks: slices.Clone(g.chunks[h:])}
	delete(t.groups, g)
	t.groups[a], t.groups[b] = true, true
	t.ix.groups = slices.Replace(t.ix.groups, gi, gi+1, a, b)
}

func (t *indexTx) remove(key string) {
	if len(t.ix.groups) == 0 {
		return
	}
	gi, ci := t.ix.locate(key)
	i, found := slices.BinarySearchFunc(*t.ix.groups[gi].chunks[ci], key, func(x ixEntry, k string) int { return cmp.Compare(x.key, k) })
	if !found {
		return
	}
	t.ix.n--
	g, c := t.own(gi, ci)
	*c = slices.Delete(*c, i, i+1)
	if len(*c) > 0 {
		return
	}
	delete(t.owned, c)
	g.chunks = slices.Delete(g.chunks, ci, ci+1)
	if len(g.chunks) == 0 {
		delete(t.groups, g)
		t.ix.groups = slices.Delete(t.ix.groups, gi, gi+1)
	}
}

func (t *indexTx) done() *sortIndex { return &t.ix }
