package storetest

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Document IDs of the fixtures.
const (
	RefDocID   = "document:reference-test"
	M1DocID    = "document:bisp-pol-2025-03-10.md"
	M2DocID    = "document:bisp-prof-2025-06-02.md"
	AdminDocID = "document:admin-test"
)

// Fact IDs the suite checks by hand.
const (
	regionH      = "region:1084"
	regionS      = "region:1085"
	muniKbh      = "municipality:101"
	muniFrb      = "municipality:147"
	muniTaarnby  = "municipality:185"
	muniGreve    = "municipality:253"
	clusterBisp  = "cluster:bispebjerg-frederiksberg"
	clusterAmag  = "cluster:amager-hvidovre"
	clusterKoege = "cluster:koege"
	councilByen  = "council:byen"
	orgRegionH   = "org:region-hovedstaden"
	orgKK        = "org:koebenhavns-kommune"
	orgPLO       = "org:plo-hovedstaden"
	bodyBispPol  = "body:bisp-pol"
	bodyBispProf = "body:bisp-prof"
	bodyBispWG   = "body:bisp-wg-laegedaekning"
	bodyAmagPol  = "body:amager-pol"
	bodyCouncil  = "body:council-byen"
	personAnna   = "person:anna-jensen"
	personBo     = "person:bo-hansen"
	personCarl   = "person:carl-oersted"
	personDorte  = "person:dorte-oelgaard"
	meetingM1    = "meeting:bisp-pol-2025-03-10"
	meetingM2    = "meeting:bisp-prof-2025-06-02"
	meetingPlan  = "meeting:bisp-pol-2025-09-15"
	itemM1No1    = "item:bisp-pol-2025-03-10-1"
	itemM1No2    = "item:bisp-pol-2025-03-10-2"
	itemM1No10   = "item:bisp-pol-2025-03-10-10"
	itemM2No1    = "item:bisp-prof-2025-06-02-1"
	initLaege    = "initiative:laegedaekning-taarnby"
	initData     = "initiative:faelles-sundhedsdata"
	initRehab    = "initiative:rehabilitering-amager"
	mshipAnna    = "membership:anna-bisp-pol-chair"
	mshipBo      = "membership:bo-bisp-pol-member"
	mshipDorte   = "membership:dorte-bisp-prof-member"
	attAnnaM1    = "attendance:bisp-pol-2025-03-10-anna"
	attBoM1      = "attendance:bisp-pol-2025-03-10-bo"
	attCarlM1    = "attendance:bisp-pol-2025-03-10-carl"
	attAnnaM2    = "attendance:bisp-prof-2025-06-02-anna"
	attDorteM2   = "attendance:bisp-prof-2025-06-02-dorte"
	linkMentions = "link:bisp-pol-2025-03-10-2-mentions-plo"
	linkClusterM = "link:bisp-pol-2025-03-10-cm-147"
	linkSameAs   = "link:same-carl-dorte"
)

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func i64(n int64) *int64 { return &n }

func src(d graph.Document, from, to int, quote string) []graph.Source {
	return []graph.Source{{
		DocumentID: d.ID, FileName: d.FileName, SHA256: d.SHA256,
		LineStart: from, LineEnd: to, Quote: quote, Origin: d.Origin,
	}}
}

// Fixtures returns fresh copies of the suite's documents, in load order: a
// reference-like skeleton (two regions, four municipalities, three
// clusters, a health council, organisations and the clusters' levels as
// bodies), two minutes documents that share a person, a body and a
// membership, and an administrative correction of that person's name.
func Fixtures() []*graph.DocumentFacts {
	return []*graph.DocumentFacts{Reference(), Minutes1(), Minutes2(), Admin()}
}

