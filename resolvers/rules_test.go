package resolvers

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func TestHeldOn(t *testing.T) {
	cases := []struct {
		m    graph.Membership
		day  string
		want bool
	}{
		{graph.Membership{}, "2024-01-01", true},
		{graph.Membership{StartDate: "2024-01-01"}, "2023-12-31", false},
		{graph.Membership{StartDate: "2024-01-01"}, "2024-01-01", true},
		{graph.Membership{FirstSeen: "2024-06-19"}, "2024-06-18", false},
		{graph.Membership{StartDate: "2024-01-01", FirstSeen: "2024-06-19"}, "2024-03-01", true},
		{graph.Membership{EndDate: "2024-12-31"}, "2024-12-31", true},
		{graph.Membership{EndDate: "2024-12-31"}, "2025-01-01", false},
	}
	for _, c := range cases {
		if got := heldOn(&c.m, c.day); got != c.want {
			t.Errorf("heldOn(%+v, %s) = %v", c.m, c.day, got)
		}
	}
}

func TestCompositionChange(t *testing.T) {
	ms := []*graph.Membership{
		{ID: "stays", StartDate: "2020-01-01"},
		{ID: "joins", FirstSeen: "2024-06-19"},
		{ID: "leaves", StartDate: "2020-01-01", EndDate: "2024-03-31"},
		{ID: "between", StartDate: "2024-02-01", EndDate: "2024-03-01"},
	}
	c, err := compositionChange(ms, "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ms []*graph.Membership) (s []string) {
		for _, m := range ms {
			s = append(s, m.ID)
		}
		return s
	}
	if got := ids(c.Joined); len(got) != 1 || got[0] != "joins" {
		t.Errorf("joined %v", got)
	}
	if got := ids(c.Left); len(got) != 1 || got[0] != "leaves" {
		t.Errorf("left %v", got)
	}
	if got := ids(c.Stayed); len(got) != 1 || got[0] != "stays" {
		t.Errorf("stayed %v", got)
	}
	if _, err := compositionChange(ms, "2025-01-01", "2024-01-01"); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("reversed dates: %v", err)
	}
}

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
	p1, err := r.factPage(facts, nil, &two, nil)
	if err != nil || len(p1.Edges) != 2 || p1.Edges[0].ID != "person:Anna" || !p1.PageInfo.HasNextPage {
		t.Fatalf("page 1: %+v %v", p1, err)
	}
	// A fact added before the cursor does not shift the next page.
	facts = append(facts, &graph.Person{ID: "person:Aase", Name: "Aase"})
	p2, err := r.factPage(facts, nil, &two, p1.PageInfo.EndCursor)
	if err != nil || len(p2.Edges) != 2 || p2.Edges[0].ID != "person:Cecilie" || p2.Edges[1].ID != "person:Dorte" {
		t.Fatalf("page 2: %+v %v", p2.Edges, err)
	}
	if n, _ := p2.TotalCount(t.Context()); n != 6 {
		t.Errorf("totalCount %d", n)
	}
}
