package loader

import (
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func newTestResolver(entities ...*entity) *resolver {
	rs := &resolver{ref: reference(), docID: "document:test.txt", taken: map[string]bool{}}
	for _, e := range entities {
		rs.entities = append(rs.entities, e)
		rs.taken[e.ID] = true
	}
	return rs
}

func linksOf(ls []graph.Link, typ string) []graph.Link {
	var out []graph.Link
	for _, l := range ls {
		if l.Type == typ {
			out = append(out, l)
		}
	}
	return out
}

func hasLink(ls []graph.Link, typ, a, b string) *graph.Link {
	for i, l := range ls {
		if l.Type == typ && ((l.FromID == a && l.ToID == b) || (l.FromID == b && l.ToID == a)) {
			return &ls[i]
		}
	}
	return nil
}

func TestResolveWithinDocument(t *testing.T) {
	rs := newTestResolver()
	ms := []mention{
		{Name: "Stephanie Lose", Party: "V", OrgID: "org:region:1083"},
		{Name: "Kaj Johansen", OrgID: "org:municipality:410"},
		{Name: "Kaj Andersen", OrgID: "org:aeldresagen", OrgKind: graph.OrgPatientOrg},
		{Name: "Stephenie Lose"},
		{Name: "Kaj"},
		{Name: "Peter Larsen", Party: "F", OrgID: "org:municipality:851", OrgName: "Aalborg Kommune"},
		{Name: "Peter Larsen", Party: "I", OrgID: "org:municipality:787", OrgName: "Thisted Kommune"},
		{Name: "Kim Agerholm Brogaard", OrgID: "org:plo"},
		{Name: "Kim Brogaard", Titles: []string{"Praktiserende læge"}},
	}
	res, links := rs.resolve(ms)
	id := func(i int) string { return res[i].PersonID }
	if id(0) != id(3) || id(0) != "person:stephanie-lose" {
		t.Errorf("Stephanie/Stephenie Lose: %s, %s", id(0), id(3))
	}
	if l := hasLink(links, graph.LinkMerged, id(0), "Stephenie Lose"); l == nil || !strings.Contains(l.Props["reason"], "same document") {
		t.Errorf("no merge record for Stephenie Lose: %+v", links)
	}
	if id(7) != id(8) {
		t.Errorf("Kim Brogaard not merged: %s, %s", id(7), id(8))
	}
	if res[8].Name != "Kim Agerholm Brogaard" {
		t.Errorf("canonical name %q", res[8].Name)
	}
	// Two Kaj are two people; a lone "Kaj" is neither, with doubts recorded.
	if id(1) == id(2) || id(4) == id(1) || id(4) == id(2) {
		t.Errorf("Kaj merged: %s %s %s", id(1), id(2), id(4))
	}
	for _, other := range []string{id(1), id(2)} {
		if l := hasLink(links, graph.LinkPossibleSameAs, id(4), other); l == nil || l.Props["confidence"] == "" {
			t.Errorf("no possible-same-as between %s and %s", id(4), other)
		}
	}
	// Two Peter Larsen of different municipalities and parties.
	if id(5) == id(6) {
		t.Fatalf("Peter Larsen merged")
	}
	if id(5) != "person:peter-larsen-aalborg" || id(6) != "person:peter-larsen-thisted" {
		t.Errorf("Peter Larsen IDs %s, %s", id(5), id(6))
	}
	if hasLink(links, graph.LinkPossibleSameAs, id(5), id(6)) == nil {
		t.Error("no possible-same-as between the two Peter Larsen")
	}
}

func TestResolveAgainstStore(t *testing.T) {
	trine := &entity{ID: "person:trine-malling-lungskov", Names: []string{"Trine Malling Lungskov"}, Titles: []string{"Afdelingschef for Praksis"}}
	bo := &entity{ID: "person:bo-libergren", Names: []string{"Bo Libergren"}, Party: "V", OrgID: "org:region:1083", Regions: []string{"1083"}, Category: "politician"}
	mcA := &entity{ID: "person:michael-christensen-aarhus", Names: []string{"Michael Christensen"}, Party: "I", OrgID: "org:municipality:751", Regions: []string{"1082"}, Category: "politician"}
	mcB := &entity{ID: "person:michael-christensen-aabenraa", Names: []string{"Michael Christensen"}, Party: "F", OrgID: "org:municipality:580", Regions: []string{"1083"}, Category: "politician"}
	kajPol := &entity{ID: "person:kaj-andersen", Names: []string{"Kaj Andersen"}, Party: "V", OrgID: "org:municipality:607", Regions: []string{"1083"}, Category: "politician"}
	lone := &entity{ID: "person:hans-hansen", Names: []string{"Hans Hansen"}, Regions: []string{"1081"}}

	tests := []struct {
		name      string
		m         mention
		wantID    string // "" = a new person
		possibles []string
	}{
		{"same title merges initials", mention{Name: "Trine M. Lungskov", Titles: []string{"afdelingschef for Praksis"}}, trine.ID, nil},
		{"initials alone do not merge", mention{Name: "Trine M. Lungskov"}, "", []string{trine.ID}},
		{"same name and party", mention{Name: "Bo Libergren", Party: "V", Region: "1083"}, bo.ID, nil},
		{"same name, same region, nothing against", mention{Name: "Bo Libergren", Region: "1083"}, bo.ID, nil},
		{"other party blocks", mention{Name: "Bo Libergren", Party: "A", Region: "1083"}, "", []string{bo.ID}},
		{"GP is not either politician", mention{Name: "Michael Christensen", OrgID: "org:plo", OrgKind: graph.OrgGPAssociation, Region: "1083"}, "", []string{mcA.ID, mcB.ID}},
		{"patient representative is not the politician", mention{Name: "Kaj Andersen", OrgID: "org:aeldresagen", OrgKind: graph.OrgPatientOrg, Roles: []string{roleNotePatient}, Region: "1083"}, "", []string{kajPol.ID}},
		{"bare common name without evidence", mention{Name: "Hans Hansen", Region: "1083"}, "", []string{lone.ID}},
		{"spelling variant without evidence stays apart", mention{Name: "Bo Libergreen"}, "", nil},
		{"spelling variant with same organisation merges", mention{Name: "Bo Libergreen", OrgID: "org:region:1083"}, bo.ID, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := newTestResolver(trine, bo, mcA, mcB, kajPol, lone)
			res, links := rs.resolve([]mention{tt.m})
			got := res[0].PersonID
			if tt.wantID != "" {
				if got != tt.wantID {
					t.Fatalf("resolved to %s, want %s", got, tt.wantID)
				}
				l := hasLink(links, graph.LinkMerged, got, tt.m.Name)
				if l == nil || l.Props["reason"] == "" || !strings.Contains(res[0].Note, "merged with") {
					t.Errorf("merge not recorded: %+v, note %q", links, res[0].Note)
				}
			} else if rs.taken[got] {
				t.Fatalf("merged into %s, want a new person", got)
			}
			var ps []string
			for _, l := range linksOf(links, graph.LinkPossibleSameAs) {
				if l.Props["confidence"] == "" || l.Props["reason"] == "" {
					t.Errorf("possible-same-as without confidence or reason: %+v", l)
				}
				if l.FromID == got {
					ps = append(ps, l.ToID)
				} else {
					ps = append(ps, l.FromID)
				}
			}
			if strings.Join(ps, ",") != strings.Join(tt.possibles, ",") {
				// order-independent comparison
				if len(ps) != len(tt.possibles) {
					t.Errorf("possible-same-as %v, want %v", ps, tt.possibles)
				}
				for _, p := range tt.possibles {
					if hasLink(links, graph.LinkPossibleSameAs, got, p) == nil {
						t.Errorf("no possible-same-as with %s (have %v)", p, ps)
					}
				}
			}
		})
	}
}

