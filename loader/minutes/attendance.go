package minutes

import (
	"regexp"
	"strings"
)

// Attendance and memberships: the mentions of participants.go, the
// welcome and presenter sentences and the roles named in running text are
// combined per person into the document's people, memberships and
// attendance.
//
// Rules (those of corpus/expected/README.md):
//   - listed in a participant overview and not under Afbud/Fravær: present;
//   - "(Fravær)" or "Fraværende" under every item, without Afbud: absent;
//   - under Afbud: sent_apologies;
//   - "X deltog i stedet for Y", "(Deltager på mødet, grundet afbud fra Y)":
//     X substitute for Y, Y sent_apologies;
//   - when the document has a one-line header list, a member listed only in
//     the grouped member list and not in the header has no attendance;
//   - without any list, only what the text says: apologies, substitutes,
//     who gives the welcome or is welcomed, who presents or speaks in a
//     decision. Someone only announced as a presenter gets nothing.

var (
	atWelcomeBy    = regexp.MustCompile(`(?i)^velkomst\s+(?:v\.|v/|ved)\s*(.+?)\s*$`)
	atWelcomeTo    = regexp.MustCompile(`(?i)velkomst\s+til\s+(.+?)(?:,\s*([^,]+?))?(?:,\s*som\b|\s+som\b|[.]|$)`)
	atVisit        = regexp.MustCompile(`(?i)^(?:besøg\s+(?:af|fra)|oplæg\s+(?:fra|ved|af))\s+(.+?)(?:,\s*kl\..*)?$`)
	atCoordinator  = withFoldLits(regexp.MustCompile(`(?i)\btovholder\s+for\s+(ad hoc gruppen|[\p{L}]*gruppen|styregruppen|arbejdsgruppen|projektet|indsatsen)\b`), "tovholder")
	atChairs       = withFoldLits(regexp.MustCompile(`(?i)\bformand(?:s)?skabet\s+for\s+(ad hoc gruppen|[\p{L}]*gruppen|[\p{L}]*udvalget)\s+(.+?)\s+(?:indstiller|indstillede|har|er|foreslår)\b`), "formand")
	atAdHocName    = regexp.MustCompile(`(?i)\bad hoc gruppen\s+'([^']+)'`)
	atDecisionHead = regexp.MustCompile(`(?i)^beslutning\b`)
	atAnd          = regexp.MustCompile(`\s+og\s+`)
	atWord         = regexp.MustCompile(`\p{L}[\p{L}-]*`)
)

// people assembles persons from all sources of a document.
type peopleBuilder struct {
	t       *text
	items   []itemSpan
	c       *docContext
	reg     registry
	header  bool // the document has a one-line header list
	extraMs []Membership
	orgs    []Organisation
}

