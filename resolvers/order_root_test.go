package resolvers

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// rootPage is one page of a root connection as the tests read it.
type rootPage struct {
	TotalCount int
	Edges      []struct {
		Cursor string
		Node   struct {
			ID   string
			Name string
			Date string
		}
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

// pageRoot pages through a root connection with first and order and
// returns the pages' edges in the order visited. node selects the node's
// fields (id is always selected).
func pageRoot(t *testing.T, h http.Handler, field, node string, first int, order string) []rootPage {
	t.Helper()
	q := fmt.Sprintf(`query($after: String) { %s(first: %d, after: $after, order: %s) {
		totalCount edges { cursor node { id %s } } pageInfo { hasNextPage endCursor } } }`, field, first, order, node)
	var pages []rootPage
	var after any
	for {
		var out map[string]rootPage
		query(t, h, q, map[string]any{"after": after}, &out)
		p := out[field]
		pages = append(pages, p)
		if len(p.Edges) > first {
			t.Fatalf("%s(first: %d): page of %d", field, first, len(p.Edges))
		}
		if len(p.Edges) > 0 && (p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor) {
			t.Errorf("%s: endCursor %v is not the last edge's cursor", field, p.PageInfo.EndCursor)
		}
		if p.PageInfo.HasNextPage && len(p.Edges) != first {
			t.Errorf("%s(first: %d, order: %s): a page of %d before the end", field, first, order, len(p.Edges))
		}
		if !p.PageInfo.HasNextPage {
			return pages
		}
		if len(pages) > 1000 {
			t.Fatalf("%s: paging does not end", field)
		}
		after = *p.PageInfo.EndCursor
	}
}

func pageIDs(pages []rootPage) []string {
	var ids []string
	for _, p := range pages {
		for _, e := range p.Edges {
			ids = append(ids, e.Node.ID)
		}
	}
	return ids
}

func TestMeetingsNewestFirst(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	asc := pageRoot(t, h, "meetings", "date", 500, "ASC")
	desc := pageRoot(t, h, "meetings", "date", 500, "DESC")
	if len(asc) != 1 || len(desc) != 1 || len(desc[0].Edges) < 2 {
		t.Fatalf("meetings: %d ascending and %d descending pages; want one each, of at least 2 meetings", len(asc), len(desc))
	}
	es := desc[0].Edges
	newest := ""
	for _, e := range asc[0].Edges {
		newest = max(newest, e.Node.Date)
	}
	if es[0].Node.Date != newest {
		t.Errorf("meetings(order: DESC) starts with %s on %s; the newest meeting is on %s", es[0].Node.ID, es[0].Node.Date, newest)
	}
	for i := 1; i < len(es); i++ {
		if es[i].Node.Date > es[i-1].Node.Date {
			t.Errorf("meetings(order: DESC): %s (%s) after %s (%s)", es[i].Node.ID, es[i].Node.Date, es[i-1].Node.ID, es[i-1].Node.Date)
		}
	}
	want := pageIDs(asc)
	slices.Reverse(want)
	if got := pageIDs(desc); !slices.Equal(got, want) {
		t.Errorf("meetings(order: DESC) = %v; want the ascending order reversed, %v", got, want)
	}
}

func TestPagingPeopleDescVisitsEveryoneOnceInReverseNameOrder(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	pages := pageRoot(t, h, "people", "name", 7, "DESC")
	if len(pages) < 3 {
		t.Fatalf("people by 7 took %d pages; the sample should need more", len(pages))
	}
	seen := map[string]int{}
	prev := ""
	for _, p := range pages {
		for _, e := range p.Edges {
			seen[e.Node.ID]++
			key := graph.Fold(e.Node.Name) + "\x00" + e.Node.ID // graph.SortKey of a person
			if prev != "" && key >= prev {
				t.Errorf("people(order: DESC): %q (%s) does not sort below %q", e.Node.Name, e.Node.ID, prev)
			}
			prev = key
		}
	}
	total := pages[0].TotalCount
	if total == 0 || len(seen) != total {
		t.Errorf("visited %d people in %d pages; totalCount %d", len(seen), len(pages), total)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s visited %d times", id, n)
		}
	}
}

// TestRootConnectionsDesc pages every root connection in both orders: the
// descending pages visit exactly the ascending order reversed.
func TestRootConnectionsDesc(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	for _, field := range []string{"documents", "regions", "municipalities", "clusters", "healthCouncils",
		"organisations", "people", "bodies", "meetings", "initiatives"} {
		asc := pageIDs(pageRoot(t, h, field, "", 500, "ASC"))
		desc := pageIDs(pageRoot(t, h, field, "", 3, "DESC"))
		if len(asc) < 2 {
			t.Errorf("%s: %d in the sample; the check needs 2", field, len(asc))
			continue
		}
		slices.Reverse(asc)
		if !slices.Equal(desc, asc) {
			t.Errorf("%s(first: 3, order: DESC) visited %v; want %v", field, desc, asc)
		}
	}
}
