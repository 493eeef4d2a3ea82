package resolvers

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func TestAttendanceRate(t *testing.T) {
	r := attendanceRate([]*graph.Attendance{
		{MeetingID: "m1", Status: graph.StatusPresent},
		{MeetingID: "m1", Status: graph.StatusSubstitute},
		{MeetingID: "m2", Status: graph.StatusAbsent},
		{MeetingID: "m2", Status: graph.StatusSentApologies},
	})
	if r.Meetings != 2 || r.Attended != 2 || r.Missed != 2 || r.Rate == nil || *r.Rate != 0.5 {
		t.Errorf("rate %+v", r)
	}
	if r := attendanceRate(nil); r.Rate != nil || r.Meetings != 0 {
		t.Errorf("empty rate %+v", r)
	}
}

func TestFactPageKeyset(t *testing.T) {
	r := &Resolver{cfg: Config{}.withDefaults()}
	var facts []any
	for _, n := range []string{"Cecilie", "Anna", "Bo", "Dorte", "Emil"} {
		facts = append(facts, &graph.Person{ID: "person:" + n, Name: n})
	}
	two := 2
	p1, err := r.factPage(facts, nil, &two, nil, false)
	if err != nil || len(p1.Edges) != 2 || p1.Edges[0].ID != "person:Anna" || !p1.PageInfo.HasNextPage {
		t.Fatalf("page 1: %+v %v", p1, err)
	}
	// A fact added before the cursor does not shift the next page.
	facts = append(facts, &graph.Person{ID: "person:Aase", Name: "Aase"})
	p2, err := r.factPage(facts, nil, &two, p1.PageInfo.EndCursor, false)
	if err != nil || len(p2.Edges) != 2 || p2.Edges[0].ID != "person:Cecilie" || p2.Edges[1].ID != "person:Dorte" {
		t.Fatalf("page 2: %+v %v", p2.Edges, err)
	}
	if n, _ := p2.TotalCount(t.Context()); n != 6 {
		t.Errorf("totalCount %d", n)
	}
}
