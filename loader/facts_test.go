package loader

import (
	"context"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// keyFacts builds facts from a sample's hand-written answer key (which has
// the Extraction's structure), so that this layer is tested apart from the
// parser.
func keyFacts(t *testing.T, name string) *graph.DocumentFacts {
	t.Helper()
	b, err := fs.ReadFile(corpus.FS(), "expected/"+strings.TrimSuffix(name, ".txt")+".json")
	if err != nil {
		t.Fatal(err)
	}
	var ext minutes.Extraction
	if err := json.Unmarshal(b, &ext); err != nil {
		t.Fatal(err)
	}
	f, err := buildFacts(context.Background(), nil, reference(), docInfo{FileName: name, SHA256: "abc", LoadedAt: time.Unix(0, 0)}, &ext)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var validRoles = []string{graph.RoleChair, graph.RoleCoChair, graph.RoleViceChair, graph.RoleMember, graph.RoleObserver,
	graph.RoleSecretary, graph.RoleSubstitute, graph.RoleGuest, graph.RoleAdmin}

func TestFactsFromAnswerKeys(t *testing.T) {
	ref := reference()
	isRef := func(id string) bool {
		switch graph.KindOf(id) {
		case graph.KindRegion:
			return ref.regionByCode[strings.TrimPrefix(id, "region:")] != nil
		case graph.KindMunicipality:
			return ref.muniByCode[strings.TrimPrefix(id, "municipality:")] != nil
		case graph.KindCluster:
			return ref.clusterByCode[strings.TrimPrefix(id, "cluster:")] != nil
		}
		return false
	}
	for _, name := range corpus.Minutes() {
		t.Run(name, func(t *testing.T) {
			f := keyFacts(t, name)
			if f.Document.ID != "document:"+name || f.Document.SHA256 != "abc" || f.Document.Origin != graph.OriginMinutes {
				t.Errorf("document %+v", f.Document)
			}
			ids := map[string]graph.Kind{}
			add := func(kind graph.Kind, id string, srcs []graph.Source) {
				if graph.KindOf(id) != kind {
					t.Errorf("%s is not a %s ID", id, kind)
				}
				if _, dup := ids[id]; dup {
					t.Errorf("duplicate fact %s", id)
				}
				ids[id] = kind
				if len(srcs) == 0 {
					t.Errorf("%s has no source", id)
				}
				for _, s := range srcs {
					if s.DocumentID != f.Document.ID || s.FileName != name || s.SHA256 != "abc" || s.LineStart < 1 || s.LineEnd < s.LineStart {
						t.Errorf("%s: bad source %+v", id, s)
					}
				}
			}
			for _, x := range f.Organisations {
				add(graph.KindOrganisation, x.ID, x.Sources)
			}
			for _, x := range f.People {
				add(graph.KindPerson, x.ID, x.Sources)
			}
			for _, x := range f.Bodies {
				add(graph.KindBody, x.ID, x.Sources)
			}
			for _, x := range f.Meetings {
				add(graph.KindMeeting, x.ID, x.Sources)
			}
			for _, x := range f.AgendaItems {
				add(graph.KindAgendaItem, x.ID, x.Sources)
			}
			for _, x := range f.Initiatives {
				add(graph.KindInitiative, x.ID, x.Sources)
			}
			for _, x := range f.Memberships {
				add(graph.KindMembership, x.ID, x.Sources)
			}
			for _, x := range f.Attendance {
				add(graph.KindAttendance, x.ID, x.Sources)
			}
			for _, x := range f.Links {
				add(graph.KindLink, x.ID, x.Sources)
			}
			// Self-contained: every pointer is a fact of the document or a
			// reference entity.
			ref := func(what, id string, kinds ...graph.Kind) {
				if id == "" {
					return
				}
				k, ok := ids[id]
				if !ok && !isRef(id) {
					t.Errorf("%s points at %s, which is neither in the document nor in the reference", what, id)
				}
				if ok && !slices.Contains(kinds, k) {
					t.Errorf("%s points at %s of kind %s", what, id, k)
				}
			}
			for _, x := range f.Organisations {
				ref(x.ID+".ParentID", x.ParentID, graph.KindOrganisation)
				ref(x.ID+".MunicipalityID", x.MunicipalityID)
				ref(x.ID+".RegionID", x.RegionID)
			}
			for _, x := range f.People {
				ref(x.ID+".OrganisationID", x.OrganisationID, graph.KindOrganisation)
			}
			for _, x := range f.Bodies {
				ref(x.ID+".ParentID", x.ParentID, graph.KindBody)
				ref(x.ID+".ClusterID", x.ClusterID)
			}
			for _, x := range f.Meetings {
				ref(x.ID+".BodyID", x.BodyID, graph.KindBody)
				ref(x.ID+".ClusterID", x.ClusterID)
				if x.Planned && x.Date <= f.Document.Date {
					t.Errorf("planned meeting %s is not after the document's date %s", x.ID, f.Document.Date)
				}
			}
			for _, x := range f.AgendaItems {
				ref(x.ID+".MeetingID", x.MeetingID, graph.KindMeeting)
			}
			for _, x := range f.Initiatives {
				ref(x.ID+".ItemID", x.ItemID, graph.KindAgendaItem)
				ref(x.ID+".BodyID", x.BodyID, graph.KindBody)
				ref(x.ID+".OwnerID", x.OwnerID, graph.KindOrganisation, graph.KindBody)
				ref(x.ID+".ClusterID", x.ClusterID)
				for _, o := range x.OrganisationIDs {
					ref(x.ID+".OrganisationIDs", o, graph.KindOrganisation)
				}
			}
			for _, x := range f.Memberships {
				ref(x.ID+".PersonID", x.PersonID, graph.KindPerson)
				ref(x.ID+".BodyID", x.BodyID, graph.KindBody)
				ref(x.ID+".OnBehalfOfID", x.OnBehalfOfID, graph.KindOrganisation)
				if !slices.Contains(validRoles, x.Role) {
					t.Errorf("%s: role %q", x.ID, x.Role)
				}
				if x.FirstSeen != f.Document.Date || x.LastSeen != f.Document.Date {
					t.Errorf("%s: seen %s..%s, want the document's date %s", x.ID, x.FirstSeen, x.LastSeen, f.Document.Date)
				}
			}
			for _, x := range f.Attendance {
				ref(x.ID+".PersonID", x.PersonID, graph.KindPerson)
				ref(x.ID+".MeetingID", x.MeetingID, graph.KindMeeting)
				ref(x.ID+".SubstituteForID", x.SubstituteForID, graph.KindPerson)
			}
			for _, x := range f.Links {
				if x.Type != graph.LinkMerged {
					ref(x.ID+".FromID", x.FromID, graph.KindPerson)
					ref(x.ID+".ToID", x.ToID, graph.KindPerson)
				}
			}
			// One membership per seat, one attendance per person.
			var keyMembers int
			b, _ := fs.ReadFile(corpus.FS(), "expected/"+strings.TrimSuffix(name, ".txt")+".json")
			var ext minutes.Extraction
			json.Unmarshal(b, &ext)
			keyMembers = len(ext.Memberships)
			if len(f.Memberships) != keyMembers {
				t.Errorf("%d memberships from %d in the key", len(f.Memberships), keyMembers)
			}
			if len(f.Attendance) != len(ext.Attendance) {
				t.Errorf("%d attendance from %d in the key", len(f.Attendance), len(ext.Attendance))
			}
			if len(f.People) != len(ext.People) {
				t.Errorf("%d people from %d in the key (the key's people are distinct)", len(f.People), len(ext.People))
			}
		})
	}
}

func TestFactsDetails(t *testing.T) {
	f := keyFacts(t, "2024-10-22_politisk-sundhedsklynge-syd_nordjylland.txt")
	if f.Document.Date != "2024-10-22" || f.Meetings[0].ID != "meeting:cluster:N-SYD:political:2024-10-22" {
		t.Errorf("Nordjylland: date %s, meeting %s", f.Document.Date, f.Meetings[0].ID)
	}
	roles := map[string]string{}
	for _, m := range f.Memberships {
		roles[m.PersonID] = m.Role
	}
	if roles["person:mogens-jespersen"] != graph.RoleCoChair || roles["person:vibeke-gamst"] != graph.RoleObserver || roles["person:jonathan-egeris-groth"] != graph.RoleSecretary {
		t.Errorf("roles %v", roles)
	}
	var plo *graph.Organisation
	for i, o := range f.Organisations {
		if o.ID == "org:plo-nordjylland" {
			plo = &f.Organisations[i]
		}
	}
	if plo == nil || plo.ParentID != "org:plo" {
		t.Errorf("PLO-Nordjylland: %+v", plo)
	}

	f = keyFacts(t, "2025-02-28_sundhedsklynge-sydvestjylland_fagligt-strategisk.txt")
	var subFor string
	for _, a := range f.Attendance {
		if a.PersonID == "person:anne-mette-dalgaard" {
			subFor = a.SubstituteForID
		}
	}
	if subFor != "person:thomas-reintoft" {
		t.Errorf("Anne Mette Dalgaard substitutes for %q", subFor)
	}
	shown := false
	for _, l := range f.Links {
		if l.Type == graph.LinkClusterMunicipality && l.FromID == "municipality:575" && l.ToID == "cluster:SD-SYDVESTJYLLAND" {
			shown = true
		}
	}
	if !shown {
		t.Error("Vejen not shown in Sydvestjylland")
	}
	for _, it := range f.Initiatives {
		if it.ClusterID != "cluster:SD-SYDVESTJYLLAND" || it.BodyID != "body:cluster:SD-SYDVESTJYLLAND:professional_strategic" {
			t.Errorf("initiative %s: cluster %s body %s", it.Name, it.ClusterID, it.BodyID)
		}
	}

	f = keyFacts(t, "2023_slagelse-kommune_sundhedsudvalg_sundhedsklynger.txt")
	if f.Document.Kind != graph.DocCommitteeCase || f.Document.Date != "2023-05-08" {
		t.Errorf("Slagelse document %+v", f.Document)
	}
	found := false
	for _, m := range f.Meetings {
		if m.ID == "meeting:cluster:S-SLAGELSE:political:2023-04-18" && !m.Planned {
			found = true
		}
	}
	if !found {
		t.Errorf("Slagelse cluster meeting missing: %+v", f.Meetings)
	}
	withAmount := 0
	for _, it := range f.Initiatives {
		if it.ClusterID != "cluster:S-SLAGELSE" {
			t.Errorf("Slagelse initiative %s in %q", it.Name, it.ClusterID)
		}
		if it.AmountDKK != nil {
			withAmount++
		}
	}
	if withAmount == 0 {
		t.Error("no Slagelse initiative has an amount")
	}
}
