package loader

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// docInfo is what the loader knows about a document besides its extraction.
type docInfo struct {
	FileName string // base name
	SHA256   string // of the raw bytes
	Lines    int
	LoadedAt time.Time
}

// roleMap maps the parser's membership roles (the answer keys' vocabulary)
// to graph roles. Roles graph has no word for keep their meaning through the
// organisation (a patient representative sits on behalf of a patient
// organisation) or become the nearest seat: a municipal committee chair who
// attends a cluster's political level is an observer there, a group's
// coordinator ("tovholder") is its chair.
var roleMap = map[string]string{
	minutes.RoleCoChair:        graph.RoleCoChair,
	minutes.RoleChair:          graph.RoleChair,
	"vice_chair":               graph.RoleViceChair,
	"vice-chair":               graph.RoleViceChair,
	minutes.RoleMember:         graph.RoleMember,
	minutes.RoleAdministrative: graph.RoleAdmin,
	minutes.RoleSecretariat:    graph.RoleSecretary,
	minutes.RoleCommitteeChair: graph.RoleObserver,
	minutes.RolePatientRep:     graph.RoleMember,
	minutes.RoleSubstitute:     graph.RoleSubstitute,
	minutes.RoleGuest:          graph.RoleGuest,
	minutes.RoleCoordinator:    graph.RoleChair,
	minutes.RoleObserver:       graph.RoleObserver,
}

// statusMap and outcomeMap check the parser's vocabularies; anything else
// becomes the neutral value.
var statusMap = map[string]string{
	minutes.StatusPresent:       graph.StatusPresent,
	minutes.StatusAbsent:        graph.StatusAbsent,
	minutes.StatusSentApologies: graph.StatusSentApologies,
	minutes.StatusSubstitute:    graph.StatusSubstitute,
}

var outcomeMap = map[string]string{
	minutes.OutcomeApproved:  graph.OutcomeApproved,
	minutes.OutcomeNoted:     graph.OutcomeNoted,
	minutes.OutcomeDiscussed: graph.OutcomeDiscussed,
	minutes.OutcomeRejected:  graph.OutcomeRejected,
	minutes.OutcomePostponed: graph.OutcomePostponed,
	minutes.OutcomeOther:     graph.OutcomeOther,
}

var bodyKindMap = map[string]string{
	minutes.BodySteeringGroup:       graph.BodySteeringGroup,
	minutes.BodyImplementationGroup: graph.BodyImplementationGroup,
	minutes.BodyAdHocGroup:          graph.BodyAdHocGroup,
	minutes.BodyCoordinationForum:   graph.BodyCoordinationForum,
	minutes.BodyThemeCommittee:      graph.BodyThemeCommittee,
	minutes.BodyWorkingGroup:        graph.BodyWorkingGroup,
	minutes.BodyOther:               graph.BodyOther,
}

// levelBodyName is the name of a cluster level's Body, the same in the
// reference document and in minutes (so merged names do not flip).
func levelBodyName(clusterName, level string) string {
	switch level {
	case graph.LevelPolitical:
		return clusterName + " - Politisk niveau"
	case graph.LevelProfessionalStrategic:
		return clusterName + " - Fagligt strategisk niveau"
	}
	return clusterName
}

// bodyRef is a body as resolved from a name.
type bodyRef struct {
	ID, Name, Kind, Level, ClusterID, ParentID string
	scope                                      string // for child bodies' IDs
}

// builder turns one Extraction into DocumentFacts.
type builder struct {
	ctx   context.Context
	store graph.Store
	ref   *refData
	ext   *minutes.Extraction
	info  docInfo
	docID string
	date  string // the document's meeting date

	region  string   // region code the document is about
	munis   []string // municipality codes the document names
	cluster string   // cluster code of the document's own meeting

	orgs      map[string]*graph.Organisation
	orgByName map[string]string // folded name → org ID
	bodies    map[string]*graph.Body
	bodyByKey map[string]bodyRef // folded name → body
	ownMeet   string
	out       *graph.DocumentFacts
	personOf  map[string]string // folded name → person ID
	mentions  []mention
}

