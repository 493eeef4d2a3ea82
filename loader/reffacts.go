package loader

import (
	"context"
	"strings"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// referenceRoles maps the roles of health_council_members.csv to graph
// roles.
var referenceRoles = map[string]string{
	"chair":      graph.RoleChair,
	"vice_chair": graph.RoleViceChair,
	"member":     graph.RoleMember,
	"substitute": graph.RoleSubstitute,
}

// referenceFacts builds the reference skeleton's facts: regions,
// municipalities, clusters (with their two levels as bodies), health
// councils (each also a body), the regions' and municipalities'
// organisations, and the councils' members as people with memberships.
// Members are resolved like the people of minutes, against the people in
// the store.
func referenceFacts(ctx context.Context, store graph.Store, ref *refData, now time.Time) (*graph.DocumentFacts, error) {
	out := &graph.DocumentFacts{}
	rows := 0
	for _, g := range ref.Regions {
		rows++
		src := ref.source(g.refRow, false, "")
		out.Regions = append(out.Regions, graph.Region{ID: regionID(g.Code), Code: g.Code, Name: g.Name, Sources: []graph.Source{src}})
		o := ref.regionOrg(g.Code)
		out.Organisations = append(out.Organisations, graph.Organisation{ID: o.ID, Name: o.Name, Kind: o.Kind, RegionID: o.RegionID, Sources: []graph.Source{src}})
	}
	for _, m := range ref.Municipalities {
		rows++
		src := ref.source(m.refRow, false, "")
		var clusters []string
		for _, c := range ref.clustersOf[m.Code] {
			clusters = append(clusters, clusterID(c))
		}
		council := ""
		if c := ref.councilOf[m.Code]; c != "" {
			council = councilID(c)
		}
		out.Municipalities = append(out.Municipalities, graph.Municipality{ID: municipalityID(m.Code), Code: m.Code, Name: m.Name,
			RegionID: regionID(m.RegionCode), ClusterIDs: clusters, CouncilID: council, Sources: []graph.Source{src}})
		o := ref.municipalityOrg(m.Code)
		var aliases []string
		if o.Name != m.Name+" Kommune" {
			aliases = []string{m.Name + " Kommune"}
		}
		out.Organisations = append(out.Organisations, graph.Organisation{ID: o.ID, Name: o.Name, Kind: o.Kind, Aliases: aliases,
			MunicipalityID: o.MunicipalityID, Sources: []graph.Source{src}})
	}
	for _, c := range ref.Clusters {
		rows++
		note := clusterNotes[c.Code]
		if len(c.Unverified) > 0 {
			note = strings.TrimPrefix(note+"; variant names not verified: "+strings.Join(c.Unverified, ", "), "; ")
		}
		uncertain := note != ""
		src := ref.source(c.refRow, uncertain, note)
		var munis []string
		for _, m := range c.Municipalities {
			munis = append(munis, municipalityID(m))
		}
		out.Clusters = append(out.Clusters, graph.Cluster{ID: clusterID(c.Code), Code: c.Code, Name: c.Name, Variants: c.Variants,
			RegionID: regionID(c.RegionCode), Hospitals: c.Hospitals, MunicipalityIDs: munis, Uncertain: uncertain, Note: note,
			Sources: []graph.Source{src}})
		for _, lvl := range []string{graph.LevelPolitical, graph.LevelProfessionalStrategic} {
			kind := graph.BodyPolitical
			if lvl == graph.LevelProfessionalStrategic {
				kind = graph.BodyProfessionalStrategic
			}
			out.Bodies = append(out.Bodies, graph.Body{ID: levelBodyID(c.Code, lvl), Name: levelBodyName(c.Name, lvl), Kind: kind,
				Level: lvl, ClusterID: clusterID(c.Code), Sources: []graph.Source{src}})
		}
	}
	councilRegion := map[string]string{}
	for _, c := range ref.Councils {
		rows++
		councilRegion[c.Code] = c.RegionCode
		src := ref.source(c.refRow, false, "")
		var munis []string
		for _, m := range c.Municipalities {
			munis = append(munis, municipalityID(m))
		}
		out.HealthCouncils = append(out.HealthCouncils, graph.HealthCouncil{ID: councilID(c.Code), Code: c.Code, Name: c.Name,
			RegionID: regionID(c.RegionCode), MunicipalityIDs: munis, BodyID: councilBodyID(c.Code), Sources: []graph.Source{src}})
		out.Bodies = append(out.Bodies, graph.Body{ID: councilBodyID(c.Code), Name: c.Name, Kind: graph.BodyHealthCouncil,
			CouncilID: councilID(c.Code), Sources: []graph.Source{src}})
	}

	// Members: one mention per row; rows of one person (same name, party
	// and organisation) are joined, different people of one name are not.
	extraOrgs := map[string]graph.Organisation{}
	ms := make([]mention, len(ref.Members))
	onBehalf := make([]string, len(ref.Members))
	for i, r := range ref.Members {
		rows++
		src := ref.source(r.refRow, false, "")
		kind := graph.OrgMunicipality
		if r.Side == "region" {
			kind = graph.OrgRegion
		}
		o, ok := ref.resolveOrg(r.Organisation, kind, "")
		if ok && o.Kind == kind && strings.HasPrefix(o.ID, "org:") {
			if _, isRef := ref.regionByName[graph.Fold(o.Name)]; !isRef && kind == graph.OrgRegion {
				x := extraOrgs[o.ID]
				x.ID, x.Name, x.Kind = o.ID, o.Name, o.Kind
				x.Sources = appendSource(x.Sources, src)
				extraOrgs[o.ID] = x
			}
			onBehalf[i] = o.ID
		}
		var titles []string
		if r.Title != "" {
			titles = []string{r.Title}
		}
		ms[i] = mention{Name: r.Name, Party: r.Party, OrgID: onBehalf[i], OrgName: o.Name, OrgKind: o.Kind, Titles: titles,
			Roles: []string{referenceRoles[r.Role], "council"}, Region: councilRegion[r.Council], Source: src}
	}
	for _, id := range sortedKeys(extraOrgs) {
		out.Organisations = append(out.Organisations, extraOrgs[id])
	}
	rs, err := newResolver(ctx, store, ref, ReferenceDocumentID)
	if err != nil {
		return nil, err
	}
	rs.exactOnly = true
	res, links := rs.resolve(ms)
	people := map[string]int{}
	for i, r := range res {
		m := ms[i]
		src := m.Source
		src.Note = r.Note
		if j, ok := people[r.PersonID]; ok {
			p := &out.People[j]
			p.Titles = appendNew(p.Titles, m.Titles...)
			p.Sources = append(p.Sources, src)
		} else {
			people[r.PersonID] = len(out.People)
			out.People = append(out.People, graph.Person{ID: r.PersonID, Name: r.Name, Aliases: r.Aliases, Party: m.Party,
				Titles: m.Titles, OrganisationID: m.OrgID, Sources: []graph.Source{src}})
		}
		row := ref.Members[i]
		role := referenceRoles[row.Role]
		if role == "" {
			role = graph.RoleMember
			src.Note = "role " + quoted(row.Role) + " read as member"
		}
		body := councilBodyID(row.Council)
		out.Memberships = append(out.Memberships, graph.Membership{ID: membershipID(r.PersonID, body, role, onBehalf[i]),
			PersonID: r.PersonID, BodyID: body, Role: role, OnBehalfOfID: onBehalf[i], Party: row.Party, Title: row.Title,
			Sources: []graph.Source{src}})
	}
	for _, l := range links {
		for i, r := range res {
			if r.PersonID == l.FromID || r.PersonID == l.ToID {
				l.Sources = appendSource(l.Sources, ms[i].Source)
			}
		}
		out.Links = append(out.Links, l)
	}
	out.Document = graph.Document{ID: ReferenceDocumentID, FileName: "reference", SHA256: ref.SHA256, Kind: graph.DocReference,
		Origin: graph.OriginReference, Title: "Reference skeleton: regions, municipalities, clusters and health councils", Lines: rows, LoadedAt: now}
	return out, nil
}
