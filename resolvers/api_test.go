package resolvers

import (
	"slices"
	"strings"
	"testing"
)

// End-to-end checks through the HTTP handler on the embedded store loaded
// with the sample corpus. They depend on what the loader extracts; a failure
// here may be the loader's.

const (
	lillebaelt     = "cluster:SD-LILLEBAELT"
	soenderjylland = "cluster:SD-SONDERJYLLAND"
)

type named struct{ Name string }

type source struct {
	FileName string
	Lines    struct{ Start, End int }
	Quote    string
	Origin   string
	Document *struct{ ID, FileName string }
}

func TestWhereBoLibergrenSits(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Person struct {
			Name        string
			Memberships []struct {
				Role string
				Body struct {
					Name, Level, Kind string
					Cluster           *struct{ ID, Name string }
				}
				Sources []source
			}
		}
	}
	query(t, h, `{ person(name: "bo libergren") { name memberships {
		role body { name level kind cluster { id name } }
		sources { fileName lines { start end } quote origin document { id fileName } } } } }`, nil, &out)
	if out.Person.Name != "Bo Libergren" {
		t.Fatalf("person(name:) found %q", out.Person.Name)
	}
	political := map[string]source{}
	for _, m := range out.Person.Memberships {
		if m.Body.Level != "POLITICAL" || m.Body.Cluster == nil {
			continue
		}
		if len(m.Sources) == 0 {
			t.Errorf("membership in %s has no source", m.Body.Name)
			continue
		}
		political[m.Body.Cluster.ID] = m.Sources[0]
	}
	want := map[string]string{
		lillebaelt:     "2023-01-16_sundhedsklynge-lillebaelt_politisk.txt",
		soenderjylland: "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt",
	}
	for cluster, file := range want {
		s, ok := political[cluster]
		if !ok {
			t.Errorf("no political-level seat in %s; seats: %+v", cluster, out.Person.Memberships)
			continue
		}
		if s.FileName != file || s.Lines.Start < 1 || s.Lines.End < s.Lines.Start || !strings.Contains(s.Quote, "Libergren") {
			t.Errorf("seat in %s: source %+v; want %s with lines and a quote naming him", cluster, s, file)
		}
		if s.Origin != "MINUTES" || s.Document == nil || s.Document.FileName != file {
			t.Errorf("seat in %s: origin %s, document %+v", cluster, s.Origin, s.Document)
		}
	}
	if len(political) != 2 {
		t.Errorf("political seats in %d clusters, want 2: %v", len(political), political)
	}
}

// meetingOn finds a cluster's political meeting on a date through the
// meetings filter.
const meetingOn = `query($cluster: ID!, $date: Date!) {
  meetings(filter: {cluster: $cluster, level: POLITICAL, from: $date, to: $date}) {
    totalCount
    nodes {
      id date
      attendance { status participant { name organisation { name } } substituteFor { name } }
      absent: attendance(status: ABSENT) { participant { name } }
      initiatives { name amountDKK agendaItem { number title } sources { fileName } }
    }
  }
}`

type meetingResult struct {
	Meetings struct {
		TotalCount int
		Nodes      []struct {
			ID, Date   string
			Attendance []struct {
				Status      string
				Participant struct {
					Name         string
					Organisation *named
				}
				SubstituteFor *named
			}
			Absent      []struct{ Participant named }
			Initiatives []struct {
				Name       string
				AmountDKK  *int64
				AgendaItem *struct {
					Number int
					Title  string
				}
				Sources []source
			}
		}
	}
}

