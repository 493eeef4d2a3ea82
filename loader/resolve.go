package loader

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Entity resolution for people.
//
// A document's people are first grouped among themselves (the parser has
// already joined most spellings; what it missed is joined here when nothing
// contradicts it), then each group is matched against the people already in
// the store. A group joins an existing person only on a name relation plus
// evidence; it never joins on the name alone unless the name is exact, has
// at least three words or is corroborated, and nothing contradicts it.
//
// Evidence, strongest first:
//   - contradictions (block a merge): different party letters; employers of
//     different families (orgsCompatible: a municipality vs a region, two
//     municipalities, a patient organisation vs anything else); different
//     kinds of person (politician, general practitioner, patient
//     representative).
//   - strong corroboration: the same party; the same organisation; a shared
//     title; a membership in a body of the same cluster (co-occurrence).
//   - weak corroboration: organisations of one family (a region and its
//     hospital); the same region.
//
// Decisions (against the store):
//
//	name relation   contradiction     strong        weak          none
//	exact           possible (.3/.5)  merge         merge         merge if ≥3 words, else possible (.5)
//	variant         –                 merge         possible (.6) possible (.4)
//	spelling        –                 merge         possible (.4) –
//	first name only –                 –             –             –
//
// Within one document, exact, variant and spelling relations merge unless
// something contradicts them; a lone first name joins the only person of the
// document with that first name, and stays apart (with possible-same-as
// links) when there are several.
//
// Every merge is recorded as a graph.LinkMerged link (person → the absorbed
// spelling) whose Props say why; every doubt as a graph.LinkPossibleSameAs
// link with Props confidence and reason.

// mention is one person as a document names them, with the evidence the
// resolver weighs.
type mention struct {
	Name     string
	Aliases  []string
	Party    string
	OrgID    string
	OrgName  string
	OrgKind  string
	Titles   []string
	Roles    []string // graph roles of the person's memberships in this document
	Region   string   // region code: the organisation's, else the document's
	Clusters []string // cluster codes of the bodies the person sits in here
	Source   graph.Source
}

// entity is a person already in the store.
type entity struct {
	ID       string
	Names    []string // name and aliases
	Party    string
	OrgID    string
	OrgKind  string
	Titles   []string
	Category string
	Regions  []string
	Clusters []string
	forms    []nameForm // Names folded, filled by nameForms
}

// nameForms are the entity's names folded, computed on first use: the
// people cache keeps an entity across documents, so a stored person's
// names are folded once, not on every comparison.
func (e *entity) nameForms() []nameForm {
	if len(e.forms) != len(e.Names) {
		e.forms = formsOf(e.Names)
	}
	return e.forms
}

// resolution is what the resolver decided for one mention.
type resolution struct {
	PersonID string
	Name     string // the name the person is contributed under (the group's fullest)
	Aliases  []string
	Note     string // why the mention was merged, for Source.Note
}

type resolver struct {
	ref       *refData
	docID     string
	exactOnly bool // join a document's mentions only on exact names (the reference lists)
	entities  []*entity
	taken     map[string]bool // person IDs held by people other documents support
	view      *docView        // when set, the Loader's people cache stands for entities and taken
}