func (b *peopleBuilder) apply(m mention) {
	if m.org == "" && len(m.titles) > 0 && (m.src == srcList && (m.groupRole == RolePatientRep && m.role == "" || m.role == RolePatientRep) || patientTitle(m.titles)) {
		// "Name, SIND" under a patient heading: what follows the name is the
		// patient organisation, whatever its name looks like.
		if o := m.titles[len(m.titles)-1]; startsUpper(o) && !isTitleWord(o) {
			m.org, m.titles = o, m.titles[:len(m.titles)-1]
			b.orgs = append(b.orgs, Organisation{Name: o, Kind: OrgPatientOrg, Pos: b.t.pos(m.line, m.line)})
		}
	}
	p := b.reg.addEntry(m.name, m.src, b.t.pos(m.line, m.line))
	for _, ti := range m.titles {
		p.addTitle(ti)
	}
	if m.org != "" && (p.org == "" || m.src == srcList) {
		if p.org == "" || m.src > srcHeader {
			p.org = m.org
		}
		b.orgs = append(b.orgs, Organisation{Name: m.org, Kind: orgKind(m.org), Pos: b.t.pos(m.line, m.line)})
	}
	if m.groupOrg != "" {
		if p.org == "" {
			p.org = m.groupOrg
		}
		b.orgs = append(b.orgs, Organisation{Name: m.groupOrg, Kind: orgKind(m.groupOrg), Pos: b.t.pos(m.line, m.line)})
	}
	if m.party != "" && m.src == srcHeader {
		p.party = m.party
	}
	if m.note != "" && p.note == "" {
		p.note = m.note
	}
	switch m.src {
	case srcList:
		p.listed = true
		p.inList = true
		p.memberList = p.memberList || m.memberList
		role := m.groupRole
		if m.role != "" {
			role = m.role
		}
		if p.role == "" || p.role == RoleMember || m.role != "" {
			p.role = role
		}
		if m.groupOrg != "" {
			p.onBehalfOf = m.groupOrg
		} else if m.org != "" && p.onBehalfOf == "" {
			p.onBehalfOf = m.org
		}
	case srcHeader:
		p.listed = true
		p.inHeader = true
		if m.role != "" {
			p.role = m.role
		} else if p.role == "" {
			p.role = RoleMember
		}
		if p.onBehalfOf == "" && m.org != "" {
			p.onBehalfOf = m.org
		}
	default:
		if m.role != "" && p.role == "" {
			p.role = m.role
		}
		if p.onBehalfOf == "" && m.org != "" && m.status != StatusSubstitute {
			p.onBehalfOf = m.org
		}
	}
	if m.afbudList {
		p.afbudList = true
	}
	if m.items != "" {
		p.items = m.items
	}
	if m.absentItem {
		p.absentIn++
		return
	}
	if rank(m.status) > rank(p.status) {
		p.status = m.status
		p.statusPos = b.t.pos(m.line, m.line)
		if m.note != "" {
			p.note = m.note
		}
	}
	if m.status == StatusSubstitute && m.subFor != "" {
		q := b.reg.addEntry(m.subFor, srcAfbud, b.t.pos(m.line, m.line))
		if q != p {
			p.subFor = q
			q.subBy = p
		}
	}
}

// rank orders attendance statuses: a stronger statement wins.
func rank(s string) int {
	switch s {
	case StatusPresent:
		return 1
	case StatusAbsent:
		return 2
	case StatusSubstitute:
		return 3
	case StatusSentApologies:
		return 4
	}
	return 0
}

// decisionLines reports, per line, whether it lies in a decision section
// ("Beslutning ..." to the end of its item).
func decisionLines(t *text, items []itemSpan) map[int]bool {
	in := map[int]bool{}
	for _, it := range items {
		on := false
		for n := it.start + 1; n <= it.end; n++ {
			if atDecisionHead.MatchString(t.line(n)) {
				on = true
				continue
			}
			if on {
				in[n] = true
			}
		}
	}
	return in
}

// itemIndex maps each line to the item containing it.
type itemIndex struct {
	items []itemSpan
	of    []int // line n → index into items, -1 outside items
}

func newItemIndex(nLines int, items []itemSpan) itemIndex {
	ix := itemIndex{items: items, of: make([]int, nLines+2)}
	for i := range ix.of {
		ix.of[i] = -1
	}
	for i, it := range items {
		for n := max(it.start, 0); n <= it.end && n < len(ix.of); n++ {
			ix.of[n] = i
		}
	}
	return ix
}

// itemOf returns the item containing line n, or nil.
func (ix itemIndex) itemOf(n int) *itemSpan {
	if n < 0 || n >= len(ix.of) || ix.of[n] < 0 {
		return nil
	}
	return &ix.items[ix.of[n]]
}