// buildFacts turns a document's extraction into facts, resolving names
// against the reference and the people in the store.
func buildFacts(ctx context.Context, store graph.Store, ref *refData, info docInfo, ext *minutes.Extraction) (*graph.DocumentFacts, error) {
	b := &builder{ctx: ctx, store: store, ref: ref, ext: ext, info: info, docID: documentID(info.FileName),
		orgs: map[string]*graph.Organisation{}, orgByName: map[string]string{},
		bodies: map[string]*graph.Body{}, bodyByKey: map[string]bodyRef{}, personOf: map[string]string{},
		out: &graph.DocumentFacts{}}
	b.documentContext()
	b.organisations()
	b.clusterAndBodies()
	b.meetings()
	b.items()
	if err := b.people(); err != nil {
		return nil, err
	}
	b.memberships()
	b.attendance()
	b.initiatives()
	if err := b.clusterMunicipalities(); err != nil {
		return nil, err
	}
	b.finish()
	return b.out, nil
}

func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

func (b *builder) src(p minutes.Pos) graph.Source {
	start, end := p.Line, p.EndLine
	if start <= 0 {
		start = 1
	}
	if end < start {
		end = start
	}
	return graph.Source{DocumentID: b.docID, FileName: b.info.FileName, SHA256: b.info.SHA256,
		LineStart: start, LineEnd: end, Quote: p.Quote, Origin: graph.OriginMinutes}
}

// documentContext works out the document's date and region: the region
// named most (a region counts twice, each municipality once).
func (b *builder) documentContext() {
	for _, m := range b.ext.Meetings {
		if d := deref(m.Date); d != "" {
			if b.date == "" || (len(b.ext.Meetings) > 0 && deref(b.ext.Meetings[0].Date) == "" && d > b.date) {
				b.date = d
			}
		}
		if deref(b.ext.Meetings[0].Date) != "" {
			break
		}
	}
	votes := map[string]int{}
	add := func(name, kind string) {
		if code, ok := b.ref.regionCode(name); ok {
			votes[code] += 2
			return
		}
		if kind == graph.OrgMunicipality || kommuneSuffix.MatchString(graph.Fold(name)) {
			if code, ok := b.ref.municipalityCode(name); ok {
				votes[b.ref.muniByCode[code].RegionCode]++
				if !slices.Contains(b.munis, code) {
					b.munis = append(b.munis, code)
				}
			}
		}
	}
	for _, o := range b.ext.Organisations {
		add(o.Name, o.Kind)
	}
	for _, p := range b.ext.People {
		add(deref(p.Organisation), "")
	}
	best, tie := "", false
	for _, g := range b.ref.Regions {
		switch {
		case votes[g.Code] == 0:
		case best == "" || votes[g.Code] > votes[best]:
			best, tie = g.Code, false
		case votes[g.Code] == votes[best]:
			tie = true
		}
	}
	if !tie {
		b.region = best
	}
	if b.region == "" {
		// No region named: a cluster name that fits one cluster decides.
		for _, m := range b.ext.Meetings {
			if c, ok := b.ref.resolveCluster(cmp.Or(deref(m.Cluster), m.Body), "", b.munis); ok {
				b.region = b.ref.clusterByCode[c].RegionCode
				break
			}
		}
	}
}

// addOrg adds an organisation fact (or a name and source to it).
func (b *builder) addOrg(r orgRef, printed []string, src graph.Source) string {
	o := b.orgs[r.ID]
	if o == nil {
		o = &graph.Organisation{ID: r.ID, Name: r.Name, Kind: r.Kind, ParentID: r.ParentID, MunicipalityID: r.MunicipalityID, RegionID: r.RegionID}
		b.orgs[r.ID] = o
	}
	for _, n := range printed {
		if n != "" && graph.Fold(n) != graph.Fold(o.Name) && !slices.Contains(o.Aliases, n) {
			o.Aliases = append(o.Aliases, n)
		}
		b.orgByName[graph.Fold(n)] = r.ID
	}
	b.orgByName[graph.Fold(r.Name)] = r.ID
	o.Sources = append(o.Sources, src)
	// A branch needs its parent in the same document.
	if r.ParentID != "" && b.orgs[r.ParentID] == nil {
		var parent orgRef
		switch {
		case r.ParentID == "org:plo":
			parent = b.ref.ploOrg("", "PLO", "")
		case b.ref.regionOfOrg(r.ParentID) != "":
			parent = b.ref.regionOrg(b.ref.regionOfOrg(r.ParentID))
		default:
			return r.ID
		}
		src.Note = "parent of " + r.ID
		b.addOrg(parent, nil, src)
	}
	return r.ID
}