// newResolver reads the people in the store (and what they are evidence
// of: organisation, memberships, clusters). People that only the document
// being loaded supports are left out, so that reloading a document
// decides as the first load did.
func newResolver(ctx context.Context, store graph.Store, ref *refData, docID string) (*resolver, error) {
	if cs, ok := store.(cachedStore); ok {
		return cs.people.resolver(ref, docID), nil
	}
	rs := &resolver{ref: ref, docID: docID, taken: map[string]bool{}}
	if store == nil {
		return rs, nil
	}
	ids, err := graph.ListAll(ctx, store, graph.KindPerson, graph.Filter{})
	if err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	if len(ids) == 0 {
		return rs, nil
	}
	facts, err := getAll(ctx, store, ids)
	if err != nil {
		return nil, err
	}
	var people []*graph.Person
	var orgIDs []string
	for _, id := range ids {
		p, ok := facts[id].(*graph.Person)
		if !ok || onlyFrom(p.Sources, docID) {
			continue
		}
		people = append(people, p)
		if p.OrganisationID != "" {
			orgIDs = append(orgIDs, p.OrganisationID)
		}
	}
	pids := make([]string, len(people))
	for i, p := range people {
		pids[i] = p.ID
		rs.taken[p.ID] = true
	}
	rel, err := store.Related(ctx, graph.RelMembershipsOfPerson, pids)
	if err != nil {
		return nil, fmt.Errorf("read memberships: %w", err)
	}
	var mids []string
	for _, ms := range rel {
		mids = append(mids, ms...)
	}
	mfacts, err := getAll(ctx, store, mids)
	if err != nil {
		return nil, err
	}
	var bodyIDs []string
	for _, f := range mfacts {
		if m, ok := f.(*graph.Membership); ok {
			bodyIDs = append(bodyIDs, m.BodyID)
		}
	}
	more, err := getAll(graph.WithoutSources(ctx), store, append(orgIDs, bodyIDs...)) // read for their kind and links
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		o, _ := more[p.OrganisationID].(*graph.Organisation)
		var seats []seat
		for _, mid := range rel[p.ID] {
			if m, ok := mfacts[mid].(*graph.Membership); ok {
				b, _ := more[m.BodyID].(*graph.Body)
				seats = append(seats, seat{m, b, docsOf(m.Sources)})
			}
		}
		rs.entities = append(rs.entities, newEntity(ref, p, o, seats, docID))
	}
	return rs, nil
}

// getAll reads facts by ID in pages of graph.MaxPageSize.
func getAll(ctx context.Context, store graph.Store, ids []string) (map[string]any, error) {
	out, err := graph.GetAll(ctx, store, ids)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	return out, nil
}

func onlyFrom(sources []graph.Source, docID string) bool {
	for _, s := range sources {
		if s.DocumentID != docID {
			return false
		}
	}
	return len(sources) > 0
}

var politicianTitles = []string{"borgmester", "raadmand", "regionsraad", "regionraad", "udvalgsformand", "byraad", "kommunalbestyrelse", "udvalget", "udvalg for", "folketing"}

// category tells politicians, general practitioners and patient
// representatives apart ("" when the evidence does not say); people of
// different categories are not merged.
func category(party string, titles []string, orgID, orgKind string, roles []string) string {
	t := graph.Fold(strings.Join(titles, " | "))
	switch {
	case orgKind == graph.OrgPatientOrg || slices.Contains(roles, roleNotePatient):
		return "patient representative"
	case orgKind == graph.OrgGPAssociation || orgFamily(orgID) == "plo" || strings.Contains(t, "praktiserende laege"):
		return "general practitioner"
	case party != "" || slices.Contains(roles, "council"):
		return "politician"
	}
	for _, w := range politicianTitles {
		if strings.Contains(t, w) {
			return "politician"
		}
	}
	return ""
}

// roleNotePatient marks, in mention.Roles, a seat held as a patient
// representative (graph has no such role; the membership is RoleMember on
// behalf of the patient organisation).
const roleNotePatient = "patient_representative"

type evidence struct {
	conflicts []string
	strong    []string
	weak      []string
}

func (ev evidence) reason(nameDetail string) string {
	parts := []string{nameDetail}
	parts = append(parts, ev.strong...)
	parts = append(parts, ev.weak...)
	if len(ev.conflicts) > 0 {
		parts = append(parts, "but "+strings.Join(ev.conflicts, "; "))
	}
	return strings.Join(parts, "; ")
}

// weigh compares a mention group's evidence with a person's.
func (rs *resolver) weigh(g *group, e *entity) evidence {
	var ev evidence
	m := g.evidence
	if m.Party != "" && e.Party != "" {
		if m.Party != e.Party {
			ev.conflicts = append(ev.conflicts, "party "+m.Party+" vs "+e.Party)
		} else {
			ev.strong = append(ev.strong, "same party "+m.Party)
		}
	}
	if m.OrgID != "" && e.OrgID != "" {
		switch {
		case m.OrgID == e.OrgID:
			ev.strong = append(ev.strong, "same organisation "+m.OrgID)
		case orgsCompatible(m.OrgID, e.OrgID):
			ev.weak = append(ev.weak, "related organisations "+m.OrgID+" and "+e.OrgID)
		default:
			ev.conflicts = append(ev.conflicts, "organisation "+m.OrgID+" vs "+e.OrgID)
		}
	}
	if c := g.category; c != "" && e.Category != "" && c != e.Category {
		ev.conflicts = append(ev.conflicts, c+" vs "+e.Category)
	}
	if t, ok := sharedTitle(m.Titles, e.Titles); ok {
		ev.strong = append(ev.strong, "same title "+quoted(t))
	}
	for _, c := range m.Clusters {
		if slices.Contains(e.Clusters, c) {
			ev.strong = append(ev.strong, "both sit in cluster "+c)
			break
		}
	}
	if m.Region != "" && slices.Contains(e.Regions, m.Region) {
		ev.weak = append(ev.weak, "same region "+m.Region)
	}
	return ev
}