// prose reads people from running text: the welcome, presenters and
// speakers, people introduced with a title or organisation, coordinators
// and chairs of named groups.
func (b *peopleBuilder) prose(skip []span) {
	t := b.t
	dec := decisionLines(t, b.items)
	index := newItemIndex(len(t.lines), b.items)
	first := len(t.lines) + 1
	if len(b.items) > 0 {
		first = b.items[0].start
	}
	skipBilag := map[int]bool{}
	for _, it := range b.items {
		on := false
		for n := it.start + 1; n <= it.end; n++ {
			s := t.line(n)
			if strings.EqualFold(strings.TrimRight(s, ": "), "bilag") {
				on = true
				continue
			}
			if on && (atDecisionHead.MatchString(s) || isAbsentLine(s)) {
				on = false
			}
			skipBilag[n] = on
		}
	}
	for n := first; n <= len(t.lines); n++ {
		if inSpans(n, skip) || skipBilag[n] {
			continue
		}
		s := t.line(n)
		if s == "" || isAbsentLine(s) || isAfbudLine(s) || isSubstituteLine(s) {
			continue
		}
		it := index.itemOf(n)
		if it != nil && n == it.start {
			s = it.title
			if m := atWelcomeBy.FindStringSubmatch(s); m != nil {
				if _, name, ok := splitTitleName(trimName(m[1])); ok {
					p := b.reg.add(name, srcProse, t.pos(n, n))
					b.present(p, n, "gives the welcome")
					if p.role == "" {
						p.role = RoleMember
					}
				}
				continue
			}
		}
		if m := atWelcomeTo.FindStringSubmatch(s); m != nil {
			if _, name, ok := splitTitleName(trimName(m[1])); ok {
				p := b.reg.add(name, srcProse, t.pos(n, n))
				b.present(p, n, "welcomed")
				if p.role == "" {
					p.role = RoleMember
					if o := normaliseOrg(m[2]); isOrgName(o) && p.onBehalfOf == "" {
						p.onBehalfOf = o
					}
				}
				if o := normaliseOrg(m[2]); isOrgName(o) && p.org == "" {
					p.org = o
				}
			}
		}
		b.roleSentences(n, s, it)
		for _, pn := range findProseNames(s) {
			p := b.reg.resolve(pn.name)
			if p == nil {
				// "Connie Hollm præsenterede sagen": a one-letter slip in
				// the name of one listed person.
				if q := b.reg.resolveListed(pn.name, 4); q != nil {
					q.addAlias(pn.name)
					p = q
				}
			}
			if p == nil && !pn.cue {
				continue
			}
			p = b.reg.add(pn.name, srcProse, t.pos(n, n))
			if pn.titleBefore != "" {
				title, org := splitTitleOrg(pn.titleBefore)
				if title != "" && !p.listed {
					p.addTitle(title)
				}
				if org != "" && p.org == "" {
					p.org = org
				}
			}
			if pn.after != "" {
				title, org := splitTitleOrg(pn.after)
				if org != "" && p.org == "" {
					p.org = org
				}
				if title != "" && !p.listed {
					p.addTitle(title)
				}
			}
			if dec[n] && presentVerbs[pn.verb] {
				b.present(p, n, "spoke or presented in a decision ('"+pn.verb+"')")
				if it != nil && n > it.start {
					if vm := atVisit.FindStringSubmatch(it.title); vm != nil && !p.listed && p.role == "" {
						p.role = RoleGuest
						p.onBehalfOf = strings.TrimSpace(vm[1])
					}
				}
			}
		}
	}
}

// firstNames records a first name used alone in running text ("Agnete
// informerede ...") as an alias of the one person of the document with
// that first name; names shared by two people, short names and first
// names followed by another name word are left alone.
func (b *peopleBuilder) firstNames(skip []span) {
	byFirst := map[string][]*person{}
	for _, p := range b.reg.people {
		ws := strings.Fields(p.name)
		byFirst[ws[0]] = append(byFirst[ws[0]], p)
	}
	first := len(b.t.lines) + 1
	if len(b.items) > 0 {
		first = b.items[0].start
	}
	for n := first; n <= len(b.t.lines); n++ {
		if inSpans(n, skip) {
			continue
		}
		s := b.t.line(n)
		for _, ix := range atWord.FindAllStringIndex(s, -1) {
			w := s[ix[0]:ix[1]]
			ps := byFirst[w]
			if len(ps) != 1 || len([]rune(w)) < 3 {
				continue
			}
			rest := s[ix[1]:]
			nm := atWord.FindStringIndex(rest)
			if nm == nil || nm[0] != 1 || rest[0] != ' ' {
				continue
			}
			next := rest[nm[0]:nm[1]]
			if isNameWord(next) || isInitial(next+".") && strings.HasPrefix(rest[nm[1]:], ".") || strings.ToLower(next) != next {
				continue
			}
			if ix[0] > 0 && s[ix[0]-1] == '_' {
				continue
			}
			ps[0].addAlias(w)
		}
	}
}

// present records that p attended, unless a source already said how.
func (b *peopleBuilder) present(p *person, n int, note string) {
	if p.status != "" {
		return
	}
	p.status = StatusPresent
	p.statusPos = b.t.pos(n, n)
	p.note = note
}