// Reference returns the reference-like skeleton.
func Reference() *graph.DocumentFacts {
	d := graph.Document{ID: RefDocID, FileName: "reference-test", SHA256: sum("reference v1"),
		Kind: graph.DocReference, Origin: graph.OriginReference, Title: "Reference skeleton (test)", Lines: 60}
	return &graph.DocumentFacts{
		Document: d,
		Regions: []graph.Region{
			{ID: regionH, Code: "1084", Name: "Region Hovedstaden", Sources: src(d, 1, 1, "1084 Region Hovedstaden")},
			{ID: regionS, Code: "1085", Name: "Region Sjælland", Sources: src(d, 2, 2, "1085 Region Sjælland")},
		},
		Municipalities: []graph.Municipality{
			{ID: muniKbh, Code: "101", Name: "København", RegionID: regionH, ClusterIDs: []string{clusterBisp}, CouncilID: councilByen, Sources: src(d, 10, 10, "101 København")},
			{ID: muniFrb, Code: "147", Name: "Frederiksberg", RegionID: regionH, ClusterIDs: []string{clusterBisp}, CouncilID: councilByen, Sources: src(d, 11, 11, "147 Frederiksberg")},
			{ID: muniTaarnby, Code: "185", Name: "Tårnby", RegionID: regionH, ClusterIDs: []string{clusterAmag}, Sources: src(d, 12, 12, "185 Tårnby")},
			{ID: muniGreve, Code: "253", Name: "Greve", RegionID: regionS, ClusterIDs: []string{clusterKoege}, Sources: src(d, 13, 13, "253 Greve")},
		},
		Clusters: []graph.Cluster{
			{ID: clusterBisp, Code: "BFH", Name: "Sundhedsklynge Bispebjerg og Frederiksberg", Variants: []string{"Bispebjerg-klyngen"},
				RegionID: regionH, Hospitals: "Bispebjerg og Frederiksberg Hospital", MunicipalityIDs: []string{muniKbh, muniFrb}, Sources: src(d, 20, 21, "Bispebjerg og Frederiksberg")},
			{ID: clusterAmag, Code: "AHH", Name: "Sundhedsklynge Amager og Hvidovre", RegionID: regionH, MunicipalityIDs: []string{muniTaarnby}, Sources: src(d, 22, 22, "Amager og Hvidovre")},
			{ID: clusterKoege, Code: "SUH", Name: "Sundhedsklynge Køge", RegionID: regionS, MunicipalityIDs: []string{muniGreve},
				Uncertain: true, Note: "name not confirmed", Sources: src(d, 23, 23, "Køge")},
		},
		HealthCouncils: []graph.HealthCouncil{
			{ID: councilByen, Code: "BYEN", Name: "Sundhedsråd Byen", RegionID: regionH, MunicipalityIDs: []string{muniKbh, muniFrb}, BodyID: bodyCouncil, Sources: src(d, 30, 30, "Sundhedsråd Byen")},
		},
		Organisations: []graph.Organisation{
			{ID: orgRegionH, Name: "Region Hovedstaden", Kind: graph.OrgRegion, RegionID: regionH, Sources: src(d, 40, 40, "Region Hovedstaden")},
			{ID: orgKK, Name: "Københavns Kommune", Kind: graph.OrgMunicipality, Aliases: []string{"KK"}, MunicipalityID: muniKbh, Sources: src(d, 41, 41, "Københavns Kommune")},
			{ID: orgPLO, Name: "PLO-Hovedstaden", Kind: graph.OrgGPAssociation, Aliases: []string{"PLO Hovedstaden"}, Sources: src(d, 42, 42, "PLO-Hovedstaden")},
		},
		Bodies: []graph.Body{
			{ID: bodyBispPol, Name: "Politisk niveau, Bispebjerg og Frederiksberg", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, ClusterID: clusterBisp, Sources: src(d, 50, 50, "politisk niveau")},
			{ID: bodyBispProf, Name: "Fagligt strategisk niveau, Bispebjerg og Frederiksberg", Kind: graph.BodyProfessionalStrategic, Level: graph.LevelProfessionalStrategic, ClusterID: clusterBisp, Sources: src(d, 51, 51, "fagligt strategisk niveau")},
			{ID: bodyAmagPol, Name: "Politisk niveau, Amager og Hvidovre", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, ClusterID: clusterAmag, Sources: src(d, 52, 52, "politisk niveau")},
			{ID: bodyCouncil, Name: "Sundhedsråd Byen", Kind: graph.BodyHealthCouncil, CouncilID: councilByen, Sources: src(d, 53, 53, "Sundhedsråd Byen")},
		},
	}
}

