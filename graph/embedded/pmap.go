package embedded

import (
	"cmp"
	"slices"
)

// shardBits sets the number of shards of a pmap: a write copies the shard
// array (4096 pointers) and each shard it touches, never the whole map.
const (
	shardBits = 12
	nShards   = 1 << shardBits
)

func shardOf(k string) uint32 {
	// FNV-1a.
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h ^= uint32(k[i])
		h *= 16777619
	}
	return h >> (32 - shardBits)
}

// pmap is an immutable map from string keys, updated by copying on write
// through a pmapTx.
type pmap[V any] struct {
	shards *[nShards]map[string]V
	n      int
}

func (m pmap[V]) get(k string) (V, bool) {
	var zero V
	if m.shards == nil {
		return zero, false
	}
	v, ok := m.shards[shardOf(k)][k]
	return v, ok
}

func (m pmap[V]) len() int { return m.n }

// all calls fn for every entry, in no particular order.
func (m pmap[V]) all(fn func(k string, v V)) {
	if m.shards == nil {
		return
	}
	for _, s := range m.shards {
		for k, v := range s {
			fn(k, v)
		}
	}
}

// pmapTx is a pmap being changed by one writer. Shards it has copied are
// its own and are changed in place; the others are shared with the base.
type pmapTx[V any] struct {
	m     pmap[V]
	owned [nShards / 64]uint64
}

func (m pmap[V]) tx() *pmapTx[V] {
	t := &pmapTx[V]{m: pmap[V]{shards: new([nShards]map[string]V), n: m.n}}
	if m.shards != nil {
		*t.m.shards = *m.shards
	}
	return t
}

func (t *pmapTx[V]) get(k string) (V, bool) { return t.m.get(k) }

func (t *pmapTx[V]) shard(k string) map[string]V {
	i := shardOf(k)
	if t.owned[i/64]&(1<<(i%64)) == 0 {
		old := t.m.shards[i]
		n := make(map[string]V, len(old)+1)
		for k, v := range old {
			n[k] = v
		}
		t.m.shards[i] = n
		t.owned[i/64] |= 1 << (i % 64)
	}
	return t.m.shards[i]
}

func (t *pmapTx[V]) set(k string, v V) {
	s := t.shard(k)
	if _, ok := s[k]; !ok {
		t.m.n++
	}
	s[k] = v
}

func (t *pmapTx[V]) del(k string) {
	if _, ok := t.m.get(k); !ok {
		return
	}
	delete(t.shard(k), k)
	t.m.n--
}

// done returns the new map. The transaction must not be used afterwards.
func (t *pmapTx[V]) done() pmap[V] { return t.m }

// ixEntry is one fact in a sort index.
type ixEntry struct {
	key string // graph.SortKey of the merged fact
	id  string
}

// chunkMax bounds a chunk of a sort index; a write copies the chunk array
// and the chunks it touches.
const chunkMax = 128

// sortIndex is an immutable sorted list of entries, split into chunks.
type sortIndex struct {
	chunks []*[]ixEntry
	n      int
}

// locate returns the first chunk whose last key is >= key (or the last
// chunk).
func (ix *sortIndex) locate(key string) int {
	i, _ := slices.BinarySearchFunc(ix.chunks, key, func(c *[]ixEntry, k string) int {
		return cmp.Compare((*c)[len(*c)-1].key, k)
	})
	return min(i, len(ix.chunks)-1)
}

// after calls fn for the entries with key > after (all if after is ""),
// in order, until fn returns false.
func (ix *sortIndex) after(after string, fn func(ixEntry) bool) {
	if len(ix.chunks) == 0 {
		return
	}
	ci, i := 0, 0
	if after != "" {
		ci = ix.locate(after)
		c := *ix.chunks[ci]
		i, _ = slices.BinarySearchFunc(c, after, func(e ixEntry, k string) int { return cmp.Compare(e.key, k) })
		if i < len(c) && c[i].key == after {
			i++
		}
	}
	for ; ci < len(ix.chunks); ci, i = ci+1, 0 {
		for _, e := range (*ix.chunks[ci])[i:] {
			if !fn(e) {
				return
			}
		}
	}
}

// before calls fn for the entries with key < before (all if before is ""),
// in reverse order, until fn returns false.
func (ix *sortIndex) before(before string, fn func(ixEntry) bool) {
	if len(ix.chunks) == 0 {
		return
	}
	ci := len(ix.chunks) - 1
	i := len(*ix.chunks[ci])
	if before != "" {
		ci = ix.locate(before)
		c := *ix.chunks[ci]
		// i is the number of entries of c with key < before.
		i, _ = slices.BinarySearchFunc(c, before, func(e ixEntry, k string) int { return cmp.Compare(e.key, k) })
	}
	for {
		c := *ix.chunks[ci]
		for j := i - 1; j >= 0; j-- {
			if !fn(c[j]) {
				return
			}
		}
		if ci == 0 {
			return
		}
		ci--
		i = len(*ix.chunks[ci])
	}
}

// indexTx is a sortIndex being changed by one writer.
type indexTx struct {
	ix    sortIndex
	owned map[*[]ixEntry]bool
}

func (ix *sortIndex) tx() *indexTx {
	return &indexTx{ix: sortIndex{chunks: slices.Clone(ix.chunks), n: ix.n}, owned: map[*[]ixEntry]bool{}}
}

func (t *indexTx) own(ci int) *[]ixEntry {
	c := t.ix.chunks[ci]
	if !t.owned[c] {
		n := make([]ixEntry, len(*c), len(*c)+1)
		copy(n, *c)
		c = &n
		t.ix.chunks[ci] = c
		t.owned[c] = true
	}
	return c
}

func (t *indexTx) insert(e ixEntry) {
	t.ix.n++
	if len(t.ix.chunks) == 0 {
		c := []ixEntry{e}
		t.ix.chunks = []*[]ixEntry{&c}
		t.owned[&c] = true
		return
	}
	ci := t.ix.locate(e.key)
	c := t.own(ci)
	i, _ := slices.BinarySearchFunc(*c, e.key, func(x ixEntry, k string) int { return cmp.Compare(x.key, k) })
	*c = slices.Insert(*c, i, e)
	if len(*c) > chunkMax {
		h := len(*c) / 2
		lo := slices.Clone((*c)[:h])
		hi := slices.Clone((*c)[h:])
		delete(t.owned, c)
		t.owned[&lo], t.owned[&hi] = true, true
		t.ix.chunks = slices.Replace(t.ix.chunks, ci, ci+1, &lo, &hi)
	}
}

func (t *indexTx) remove(key string) {
	if len(t.ix.chunks) == 0 {
		return
	}
	ci := t.ix.locate(key)
	i, found := slices.BinarySearchFunc(*t.ix.chunks[ci], key, func(x ixEntry, k string) int { return cmp.Compare(x.key, k) })
	if !found {
		return
	}
	t.ix.n--
	c := t.own(ci)
	*c = slices.Delete(*c, i, i+1)
	if len(*c) == 0 {
		delete(t.owned, c)
		t.ix.chunks = slices.Delete(t.ix.chunks, ci, ci+1)
	}
}

func (t *indexTx) done() *sortIndex { return &t.ix }