// roleSentences reads "tovholder for ad hoc gruppen ..., Name" and
// "Formandskabet for arbejdsgruppen A, Org og B, Org indstiller".
func (b *peopleBuilder) roleSentences(n int, s string, it *itemSpan) {
	if m := atCoordinator.FindStringSubmatchIndex(s); m != nil {
		ref := s[m[2]:m[3]]
		rest := s[m[1]:]
		if e := strings.Index(rest, "."); e >= 0 && e > 80 {
			rest = rest[:e]
		}
		for _, pn := range findProseNames(rest) {
			if pn.start > 80 {
				break
			}
			p := b.reg.add(pn.name, srcProse, b.t.pos(n, n))
			if title := strings.Trim(strings.TrimSpace(rest[:pn.start]), ", "); title != "" && !p.listed {
				p.addTitle(title)
			}
			b.extraMs = append(b.extraMs, Membership{Person: p.name, Body: b.groupName(ref, it), Role: RoleCoordinator, Pos: b.t.pos(n, n)})
			break
		}
	}
	if m := atChairs.FindStringSubmatch(s); m != nil {
		body := b.groupName(m[1], it)
		for _, part := range atAnd.Split(m[2], -1) {
			segs := strings.Split(part, ",")
			_, name, ok := splitTitleName(strings.TrimSpace(segs[0]))
			if !ok {
				continue
			}
			p := b.reg.add(name, srcProse, b.t.pos(n, n))
			var on *string
			if len(segs) > 1 {
				if o := normaliseOrg(segs[1]); isOrgName(o) {
					on = &o
					if p.org == "" {
						p.org = o
					}
				}
			}
			b.extraMs = append(b.extraMs, Membership{Person: p.name, Body: body, Role: RoleCoChair, OnBehalfOf: on, Pos: b.t.pos(n, n)})
		}
	}
}

// groupName names the group a reference ("ad hoc gruppen",
// "arbejdsgruppen") points to: the group of that kind the item names.
func (b *peopleBuilder) groupName(ref string, it *itemSpan) string {
	from, to := 1, len(b.t.lines)
	if it != nil {
		from, to = it.start, it.end
	}
	l := strings.ToLower(ref)
	var re *regexp.Regexp // the group's name, compiled once (on the first line that needs it)
	for n := from; n <= to; n++ {
		s := b.t.line(n)
		if l == "ad hoc gruppen" {
			if m := atAdHocName.FindStringSubmatch(s); m != nil {
				return "Ad hoc gruppen '" + m[1] + "'"
			}
			continue
		}
		if re == nil {
			stem := strings.TrimSuffix(l, "en")
			re = regexp.MustCompile(`(?i)\b(den\s+(?:[\p{L}]+\s+)?` + regexp.QuoteMeta(stem) + `\s+for\s+[\p{L}]+)`)
		}
		if m := re.FindStringSubmatch(s); m != nil {
			return capitalise(m[1])
		}
	}
	return capitalise(ref)
}