func (b *builder) organisations() {
	for _, o := range b.ext.Organisations {
		r, ok := b.ref.resolveOrg(o.Name, o.Kind, b.region)
		if !ok {
			continue
		}
		b.addOrg(r, append([]string{o.Name}, o.Aliases...), b.src(o.Pos))
	}
}

// org resolves an organisation named in a record, adding it to the facts if
// the document's organisation list did not have it.
func (b *builder) org(name string, pos minutes.Pos) string {
	f := graph.Fold(name)
	if f == "" {
		return ""
	}
	if id, ok := b.orgByName[f]; ok {
		b.orgs[id].Sources = appendSource(b.orgs[id].Sources, b.src(pos))
		return id
	}
	r, ok := b.ref.resolveOrg(name, "", b.region)
	if !ok {
		return ""
	}
	return b.addOrg(r, []string{name}, b.src(pos))
}

func appendSource(list []graph.Source, s graph.Source) []graph.Source {
	for _, x := range list {
		if x.LineStart == s.LineStart && x.LineEnd == s.LineEnd && x.DocumentID == s.DocumentID {
			return list
		}
	}
	return append(list, s)
}

// clusterAndBodies resolves the document's cluster and its bodies.
func (b *builder) clusterAndBodies() {
	for _, m := range b.ext.Meetings {
		if c, ok := b.ref.resolveCluster(cmp.Or(deref(m.Cluster), m.Body), b.region, b.munis); ok {
			b.cluster = c
			break
		}
	}
	// Bodies whose parent is another body of the document come after it.
	pending := slices.Clone(b.ext.Bodies)
	for len(pending) > 0 {
		var later []minutes.Body
		for _, x := range pending {
			parent := deref(x.Parent)
			if parent != "" && !b.known(parent) && slices.ContainsFunc(pending, func(y minutes.Body) bool { return graph.Fold(y.Name) == graph.Fold(parent) }) {
				later = append(later, x)
				continue
			}
			b.body(x.Name, x.Kind, parent, x.Aliases, b.src(x.Pos))
		}
		if len(later) == len(pending) { // a cycle: give up on the parents
			for _, x := range later {
				b.body(x.Name, x.Kind, "", x.Aliases, b.src(x.Pos))
			}
			break
		}
		pending = later
	}
}

func (b *builder) known(name string) bool {
	_, ok := b.bodyByKey[graph.Fold(name)]
	return ok
}

// levelBody returns a cluster level's Body, adding the printed name as an
// alias.
func (b *builder) levelBody(code, level string, printed []string, src graph.Source) bodyRef {
	c := b.ref.clusterByCode[code]
	r := bodyRef{ID: levelBodyID(code, level), Name: levelBodyName(c.Name, level), Level: level, ClusterID: clusterID(code), scope: "cluster:" + code}
	if level == graph.LevelPolitical {
		r.Kind = graph.BodyPolitical
	} else {
		r.Kind = graph.BodyProfessionalStrategic
	}
	b.addBody(r, printed, src)
	return r
}

func (b *builder) addBody(r bodyRef, printed []string, src graph.Source) {
	x := b.bodies[r.ID]
	if x == nil {
		x = &graph.Body{ID: r.ID, Name: r.Name, Kind: r.Kind, Level: r.Level, ClusterID: r.ClusterID, ParentID: r.ParentID}
		b.bodies[r.ID] = x
	}
	for _, n := range append([]string{r.Name}, printed...) {
		if n == "" {
			continue
		}
		if graph.Fold(n) != graph.Fold(x.Name) && !slices.Contains(x.Aliases, n) {
			x.Aliases = append(x.Aliases, n)
		}
		if _, ok := b.bodyByKey[graph.Fold(n)]; !ok {
			b.bodyByKey[graph.Fold(n)] = r
		}
	}
	x.Sources = appendSource(x.Sources, src)
}

