package embedded

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAdjList applies random additions and removals to an adjacency list
// and to a map, and compares them after every step: the same targets in
// order with the same counts, chunks within bounds, and every earlier
// version unchanged (lists are shared between states).
func TestAdjList(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var l adjList
	want := map[string]int32{}
	type version struct {
		l    adjList
		want map[string]int32
	}
	var versions []version
	for step := range 20000 {
		to := fmt.Sprintf("person:%04d", rng.IntN(1500))
		delta := int32(1)
		if rng.IntN(3) == 0 {
			delta = -1
		}
		next, changed := l.add(to, delta)
		_, had := want[to]
		if changed != (had || delta > 0) {
			t.Fatalf("step %d: add(%s, %d) changed %v with the target present %v", step, to, delta, changed, had)
		}
		if had || delta > 0 {
			want[to] += delta
			if want[to] <= 0 {
				delete(want, to)
			}
		}
		l = next
		if step < 2000 || step%50 == 0 {
			check(t, fmt.Sprint("step ", step), l, want)
		}
		if step%1000 == 0 {
			versions = append(versions, version{l, maps.Clone(want)})
		}
	}
	for i, v := range versions {
		check(t, fmt.Sprint("version ", i), v.l, v.want)
	}
	if len(l.chunks) < 5 {
		t.Errorf("%d chunks for %d targets: the test does not split", len(l.chunks), l.len())
	}
	// Empty it again, in random order, through the chunked form back to
	// one chunk and to nothing.
	keys := slices.Collect(maps.Keys(want))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	short := false
	for _, k := range keys {
		next, changed := l.add(k, -want[k])
		if !changed {
			t.Fatalf("removing %s changed nothing", k)
		}
		delete(want, k)
		l = next
		check(t, "removing "+k, l, want)
		short = short || (l.chunks == nil && l.len() > 0)
	}
	if !short {
		t.Error("the list never became one chunk again")
	}
}

func check(t *testing.T, what string, l adjList, want map[string]int32) {
	t.Helper()
	var got []adjRef
	l.each(func(r adjRef) { got = append(got, r) })
	keys := slices.Sorted(maps.Keys(want))
	if len(got) != len(keys) || l.len() != len(keys) {
		t.Fatalf("%s: %d targets (len %d), want %d", what, len(got), l.len(), len(keys))
	}
	for i, k := range keys {
		if got[i].to != k || got[i].n != want[k] {
			t.Fatalf("%s: target %d is %+v, want %s × %d", what, i, got[i], k, want[k])
		}
	}
	for _, c := range l.chunks {
		if len(c) == 0 || len(c) > adjChunk {
			t.Fatalf("%s: a chunk of %d", what, len(c))
		}
	}
	switch {
	case l.chunks != nil && (len(l.chunks) < 2 || l.refs != nil):
		t.Fatalf("%s: %d chunks beside %d refs", what, len(l.chunks), len(l.refs))
	case l.chunks == nil && len(l.refs) > adjChunk:
		t.Fatalf("%s: one chunk of %d", what, len(l.refs))
	}
}