func TestResolveAmbiguousAndDeterministic(t *testing.T) {
	a := &entity{ID: "person:jens-hansen-a", Names: []string{"Jens Hansen"}, Regions: []string{"1083"}}
	b := &entity{ID: "person:jens-hansen-b", Names: []string{"Jens Hansen"}, Regions: []string{"1083"}}
	m := []mention{{Name: "Jens Hansen", Region: "1083"}}
	res1, links1 := newTestResolver(a, b).resolve(m)
	res2, links2 := newTestResolver(a, b).resolve(m)
	if res1[0].PersonID == a.ID || res1[0].PersonID == b.ID {
		t.Fatalf("ambiguous mention merged into %s", res1[0].PersonID)
	}
	if hasLink(links1, graph.LinkPossibleSameAs, res1[0].PersonID, a.ID) == nil || hasLink(links1, graph.LinkPossibleSameAs, res1[0].PersonID, b.ID) == nil {
		t.Errorf("ambiguity not recorded: %+v", links1)
	}
	if res1[0].PersonID != res2[0].PersonID || len(links1) != len(links2) {
		t.Errorf("not deterministic: %+v vs %+v", res1, res2)
	}
	if res1[0].PersonID != "person:jens-hansen" {
		t.Errorf("new ID %s", res1[0].PersonID)
	}
}