// body resolves a body's name (with its kind and parent as printed) to a
// Body, adding it to the facts. It returns false for names that are a
// cluster, not a body of one.
func (b *builder) body(name, kind, parent string, aliases []string, src graph.Source) (bodyRef, bool) {
	if r, ok := b.bodyByKey[graph.Fold(name)]; ok {
		b.addBody(r, aliases, src)
		return r, true
	}
	printed := append([]string{name}, aliases...)
	if code, lvl, ok := b.levelName(name, parent); ok {
		return b.levelBody(code, lvl, printed, src), true
	}
	if levelOf(name) == "" && b.isCluster(name) {
		return bodyRef{}, false // another cluster, not a body of one
	}
	r := bodyRef{Name: name, Kind: cmp.Or(bodyKindMap[kind], graph.BodyOther)}
	f := graph.Fold(name)
	switch {
	case r.Kind == graph.BodyOther && strings.Contains(f, "forretningsudvalg"):
		r.Kind = graph.BodyExecutiveCommittee
	case r.Kind == graph.BodyOther && (strings.HasSuffix(f, "udvalget") || strings.HasSuffix(f, "udvalg")):
		r.Kind = graph.BodyCommittee
	}
	// Scope: the parent body, the parent cluster, the parent organisation,
	// else the document's region.
	if parent != "" {
		if p, ok := b.bodyByKey[graph.Fold(parent)]; ok {
			r.ParentID, r.ClusterID, r.scope = p.ID, p.ClusterID, p.scope
		} else if code, lvl, ok := b.levelName(parent, ""); ok {
			p := b.levelBody(code, lvl, []string{parent}, src)
			r.ParentID, r.ClusterID, r.scope = p.ID, p.ClusterID, p.scope
		} else if code, ok := b.ref.resolveCluster(parent, b.region, b.munis); ok && b.isCluster(parent) {
			r.ClusterID, r.scope = clusterID(code), "cluster:"+code
		} else if id := b.orgByName[graph.Fold(parent)]; id != "" {
			r.scope = strings.TrimPrefix(id, "org:")
		} else if o, ok := b.ref.resolveOrg(parent, "", b.region); ok && (o.Kind == graph.OrgRegion || o.Kind == graph.OrgMunicipality) {
			r.scope = strings.TrimPrefix(o.ID, "org:")
		}
	}
	if r.scope == "" && b.region != "" {
		r.scope = "region:" + b.region
	}
	r.ID = subBodyID(r.scope, name)
	b.addBody(r, aliases, src)
	return r, true
}

// levelName reports whether a name is a cluster level's ("Det politiske
// niveau i Slagelse Klyngen", "Politisk niveau"): a level word and nothing
// besides the cluster's name. The cluster comes from the name, else the
// parent's name, else the document.
func (b *builder) levelName(name, parent string) (string, string, bool) {
	lvl := levelOf(name)
	if lvl == "" {
		return "", "", false
	}
	if clusterKey(name) == "" {
		if code, ok := b.ref.resolveCluster(parent, b.region, b.munis); ok && parent != "" {
			return code, lvl, true
		}
		return b.cluster, lvl, b.cluster != ""
	}
	code, ok := b.ref.resolveCluster(name, b.region, b.munis)
	return code, lvl, ok
}

// isCluster reports whether a name is a cluster's name (and not, say, a
// group whose name mentions the cluster).
func (b *builder) isCluster(name string) bool {
	_, ok := b.ref.resolveCluster(name, b.region, b.munis)
	return ok
}

// meetingBody resolves a meeting's body: the level of its cluster, a body of
// the document, or a new body in the cluster (e.g. a joint meeting).
func (b *builder) meetingBody(name, cluster, level string, src graph.Source) bodyRef {
	code := ""
	if cluster != "" {
		code, _ = b.ref.resolveCluster(cluster, b.region, b.munis)
	}
	if code == "" {
		code, _ = b.ref.resolveCluster(name, b.region, b.munis)
	}
	if (level == graph.LevelPolitical || level == graph.LevelProfessionalStrategic) && code != "" {
		return b.levelBody(code, level, []string{name}, src)
	}
	if r, ok := b.body(name, "", "", nil, src); ok {
		return r
	}
	if code == "" {
		code = b.cluster
	}
	r := bodyRef{Name: name, Kind: graph.BodyOther}
	if code != "" {
		r.ClusterID, r.scope = clusterID(code), "cluster:"+code
	} else if b.region != "" {
		r.scope = "region:" + b.region
	}
	r.ID = subBodyID(r.scope, name)
	b.addBody(r, nil, src)
	return r
}