func sharedTitle(a, b []string) (string, bool) {
	for _, x := range a {
		fx := graph.Fold(x)
		if fx == "" {
			continue
		}
		for _, y := range b {
			fy := graph.Fold(y)
			if fy != "" && (fx == fy || (len(fx) >= 8 && strings.Contains(fy, fx)) || (len(fy) >= 8 && strings.Contains(fx, fy))) {
				return x, true
			}
		}
	}
	return "", false
}

// group is the mentions of one document that are one person.
type group struct {
	members  []int      // indexes into the mentions
	names    []string   // every name and alias
	forms    []nameForm // names folded
	primary  []string   // the mentions' names
	evidence mention    // combined evidence
	category string
	reasons  map[int]string // member index → why it joined
}

// canonical is the group's name: the fullest of its mentions' names (the
// parser's canonical forms), not of their aliases.
func (g *group) canonical() string {
	best := ""
	for _, n := range g.primary {
		wn, wb := len(nameTokens(n)), len(nameTokens(best))
		if best == "" || wn > wb || (wn == wb && len([]rune(n)) > len([]rune(best))) {
			best = n
		}
	}
	return best
}

func (g *group) add(i int, m mention) {
	g.members = append(g.members, i)
	g.primary = appendNew(g.primary, m.Name)
	for _, n := range append([]string{m.Name}, m.Aliases...) {
		if n != "" && !slices.Contains(g.names, n) {
			g.names = append(g.names, n)
			g.forms = append(g.forms, formOf(n))
		}
	}
	e := &g.evidence
	e.Party = cmp.Or(e.Party, m.Party)
	if e.OrgID == "" {
		e.OrgID, e.OrgName, e.OrgKind = m.OrgID, m.OrgName, m.OrgKind
	}
	e.Titles = appendNew(e.Titles, m.Titles...)
	e.Roles = appendNew(e.Roles, m.Roles...)
	e.Clusters = appendNew(e.Clusters, m.Clusters...)
	e.Region = cmp.Or(e.Region, m.Region)
	g.category = category(e.Party, e.Titles, e.OrgID, e.OrgKind, e.Roles)
}

