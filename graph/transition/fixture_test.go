package transition

import (
	"context"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
)

// openStore opens an empty embedded store in a temporary directory.
func openStore(t testing.TB) graph.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatalf("embedded.Open: %v", err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// The synthetic transition:
//
//	cluster:L {410, 530, 575, 607}  → council:F {410}, council:LB {530, 607}, council:SV {575}
//	cluster:S {561, 575} (uncertain) → council:SV {561, 575}
//	cluster:N {840} (other region)   → council:N {840}
//
// 575 (Vejen) is in L and S; its membership of L is also shown by a
// minutes link. Kurt sits in L and S; Lone in S; Bo in a sub-body of L.
// council:SV's own members: Kurt (same ID), "Lone Hansen" (reference ID,
// same name), Xenia (not in any cluster).

func src(doc string, o graph.Origin, uncertain bool) []graph.Source {
	return []graph.Source{{DocumentID: doc, FileName: doc, Origin: o, Uncertain: uncertain, LineStart: 1, LineEnd: 1}}
}

func amount(n int64) *int64 { return &n }

func fixture() []*graph.DocumentFacts {
	ref := &graph.DocumentFacts{Document: graph.Document{ID: "document:reference", FileName: "reference", Kind: graph.DocReference, Origin: graph.OriginReference, SHA256: "r"}}
	rs := src("document:reference", graph.OriginReference, false)
	ref.Regions = []graph.Region{{ID: "region:1083", Code: "1083", Name: "Region Syddanmark", Sources: rs}, {ID: "region:1081", Code: "1081", Name: "Region Nordjylland", Sources: rs}}
	mun := func(code, name, region, council string, clusters ...string) graph.Municipality {
		return graph.Municipality{ID: "municipality:" + code, Code: code, Name: name, RegionID: region, CouncilID: council, ClusterIDs: clusters, Sources: rs}
	}
	ref.Municipalities = []graph.Municipality{
		mun("410", "Middelfart", "region:1083", "council:F", "cluster:L"),
		mun("530", "Billund", "region:1083", "council:LB", "cluster:L"),
		mun("575", "Vejen", "region:1083", "council:SV", "cluster:L", "cluster:S"),
		mun("607", "Fredericia", "region:1083", "council:LB", "cluster:L"),
		mun("561", "Esbjerg", "region:1083", "council:SV", "cluster:S"),
		mun("840", "Rebild", "region:1081", "council:N", "cluster:N"),
	}
	ref.Clusters = []graph.Cluster{
		{ID: "cluster:L", Code: "L", Name: "Klynge L", RegionID: "region:1083", MunicipalityIDs: []string{"municipality:410", "municipality:530", "municipality:575", "municipality:607"}, Sources: rs},
		{ID: "cluster:S", Code: "S", Name: "Klynge S", RegionID: "region:1083", MunicipalityIDs: []string{"municipality:561", "municipality:575"}, Uncertain: true, Sources: src("document:reference", graph.OriginReference, true)},
		{ID: "cluster:N", Code: "N", Name: "Klynge N", RegionID: "region:1081", MunicipalityIDs: []string{"municipality:840"}, Sources: rs},
	}
	council := func(code, name, region string, munis ...string) graph.HealthCouncil {
		return graph.HealthCouncil{ID: "council:" + code, Code: code, Name: name, RegionID: region, MunicipalityIDs: munis, BodyID: "body:council:" + code, Sources: rs}
	}
	ref.HealthCouncils = []graph.HealthCouncil{
		council("F", "Sundhedsråd F", "region:1083", "municipality:410"),
		council("LB", "Sundhedsråd LB", "region:1083", "municipality:530", "municipality:607"),
		council("SV", "Sundhedsråd SV", "region:1083", "municipality:561", "municipality:575"),
		council("N", "Sundhedsråd N", "region:1081", "municipality:840"),
	}
	ref.Bodies = []graph.Body{{ID: "body:council:SV", Name: "Sundhedsråd SV", Kind: graph.BodyHealthCouncil, CouncilID: "council:SV", Sources: rs}}
	ref.People = []graph.Person{
		{ID: "person:kurt", Name: "Kurt Espersen", Sources: rs},
		{ID: "person:lone-hansen-ref", Name: "Lone Hansen", Sources: rs},
		{ID: "person:xenia", Name: "Xenia Ny", Sources: rs},
	}
	ref.Memberships = []graph.Membership{
		{ID: "membership:sv-kurt", PersonID: "person:kurt", BodyID: "body:council:SV", Role: graph.RoleMember, Sources: rs},
		{ID: "membership:sv-lone", PersonID: "person:lone-hansen-ref", BodyID: "body:council:SV", Role: graph.RoleChair, Sources: rs},
		{ID: "membership:sv-xenia", PersonID: "person:xenia", BodyID: "body:council:SV", Role: graph.RoleMember, Sources: src("document:reference", graph.OriginReference, true)},
	}

	doc := &graph.DocumentFacts{Document: graph.Document{ID: "document:min.txt", FileName: "min.txt", Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2024-06-19", SHA256: "m"}}
	ms := src("document:min.txt", graph.OriginMinutes, false)
	doc.Organisations = []graph.Organisation{{ID: "org:esbjerg", Name: "Esbjerg Kommune", Kind: graph.OrgMunicipality, Sources: ms}, {ID: "org:vejen", Name: "Vejen Kommune", Kind: graph.OrgMunicipality, Sources: ms}}
	doc.People = []graph.Person{
		{ID: "person:kurt", Name: "Kurt Espersen", Sources: ms},
		{ID: "person:lone-hansen", Name: "Lone Hansen", Sources: ms},
		{ID: "person:bo", Name: "Bo Bo", Sources: ms},
		{ID: "person:nina", Name: "Nina Nord", Sources: ms},
	}
	doc.Bodies = []graph.Body{
		{ID: "body:L:pol", Name: "Klynge L politisk", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, ClusterID: "cluster:L", Sources: ms},
		{ID: "body:L:sg", Name: "Styregruppe L", Kind: graph.BodySteeringGroup, ParentID: "body:L:pol", Sources: ms},
		{ID: "body:S:fs", Name: "Klynge S fagligt", Kind: graph.BodyProfessionalStrategic, ClusterID: "cluster:S", Sources: ms},
		{ID: "body:N:pol", Name: "Klynge N politisk", Kind: graph.BodyPolitical, ClusterID: "cluster:N", Sources: ms},
	}
	doc.Memberships = []graph.Membership{
		{ID: "membership:kurt-L", PersonID: "person:kurt", BodyID: "body:L:pol", Role: graph.RoleMember, OnBehalfOfID: "org:vejen", Sources: ms},
		{ID: "membership:kurt-S", PersonID: "person:kurt", BodyID: "body:S:fs", Role: graph.RoleMember, OnBehalfOfID: "org:vejen", Sources: ms},
		{ID: "membership:lone-S", PersonID: "person:lone-hansen", BodyID: "body:S:fs", Role: graph.RoleChair, Sources: ms},
		{ID: "membership:bo-Lsg", PersonID: "person:bo", BodyID: "body:L:sg", Role: graph.RoleMember, Sources: ms},
		{ID: "membership:nina-N", PersonID: "person:nina", BodyID: "body:N:pol", Role: graph.RoleMember, Sources: ms},
	}
	doc.Initiatives = []graph.Initiative{
		{ID: "initiative:i1", Name: "GP coverage", ClusterID: "cluster:L", AmountDKK: amount(300000), PeriodEnd: "2026-12-31", OwnerID: "body:L:sg", LeadPersonIDs: []string{"person:bo"}, OrganisationIDs: []string{"org:vejen"}, Sources: ms},
		{ID: "initiative:i2", Name: "Video", ClusterID: "cluster:S", AmountDKK: amount(250000), OwnerID: "body:S:fs", Sources: ms},
		{ID: "initiative:i3", Name: "Esbjerg project", ClusterID: "cluster:S", PeriodEnd: "2027-06-30", OwnerID: "org:esbjerg", LeadPersonIDs: []string{"person:lone-hansen"}, Sources: ms},
		{ID: "initiative:i4", Name: "Finished", ClusterID: "cluster:S", AmountDKK: amount(1000), PeriodEnd: "2025-12-31", OwnerID: "body:S:fs", Sources: ms},
		{ID: "initiative:i5", Name: "Cluster pot", ClusterID: "cluster:L", AmountDKK: amount(100000), OwnerID: "cluster:L", Sources: ms},
		{ID: "initiative:i6", Name: "Nobody's", ClusterID: "cluster:S", Sources: ms},
		{ID: "initiative:i7", Name: "North", ClusterID: "cluster:N", AmountDKK: amount(5), Sources: ms},
		{ID: "initiative:i8", Name: "Regional", BodyID: "body:S:fs", AmountDKK: amount(2000), PeriodEnd: "2028-01-01", OwnerName: "Region Syddanmark", Sources: ms},
	}
	doc.Links = []graph.Link{{ID: "link:vejen-L", Type: graph.LinkClusterMunicipality, FromID: "municipality:575", ToID: "cluster:L", Sources: ms}}
	return []*graph.DocumentFacts{ref, doc}
}

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
