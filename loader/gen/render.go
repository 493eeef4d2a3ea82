package gen

import (
	"strconv"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// Document is one generated document: its text and its answer key.
type Document struct {
	// Name is the file's base name without extension, e.g.
	// "2024-06-19_sundhedsklynge-soenderjylland_politisk".
	Name string
	// Text is the minutes, UTF-8 with "\n" line ends.
	Text string
	// Key is the answer key: what a perfect parser extracts from Text.
	Key minutes.Extraction
	// Persons[i] is the population ID of Key.People[i].
	Persons []int
	// Layout names the participant layout (see the package documentation).
	Layout string
}

// participant is one person expected at the meeting, with the status the
// document gives them.
type participant struct {
	person  int
	group   int
	side    int
	coChair string
	org     string // printed organisation
	title   string // printed title (lower case)
	role    string // sub-bodies: chair, coordinator, member
	status  string
	sub     int // substitute's person ID, -1 if none
	subTtl  string
	party   string
	post    *post // nil for sub-body members
}

// entry is a person's place in the key.
type entry struct {
	idx     int
	primary string
}

// doc renders one meeting.
type doc struct {
	p       *plan
	m       *meeting
	r       *rng
	c       *cluster
	lines   []string
	key     minutes.Extraction
	persons []int

	body       string // canonical name of the meeting's body
	isoDate    string
	entries    map[int]*entry
	primaries  map[int]string
	shortOwner map[string]int // short forms of reachable people -> whose (-1: several people's)
	firstSeen  map[string]int // first names of reachable people -> how many
	orgs       map[string]bool
	bodies     map[string]int
	members    map[[2]string]bool
	attended   map[int]bool
	parts      []*participant
	inDoc      map[int]bool // participants and substitutes
	caps       bool         // section headings in capitals
	timing     int          // 0 none, 1 "- N min", 2 ", kl. HH.MM-HH.MM"
	clock      int
	absentees  []string // "Fraværende" line, for the header layouts
}

func (d *doc) add(s string) int {
	d.lines = append(d.lines, s)
	return len(d.lines)
}

// para adds a paragraph and a blank line; it returns the paragraph's line.
func (d *doc) para(s string) int {
	n := d.add(s)
	d.add("")
	return n
}

func pos(line int) minutes.Pos { return minutes.Pos{Line: line, EndLine: line} }

func strp(s string) *string { return &s }

// primaryOf decides how the document prints a person: usually the full
// name, sometimes a consistent short form (middle name dropped or reduced
// to an initial, double first name hyphenated), which is then the
// document's canonical form.
func (d *doc) primaryOf(id int) string {
	if f, ok := d.primaries[id]; ok {
		return f
	}
	n := d.p.pop.people[id].name
	form := n.full()
	if d.r.chance(0.07) {
		for _, k := range []int{variantDropMiddle, variantMiddleInitial, variantHyphen} {
			if v := variant(d.r, n, form, k); v != "" && d.freeForm(v, id) {
				form = v
				break
			}
		}
	}
	d.primaries[id] = form
	return form
}

// freeForm reports whether a variant of person id cannot be confused with
// someone else: it is nobody's full name and no other reachable person's
// short form.
func (d *doc) freeForm(v string, id int) bool {
	owner, ok := d.shortOwner[v]
	return !d.p.pop.names[v] && (!ok || owner == id)
}

// ent returns the person's key entry, adding it on first use.
func (d *doc) ent(id int, line int) *entry {
	if e, ok := d.entries[id]; ok {
		return e
	}
	e := &entry{idx: len(d.key.People), primary: d.primaryOf(id)}
	d.entries[id] = e
	d.key.People = append(d.key.People, minutes.Person{Name: e.primary, Aliases: []string{}, Titles: []string{}, Pos: pos(line)})
	d.persons = append(d.persons, id)
	return e
}

// name returns the document's canonical form of a person for a listing.
func (d *doc) name(id int, line int) string { return d.ent(id, line).primary }

// say returns how running text mentions a person: mostly the canonical
// form, sometimes a variant (typo, middle name dropped, first name only)
// that the key records as an alias. firstOK allows the first name alone.
// The first mention of a person is always the canonical form, so that the
// canonical form is printed.
func (d *doc) say(id int, line int, p float64, firstOK bool) string {
	if _, ok := d.entries[id]; !ok {
		return d.ent(id, line).primary
	}
	return d.sayVariant(id, line, p, firstOK)
}

// sayVariant is say for a person whose canonical form the document prints
// elsewhere (the Deltagerliste header, whose item-1 list has the canonical
// form of everyone in the header).
func (d *doc) sayVariant(id int, line int, p float64, firstOK bool) string {
	e := d.ent(id, line)
	if !d.r.chance(p) {
		return e.primary
	}
	n := d.p.pop.people[id].name
	kinds := []int{variantTypo, variantTypo, variantDropMiddle, variantHyphen}
	if firstOK {
		kinds = append(kinds, variantFirstOnly)
	}
	k := pick(d.r, kinds)
	v := variant(d.r, n, e.primary, k)
	if v == "" || v == e.primary {
		return e.primary
	}
	if k == variantFirstOnly {
		if d.firstSeen[n.First] != 1 || d.p.pop.names[v] {
			return e.primary
		}
	} else if !d.freeForm(v, id) {
		return e.primary
	}
	d.alias(id, v)
	return v
}

// alias records a variant spelling of a person that the text prints.
func (d *doc) alias(id int, v string) {
	p := &d.key.People[d.entries[id].idx]
	if v == p.Name {
		return
	}
	for _, a := range p.Aliases {
		if a == v {
			return
		}
	}
	p.Aliases = append(p.Aliases, v)
}

func (d *doc) setOrg(id int, org string) {
	p := &d.key.People[d.entries[id].idx]
	if p.Organisation == nil && org != "" {
		p.Organisation = strp(org)
	}
	if org != "" {
		d.org(org)
	}
}

func (d *doc) addTitle(id int, t string) {
	if t == "" {
		return
	}
	t = capitalise(t)
	p := &d.key.People[d.entries[id].idx]
	for _, x := range p.Titles {
		if x == t {
			return
		}
	}
	p.Titles = append(p.Titles, t)
}

func (d *doc) setParty(id int, party string) {
	p := &d.key.People[d.entries[id].idx]
	if p.Party == nil {
		p.Party = strp(party)
	}
}

// org records an organisation the text names and returns its name.
func (d *doc) org(name string) string {
	if !d.orgs[name] {
		d.orgs[name] = true
		kind := d.p.orgKinds[name]
		if kind == "" {
			kind = "other"
		}
		d.key.Organisations = append(d.key.Organisations, minutes.Organisation{Name: name, Kind: kind})
	}
	return name
}

func (d *doc) member(id int, body, role string, onBehalf string, line int, note string) {
	k := [2]string{strconv.Itoa(id), body}
	if d.members[k] {
		return
	}
	d.members[k] = true
	m := minutes.Membership{Person: d.name(id, line), Body: body, Role: role, Note: note, Pos: pos(line)}
	if onBehalf != "" {
		m.OnBehalfOf = strp(onBehalf)
	}
	d.key.Memberships = append(d.key.Memberships, m)
}

func (d *doc) attend(id int, status string, subFor int, note, items string, line int) {
	if d.attended[id] {
		return
	}
	d.attended[id] = true
	a := minutes.Attendance{Person: d.name(id, line), MeetingDate: strp(d.isoDate), Status: status, Note: note, Items: items, Pos: pos(line)}
	if subFor >= 0 {
		a.SubstituteFor = strp(d.name(subFor, line))
	}
	d.key.Attendance = append(d.key.Attendance, a)
}

// bodyRef records a body the text names.
func (d *doc) bodyRef(name, kind string, parent string, item int, line int) {
	if i, ok := d.bodies[name]; ok {
		_ = i
		return
	}
	b := minutes.Body{Name: name, Kind: kind, Pos: pos(line)}
	if parent != "" {
		b.Parent = strp(parent)
	}
	if item > 0 {
		b.Item = &item
	}
	d.bodies[name] = len(d.key.Bodies)
	d.key.Bodies = append(d.key.Bodies, b)
}

func (d *doc) bodyAlias(name, alias string) {
	i, ok := d.bodies[name]
	if !ok {
		return
	}
	b := &d.key.Bodies[i]
	for _, a := range b.Aliases {
		if a == alias {
			return
		}
	}
	b.Aliases = append(b.Aliases, alias)
}

// render produces the document for meeting m.
func (p *plan) render(index int) *Document {
	m := p.meetings[index]
	c := &p.ref.clusters[m.cluster]
	d := &doc{p: p, m: m, r: newRNG(p.opts.Seed, 1000+uint64(index)), c: c,
		entries: map[int]*entry{}, primaries: map[int]string{}, shortOwner: map[string]int{}, firstSeen: map[string]int{}, orgs: map[string]bool{},
		bodies: map[string]int{}, members: map[[2]string]bool{}, attended: map[int]bool{}, inDoc: map[int]bool{},
		isoDate: iso(m.date)}
	d.key = minutes.Extraction{Document: m.name + ".txt", Kind: "minutes", Meetings: []minutes.Meeting{},
		People: []minutes.Person{}, Memberships: []minutes.Membership{}, Attendance: []minutes.Attendance{},
		AgendaItems: []minutes.AgendaItem{}, Bodies: []minutes.Body{}, Initiatives: []minutes.Initiative{},
		Organisations: []minutes.Organisation{}, FutureMeetings: []minutes.FutureMeeting{}, Notes: []string{}}
	d.caps = d.r.chance(0.3)
	switch m.layout {
	case layoutMoedeltagere:
		d.timing = 1
	case layoutNoList:
		d.timing = 2 * d.r.intn(2)
	}
	d.clock = m.start
	d.participants()
	d.reach()
	d.header()
	items := d.planItems()
	d.toc(items)
	for i, it := range items {
		d.renderItem(m.firstItem+i, it)
	}
	for len(d.lines) > 0 && d.lines[len(d.lines)-1] == "" {
		d.lines = d.lines[:len(d.lines)-1]
	}
	return &Document{Name: m.name, Text: strings.Join(d.lines, "\n") + "\n", Key: d.key, Persons: d.persons, Layout: layoutNames[m.layout]}
}

// participants decides who is expected and how each takes part.
func (d *doc) participants() {
	m := d.m
	if m.level < 0 {
		for _, sm := range m.sub.members {
			g := groupMember
			d.parts = append(d.parts, &participant{person: sm.person, group: g, side: sideOther, org: sm.org, title: sm.title, role: sm.role, sub: -1})
			d.inDoc[sm.person] = true
		}
	} else {
		for _, s := range d.p.clusters[m.cluster].levels[m.level].seats {
			h := s.post.at(m.date)
			if h < 0 || d.inDoc[h] {
				continue
			}
			d.inDoc[h] = true
			d.parts = append(d.parts, &participant{person: h, group: s.group, side: s.side, coChair: s.coChair,
				org: s.post.org, title: s.post.fullTitle(), sub: -1, party: d.p.pop.people[h].Party, post: s.post})
			pt := d.parts[len(d.parts)-1]
			if dep := s.post.deputyAt(m.date); dep >= 0 {
				pt.subTtl = s.post.deputyTitle
				pt.sub = dep // candidate; kept only if the holder is away
			}
		}
	}
	for _, pt := range d.parts {
		cand := pt.sub
		pt.sub = -1
		pPresent := 0.86
		if pt.coChair != "" || pt.role == "chair" {
			pPresent = 0.96
		}
		x := float64(d.r.next()>>11) / (1 << 53)
		switch {
		case x < pPresent:
			pt.status = minutes.StatusPresent
		case x < pPresent+0.04 && pt.group == groupMember && (d.m.layout == layoutHeaderLine || d.m.layout == layoutDeltagerliste):
			pt.status = minutes.StatusAbsent
		default:
			pt.status = minutes.StatusSentApologies
			if cand >= 0 && !d.inDoc[cand] && d.r.chance(0.5) {
				pt.sub = cand
				d.inDoc[cand] = true
			}
		}
	}
}

// reach collects the short forms and first names of everyone the document
// may name, so that variants stay unambiguous.
func (d *doc) reach() {
	var ids []int
	for _, pt := range d.parts {
		ids = append(ids, pt.person)
		if pt.sub >= 0 {
			ids = append(ids, pt.sub)
		}
	}
	ids = append(ids, d.p.clusters[d.m.cluster].staff...)
	for _, s := range d.m.creates {
		for _, sm := range s.members {
			ids = append(ids, sm.person)
		}
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		n := d.p.pop.people[id].name
		d.firstSeen[n.First]++
		for _, k := range []int{variantDropMiddle, variantMiddleInitial, variantHyphen} {
			if v := variant(d.r, n, n.full(), k); v != "" {
				if o, ok := d.shortOwner[v]; ok && o != id {
					d.shortOwner[v] = -1
				} else {
					d.shortOwner[v] = id
				}
			}
		}
	}
}

// bodyName is what the meeting's body is called; level is the key's level.
func (d *doc) bodyNames() (body, level string) {
	if d.m.level < 0 {
		return d.m.sub.name, "other"
	}
	lb := d.p.clusters[d.m.cluster].levels[d.m.level]
	return lb.name, lb.level
}

func (d *doc) header() {
	body, level := d.bodyNames()
	d.body = body
	printed := body
	if d.m.level == 0 && d.r.chance(0.3) {
		printed = d.c.name
	}
	d.para("REFERAT " + printed + " d. " + dmy(d.m.date))
	d.para("Mødedato " + weekdayDate(d.m.date) + " kl. " + clock(d.m.start, false))
	d.para("Mødested " + d.m.location)
	meet := minutes.Meeting{Body: body, Cluster: strp(d.c.name), Level: level, Date: strp(d.isoDate),
		Time: strp(clock(d.m.start, false)), Location: strp(d.m.location), Pos: pos(1)}
	d.key.Meetings = append(d.key.Meetings, meet)
	d.locationOrgs(d.m.location)
	if d.m.layout == layoutHeaderLine || d.m.layout == layoutDeltagerliste {
		d.headerLine()
	}
}

// locationOrgs records an organisation named in a location.
func (d *doc) locationOrgs(loc string) {
	if strings.HasSuffix(loc, ", "+d.c.hospital) {
		d.org(d.c.hospital)
	}
}

// headerLine prints "Mødedeltagere Name, V, Name, X Kommune, ... (Fravær)".
func (d *doc) headerLine() {
	var parts []string
	line := len(d.lines) + 1
	typoP := 0.0
	if d.m.layout == layoutDeltagerliste {
		typoP = 0.06 // the item-1 list has the canonical form
	}
	for _, pt := range d.parts {
		if pt.group != groupMember {
			continue
		}
		var nm string
		if typoP > 0 {
			nm = d.sayVariant(pt.person, line, typoP, false)
		} else {
			nm = d.name(pt.person, line)
		}
		s := nm + ", " + d.headerOrg(pt, pt.person)
		if pt.status != minutes.StatusPresent {
			s += " (Fravær)"
		}
		parts = append(parts, s)
		if pt.sub >= 0 {
			parts = append(parts, d.name(pt.sub, line)+", "+d.headerOrg(pt, pt.sub))
		}
		if pt.status != minutes.StatusPresent {
			a := nm
			if pt.party == "" {
				a += ", " + pt.org
			}
			d.absentees = append(d.absentees, a)
		}
	}
	d.para("Mødedeltagere " + strings.Join(parts, ", "))
	// Key: everyone in the header line.
	for _, pt := range d.parts {
		if pt.group != groupMember {
			continue
		}
		d.headerFacts(pt, pt.person, line)
		if pt.sub >= 0 {
			d.headerFacts(pt, pt.sub, line)
		}
	}
}

// headerOrg is what follows a name in the header line: the party letter of
// a regional councillor, else the organisation.
func (d *doc) headerOrg(pt *participant, id int) string {
	if p := d.p.pop.people[id].Party; p != "" && pt.side == sideRegion && d.m.level == 0 {
		return p
	}
	return pt.org
}

// headerFacts records the key facts of one header-line entry. In the
// Deltagerliste layout the item-1 list adds organisations and titles.
func (d *doc) headerFacts(pt *participant, id int, line int) {
	d.ent(id, line)
	hdr := d.headerOrg(pt, id)
	isSub := id != pt.person
	if hdr == pt.org {
		d.setOrg(id, pt.org)
	} else {
		d.setParty(id, hdr)
	}
	if d.m.layout == layoutDeltagerliste {
		return // memberships and attendance come from the item-1 list
	}
	onBehalf := ""
	if hdr == pt.org {
		onBehalf = pt.org
	}
	switch {
	case isSub:
		d.member(id, d.body, minutes.RoleSubstitute, onBehalf, line, "")
	case d.m.level < 0 && pt.role == "chair":
		d.member(id, d.body, minutes.RoleMember, onBehalf, line, "")
	default:
		d.member(id, d.body, minutes.RoleMember, onBehalf, line, "")
	}
}

// toc prints the table of contents.
func (d *doc) toc(items []*itemPlan) {
	d.para("Indholdsfortegnelse")
	page := 3
	for _, it := range items {
		t := it.title
		if r := []rune(t); len(r) > 95 {
			t = string(r[:95])
		} else {
			t += "....."
		}
		d.add(t + "\t" + strconv.Itoa(page))
		page += d.r.between(1, 3)
	}
	d.add("")
}