func (b *builder) meetings() {
	for i, m := range b.ext.Meetings {
		src := b.src(m.Pos)
		br := b.meetingBody(m.Body, deref(m.Cluster), m.Level, src)
		mt := graph.Meeting{ID: meetingID(br.ID, deref(m.Date), b.docID), BodyID: br.ID, ClusterID: br.ClusterID,
			Level: cmp.Or(br.Level, m.Level), Date: deref(m.Date), Time: deref(m.Time), Location: deref(m.Location), Sources: []graph.Source{src}}
		if i == 0 {
			b.ownMeet = mt.ID
		}
		b.addMeeting(mt)
	}
	for _, f := range b.ext.FutureMeetings {
		src := b.src(f.Pos)
		br := b.meetingBody(f.Body, "", levelOf(f.Body), src)
		b.addMeeting(graph.Meeting{ID: meetingID(br.ID, f.Date, b.docID), BodyID: br.ID, ClusterID: br.ClusterID, Level: br.Level,
			Date: f.Date, Time: deref(f.Time), Location: deref(f.Location), Planned: true, Sources: []graph.Source{src}})
	}
}

func (b *builder) addMeeting(m graph.Meeting) {
	for i := range b.out.Meetings {
		x := &b.out.Meetings[i]
		if x.ID == m.ID {
			x.Planned = x.Planned && m.Planned
			x.Time, x.Location = cmp.Or(x.Time, m.Time), cmp.Or(x.Location, m.Location)
			x.Sources = append(x.Sources, m.Sources...)
			return
		}
	}
	b.out.Meetings = append(b.out.Meetings, m)
}

func (b *builder) items() {
	if b.ownMeet == "" {
		return
	}
	seen := map[int]bool{}
	for _, it := range b.ext.AgendaItems {
		if seen[it.Number] {
			continue
		}
		seen[it.Number] = true
		b.out.AgendaItems = append(b.out.AgendaItems, graph.AgendaItem{
			ID: itemID(b.ownMeet, it.Number), MeetingID: b.ownMeet, Number: it.Number, Title: it.Title,
			CaseNumber: deref(it.CaseNumber), Summary: it.Summary, Proposal: it.Proposal, DecisionText: it.DecisionSummary,
			Outcome: cmp.Or(outcomeMap[it.Outcome], graph.OutcomeOther), Sources: []graph.Source{b.src(it.Pos)},
		})
	}
}

// people resolves the document's people and adds them.
func (b *builder) people() error {
	if len(b.ext.People) == 0 {
		return nil
	}
	rolesOf := map[string][]string{}
	clustersOf := map[string][]string{}
	for _, m := range b.ext.Memberships {
		k := graph.Fold(m.Person)
		rolesOf[k] = appendNew(rolesOf[k], roleMap[m.Role])
		if m.Role == minutes.RolePatientRep {
			rolesOf[k] = appendNew(rolesOf[k], roleNotePatient)
		}
		if r, ok := b.bodyByKey[graph.Fold(m.Body)]; ok && r.ClusterID != "" {
			clustersOf[k] = appendNew(clustersOf[k], strings.TrimPrefix(r.ClusterID, "cluster:"))
		}
	}
	for _, a := range b.ext.Attendance {
		if b.cluster != "" {
			k := graph.Fold(a.Person)
			clustersOf[k] = appendNew(clustersOf[k], b.cluster)
		}
	}
	ms := make([]mention, len(b.ext.People))
	for i, p := range b.ext.People {
		k := graph.Fold(p.Name)
		orgID := b.org(deref(p.Organisation), p.Pos)
		m := mention{Name: strings.TrimSpace(p.Name), Aliases: p.Aliases, Party: strings.TrimSpace(deref(p.Party)), OrgID: orgID,
			Titles: p.Titles, Roles: rolesOf[k], Clusters: clustersOf[k], Source: b.src(p.Pos)}
		if o := b.orgs[orgID]; o != nil {
			m.OrgName, m.OrgKind = o.Name, o.Kind
		}
		m.Region = cmp.Or(b.ref.regionOfOrg(orgID), b.region)
		ms[i] = m
	}
	rs, err := newResolver(b.ctx, b.store, b.ref, b.docID)
	if err != nil {
		return err
	}
	res, links := rs.resolve(ms)
	b.mentions = ms
	people := map[string]*graph.Person{}
	var order []string
	for i, r := range res {
		m := ms[i]
		p := people[r.PersonID]
		if p == nil {
			p = &graph.Person{ID: r.PersonID, Name: r.Name}
			people[r.PersonID] = p
			order = append(order, r.PersonID)
		}
		p.Aliases = appendNew(p.Aliases, r.Aliases...)
		p.Party = cmp.Or(p.Party, m.Party)
		p.Titles = appendNew(p.Titles, m.Titles...)
		p.OrganisationID = cmp.Or(p.OrganisationID, m.OrgID)
		src := m.Source
		src.Note = r.Note
		p.Sources = append(p.Sources, src)
		for _, n := range append([]string{m.Name}, m.Aliases...) {
			b.personOf[graph.Fold(n)] = r.PersonID
		}
	}
	for _, id := range order {
		b.out.People = append(b.out.People, *people[id])
	}
	// A link's source is where the person it starts from is named.
	for _, l := range links {
		for i, r := range res {
			if r.PersonID == l.FromID || r.PersonID == l.ToID {
				l.Sources = appendSource(l.Sources, ms[i].Source)
			}
		}
		b.out.Links = append(b.out.Links, l)
	}
	return nil
}

