package resolvers

import (
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// lists builds participant lists: date → people listed.
func lists(byDate map[string][]string) []participantList {
	var ms []*graph.Meeting
	var as []*graph.Attendance
	for date, people := range byDate {
		id := "meeting:b:" + date
		ms = append(ms, &graph.Meeting{ID: id, BodyID: "body:b", Date: date})
		for _, p := range people {
			as = append(as, &graph.Attendance{ID: id + ":" + p, MeetingID: id, PersonID: p, Status: graph.StatusPresent})
		}
	}
	return participantLists(ms, as)["body:b"]
}

func TestParticipantLists(t *testing.T) {
	ms := []*graph.Meeting{
		{ID: "m2", BodyID: "body:a", Date: "2024-06-19"},
		{ID: "m1", BodyID: "body:a", Date: "2023-01-16"},
		{ID: "undated", BodyID: "body:a"},
		{ID: "nolist", BodyID: "body:a", Date: "2025-01-01"},
		{ID: "other", BodyID: "body:b", Date: "2024-01-01"},
	}
	as := []*graph.Attendance{
		{MeetingID: "m1", PersonID: "person:x", Status: graph.StatusPresent},
		{MeetingID: "m2", PersonID: "person:y", Status: graph.StatusAbsent},
		{MeetingID: "m2", PersonID: "person:z", Status: graph.StatusSubstitute, SubstituteForID: "person:x"},
		{MeetingID: "undated", PersonID: "person:q", Status: graph.StatusPresent},
		{MeetingID: "other", PersonID: "person:o", Status: graph.StatusSentApologies},
	}
	got := participantLists(ms, as)
	a := got["body:a"]
	if len(a) != 2 || a[0].date != "2023-01-16" || a[1].date != "2024-06-19" {
		t.Fatalf("body:a lists %+v; want the two dated meetings with lists, oldest first", a)
	}
	// Absent people are listed; so is the person a substitute stood in for.
	for _, p := range []string{"person:y", "person:z", "person:x"} {
		if !a[1].people[p] {
			t.Errorf("%s should be on the 2024-06-19 list: %v", p, a[1].people)
		}
	}
	if b := got["body:b"]; len(b) != 1 || !b[0].people["person:o"] {
		t.Errorf("body:b lists %+v", b)
	}
}

func TestActiveOn(t *testing.T) {
	ls := lists(map[string][]string{
		"2023-01-16": {"person:anna", "person:bo"},
		"2024-06-19": {"person:bo", "person:cecilie"},
		"2025-03-01": {"person:anna", "person:bo", "person:cecilie"},
	})
	cases := []struct {
		name string
		m    graph.Membership
		day  string
		want bool
	}{
		{"no dates at all: held", graph.Membership{PersonID: "person:nobody"}, "2030-01-01", true},
		{"before stated start", graph.Membership{PersonID: "person:bo", StartDate: "2024-01-01"}, "2023-12-31", false},
		{"before first seen", graph.Membership{PersonID: "person:cecilie", FirstSeen: "2024-06-19"}, "2024-06-18", false},
		{"stated end, on it", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", EndDate: "2023-12-31"}, "2023-12-31", true},
		{"stated end, after it", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", EndDate: "2023-12-31"}, "2024-01-01", false},
		{"stated end wins over lists", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", EndDate: "2030-12-31"}, "2024-07-01", true},
		{"seen, no later list yet", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", LastSeen: "2023-01-16"}, "2024-06-18", true},
		{"superseded on the day of a list without her", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", LastSeen: "2025-03-01"}, "2024-06-19", false},
		{"back on a later list", graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16", LastSeen: "2025-03-01"}, "2025-03-01", true},
		{"on every list", graph.Membership{PersonID: "person:bo", FirstSeen: "2023-01-16"}, "2030-01-01", true},
		{"lists before the start do not count", graph.Membership{PersonID: "person:cecilie", StartDate: "2024-01-01"}, "2024-03-01", true},
		{"stated start, not on the first list after it", graph.Membership{PersonID: "person:dorte", StartDate: "2024-01-01"}, "2024-06-19", false},
	}
	for _, c := range cases {
		if got := activeOn(&c.m, ls, c.day); got != c.want {
			t.Errorf("%s: activeOn(%+v, %s) = %v, want %v", c.name, c.m, c.day, got, c.want)
		}
	}
	// Without lists, only the stated and observed dates count.
	m := &graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16"}
	if !activeOn(m, nil, "2030-01-01") || activeOn(m, nil, "2022-01-01") {
		t.Errorf("activeOn without lists")
	}
}

func TestCompositionChange(t *testing.T) {
	ls := lists(map[string][]string{
		"2023-01-16": {"person:stays", "person:leaves"},
		"2024-06-19": {"person:stays", "person:joins"},
	})
	ms := []*graph.Membership{
		{ID: "stays", PersonID: "person:stays", FirstSeen: "2023-01-16", LastSeen: "2024-06-19"},
		{ID: "joins", PersonID: "person:joins", FirstSeen: "2024-06-19", LastSeen: "2024-06-19"},
		// No stated end: left because the 2024 list no longer shows them.
		{ID: "leaves", PersonID: "person:leaves", FirstSeen: "2023-01-16", LastSeen: "2023-01-16"},
		{ID: "ended", PersonID: "person:ended", StartDate: "2020-01-01", EndDate: "2023-03-31"},
		{ID: "between", PersonID: "person:between", StartDate: "2023-06-01", EndDate: "2023-09-01"},
	}
	c, err := compositionChange(ms, ls, "2023-02-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ms []*graph.Membership) (s []string) {
		for _, m := range ms {
			s = append(s, m.ID)
		}
		slices.Sort(s)
		return s
	}
	if got := ids(c.Joined); !slices.Equal(got, []string{"joins"}) {
		t.Errorf("joined %v", got)
	}
	if got := ids(c.Left); !slices.Equal(got, []string{"ended", "leaves"}) {
		t.Errorf("left %v, want the seat with a stated end and the one no longer listed", got)
	}
	if got := ids(c.Stayed); !slices.Equal(got, []string{"stays"}) {
		t.Errorf("stayed %v", got)
	}
	if _, err := compositionChange(ms, ls, "2025-01-01", "2024-01-01"); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("reversed dates: %v", err)
	}
}