func appendNew(list []string, xs ...string) []string {
	for _, x := range xs {
		if x != "" && !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}

// bestNameMatch relates any name of a with any name of b.
func bestNameMatch(a, b []nameForm) (nameMatch, string) {
	best, detail := matchNone, ""
	for _, x := range a {
		for _, y := range b {
			if m, d := compareForms(x, y); m > best {
				best, detail = m, d
			}
		}
	}
	return best, detail
}

// doubt is a pair of one document's people that may be one person.
type doubt struct {
	group   int // a group index
	mention int // a mention index (in another group)
	conf    string
	reason  string
}

// maybe is a person in the store a group may be.
type maybe struct{ id, conf, reason string }

// resolve decides, for each mention of one document, which person it is.
// It returns one resolution per mention and the links that record the
// decisions (their Sources are filled by the caller).
func (rs *resolver) resolve(ms []mention) ([]resolution, []graph.Link) {
	groups, doubts := rs.group(ms)
	ids, notes, possible, links := rs.match(groups)
	rs.assignIDs(groups, ids)

	// Records of the decisions.
	groupOf := map[int]int{}
	for gi, g := range groups {
		for _, i := range g.members {
			groupOf[i] = gi
			if r, ok := g.reasons[i]; ok {
				links = append(links, mergedLink(ids[gi], ms[i].Name, r))
			}
		}
		for _, p := range possible[gi] {
			links = append(links, possibleLink(ids[gi], p.id, p.conf, p.reason))
		}
	}
	for _, d := range doubts {
		a, b := ids[d.group], ids[groupOf[d.mention]]
		if a != b {
			links = append(links, possibleLink(a, b, d.conf, d.reason))
		}
	}
	out := make([]resolution, len(ms))
	for gi, g := range groups {
		canon := g.canonical()
		var aliases []string
		for _, n := range g.names {
			if n != canon {
				aliases = append(aliases, n)
			}
		}
		for _, i := range g.members {
			note := notes[gi]
			if r, ok := g.reasons[i]; ok {
				if note != "" {
					note += "; "
				}
				note += "merged " + quoted(ms[i].Name) + ": " + r
			}
			out[i] = resolution{PersonID: ids[gi], Name: canon, Aliases: aliases, Note: note}
		}
	}
	return out, dedupeLinks(links)
}

// group joins the mentions of one document that are one person.
func (rs *resolver) group(ms []mention) ([]*group, []doubt) {
	var groups []*group
	var doubts []doubt
	join := func(g *group, i int, reason string) {
		g.add(i, ms[i])
		if g.reasons == nil {
			g.reasons = map[int]string{}
		}
		g.reasons[i] = reason
	}
	var lone []int
	for i, m := range ms {
		if len(nameTokens(m.Name)) == 1 {
			lone = append(lone, i)
			continue
		}
		probe := &group{}
		probe.add(i, m)
		placed := false
		for gi, g := range groups {
			match, detail := bestNameMatch(probe.forms, g.forms)
			if match < matchTypo || (rs.exactOnly && match != matchExact) {
				continue
			}
			ev := rs.weigh(probe, g.asEntity())
			if len(ev.conflicts) > 0 {
				if match == matchExact {
					doubts = append(doubts, doubt{gi, i, "0.3", "same name in one document; " + ev.reason(detail)})
				}
				continue
			}
			join(g, i, "same document: "+ev.reason(detail))
			placed = true
			break
		}
		if !placed {
			groups = append(groups, probe)
		}
	}
	// A lone first name joins the only person of the document with that
	// first name.
	for _, i := range lone {
		probe := &group{}
		probe.add(i, ms[i])
		var cands []int
		for gi, g := range groups {
			if m, _ := bestNameMatch(probe.forms, g.forms); m == matchFirstOnly {
				cands = append(cands, gi)
			}
		}
		if len(cands) == 1 && len(rs.weigh(probe, groups[cands[0]].asEntity()).conflicts) == 0 {
			join(groups[cands[0]], i, "same document: first name only, and the only person of the document with that first name")
			continue
		}
		groups = append(groups, probe)
		for _, c := range cands {
			doubts = append(doubts, doubt{c, i, "0.2", fmt.Sprintf("first name only; %d people of the document have that first name", len(cands))})
		}
	}
	return groups, doubts
}

func (g *group) asEntity() *entity {
	return &entity{Names: g.names, forms: g.forms, Party: g.evidence.Party, OrgID: g.evidence.OrgID, OrgKind: g.evidence.OrgKind,
		Titles: g.evidence.Titles, Category: g.category, Clusters: g.evidence.Clusters}
}

// match matches each group against the people in the store.
func (rs *resolver) match(groups []*group) (ids, notes []string, possible [][]maybe, links []graph.Link) {
	ids = make([]string, len(groups))
	notes = make([]string, len(groups))
	possible = make([][]maybe, len(groups))
	claimed := map[string]bool{}
	type cand struct {
		e      *entity
		score  int
		reason string
	}
	for gi, g := range groups {
		var merges []cand
		words := len(nameTokens(g.canonical()))
		for _, e := range rs.candidates(g.names) {
			match, detail := bestNameMatch(g.forms, e.nameForms())
			if match < matchTypo {
				continue
			}
			ev := rs.weigh(g, e)
			reason := ev.reason(detail)
			addPossible := func(conf string) { possible[gi] = append(possible[gi], maybe{e.ID, conf, reason}) }
			if len(ev.conflicts) > 0 {
				switch {
				case match == matchExact && words >= 3:
					addPossible("0.5")
				case match == matchExact:
					addPossible("0.3")
				}
				continue
			}
			score := int(match)*10 + 3*len(ev.strong) + len(ev.weak)
			switch match {
			case matchExact:
				if len(ev.strong)+len(ev.weak) > 0 || words >= 3 {
					merges = append(merges, cand{e, score, reason})
				} else {
					addPossible("0.5")
				}
			case matchVariant:
				switch {
				case len(ev.strong) > 0:
					merges = append(merges, cand{e, score, reason})
				case len(ev.weak) > 0:
					addPossible("0.6")
				default:
					addPossible("0.4")
				}
			case matchTypo:
				switch {
				case len(ev.strong) > 0:
					merges = append(merges, cand{e, score, reason})
				case len(ev.weak) > 0:
					addPossible("0.4")
				}
			}
		}
		slices.SortStableFunc(merges, func(a, b cand) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.e.ID, b.e.ID)) })
		switch {
		case len(merges) == 0:
		case len(merges) > 1 && merges[0].score == merges[1].score:
			for _, c := range merges {
				if c.score == merges[0].score {
					possible[gi] = append(possible[gi], maybe{c.e.ID, "0.5", "ambiguous between several people; " + c.reason})
				}
			}
		case claimed[merges[0].e.ID]:
			c := merges[0]
			possible[gi] = append(possible[gi], maybe{c.e.ID, "0.5", "another person of the document already matched them; " + c.reason})
		default:
			c := merges[0]
			claimed[c.e.ID] = true
			ids[gi] = c.e.ID
			notes[gi] = "merged with " + c.e.ID + ": " + c.reason
			links = append(links, mergedLink(c.e.ID, g.canonical(), c.reason))
		}
	}
	return ids, notes, possible, links
}