// person finds the person a record names.
func (b *builder) person(name string) string { return b.personOf[graph.Fold(name)] }

func (b *builder) memberships() {
	byID := map[string]int{}
	for _, m := range b.ext.Memberships {
		pid := b.person(m.Person)
		if pid == "" {
			continue
		}
		src := b.src(m.Pos)
		br := b.meetingBody(m.Body, "", levelOf(m.Body), src)
		role, ok := roleMap[m.Role]
		if !ok {
			role = graph.RoleMember
			src.Note = "role " + quoted(m.Role) + " read as member"
		}
		onBehalf := b.org(deref(m.OnBehalfOf), m.Pos)
		var party, title string
		for _, p := range b.out.People {
			if p.ID == pid {
				party = p.Party
				if len(p.Titles) > 0 {
					title = p.Titles[0]
				}
			}
		}
		id := membershipID(pid, br.ID, role, onBehalf)
		if i, ok := byID[id]; ok {
			b.out.Memberships[i].Sources = append(b.out.Memberships[i].Sources, src)
			continue
		}
		byID[id] = len(b.out.Memberships)
		b.out.Memberships = append(b.out.Memberships, graph.Membership{ID: id, PersonID: pid, BodyID: br.ID, Role: role,
			OnBehalfOfID: onBehalf, Party: party, Title: title, FirstSeen: b.date, LastSeen: b.date, Sources: []graph.Source{src}})
	}
}

func (b *builder) attendance() {
	if b.ownMeet == "" {
		return
	}
	byID := map[string]int{}
	for _, a := range b.ext.Attendance {
		pid := b.person(a.Person)
		if pid == "" {
			continue
		}
		meet := b.ownMeet
		if d := deref(a.MeetingDate); d != "" {
			for _, m := range b.out.Meetings {
				if m.Date == d && !m.Planned {
					meet = m.ID
					break
				}
			}
		}
		id := attendanceID(meet, pid)
		src := b.src(a.Pos)
		if i, ok := byID[id]; ok {
			b.out.Attendance[i].Sources = append(b.out.Attendance[i].Sources, src)
			continue
		}
		byID[id] = len(b.out.Attendance)
		b.out.Attendance = append(b.out.Attendance, graph.Attendance{ID: id, PersonID: pid, MeetingID: meet,
			Status: cmp.Or(statusMap[a.Status], graph.StatusPresent), SubstituteForID: b.person(deref(a.SubstituteFor)),
			Items: a.Items, Note: a.Note, Sources: []graph.Source{src}})
	}
}

