package embedded

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Generated documents for the crash test and the benchmarks: minutes of ten
// clusters' bodies, about 100 facts each, sharing people, bodies,
// organisations and memberships with the other documents of their cluster.

const genClusters = 10

func genRef() *graph.DocumentFacts {
	d := graph.Document{ID: "document:gen-reference", FileName: "gen-reference", SHA256: hexSum("gen-reference"),
		Kind: graph.DocReference, Origin: graph.OriginReference}
	f := &graph.DocumentFacts{Document: d}
	s := []graph.Source{{DocumentID: d.ID, FileName: d.FileName, SHA256: d.SHA256, LineStart: 1, LineEnd: 1, Origin: d.Origin}}
	f.Regions = []graph.Region{{ID: "region:g1", Code: "1", Name: "Region Gen", Sources: s}}
	for c := range genClusters {
		cid := fmt.Sprintf("cluster:g%d", c)
		var munis []string
		for m := range 4 {
			mid := fmt.Sprintf("municipality:g%d-%d", c, m)
			munis = append(munis, mid)
			f.Municipalities = append(f.Municipalities, graph.Municipality{ID: mid, Code: fmt.Sprint(c*10 + m), Name: fmt.Sprintf("Kommune %d-%d", c, m),
				RegionID: "region:g1", ClusterIDs: []string{cid}, Sources: s})
		}
		f.Clusters = append(f.Clusters, graph.Cluster{ID: cid, Code: fmt.Sprint(c), Name: fmt.Sprintf("Sundhedsklynge %d", c), RegionID: "region:g1", MunicipalityIDs: munis, Sources: s})
		f.Bodies = append(f.Bodies,
			graph.Body{ID: fmt.Sprintf("body:g%d-pol", c), Name: fmt.Sprintf("Politisk niveau %d", c), Kind: graph.BodyPolitical, Level: graph.LevelPolitical, ClusterID: cid, Sources: s},
			graph.Body{ID: fmt.Sprintf("body:g%d-prof", c), Name: fmt.Sprintf("Fagligt niveau %d", c), Kind: graph.BodyProfessionalStrategic, Level: graph.LevelProfessionalStrategic, ClusterID: cid, Sources: s})
	}
	return f
}

func hexSum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// genDoc returns minutes document i in a version (1 or 2); version 2 drops
// some facts and changes others.
func genDoc(i, version int) *graph.DocumentFacts {
	c := i % genClusters
	n := i / genClusters // the cluster's nth meeting
	lvl, bodyKind := "pol", graph.LevelPolitical
	if n%2 == 1 {
		lvl, bodyKind = "prof", graph.LevelProfessionalStrategic
	}
	body := fmt.Sprintf("body:g%d-%s", c, lvl)
	cid := fmt.Sprintf("cluster:g%d", c)
	date := fmt.Sprintf("%04d-%02d-%02d", 2024+n/100, 1+(n/8)%12, 1+n%28)
	d := graph.Document{ID: fmt.Sprintf("document:gen-%05d.md", i), FileName: fmt.Sprintf("gen-%05d.md", i),
		SHA256: hexSum(fmt.Sprintf("gen %d v%d", i, version)), Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: date, Lines: 300}
	f := &graph.DocumentFacts{Document: d}
	s := func(line int, q string) []graph.Source {
		return []graph.Source{{DocumentID: d.ID, FileName: d.FileName, SHA256: d.SHA256, LineStart: line, LineEnd: line, Quote: q, Origin: d.Origin}}
	}
	mid := fmt.Sprintf("meeting:gen-%05d", i)
	f.Meetings = []graph.Meeting{{ID: mid, BodyID: body, ClusterID: cid, Level: bodyKind, Date: date, Location: "Rådhuset", Sources: s(1, "Møde "+date)}}
	f.Bodies = []graph.Body{{ID: body, Aliases: []string{fmt.Sprintf("Niveau %s %d", lvl, c)}, Sources: s(2, "niveau")}}
	for k := range 5 {
		oid := fmt.Sprintf("org:g%d-%d", c, k)
		f.Organisations = append(f.Organisations, graph.Organisation{ID: oid, Name: fmt.Sprintf("Organisation %d-%d", c, k), Kind: graph.OrgMunicipality, Sources: s(3+k, "org")})
	}
	people := 20
	if version == 2 {
		people = 15
	}
	for k := range people {
		p := (n*7 + k) % 60 // a pool of 60 people per cluster
		pid := fmt.Sprintf("person:g%d-%d", c, p)
		name := fmt.Sprintf("Person Ærø %d-%d", c, p)
		if k%3 == 0 {
			name = fmt.Sprintf("Person Mellem Ærø %d-%d", c, p)
		}
		f.People = append(f.People, graph.Person{ID: pid, Name: name, Titles: []string{"medlem"}, OrganisationID: fmt.Sprintf("org:g%d-%d", c, p%5), Sources: s(10+k, name)})
		f.Attendance = append(f.Attendance, graph.Attendance{ID: fmt.Sprintf("attendance:gen-%05d-%d", i, p), PersonID: pid, MeetingID: mid, Status: graph.StatusPresent, Sources: s(10+k, name)})
		if k < 15 {
			f.Memberships = append(f.Memberships, graph.Membership{ID: fmt.Sprintf("membership:g%d-%d-%s", c, p, lvl), PersonID: pid, BodyID: body, Role: graph.RoleMember,
				FirstSeen: date, LastSeen: date, Sources: s(10+k, name)})
		}
	}
	for k := range 10 {
		iid := fmt.Sprintf("item:gen-%05d-%d", i, k+1)
		f.AgendaItems = append(f.AgendaItems, graph.AgendaItem{ID: iid, MeetingID: mid, Number: k + 1, Title: fmt.Sprintf("Punkt %d om lægedækning og rehabilitering", k+1),
			DecisionText: "Godkendt.", Outcome: graph.OutcomeApproved, Sources: s(50+k, "punkt")})
		if k < 8 {
			amount := int64(100000 * (k + 1) * version)
			f.Initiatives = append(f.Initiatives, graph.Initiative{ID: fmt.Sprintf("initiative:gen-%05d-%d", i, k), Name: fmt.Sprintf("Initiativ %d i møde %d", k, i),
				AmountDKK: &amount, PeriodStart: "2025-01-01", PeriodEnd: "2026-12-31", OwnerID: fmt.Sprintf("org:g%d-%d", c, k%5),
				OrganisationIDs: []string{fmt.Sprintf("org:g%d-%d", c, (k+1)%5)}, ClusterID: cid, BodyID: body, ItemID: iid, Sources: s(50+k, "initiativ")})
		}
	}
	for k := range 3 {
		f.Links = append(f.Links, graph.Link{ID: fmt.Sprintf("link:gen-%05d-%d", i, k), Type: graph.LinkMentions, FromID: fmt.Sprintf("item:gen-%05d-%d", i, k+1),
			ToID: fmt.Sprintf("org:g%d-%d", c, k), Sources: s(50+k, "nævner")})
	}
	return f
}

// genFactIDs returns the distinct fact IDs of a document.
func genFactIDs(d *graph.DocumentFacts) []string {
	var ids []string
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) { ids = append(ids, graph.IDOf(f)) })
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