// finish resolves roles of people known only from apologies and
// substitutes, and builds the records.
func (b *peopleBuilder) finish() ([]Person, []Membership, []Attendance) {
	nItems := len(b.items)
	for _, p := range b.reg.people {
		if p.status == "" && p.absentIn > 0 {
			p.status = StatusAbsent
		}
		if p.status == StatusPresent && nItems > 0 && p.absentIn >= nItems {
			p.status = StatusAbsent
		}
		if p.subBy != nil && p.status != StatusSentApologies {
			p.status = StatusSentApologies
		}
	}
	for _, p := range b.reg.people {
		if p.listed || p.role != "" {
			continue
		}
		switch {
		case p.status == StatusSubstitute:
			p.role = RoleSubstitute
		case p.status == StatusSentApologies || p.status == StatusAbsent:
			p.role = RoleMember
			if p.afbudList {
				// Someone a grouped list names only under AFBUD keeps the
				// role of their seat, which the title shows.
				p.role = seatRole(p.titles, p.org)
			}
			if s := p.subBy; s != nil && s.role != "" && s.role != RoleSubstitute {
				p.role = s.role
				if p.onBehalfOf == "" {
					p.onBehalfOf = s.onBehalfOf
				}
			}
		}
	}
	for _, p := range b.reg.people {
		// A substitute seated as a plain member sits as a substitute.
		if p.status == StatusSubstitute && p.role == RoleMember {
			p.role = RoleSubstitute
		}
	}
	var people []Person
	var ms []Membership
	var att []Attendance
	date := strPtr(b.c.meetingDate)
	for _, p := range b.reg.people {
		per := Person{Name: p.name, Aliases: append([]string{}, p.aliases...), Party: strPtr(p.party),
			Organisation: strPtr(p.org), Titles: append([]string{}, p.titles...), Pos: p.pos}
		people = append(people, per)
		if p.role != "" {
			ms = append(ms, Membership{Person: p.name, Body: b.c.body, Role: p.role, OnBehalfOf: strPtr(p.onBehalfOf), Note: p.note, Pos: p.pos})
		}
		if p.status == "" {
			continue
		}
		if b.header && p.memberList && !p.inHeader && p.status == StatusPresent && p.note == "" {
			continue // a member missing from the header list: attendance unknown
		}
		a := Attendance{Person: p.name, MeetingDate: date, Status: p.status, Note: p.note, Items: p.items, Pos: p.statusPos}
		if a.Pos.Line == 0 {
			a.Pos = p.pos
		}
		if p.subFor != nil {
			a.SubstituteFor = strPtr(p.subFor.name)
		}
		att = append(att, a)
	}
	for _, m := range b.extraMs {
		if p := b.reg.resolve(m.Person); p != nil {
			m.Person = p.name
		}
		ms = append(ms, m)
	}
	return people, ms, att
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// groupMembers records the members of groups set up in the items: a
// membership of the group with the role the line gives ("(formand)":
// chair, "(tovholder)": coordinator, else member), on behalf of the
// organisation the line names. They get no attendance: the list says who
// sits in the group, not who came to the meeting.
func (b *peopleBuilder) groupMembers(gms []groupMember) {
	for _, gm := range gms {
		p := b.reg.add(gm.name, srcProse, b.t.pos(gm.line, gm.line))
		for _, ti := range gm.titles {
			if !p.listed {
				p.addTitle(ti)
			}
		}
		if gm.org != "" {
			if p.org == "" {
				p.org = gm.org
			}
			b.orgs = append(b.orgs, Organisation{Name: gm.org, Kind: orgKind(gm.org), Pos: b.t.pos(gm.line, gm.line)})
		}
		role := gm.role
		switch role {
		case RoleChair, RoleCoChair, RoleCoordinator, RoleSecretariat, RoleObserver:
		default:
			role = RoleMember
		}
		b.extraMs = append(b.extraMs, Membership{Person: p.name, Body: gm.group, Role: role, OnBehalfOf: strPtr(gm.org), Pos: b.t.pos(gm.line, gm.line)})
	}
}

// seatRole is the role of a person known only from an apology or an
// absence, read from the title and organisation printed with the name:
// a committee chair ("Formand for Sundhedsudvalget", "Udvalgsformand"), a
// patient organisation's representative, a director or manager
// (administrative), a consultant or officer (secretariat); anyone else
// (councillor, mayor, GP) is a member.
func seatRole(titles []string, org string) string {
	if orgKind(org) == OrgPatientOrg || patientTitle(append(titles, "")) {
		return RolePatientRep
	}
	role := RoleMember
	for _, t := range titles {
		l := strings.ToLower(t)
		switch {
		case strings.Contains(l, "udvalgsformand") || strings.HasPrefix(l, "formand for") && strings.Contains(l, "udvalg"):
			return RoleCommitteeChair
		case strings.Contains(l, "direktør") || strings.HasSuffix(l, "chef") || strings.Contains(l, "leder"):
			role = RoleAdministrative
		case role == RoleMember && (strings.Contains(l, "konsulent") || strings.Contains(l, "fuldmægtig") || strings.Contains(l, "sekretær")):
			role = RoleSecretariat
		}
	}
	return role
}

// patientTitle reports a title such as "Patient- og pårørenderepræsentant".
func patientTitle(titles []string) bool {
	for _, t := range titles[:max(len(titles)-1, 0)] {
		if l := strings.ToLower(t); strings.Contains(l, "patient") || strings.Contains(l, "pårørende") {
			return true
		}
	}
	return false
}