func (b *builder) initiatives() {
	ownBody, ownCluster := "", ""
	for _, m := range b.out.Meetings {
		if m.ID == b.ownMeet {
			ownBody, ownCluster = m.BodyID, m.ClusterID
		}
	}
	ownCluster = cmp.Or(ownCluster, clusterIDOrEmpty(b.cluster))
	items := map[int]string{}
	for _, it := range b.out.AgendaItems {
		items[it.Number] = it.ID
	}
	byID := map[string]int{}
	for _, x := range b.ext.Initiatives {
		src := b.src(x.Pos)
		in := graph.Initiative{ID: initiativeID(ownCluster, x.Name), Name: x.Name, Aliases: x.Aliases,
			AmountDKK: x.AmountDKK, AmountAppliedDKK: x.AmountApplied, PeriodStart: deref(x.PeriodStart), PeriodEnd: deref(x.PeriodEnd),
			OwnerName: deref(x.Owner), ClusterID: ownCluster, BodyID: ownBody, Sources: []graph.Source{src}}
		if x.Item != nil {
			in.ItemID = items[*x.Item]
		}
		if owner := deref(x.Owner); owner != "" {
			in.OwnerID = b.owner(owner, x.Pos)
		}
		for _, o := range x.Organisations {
			if id := b.orgOnly(o, x.Pos); id != "" {
				in.OrganisationIDs = appendNew(in.OrganisationIDs, id)
			}
		}
		// Lead people: people of the document named in the initiative's text.
		text := " " + graph.Fold(x.Name+" "+x.Pos.Quote+" "+deref(x.Owner)) + " "
		for k, pid := range b.personOf {
			if len(strings.Fields(k)) >= 2 && strings.Contains(text, " "+k+" ") {
				in.LeadPersonIDs = appendNew(in.LeadPersonIDs, pid)
			}
		}
		slices.Sort(in.LeadPersonIDs)
		if i, ok := byID[in.ID]; ok {
			b.out.Initiatives[i].Sources = append(b.out.Initiatives[i].Sources, src)
			continue
		}
		byID[in.ID] = len(b.out.Initiatives)
		b.out.Initiatives = append(b.out.Initiatives, in)
	}
}

func clusterIDOrEmpty(code string) string {
	if code == "" {
		return ""
	}
	return clusterID(code)
}

// owner resolves an initiative's owner to a body or organisation of the
// document; a cluster owns through its political level.
func (b *builder) owner(name string, pos minutes.Pos) string {
	f := graph.Fold(name)
	if r, ok := b.bodyByKey[f]; ok {
		return r.ID
	}
	if id, ok := b.orgByName[f]; ok {
		return id
	}
	if code, ok := b.ref.resolveCluster(name, b.region, b.munis); ok && levelOf(name) == "" {
		return b.levelBody(code, graph.LevelPolitical, nil, b.src(pos)).ID
	}
	return b.org(name, pos)
}

// orgOnly resolves a participating organisation, leaving out names that
// are a cluster or a body.
func (b *builder) orgOnly(name string, pos minutes.Pos) string {
	f := graph.Fold(name)
	if id, ok := b.orgByName[f]; ok {
		return id
	}
	if _, ok := b.bodyByKey[f]; ok {
		return ""
	}
	if b.isCluster(name) {
		return ""
	}
	return b.org(name, pos)
}

