package embedded

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// TestArenaValues checks that the arena's strings and edge lists keep their
// content however many values follow them, that small values share
// blocks, and that an edge list has no room to append into its
// neighbour's.
func TestArenaValues(t *testing.T) {
	var a arena
	var strs []string
	var lists [][]graph.Edge
	for i := range 5000 {
		s := fmt.Sprintf("value %d %s", i, string(make([]byte, i%40)))
		strs = append(strs, a.str(s))
		es := make([]graph.Edge, 1+i%3)
		for j := range es {
			es[j] = graph.Edge{Rel: graph.RelPeopleOfOrganisation, FromID: fmt.Sprint("org-", i), ToID: fmt.Sprint("person-", j)}
		}
		lists = append(lists, a.edgeList(es))
	}
	packed := 0
	for i, s := range strs {
		if want := fmt.Sprintf("value %d %s", i, string(make([]byte, i%40))); s != want {
			t.Fatalf("string %d is %q, want %q", i, s, want)
		}
		// Packed: the next string starts where this one ends.
		if i > 0 && unsafe.Pointer(unsafe.StringData(s)) == unsafe.Add(unsafe.Pointer(unsafe.StringData(strs[i-1])), len(strs[i-1])) {
			packed++
		}
	}
	if packed < len(strs)-10 {
		t.Errorf("%d of %d strings follow the previous one in its block, want all but the first of each block", packed, len(strs))
	}
	for i, es := range lists {
		if len(es) != 1+i%3 || cap(es) != len(es) {
			t.Fatalf("list %d has length %d and capacity %d", i, len(es), cap(es))
		}
		for j, e := range es {
			if e.FromID != fmt.Sprint("org-", i) || e.ToID != fmt.Sprint("person-", j) {
				t.Fatalf("list %d edge %d is %+v", i, j, e)
			}
		}
	}
	long := string(make([]byte, arenaOwnMax+1))
	if got := a.str(long); got != long {
		t.Error("a long string lost its content")
	}
	if a.str("") != "" || a.edgeList(nil) != nil {
		t.Error("empty values should stay empty")
	}
}

// TestHomeKeepsPrevious checks that a fact's new entry takes its previous
// version's derived values when they are equal (so a fact gaining
// contributions allocates none) and copies them when they differ.
func TestHomeKeepsPrevious(t *testing.T) {
	in := newInterner()
	edges := []graph.Edge{{Rel: graph.RelPeopleOfOrganisation, FromID: "org-1", ToID: "person-1"}}
	prev := &factEntry{id: "person-1", sortKey: "ada\x00person-1", search: "ada", edges: edges}
	in.home(nil, prev)
	same := &factEntry{id: "person-1", sortKey: "ada\x00person-1", search: "ada", edges: append([]graph.Edge(nil), edges...)}
	in.home(prev, same)
	if unsafe.StringData(same.sortKey) != unsafe.StringData(prev.sortKey) || unsafe.StringData(same.search) != unsafe.StringData(prev.search) || &same.edges[0] != &prev.edges[0] {
		t.Error("equal derived values were not shared with the previous entry")
	}
	changed := &factEntry{id: "person-1", sortKey: "ada b\x00person-1", search: "ada b", edges: []graph.Edge{{Rel: graph.RelPeopleOfOrganisation, FromID: "org-2", ToID: "person-1"}}}
	in.home(prev, changed)
	if changed.sortKey != "ada b\x00person-1" || changed.search != "ada b" || changed.edges[0].FromID != "org-2" {
		t.Errorf("changed values were not kept: %+v", changed)
	}
	byID := &factEntry{id: "attendance-1", sortKey: "attendance-1"}
	in.home(nil, byID)
	if unsafe.StringData(byID.sortKey) != unsafe.StringData(byID.id) {
		t.Error("a sort key equal to the ID should share the ID")
	}
}
