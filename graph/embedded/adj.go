package embedded

import (
	"cmp"
	"slices"
)

// adjList is an adjacency list: the targets of one relation from one fact,
// sorted by ID, each with the number of facts that state the edge. It is
// split into chunks of at most adjChunk refs, and a change copies only the
// chunk it touches and the slice of chunks, so adding an edge to a fact
// with many (a cluster's political level has a membership from every one
// of its minutes) costs the same however many it has. Lists are never
// changed in place: a change returns a new list sharing the other chunks.
type adjList struct {
	chunks [][]adjRef
	n      int
}

// adjChunk is the largest chunk; a fuller one is split in two.
const adjChunk = 128

// len is the number of targets.
func (l adjList) len() int { return l.n }

// each calls f with every target in order.
func (l adjList) each(f func(adjRef)) {
	for _, c := range l.chunks {
		for _, r := range c {
			f(r)
		}
	}
}

// find returns the chunk that holds to or where it would go, and its
// position there.
func (l adjList) find(to string) (ci, i int, found bool) {
	// The first chunk whose last target is not before to.
	ci, _ = slices.BinarySearchFunc(l.chunks, to, func(c []adjRef, to string) int { return cmp.Compare(c[len(c)-1].to, to) })
	if ci == len(l.chunks) {
		if ci == 0 {
			return 0, 0, false
		}
		ci-- // after every target: at the end of the last chunk
		return ci, len(l.chunks[ci]), false
	}
	i, found = slices.BinarySearchFunc(l.chunks[ci], to, func(r adjRef, to string) int { return cmp.Compare(r.to, to) })
	return ci, i, found
}

// add returns the list with delta added to the count of to: a new target
// with count delta if it is not there (and delta > 0), and without the
// target once its count falls to 0. It reports whether the list changed.
func (l adjList) add(to string, delta int32) (adjList, bool) {
	ci, i, found := l.find(to)
	if !found && delta <= 0 {
		return l, false
	}
	if len(l.chunks) == 0 {
		return adjList{chunks: [][]adjRef{{{to: to, n: delta}}}, n: 1}, true
	}
	chunks := slices.Clone(l.chunks)
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
	return adjList{chunks: chunks, n: n}, true
}