// assignIDs gives new people IDs from their names; a name that several new
// people of the document share, or that another person already holds, is
// qualified by organisation, then party, then a hash.
func (rs *resolver) assignIDs(groups []*group, ids []string) {
	base := make([]string, len(groups))
	count := map[string]int{}
	used := map[string]bool{}
	for gi, g := range groups {
		if ids[gi] == "" {
			base[gi] = slug(g.canonical())
			count[base[gi]]++
		} else {
			used[ids[gi]] = true
		}
	}
	for gi, g := range groups {
		if ids[gi] != "" {
			continue
		}
		b := base[gi]
		var opts []string
		if count[b] == 1 {
			opts = append(opts, b)
		}
		if q := rs.qualifier(g); q != "" {
			opts = append(opts, b+"-"+q)
		}
		if p := g.evidence.Party; p != "" {
			opts = append(opts, b+"-"+slug(p))
		}
		opts = append(opts, b+"-"+shortHash(rs.docID, strings.Join(g.names, "|"))[:6], b+"-"+shortHash(rs.docID, strconv.Itoa(gi)))
		for _, o := range opts {
			if id := personIDFor(o); !rs.isTaken(id) && !used[id] {
				ids[gi] = id
				break
			}
		}
		used[ids[gi]] = true
	}
}

// qualifier tells apart two people of one name: the short name of their
// organisation ("aalborg", "syddanmark").
func (rs *resolver) qualifier(g *group) string {
	id := g.evidence.OrgID
	switch {
	case strings.HasPrefix(id, "org:municipality:"):
		if m := rs.ref.muniByCode[strings.TrimPrefix(id, "org:municipality:")]; m != nil {
			return slug(m.Name)
		}
	case id != "":
		if code := rs.ref.regionOfOrg(id); code != "" && id == "org:region:"+code {
			return rs.ref.regionSlug[code]
		}
		return slug(kommuneSuffix.ReplaceAllString(graph.Fold(g.evidence.OrgName), ""))
	}
	return ""
}

func mergedLink(personID, name, reason string) graph.Link {
	return graph.Link{
		ID: linkID(graph.LinkMerged, personID, graph.Fold(name)), Type: graph.LinkMerged,
		FromID: personID, ToID: name,
		Props: map[string]string{"reason": reason},
	}
}

func possibleLink(a, b, conf, reason string) graph.Link {
	x, y := min(a, b), max(a, b)
	return graph.Link{
		ID: linkID(graph.LinkPossibleSameAs, x, y), Type: graph.LinkPossibleSameAs,
		FromID: x, ToID: y,
		Props: map[string]string{"confidence": conf, "reason": reason},
	}
}

func dedupeLinks(ls []graph.Link) []graph.Link {
	seen := map[string]bool{}
	out := ls[:0:0]
	for _, l := range ls {
		if seen[l.ID] || l.FromID == l.ToID {
			continue
		}
		seen[l.ID] = true
		out = append(out, l)
	}
	return out
}