// clusterMunicipalities records, for each municipality the minutes show
// taking part in a cluster (someone sits or attends on its behalf), a
// cluster_municipality link with minutes origin, and a conflict link where
// this disagrees with the reference or with other minutes.
func (b *builder) clusterMunicipalities() error {
	type pair struct{ muni, cluster string }
	shown := map[pair][]graph.Source{}
	var order []pair
	note := func(orgID, cluster string, src graph.Source) {
		code, ok := strings.CutPrefix(orgID, "org:municipality:")
		if !ok || cluster == "" {
			return
		}
		p := pair{code, strings.TrimPrefix(cluster, "cluster:")}
		if _, ok := shown[p]; !ok {
			order = append(order, p)
		}
		shown[p] = appendSource(shown[p], src)
	}
	bodyCluster := map[string]string{}
	for _, x := range b.bodies {
		bodyCluster[x.ID] = x.ClusterID
	}
	personOrg := map[string]string{}
	for _, p := range b.out.People {
		personOrg[p.ID] = p.OrganisationID
	}
	for _, m := range b.out.Memberships {
		note(cmp.Or(m.OnBehalfOfID, personOrg[m.PersonID]), bodyCluster[m.BodyID], m.Sources[0])
	}
	meetCluster := map[string]string{}
	for _, m := range b.out.Meetings {
		meetCluster[m.ID] = m.ClusterID
	}
	for _, a := range b.out.Attendance {
		note(personOrg[a.PersonID], meetCluster[a.MeetingID], a.Sources[0])
	}
	for _, p := range order {
		srcs := shown[p]
		mid, cid := municipalityID(p.muni), clusterID(p.cluster)
		m := b.ref.muniByCode[p.muni]
		b.out.Links = append(b.out.Links, graph.Link{ID: linkID(graph.LinkClusterMunicipality, mid, cid), Type: graph.LinkClusterMunicipality,
			FromID: mid, ToID: cid, Props: map[string]string{"origin": string(graph.OriginMinutes)}, Sources: srcs})
		refs := b.ref.clustersOf[p.muni]
		if !slices.Contains(refs, p.cluster) {
			b.out.Links = append(b.out.Links, graph.Link{ID: linkID(graph.LinkConflict, mid, cid), Type: graph.LinkConflict, FromID: mid, ToID: cid,
				Props:   map[string]string{"reason": fmt.Sprintf("the minutes show %s taking part in %s; the reference lists it in %s", m.Name, p.cluster, strings.Join(refs, ", "))},
				Sources: srcs})
		}
		// Other minutes that show the municipality in another cluster.
		others, err := b.otherClusters(mid, cid)
		if err != nil {
			return err
		}
		for _, o := range others {
			x, y := min(cid, o), max(cid, o)
			reason := fmt.Sprintf("the minutes show %s taking part in two clusters, %s and %s", m.Name, strings.TrimPrefix(x, "cluster:"), strings.TrimPrefix(y, "cluster:"))
			if len(refs) > 1 {
				reason += fmt.Sprintf("; the reference lists it in %s and calls this uncertain", strings.Join(refs, ", "))
			}
			b.out.Links = append(b.out.Links, graph.Link{ID: linkID(graph.LinkConflict, mid, x, y), Type: graph.LinkConflict, FromID: mid, ToID: x,
				Props:   map[string]string{"reason": reason, "clusters": strings.TrimPrefix(x, "cluster:") + ";" + strings.TrimPrefix(y, "cluster:")},
				Sources: srcs})
		}
	}
	return nil
}

// otherClusters returns the clusters other documents' minutes show a
// municipality in, besides cid.
func (b *builder) otherClusters(mid, cid string) ([]string, error) {
	if b.store == nil {
		return nil, nil
	}
	if cs, ok := b.store.(cachedStore); ok {
		return cs.people.otherClusters(b.ctx, cs.Store, mid, cid, b.docID)
	}
	rel, err := b.store.Related(b.ctx, graph.RelLinksFrom, []string{mid})
	if err != nil {
		return nil, fmt.Errorf("read links: %w", err)
	}
	facts, err := getAll(b.ctx, b.store, rel[mid])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range rel[mid] {
		l, ok := facts[id].(*graph.Link)
		if !ok || l.Type != graph.LinkClusterMunicipality || l.ToID == cid || onlyFrom(l.Sources, b.docID) {
			continue
		}
		out = appendNew(out, l.ToID)
	}
	slices.Sort(out)
	return out, nil
}

// finish collects organisations and bodies and fills the document record.
func (b *builder) finish() {
	for _, id := range sortedKeys(b.orgs) {
		b.out.Organisations = append(b.out.Organisations, *b.orgs[id])
	}
	for _, id := range sortedKeys(b.bodies) {
		b.out.Bodies = append(b.out.Bodies, *b.bodies[id])
	}
	title := ""
	if len(b.ext.Meetings) > 0 {
		title = strings.TrimSpace(b.ext.Meetings[0].Body + " " + b.date)
	}
	kind := graph.DocMinutes
	if b.ext.Kind == graph.DocCommitteeCase {
		kind = graph.DocCommitteeCase
	}
	b.out.Document = graph.Document{ID: b.docID, FileName: b.info.FileName, SHA256: b.info.SHA256, Kind: kind, Origin: graph.OriginMinutes,
		Date: b.date, Title: title, Lines: b.info.Lines, LoadedAt: b.info.LoadedAt}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
