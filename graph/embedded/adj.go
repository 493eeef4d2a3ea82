package embedded

import (
	"cmp"
	"slices"
)

// adjList is an adjacency list: the targets of one relation from one fact,
// sorted by ID, each with the number of facts that state the edge. A list
// of up to adjChunk targets is one chunk, held in refs; a longer one is
// split into chunks of at most adjChunk refs, and a change copies only the
// chunk it touches and the slice of chunks, so adding an edge to a fact
// with many (a cluster's political level has a membership from every one
// of its minutes) costs the same however many it has. Most lists are
// short, and holding their one chunk in refs spares the collector a slice
// of chunks per list. Lists are never changed in place: a change returns
// a new list sharing the other chunks.
type adjList struct {
	refs   []adjRef   // the only chunk, when chunks is nil
	chunks [][]adjRef // of a list longer than adjChunk
	n      int
}

// adjChunk is the largest chunk; a fuller one is split in two.
const adjChunk = 128

// len is the number of targets.
func (l adjList) len() int { return l.n }

// parts returns the list's chunks; one is the caller's room for a list
// held in refs.
func (l adjList) parts(one *[1][]adjRef) [][]adjRef {
	switch {
	case l.chunks != nil:
		return l.chunks
	case len(l.refs) == 0:
		return nil
	}
	one[0] = l.refs
	return one[:]
}

// each calls f with every target in order.
func (l adjList) each(f func(adjRef)) {
	var one [1][]adjRef
	for _, c := range l.parts(&one) {
		for _, r := range c {
			f(r)
		}
	}
}

// find returns the chunk of chunks that holds to or where it would go,
// and its position there.
func find(chunks [][]adjRef, to string) (ci, i int, found bool) {
	// The first chunk whose last target is not before to.
	ci, _ = slices.BinarySearchFunc(chunks, to, func(c []adjRef, to string) int { return cmp.Compare(c[len(c)-1].to, to) })
	if ci == len(chunks) {
		if ci == 0 {
			return 0, 0, false
		}
		ci-- // after every target: at the end of the last chunk
		return ci, len(chunks[ci]), false
	}
	i, found = slices.BinarySearchFunc(chunks[ci], to, func(r adjRef, to string) int { return cmp.Compare(r.to, to) })
	return ci, i, found
}

// add returns the list with delta added to the count of to: a new target
// with count delta if it is not there (and delta > 0), and without the
// target once its count falls to 0. It reports whether the list changed.
func (l adjList) add(to string, delta int32) (adjList, bool) {
	var one [1][]adjRef
	chunks := l.parts(&one)
	ci, i, found := find(chunks, to)
	if !found && delta <= 0 {
		return l, false
	}
	if len(chunks) == 0 {
		return adjList{refs: []adjRef{{to: to, n: delta}}, n: 1}, true
	}
	n := l.n
	c := slices.Clone(chunks[ci])
	switch {
	case !found:
		c = slices.Insert(c, i, adjRef{to: to, n: delta})
		n++
	case c[i].n+delta > 0:
		c[i].n += delta
	default:
		c = slices.Delete(c, i, i+1)
		n--
	}
	if l.chunks == nil && len(c) <= adjChunk {
		// A short list stays short.
		return adjList{refs: c, n: n}, true
	}
	chunks = slices.Clone(chunks)
	switch {
	case len(c) == 0:
		chunks = slices.Delete(chunks, ci, ci+1)
	case len(c) > adjChunk:
		half := len(c) / 2
		chunks[ci] = c[:half:half]
		chunks = slices.Insert(chunks, ci+1, c[half:])
	default:
		chunks[ci] = c
	}
	if len(chunks) == 1 {
		return adjList{refs: chunks[0], n: n}, true
	}
	return adjList{chunks: chunks, n: n}, true
}