func m1Document(version string) graph.Document {
	return graph.Document{ID: M1DocID, FileName: "bisp-pol-2025-03-10.md", SHA256: sum("m1 " + version),
		Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-03-10", Title: "Referat, politisk niveau", Lines: 120}
}

// Minutes1 returns the first minutes document: a political-level meeting
// with three items, attendance with a substitute, an initiative with an
// amount and a period, and links.
func Minutes1() *graph.DocumentFacts {
	d := m1Document("v1")
	return &graph.DocumentFacts{
		Document: d,
		People: []graph.Person{
			{ID: personAnna, Name: "Anna Jensen", Aliases: []string{"A. Jensen"}, Party: "A", Titles: []string{"borgmester"}, OrganisationID: orgKK, Sources: src(d, 5, 5, "Anna Jensen (A), borgmester")},
			{ID: personBo, Name: "Bo Hansen", Titles: []string{"direktør"}, OrganisationID: orgRegionH, Sources: src(d, 6, 6, "Bo Hansen, direktør")},
			{ID: personCarl, Name: "Carl Ørsted", OrganisationID: orgRegionH, Sources: src(d, 8, 8, "Carl Ørsted (stedfortræder)")},
		},
		Bodies: []graph.Body{
			{ID: bodyBispPol, Name: "Politisk niveau, Bispebjerg og Frederiksberg", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, Aliases: []string{"Politisk niveau"}, ClusterID: clusterBisp, Sources: src(d, 1, 1, "Politisk niveau")},
		},
		Meetings: []graph.Meeting{
			{ID: meetingM1, BodyID: bodyBispPol, ClusterID: clusterBisp, Level: graph.LevelPolitical, Date: "2025-03-10", Time: "14:00-16:00", Location: "Frederiksberg Rådhus", Sources: src(d, 2, 3, "10. marts 2025 kl. 14-16")},
		},
		AgendaItems: []graph.AgendaItem{
			{ID: itemM1No1, MeetingID: meetingM1, Number: 1, Title: "Godkendelse af dagsorden", Outcome: graph.OutcomeApproved, Sources: src(d, 20, 22, "1. Godkendelse af dagsorden")},
			{ID: itemM1No2, MeetingID: meetingM1, Number: 2, Title: "Status på lægedækning", CaseNumber: "24-0001",
				Summary: "Lægedækningen i Tårnby er under pres.", Proposal: "Det indstilles, at projektet godkendes.",
				DecisionText: "Godkendt med 1.350.000 kr.", Outcome: graph.OutcomeApproved, Sources: src(d, 30, 45, "2. Status på lægedækning")},
			{ID: itemM1No10, MeetingID: meetingM1, Number: 10, Title: "Eventuelt", Outcome: graph.OutcomeNoted, Sources: src(d, 100, 101, "10. Eventuelt")},
		},
		Initiatives: []graph.Initiative{
			{ID: initLaege, Name: "Lægedækning i Tårnby", Aliases: []string{"Lægedækningsprojektet"}, AmountDKK: i64(1350000), AmountAppliedDKK: i64(1500000),
				PeriodStart: "2025-01-01", PeriodEnd: "2026-12-31", OwnerID: orgKK, OwnerName: "Københavns Kommune",
				OrganisationIDs: []string{orgKK, orgPLO}, LeadPersonIDs: []string{personAnna}, ClusterID: clusterBisp, BodyID: bodyBispPol, ItemID: itemM1No2,
				Sources: src(d, 35, 40, "1.350.000 kr. i 2025-2026")},
		},
		Memberships: []graph.Membership{
			{ID: mshipAnna, PersonID: personAnna, BodyID: bodyBispPol, Role: graph.RoleChair, OnBehalfOfID: orgKK, Party: "A", FirstSeen: "2025-03-10", LastSeen: "2025-03-10", Sources: src(d, 5, 5, "Anna Jensen (formand)")},
			{ID: mshipBo, PersonID: personBo, BodyID: bodyBispPol, Role: graph.RoleMember, OnBehalfOfID: orgRegionH, StartDate: "2024-01-01", FirstSeen: "2025-03-10", LastSeen: "2025-03-10", Sources: src(d, 6, 6, "Bo Hansen")},
		},
		Attendance: []graph.Attendance{
			{ID: attAnnaM1, PersonID: personAnna, MeetingID: meetingM1, Status: graph.StatusPresent, Sources: src(d, 5, 5, "Anna Jensen")},
			{ID: attBoM1, PersonID: personBo, MeetingID: meetingM1, Status: graph.StatusSentApologies, Sources: src(d, 7, 7, "Afbud: Bo Hansen")},
			{ID: attCarlM1, PersonID: personCarl, MeetingID: meetingM1, Status: graph.StatusSubstitute, SubstituteForID: personBo, Items: "2-10", Sources: src(d, 8, 8, "Carl Ørsted for Bo Hansen")},
		},
		Links: []graph.Link{
			{ID: linkMentions, Type: graph.LinkMentions, FromID: itemM1No2, ToID: orgPLO, Sources: src(d, 33, 33, "PLO")},
			{ID: linkClusterM, Type: graph.LinkClusterMunicipality, FromID: muniFrb, ToID: clusterBisp, Sources: src(d, 4, 4, "Frederiksberg Kommune")},
		},
	}
}

// Minutes1Corrected returns a corrected version of Minutes1 (same document
// ID, new SHA256): Carl, his attendance, item 10 and the mentions link are
// gone, Anna's alias "A. Jensen" is gone, the initiative's amount and the
// meeting's location changed.
func Minutes1Corrected() *graph.DocumentFacts {
	f := Minutes1()
	f.Document = m1Document("v2")
	d := f.Document
	for _, k := range graph.Kinds {
		forEachFact(f, k, func(fact any) {
			// Re-point every source at the new version.
			s := sourcesField(fact)
			for i := range *s {
				(*s)[i] = src(d, (*s)[i].LineStart, (*s)[i].LineEnd, (*s)[i].Quote)[0]
			}
		})
	}
	f.People[0].Aliases = nil
	f.People = f.People[:2] // without Carl
	f.Attendance = f.Attendance[:2]
	f.AgendaItems = f.AgendaItems[:2] // without item 10
	f.Links = f.Links[1:]             // without the mentions link
	f.Initiatives[0].AmountDKK = i64(1400000)
	f.Meetings[0].Location = "Bispebjerg Hospital"
	return f
}

// Minutes2 returns the second minutes document: a professional-level
// meeting, a planned meeting, a working group under the professional
// level, and a fuller spelling of Anna's name and the same membership.
func Minutes2() *graph.DocumentFacts {
	d := graph.Document{ID: M2DocID, FileName: "bisp-prof-2025-06-02.md", SHA256: sum("m2 v1"),
		Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-06-02", Title: "Referat, fagligt strategisk niveau", Lines: 80}
	return &graph.DocumentFacts{
		Document: d,
		People: []graph.Person{
			{ID: personAnna, Name: "Anna Marie Jensen", Titles: []string{"formand", "borgmester"}, Sources: src(d, 4, 4, "Anna Marie Jensen, formand")},
			{ID: personDorte, Name: "Dorte Ølgaard", Titles: []string{"praktiserende læge"}, OrganisationID: orgPLO, Sources: src(d, 5, 5, "Dorte Ølgaard, PLO")},
		},
		Bodies: []graph.Body{
			{ID: bodyBispPol, Name: "Politisk niveau, Bispebjerg og Frederiksberg", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, Aliases: []string{"Det politiske niveau"}, ClusterID: clusterBisp, Sources: src(d, 60, 60, "det politiske niveau")},
			{ID: bodyBispWG, Name: "Arbejdsgruppe for lægedækning", Kind: graph.BodyWorkingGroup, ParentID: bodyBispProf, ClusterID: clusterBisp, Sources: src(d, 30, 31, "Arbejdsgruppe for lægedækning")},
		},
		Meetings: []graph.Meeting{
			{ID: meetingM2, BodyID: bodyBispProf, ClusterID: clusterBisp, Level: graph.LevelProfessionalStrategic, Date: "2025-06-02", Time: "09:00", Sources: src(d, 1, 2, "2. juni 2025")},
			{ID: meetingPlan, BodyID: bodyBispPol, ClusterID: clusterBisp, Level: graph.LevelPolitical, Date: "2025-09-15", Planned: true, Sources: src(d, 70, 70, "Næste møde 15. september")},
		},
		AgendaItems: []graph.AgendaItem{
			{ID: itemM2No1, MeetingID: meetingM2, Number: 1, Title: "Arbejdsgruppe for lægedækning", DecisionText: "Nedsættelse af arbejdsgruppen blev godkendt.", Outcome: graph.OutcomeApproved, Sources: src(d, 20, 35, "1. Arbejdsgruppe")},
		},
		Initiatives: []graph.Initiative{
			{ID: initData, Name: "Fælles sundhedsdata", AmountDKK: i64(500000), PeriodStart: "2024-01-01", PeriodEnd: "2024-12-31",
				OwnerID: bodyBispProf, OrganisationIDs: []string{orgRegionH}, ClusterID: clusterBisp, BodyID: bodyBispProf, ItemID: itemM2No1, Sources: src(d, 40, 42, "500.000 kr. i 2024")},
			{ID: initRehab, Name: "Rehabilitering på Amager", PeriodStart: "2025-06-01", OwnerID: orgRegionH, OrganisationIDs: []string{orgRegionH, orgKK}, ClusterID: clusterAmag, Sources: src(d, 50, 50, "Rehabilitering på Amager")},
		},
		Memberships: []graph.Membership{
			{ID: mshipAnna, PersonID: personAnna, BodyID: bodyBispPol, Role: graph.RoleChair, OnBehalfOfID: orgKK, Title: "borgmester", FirstSeen: "2025-06-02", LastSeen: "2025-06-02", Sources: src(d, 4, 4, "Anna Marie Jensen")},
			{ID: mshipDorte, PersonID: personDorte, BodyID: bodyBispProf, Role: graph.RoleMember, OnBehalfOfID: orgPLO, StartDate: "2025-01-01", FirstSeen: "2025-06-02", LastSeen: "2025-06-02", Sources: src(d, 5, 5, "Dorte Ølgaard")},
		},
		Attendance: []graph.Attendance{
			{ID: attAnnaM2, PersonID: personAnna, MeetingID: meetingM2, Status: graph.StatusPresent, Sources: src(d, 4, 4, "Anna Marie Jensen")},
			{ID: attDorteM2, PersonID: personDorte, MeetingID: meetingM2, Status: graph.StatusAbsent, Note: "syg", Sources: src(d, 6, 6, "Fraværende: Dorte Ølgaard")},
		},
		Links: []graph.Link{
			{ID: linkSameAs, Type: graph.LinkPossibleSameAs, FromID: personDorte, ToID: personCarl, Props: map[string]string{"confidence": "0.4", "reason": "test"}, Sources: src(d, 5, 5, "Dorte Ølgaard")},
		},
	}
}

// Admin returns an administrative correction of Anna's name.
func Admin() *graph.DocumentFacts {
	d := graph.Document{ID: AdminDocID, FileName: "admin-test", SHA256: sum("admin v1"),
		Kind: graph.DocAdmin, Origin: graph.OriginAdmin, Title: "Corrections (test)", Lines: 1}
	return &graph.DocumentFacts{
		Document: d,
		People: []graph.Person{
			{ID: personAnna, Name: "Anna M. Jensen", Sources: src(d, 1, 1, "name corrected")},
		},
	}
}
