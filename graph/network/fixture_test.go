package network

import (
	"context"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The synthetic network used by the unit tests:
//
//	cluster:A (region:1083): body:A:pol {p1 vejen, p2 kolding, p3 plo},
//	                         body:A:sg (sub-body of A:pol, no cluster of its own) {p2 kolding, p3 plo, p4 kolding, ended 2023-12-31}
//	cluster:B (region:1083): body:B:pol {p3 plo, p5 vejen, p6 (of kolding, seat on behalf of nobody)}
//	cluster:C (region:1081): body:C:pol {p7 aalborg, p8 plo}
//	p9 sits in nothing.
//
// Meetings: m1 A:pol 2024-01-10 (p1, p2 present; p3 apologies),
// m2 A:pol 2024-06-01 (p1 present, p3 substitute), m3 B:pol 2025-02-01
// (p3, p5 present; p6 absent).

func src(doc string, o graph.Origin) []graph.Source {
	return []graph.Source{{DocumentID: doc, FileName: doc, Origin: o, LineStart: 1, LineEnd: 1}}
}

func fixture() []*graph.DocumentFacts {
	ref := &graph.DocumentFacts{Document: graph.Document{ID: "document:reference", FileName: "reference", Kind: graph.DocReference, Origin: graph.OriginReference, SHA256: "r1"}}
	rs := src("document:reference", graph.OriginReference)
	ref.Regions = []graph.Region{{ID: "region:1083", Code: "1083", Name: "Region Syddanmark", Sources: rs}, {ID: "region:1081", Code: "1081", Name: "Region Nordjylland", Sources: rs}}
	ref.Clusters = []graph.Cluster{
		{ID: "cluster:A", Code: "A", Name: "Klynge A", RegionID: "region:1083", Sources: rs},
		{ID: "cluster:B", Code: "B", Name: "Klynge B", RegionID: "region:1083", Sources: rs},
		{ID: "cluster:C", Code: "C", Name: "Klynge C", RegionID: "region:1081", Sources: rs},
	}
	mins := &graph.DocumentFacts{Document: graph.Document{ID: "document:mins.txt", FileName: "mins.txt", Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2024-01-10", SHA256: "m1"}}
	ms := src("document:mins.txt", graph.OriginMinutes)
	for _, o := range []struct{ id, name string }{{"org:vejen", "Vejen Kommune"}, {"org:kolding", "Kolding Kommune"}, {"org:plo", "PLO"}, {"org:aalborg", "Aalborg Kommune"}} {
		mins.Organisations = append(mins.Organisations, graph.Organisation{ID: o.id, Name: o.name, Kind: graph.OrgOther, Sources: ms})
	}
	for _, p := range []struct{ id, name string }{{"p1", "Anna Et"}, {"p2", "Bent To"}, {"p3", "Carl Tre"}, {"p4", "Dorte Fire"}, {"p5", "Erik Fem"}, {"p6", "Frida Seks"}, {"p7", "Gustav Syv"}, {"p8", "Hanne Otte"}, {"p9", "Ib Ni"}} {
		mins.People = append(mins.People, graph.Person{ID: "person:" + p.id, Name: p.name, Sources: ms})
	}
	mins.People[5].OrganisationID = "org:kolding" // p6's seat names no organisation; p6's own counts
	mins.Bodies = []graph.Body{
		{ID: "body:A:pol", Name: "Klynge A politisk", Kind: graph.BodyPolitical, ClusterID: "cluster:A", Sources: ms},
		{ID: "body:A:sg", Name: "Styregruppe A", Kind: graph.BodySteeringGroup, ParentID: "body:A:pol", Sources: ms},
		{ID: "body:B:pol", Name: "Klynge B politisk", Kind: graph.BodyPolitical, ClusterID: "cluster:B", Sources: ms},
		{ID: "body:C:pol", Name: "Klynge C politisk", Kind: graph.BodyPolitical, ClusterID: "cluster:C", Sources: ms},
	}
	seat := func(p, b, org, end string) graph.Membership {
		return graph.Membership{ID: "membership:" + p + "@" + b, PersonID: "person:" + p, BodyID: b, Role: graph.RoleMember, OnBehalfOfID: org, EndDate: end, Sources: ms}
	}
	mins.Memberships = []graph.Membership{
		seat("p1", "body:A:pol", "org:vejen", ""), seat("p2", "body:A:pol", "org:kolding", ""), seat("p3", "body:A:pol", "org:plo", ""),
		seat("p2", "body:A:sg", "org:kolding", ""), seat("p3", "body:A:sg", "org:plo", ""), seat("p4", "body:A:sg", "org:kolding", "2023-12-31"),
		seat("p3", "body:B:pol", "org:plo", ""), seat("p5", "body:B:pol", "org:vejen", ""), seat("p6", "body:B:pol", "", ""),
		seat("p7", "body:C:pol", "org:aalborg", ""), seat("p8", "body:C:pol", "org:plo", ""),
	}
	mins.Meetings = []graph.Meeting{
		{ID: "meeting:m1", BodyID: "body:A:pol", ClusterID: "cluster:A", Date: "2024-01-10", Sources: ms},
		{ID: "meeting:m2", BodyID: "body:A:pol", ClusterID: "cluster:A", Date: "2024-06-01", Sources: ms},
		{ID: "meeting:m3", BodyID: "body:B:pol", ClusterID: "cluster:B", Date: "2025-02-01", Sources: ms},
	}
	att := func(m, p, status string) graph.Attendance {
		return graph.Attendance{ID: "attendance:" + m + "@" + p, MeetingID: "meeting:" + m, PersonID: "person:" + p, Status: status, Sources: ms}
	}
	mins.Attendance = []graph.Attendance{
		att("m1", "p1", graph.StatusPresent), att("m1", "p2", graph.StatusPresent), att("m1", "p3", graph.StatusSentApologies),
		att("m2", "p1", graph.StatusPresent), att("m2", "p3", graph.StatusSubstitute),
		att("m3", "p3", graph.StatusPresent), att("m3", "p5", graph.StatusPresent), att("m3", "p6", graph.StatusAbsent),
	}
	return []*graph.DocumentFacts{ref, mins}
}

// fixtureStore returns a store holding the fixture.
func fixtureStore(t testing.TB) graph.Store {
	t.Helper()
	s := openStore(t)
	for _, d := range fixture() {
		if _, err := s.ReplaceDocument(context.Background(), d); err != nil {
			t.Fatalf("ReplaceDocument %s: %v", d.Document.ID, err)
		}
	}
	return s
}