func TestWhoWasAbsentAtSoenderjylland(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out meetingResult
	query(t, h, meetingOn, map[string]any{"cluster": soenderjylland, "date": "2024-06-19"}, &out)
	if out.Meetings.TotalCount != 1 || len(out.Meetings.Nodes) != 1 {
		t.Fatalf("want one political meeting on 2024-06-19, got %+v", out.Meetings)
	}
	m := out.Meetings.Nodes[0]
	var absent []string
	for _, a := range m.Attendance {
		if a.Status == "ABSENT" {
			org := ""
			if a.Participant.Organisation != nil {
				org = a.Participant.Organisation.Name
			}
			absent = append(absent, a.Participant.Name+" ("+org+")")
		}
	}
	if !slices.Equal(absent, []string{"Jan Riber Jakobsen (Aabenraa Kommune)"}) {
		t.Errorf("absent: %v; want Jan Riber Jakobsen (Aabenraa Kommune)", absent)
	}
	if len(m.Absent) != 1 || m.Absent[0].Participant.Name != "Jan Riber Jakobsen" {
		t.Errorf("attendance(status: ABSENT) = %+v", m.Absent)
	}
}

func TestWhoStoodInForHanneAndersen(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out meetingResult
	query(t, h, meetingOn, map[string]any{"cluster": lillebaelt, "date": "2023-01-16"}, &out)
	if len(out.Meetings.Nodes) != 1 {
		t.Fatalf("want one political meeting on 2023-01-16, got %+v", out.Meetings)
	}
	var subs []string
	for _, a := range out.Meetings.Nodes[0].Attendance {
		if a.SubstituteFor != nil && a.SubstituteFor.Name == "Hanne Andersen" {
			subs = append(subs, a.Participant.Name+" "+a.Status)
		}
	}
	if !slices.Equal(subs, []string{"Christian Sauvr SUBSTITUTE"}) {
		t.Errorf("stood in for Hanne Andersen: %v; want Christian Sauvr", subs)
	}

	// The same from her side.
	var p struct {
		Person struct {
			SubstitutedBy []struct {
				Participant named
				Meeting     struct {
					Date    string
					Cluster named
				}
			}
		}
	}
	query(t, h, `{ person(name: "Hanne Andersen") { substitutedBy { participant { name } meeting { date cluster { name } } } } }`, nil, &p)
	if len(p.Person.SubstitutedBy) != 1 || p.Person.SubstitutedBy[0].Participant.Name != "Christian Sauvr" ||
		p.Person.SubstitutedBy[0].Meeting.Date != "2023-01-16" || p.Person.SubstitutedBy[0].Meeting.Cluster.Name != "Sundhedsklynge Lillebælt" {
		t.Errorf("Hanne Andersen substitutedBy = %+v", p.Person.SubstitutedBy)
	}
}

func TestWhatSoenderjyllandFunded(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out meetingResult
	query(t, h, meetingOn, map[string]any{"cluster": soenderjylland, "date": "2024-06-19"}, &out)
	if len(out.Meetings.Nodes) != 1 {
		t.Fatalf("want one meeting, got %+v", out.Meetings)
	}
	funded := map[int64]string{}
	for _, i := range out.Meetings.Nodes[0].Initiatives {
		if i.AmountDKK != nil {
			funded[*i.AmountDKK] = i.Name
			if len(i.Sources) == 0 || i.AgendaItem == nil {
				t.Errorf("initiative %q has no source or agenda item", i.Name)
			}
		}
	}
	if n := funded[300_000]; !strings.Contains(strings.ToLower(n), "lægedækning") {
		t.Errorf("300,000 DKK went to %q; want the GP coverage (lægedækning) initiative (funded: %v)", n, funded)
	}
	if n := funded[1_350_000]; n != "Ulighed i Sundhed" {
		t.Errorf("1,350,000 DKK went to %q; want Ulighed i Sundhed (funded: %v)", n, funded)
	}

	// The initiatives list filters by cluster and amount too.
	var list struct {
		Initiatives struct {
			Nodes []struct {
				Name      string
				AmountDKK int64
				Cluster   named
			}
		}
	}
	query(t, h, `{ initiatives(filter: {cluster: "cluster:SD-SONDERJYLLAND", amountMin: 300000, amountMax: 2000000}) {
		nodes { name amountDKK cluster { name } } } }`, nil, &list)
	var amounts []int64
	for _, n := range list.Initiatives.Nodes {
		amounts = append(amounts, n.AmountDKK)
	}
	for _, n := range list.Initiatives.Nodes {
		if n.AmountDKK < 300_000 || n.AmountDKK > 2_000_000 || n.Cluster.Name != "Sundhedsklynge Sønderjylland" {
			t.Errorf("initiative outside the filter: %+v", n)
		}
	}
	if !slices.Contains(amounts, 300_000) || !slices.Contains(amounts, 1_350_000) {
		t.Errorf("initiatives of Sønderjylland between 300,000 and 2,000,000 DKK: %v", list.Initiatives.Nodes)
	}
}

