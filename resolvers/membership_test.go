package resolvers

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// lists builds participant lists: date → people listed.
func lists(byDate map[string][]string) []graph.ParticipantList {
	var ms []*graph.Meeting
	var as []*graph.Attendance
	for date, people := range byDate {
		id := "meeting:b:" + date
		ms = append(ms, &graph.Meeting{ID: id, BodyID: "body:b", Date: date})
		for _, p := range people {
			as = append(as, &graph.Attendance{ID: id + ":" + p, MeetingID: id, PersonID: p, Status: graph.StatusPresent})
		}
	}
	return graph.ParticipantLists(ms, as)["body:b"]
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
	got := graph.ParticipantLists(ms, as)
	a := got["body:a"]
	if len(a) != 2 || a[0].Date != "2023-01-16" || a[1].Date != "2024-06-19" {
		t.Fatalf("body:a lists %+v; want the two dated meetings with lists, oldest first", a)
	}
	// Absent people are listed; so is the person a substitute stood in for.
	for _, p := range []string{"person:y", "person:z", "person:x"} {
		if !a[1].People[p] {
			t.Errorf("%s should be on the 2024-06-19 list: %v", p, a[1].People)
		}
	}
	if b := got["body:b"]; len(b) != 1 || !b[0].People["person:o"] {
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
		if got := graph.HeldOn(&c.m, ls, c.day); got != c.want {
			t.Errorf("%s: graph.HeldOn(%+v, %s) = %v, want %v", c.name, c.m, c.day, got, c.want)
		}
	}
	// Without lists, only the stated and observed dates count.
	m := &graph.Membership{PersonID: "person:anna", FirstSeen: "2023-01-16"}
	if !graph.HeldOn(m, nil, "2030-01-01") || graph.HeldOn(m, nil, "2022-01-01") {
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

// A later meeting whose participant list leaves someone out ends that
// person's seat: compositionChange reports it as left, and members(asOf:)
// and memberships(asOf:) drop it after that meeting. End to end on a store
// with the sample corpus and one more (hand-made) set of minutes.
func TestSeatEndsWhenALaterListLeavesThePersonOut(t *testing.T) {
	ctx := context.Background()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.New(s, loader.Options{}).LoadSample(ctx); err != nil {
		t.Fatal(err)
	}
	h := newTestHandler(t, s, Config{})
	const body = "body:cluster:SD-SONDERJYLLAND:political"
	type seat struct {
		ID      string
		EndDate *string
		Person  struct{ ID, Name string }
	}
	var before struct {
		Body struct {
			Members  []seat
			Meetings struct {
				Nodes []struct {
					Date       string
					Attendance []struct {
						Status      string
						Participant struct{ ID string }
					}
				}
			}
			CompositionChange struct{ Left, Stayed []seat }
		}
	}
	const q = `query($body: ID!, $from: Date!, $to: Date!) { body(id: $body) {
	  members { id endDate person { id name } }
	  meetings { nodes { date attendance { status participant { id } } } }
	  compositionChange(from: $from, to: $to) { left { id person { id name } } stayed { id person { id name } } }
	} }`
	vars := map[string]any{"body": body, "from": "2024-07-01", "to": "2025-02-01"}
	query(t, h, q, vars, &before)
	// The sample holds the meeting of 2024-06-19 and a planned one without
	// a participant list.
	held := slices.IndexFunc(before.Body.Meetings.Nodes, func(m struct {
		Date       string
		Attendance []struct {
			Status      string
			Participant struct{ ID string }
		}
	}) bool {
		return m.Date == "2024-06-19"
	})
	if held < 0 {
		t.Fatalf("no Sønderjylland political meeting on 2024-06-19: %+v", before.Body.Meetings.Nodes)
	}
	if len(before.Body.CompositionChange.Left) != 0 || len(before.Body.CompositionChange.Stayed) == 0 {
		t.Fatalf("before a later meeting nobody leaves: %+v", before.Body.CompositionChange)
	}
	present, listed := map[string]bool{}, map[string]bool{}
	for _, a := range before.Body.Meetings.Nodes[held].Attendance {
		present[a.Participant.ID] = a.Status == "PRESENT"
		listed[a.Participant.ID] = true
	}
	// The leaver: the first member present in 2024 whose seat states no
	// end; everyone else listed in 2024 (present or not) is listed again.
	var leaver seat
	var stay []string
	for _, m := range before.Body.Members {
		switch {
		case leaver.ID == "" && present[m.Person.ID] && m.EndDate == nil:
			leaver = m
		case listed[m.Person.ID]:
			stay = append(stay, m.Person.ID)
		}
	}
	if leaver.ID == "" || len(stay) == 0 {
		t.Fatalf("no member to leave among %+v", before.Body.Members)
	}

	// Minutes of 2025-01-15 that list everyone else.
	doc := graph.Document{ID: "document:test-2025-01-15", FileName: "2025-01-15_test.txt", SHA256: "test", Kind: graph.DocMinutes,
		Origin: graph.OriginMinutes, Date: "2025-01-15", Title: "test", Lines: 10, LoadedAt: time.Now()}
	src := []graph.Source{{DocumentID: doc.ID, FileName: doc.FileName, LineStart: 1, LineEnd: 1, Quote: "Deltagere", Origin: graph.OriginMinutes}}
	facts := &graph.DocumentFacts{Document: doc, Meetings: []graph.Meeting{{ID: "meeting:test:2025-01-15", BodyID: body,
		ClusterID: soenderjylland, Level: graph.LevelPolitical, Date: "2025-01-15", Sources: src}}}
	for _, p := range stay {
		facts.Attendance = append(facts.Attendance, graph.Attendance{ID: "attendance:test:" + p, PersonID: p,
			MeetingID: "meeting:test:2025-01-15", Status: graph.StatusPresent, Sources: src})
	}
	if _, err := s.ReplaceDocument(ctx, facts); err != nil {
		t.Fatal(err)
	}

	var after struct {
		Body struct {
			CompositionChange struct{ Left, Stayed, Joined []seat }
			Before            []seat
			After             []seat
		}
		Person struct {
			Before, After []struct{ Body struct{ ID string } }
		}
	}
	query(t, h, `query($body: ID!, $person: ID!) {
	  body(id: $body) {
	    compositionChange(from: "2024-07-01", to: "2025-02-01") { left { id } stayed { id } joined { id } }
	    before: members(asOf: "2025-01-14") { id }
	    after: members(asOf: "2025-01-15") { id }
	  }
	  person(id: $person) {
	    before: memberships(asOf: "2024-12-31") { body { id } }
	    after: memberships(asOf: "2025-02-01") { body { id } }
	  }
	}`, map[string]any{"body": body, "person": leaver.Person.ID}, &after)
	b := after.Body
	if len(b.CompositionChange.Left) != 1 || b.CompositionChange.Left[0].ID != leaver.ID {
		t.Errorf("left = %+v, want only %s (%s)", b.CompositionChange.Left, leaver.Person.Name, leaver.ID)
	}
	if len(b.CompositionChange.Stayed) == 0 || len(b.CompositionChange.Joined) != 0 {
		t.Errorf("stayed %d, joined %+v", len(b.CompositionChange.Stayed), b.CompositionChange.Joined)
	}
	has := func(ss []seat, id string) bool {
		return slices.ContainsFunc(ss, func(s seat) bool { return s.ID == id })
	}
	if !has(b.Before, leaver.ID) || has(b.After, leaver.ID) || len(b.After) == 0 {
		t.Errorf("members the day before (%d, with %s: %v) and on the day of the meeting (%d, with: %v)",
			len(b.Before), leaver.Person.Name, has(b.Before, leaver.ID), len(b.After), has(b.After, leaver.ID))
	}
	in := func(ms []struct{ Body struct{ ID string } }) bool {
		return slices.ContainsFunc(ms, func(m struct{ Body struct{ ID string } }) bool { return m.Body.ID == body })
	}
	if !in(after.Person.Before) || in(after.Person.After) {
		t.Errorf("%s's seat in %s: held 2024-12-31 %v, held 2025-02-01 %v", leaver.Person.Name, body, in(after.Person.Before), in(after.Person.After))
	}
}

// orderBy on nested lists: seats by person name, initiatives by amount.
func TestNestedOrderBy(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Body struct {
			Asc  []struct{ Person struct{ Name string } }
			Desc []struct{ Person struct{ Name string } }
			Role []struct{ Role string }
		}
		Cluster struct {
			Municipalities []struct{ Code string }
			Bodies         []struct{ Name string }
		}
		Meetings struct {
			Nodes []struct {
				Initiatives []struct{ AmountDKK *int64 }
				Attendance  []struct{ Status string }
			}
		}
	}
	query(t, h, `{
	  body(id: "body:cluster:SD-LILLEBAELT:political") {
	    asc: members(orderBy: {field: PERSON_NAME}) { person { name } }
	    desc: members(orderBy: {field: PERSON_NAME, direction: DESC}) { person { name } }
	    role: members(orderBy: {field: ROLE}) { role }
	  }
	  cluster(id: "cluster:SD-LILLEBAELT") {
	    municipalities(orderBy: {field: CODE, direction: DESC}) { code }
	    bodies(orderBy: {field: NAME, direction: DESC}) { name }
	  }
	  meetings(filter: {cluster: "cluster:SD-SONDERJYLLAND", from: "2024-06-19", to: "2024-06-19"}) { nodes {
	    initiatives(orderBy: {field: AMOUNT, direction: DESC}) { amountDKK }
	    attendance(orderBy: {field: STATUS}) { status }
	  } }
	}`, nil, &out)
	names := func(xs []struct{ Person struct{ Name string } }) []string {
		var s []string
		for _, x := range xs {
			s = append(s, graph.Fold(x.Person.Name))
		}
		return s
	}
	asc, desc := names(out.Body.Asc), names(out.Body.Desc)
	if len(asc) < 3 || !slices.IsSorted(asc) {
		t.Errorf("members by name: %v", asc)
	}
	slices.Reverse(desc)
	if !slices.IsSorted(desc) {
		t.Errorf("members by name, descending: %v", names(out.Body.Desc))
	}
	if r := out.Body.Role; len(r) < 2 || r[0].Role != "CO_CHAIR" || r[len(r)-1].Role != "ADMINISTRATIVE" {
		t.Errorf("members by role should run from the co-chairs to the administration: %+v", r)
	}
	var codes []string
	for _, m := range out.Cluster.Municipalities {
		codes = append(codes, m.Code)
	}
	if len(codes) < 2 || !slices.IsSortedFunc(codes, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("municipalities by code, descending: %v", codes)
	}
	if len(out.Meetings.Nodes) != 1 {
		t.Fatalf("meetings: %+v", out.Meetings)
	}
	var amounts []int64
	for _, in := range out.Meetings.Nodes[0].Initiatives {
		if in.AmountDKK != nil {
			amounts = append(amounts, *in.AmountDKK)
		}
	}
	if len(amounts) < 2 || !slices.IsSortedFunc(amounts, func(a, b int64) int { return int(b - a) }) ||
		!slices.Contains(amounts, 1_350_000) || !slices.Contains(amounts, 300_000) {
		t.Errorf("initiatives by amount, descending: %v", amounts)
	}
	st := out.Meetings.Nodes[0].Attendance
	if len(st) == 0 || st[0].Status != "PRESENT" || st[len(st)-1].Status == "PRESENT" {
		t.Errorf("attendance by status should start with PRESENT and end with someone missing: %+v", st)
	}
}