func TestSearchLaegedaekning(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	for _, text := range []string{"lægedækning", "LAEGEDAEKNING"} {
		var out struct {
			Search []struct {
				Kind    string
				Score   float64
				Snippet string
				Node    struct {
					Meeting struct{ Cluster named }
				}
			}
		}
		query(t, h, `query($text: String!) { search(text: $text, types: [AGENDA_ITEM]) {
			kind score snippet node { ... on AgendaItem { meeting { cluster { name } } } } } }`, map[string]any{"text": text}, &out)
		clusters := map[string]bool{}
		for i, hit := range out.Search {
			if hit.Kind != "AGENDA_ITEM" {
				t.Errorf("%q: hit of kind %s with types: [AGENDA_ITEM]", text, hit.Kind)
			}
			if i > 0 && hit.Score > out.Search[i-1].Score {
				t.Errorf("%q: hits not ranked: %v", text, out.Search)
			}
			clusters[hit.Node.Meeting.Cluster.Name] = true
		}
		for _, c := range []string{"Sundhedsklynge Sønderjylland", "Sundhedsklynge Sydvestjylland"} {
			if !clusters[c] {
				t.Errorf("search %q: no item of %s among %v", text, c, clusters)
			}
		}
	}
}

func TestPagingPeopleVisitsEveryoneOnce(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	seen := map[string]int{}
	var after any
	total, pages := -1, 0
	for {
		var out struct {
			People struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		query(t, h, `query($after: String) { people(first: 7, after: $after) {
			totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &out)
		pages++
		p := out.People
		total = p.TotalCount
		if len(p.Edges) > 7 {
			t.Fatalf("page of %d", len(p.Edges))
		}
		for _, e := range p.Edges {
			seen[e.Node.ID]++
		}
		if len(p.Edges) > 0 && (p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor) {
			t.Errorf("endCursor %v is not the last edge's cursor %s", p.PageInfo.EndCursor, p.Edges[len(p.Edges)-1].Cursor)
		}
		if !p.PageInfo.HasNextPage {
			break
		}
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		after = *p.PageInfo.EndCursor
	}
	var stats struct {
		Stats struct {
			Facts []struct {
				Kind  string
				Count int
			}
		}
	}
	query(t, h, `{ stats { facts { kind count } } }`, nil, &stats)
	people := 0
	for _, f := range stats.Stats.Facts {
		if f.Kind == "PERSON" {
			people = f.Count
		}
	}
	if people == 0 || total != people || len(seen) != people {
		t.Errorf("visited %d people in %d pages, totalCount %d, stats %d", len(seen), pages, total, people)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s visited %d times", id, n)
		}
	}
}

func TestReferenceSkeleton(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Municipalities struct {
			TotalCount int
			Nodes      []struct {
				Code   string
				Region *named
			}
		}
		Clusters struct {
			Nodes []struct {
				Name           string
				Municipalities []named
			}
		}
		Regions struct {
			Nodes []struct {
				Code           string
				Municipalities []named
			}
		}
	}
	query(t, h, `{
	  municipalities(first: 500) { totalCount nodes { code region { name } } }
	  clusters { nodes { name municipalities { name } } }
	  regions { nodes { code municipalities { name } } }
	}`, nil, &out)
	if out.Municipalities.TotalCount != 98 || len(out.Municipalities.Nodes) != 98 {
		t.Errorf("%d municipalities (totalCount %d), want 98", len(out.Municipalities.Nodes), out.Municipalities.TotalCount)
	}
	for _, m := range out.Municipalities.Nodes {
		if m.Region == nil {
			t.Errorf("municipality %s has no region", m.Code)
		}
	}
	if len(out.Clusters.Nodes) != 22 {
		t.Errorf("%d clusters, want 22", len(out.Clusters.Nodes))
	}
	for _, c := range out.Clusters.Nodes {
		if len(c.Municipalities) == 0 {
			t.Errorf("cluster %s has no municipalities", c.Name)
		}
	}
	perRegion := map[string]int{}
	for _, r := range out.Regions.Nodes {
		perRegion[r.Code] = len(r.Municipalities)
	}
	want := map[string]int{"1081": 11, "1082": 19, "1083": 22, "1084": 29, "1085": 17}
	for code, n := range want {
		if perRegion[code] != n {
			t.Errorf("region %s has %d municipalities, want %d", code, perRegion[code], n)
		}
	}
}

func TestMunicipalityClustersFromReferenceAndMinutes(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Municipalities struct {
			Nodes []struct {
				Name     string
				Clusters []struct {
					Cluster                struct{ ID string }
					InReference, InMinutes bool
					Sources                []source
				}
				Conflicts []struct {
					Reason  string
					Sources []source
				}
			}
		}
	}
	query(t, h, `{ municipalities(filter: {nameContains: "vejen"}) { nodes { name
		clusters { cluster { id } inReference inMinutes sources { fileName origin } }
		conflicts { reason sources { fileName } } } } }`, nil, &out)
	if len(out.Municipalities.Nodes) != 1 {
		t.Fatalf("nameContains vejen: %+v", out.Municipalities.Nodes)
	}
	v := out.Municipalities.Nodes[0]
	got := map[string]bool{}
	for _, c := range v.Clusters {
		got[c.Cluster.ID] = c.InMinutes
		for _, s := range c.Sources {
			if s.Origin != "MINUTES" {
				t.Errorf("cluster %s: a source of origin %s among the minutes sources", c.Cluster.ID, s.Origin)
			}
		}
		if c.InMinutes != (len(c.Sources) > 0) {
			t.Errorf("cluster %s: inMinutes %v with %d sources", c.Cluster.ID, c.InMinutes, len(c.Sources))
		}
	}
	if !got[lillebaelt] || !got["cluster:SD-SYDVESTJYLLAND"] {
		t.Errorf("Vejen's clusters seen in the minutes: %v; want Lillebælt and Sydvestjylland", got)
	}
	if len(v.Conflicts) == 0 || v.Conflicts[0].Reason == "" {
		t.Errorf("Vejen's conflicts: %+v", v.Conflicts)
	}
}

func TestMembersCompositionAndAttendanceRate(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Cluster struct {
			Bodies []struct {
				ID      string
				Members []struct{ Person named }
				Before  []struct{ ID string }
				Change  struct {
					Joined, Left, Stayed []struct{ Person named }
				}
				AttendanceRate struct {
					Meetings, Present, Substitute, Absent, SentApologies, Attended, Missed int
					Rate                                                                   *float64
				}
			}
		}
		Person struct {
			AttendanceRate struct {
				Meetings, Attended, Missed int
				Rate                       *float64
			}
			Attendance struct {
				TotalCount int
				Nodes      []struct{ Meeting struct{ Date string } }
			}
		}
	}
	query(t, h, `{
	  cluster(id: "cluster:SD-SONDERJYLLAND") { bodies(level: POLITICAL) { id
	    members { person { name } }
	    before: members(asOf: "2024-06-18") { id }
	    change: compositionChange(from: "2024-01-01", to: "2024-12-31") { joined { person { name } } left { person { name } } stayed { person { name } } }
	    attendanceRate { meetings present substitute absent sentApologies attended missed rate }
	  } }
	  person(name: "Bo Libergren") { attendanceRate { meetings attended missed rate }
	    attendance(first: 10) { totalCount nodes { meeting { date } } } }
	}`, nil, &out)
	if len(out.Cluster.Bodies) != 1 {
		t.Fatalf("political bodies of Sønderjylland: %+v", out.Cluster.Bodies)
	}
	b := out.Cluster.Bodies[0]
	if len(b.Members) == 0 {
		t.Fatal("the political level has no members")
	}
	// Seats without stated dates start at the meeting that shows them.
	if len(b.Before) != 0 {
		t.Errorf("%d seats held the day before the only meeting", len(b.Before))
	}
	if len(b.Change.Joined) != len(b.Members) || len(b.Change.Left) != 0 || len(b.Change.Stayed) != 0 {
		t.Errorf("composition change over 2024: %d joined, %d left, %d stayed; %d members",
			len(b.Change.Joined), len(b.Change.Left), len(b.Change.Stayed), len(b.Members))
	}
	r := b.AttendanceRate
	if r.Meetings != 1 || r.Attended != r.Present+r.Substitute || r.Missed != r.Absent+r.SentApologies || r.Absent < 1 ||
		r.Rate == nil || *r.Rate != float64(r.Attended)/float64(r.Attended+r.Missed) {
		t.Errorf("attendance rate of the body: %+v", r)
	}
	p := out.Person
	if p.AttendanceRate.Meetings != 2 || p.AttendanceRate.Attended != 2 || p.AttendanceRate.Rate == nil || *p.AttendanceRate.Rate != 1 {
		t.Errorf("Bo Libergren's attendance rate: %+v", p.AttendanceRate)
	}
	if p.Attendance.TotalCount != 2 || len(p.Attendance.Nodes) != 2 || p.Attendance.Nodes[0].Meeting.Date > p.Attendance.Nodes[1].Meeting.Date {
		t.Errorf("Bo Libergren's attendance, oldest first: %+v", p.Attendance)
	}
}

func TestNodeAndNodes(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Person *struct {
			Typename string `json:"__typename"`
			ID       string
		}
		Meeting *struct {
			Typename string `json:"__typename"`
			Date     string
		}
		Missing *struct{ ID string }
		Wrong   *struct{ ID string }
		Nodes   []*struct {
			Typename string `json:"__typename"`
			ID       string
		}
	}
	query(t, h, `{
	  person: node(id: "person:bo-libergren") { __typename id }
	  meeting: node(id: "meeting:cluster:SD-SONDERJYLLAND:political:2024-06-19") { __typename ... on Meeting { date } }
	  missing: node(id: "person:nobody") { id }
	  wrong: person(id: "cluster:SD-LILLEBAELT") { id }
	  nodes(ids: ["region:1083", "person:nobody", "cluster:SD-LILLEBAELT"]) { __typename id }
	}`, nil, &out)
	if out.Person == nil || out.Person.Typename != "Person" || out.Person.ID != "person:bo-libergren" {
		t.Errorf("node(person) = %+v", out.Person)
	}
	if out.Meeting == nil || out.Meeting.Typename != "Meeting" || out.Meeting.Date != "2024-06-19" {
		t.Errorf("node(meeting) = %+v", out.Meeting)
	}
	if out.Missing != nil || out.Wrong != nil {
		t.Errorf("unknown or mistyped ids should be null: %+v %+v", out.Missing, out.Wrong)
	}
	if len(out.Nodes) != 3 || out.Nodes[0] == nil || out.Nodes[0].Typename != "Region" || out.Nodes[1] != nil ||
		out.Nodes[2] == nil || out.Nodes[2].Typename != "Cluster" {
		t.Errorf("nodes = %+v", out.Nodes)
	}
}
