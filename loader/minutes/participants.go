package minutes

import (
	"regexp"
	"strings"
)

// Participants: the one-line "Mødedeltagere" header, participant lists
// grouped under headings (in the header or as agenda item 1), "Afbud"
// blocks and lines, substitutes, "Fraværende" lines and "Alle var mødt,
// undtagen ..." sentences. Each source yields mentions; attendance.go
// combines them per person.

// mention is one statement about a person in a participant source.
type mention struct {
	name       string
	src        int
	line       int
	titles     []string
	org        string // organisation named on the line
	party      string
	role       string // from an annotation ("medformand", "sekretariat"); wins over the group's role
	groupRole  string // from the heading the line stands under
	groupOrg   string // organisation heading the line stands under
	status     string // present, absent, sent_apologies, substitute; "" unknown
	subFor     string // the person a substitute stands in for
	items      string // "2-4": took part in these items only
	memberList bool
	absentItem bool // a per-item "Fraværende" line
	afbudList  bool // under an AFBUD heading of a grouped list, with title and organisation
	note       string
}

var (
	ptHeaderList  = regexp.MustCompile(`^(?:Mødedeltagere|Deltagere|Til stede|Tilstede|Fremmødte)\s*:?\s+(\S.*)$`)
	ptListTitle   = regexp.MustCompile(`(?i)^(?:deltagerliste|mødedeltagere|deltagere|fremmødte|til stede|tilstede|deltagerkreds)\b`)
	ptParen       = regexp.MustCompile(`\(([^()]*)\)`)
	ptGrundet     = regexp.MustCompile(`(?i)(?:grundet|pga\.?|på grund af)\s+afbud\s+fra\s+(.+)$`)
	ptInsteadOf   = withLits(regexp.MustCompile(`^(.+?)\s+(?:deltog|deltager)\s+i\s+stedet\s+for\s+(.+?)\.?$`), "stedet")
	ptPartial     = regexp.MustCompile(`(?i)[.,]?\s*(?:deltog|deltager)\s+(?:kun\s+)?(?:under|i|til|ved)\s+punkt(?:erne)?\s+(\d+(?:\s*(?:-|–|,|og)\s*\d+)*)\.?\s*$`)
	ptTrailer     = regexp.MustCompile(`(?i)\s*[-–]\s*(mødeleder|afbud|fravær|fraværende)\s*\.?$`)
	ptParty       = regexp.MustCompile(`^(?:[A-ZÆØÅ]|SF|RV|DF|EL|LA|KF|DD|ALT)$`)
	ptBullet      = regexp.MustCompile(`^(?:[-–•*·]|\d+[.)])\s+`)
	ptAfbudLine   = regexp.MustCompile(`(?i)^afbud(?:\s+fra)?\s*:?\s*(.*)$`)
	ptAbsentLine  = regexp.MustCompile(`^Fraværende\s*:?\s*(.*)$`)
	ptAllExcept   = withFoldLits(regexp.MustCompile(`(?i)\balle\s+(?:var\s+)?(?:mødt|til stede|fremmødt|deltog)\s*,?\s*(?:undtagen|bortset fra|på nær)\s+(.+?)(?:[.;]|$)`), "alle")
	ptTown        = regexp.MustCompile(`^[\p{Lu}][\p{Ll}]+(?:-[\p{Lu}][\p{Ll}]+)*$`)
	ptCaseNumber  = regexp.MustCompile(`^\d{2}/\d+(?:-\d+)?$`)
	ptAndSplit    = regexp.MustCompile(`\s*,\s*|\s+og\s+|\s+samt\s+`)
	ptTitleStems  = []string{"direktør", "borgmester", "formand", "chef", "leder", "konsulent", "medlem", "læge", "fuldmægtig", "koordinator", "rådmand", "repræsentant", "sygeplejerske", "ph.d", "professor", "sekretær", "medarbejder", "specialist", "fysioterapeut", "jordemoder", "tovholder"}
	ptSectionWord = regexp.MustCompile(`(?i)^(?:resum[éèe]|sagsfremstilling|indstilling|bilag|beslutning\b.*|klimavurdering|baggrund|proces)\s*:?$`)
)

// isHeaderListLine reports the one-line participant header
// ("Mødedeltagere Name, V, Name, X Kommune, ...").
func isHeaderListLine(s string) bool {
	m := ptHeaderList.FindStringSubmatch(s)
	return m != nil && strings.Contains(m[1], ",") && !strings.Contains(m[1], "....")
}

// isListTitle reports a heading or item title that opens a participant
// list ("Deltagerliste", "Mødedeltagere").
func isListTitle(s string) bool {
	s = strings.TrimRight(s, " :")
	return ptListTitle.MatchString(s) && len(strings.Fields(s)) <= 4
}

// isAfbudLine reports an "Afbud:" heading or an inline "Afbud: A og B."
// line.
func isAfbudLine(s string) bool {
	m := ptAfbudLine.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(m[1])
	return rest == "" || strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(strings.ToLower(s), "afbud")), ":") || len(splitNames(rest)) > 0
}

// isAbsentLine reports a per-item "Fraværende Name, Org, ..." line.
func isAbsentLine(s string) bool { return ptAbsentLine.MatchString(s) }

// isSubstituteLine reports "X deltog i stedet for Y".
func isSubstituteLine(s string) bool {
	m := ptInsteadOf.FindStringSubmatch(stripBullet(s))
	return m != nil && looksLikeName(m[1]) && looksLikeName(trimName(m[2]))
}

// isParty reports a party letter of the header list (V, A, SF, ...).
func isParty(s string) bool { return ptParty.MatchString(strings.TrimSpace(s)) }

// isTitleWord reports a word that is or ends in a job title
// ("direktør", "Koncerndirektør", "Centerleder", "praktiserende læge").
func isTitleWord(w string) bool {
	l := strings.ToLower(strings.Trim(w, ",.;:()"))
	if l == "" {
		return false
	}
	for _, st := range ptTitleStems {
		if strings.HasSuffix(l, st) || (st == "ph.d" && strings.HasPrefix(l, "ph.d")) {
			return true
		}
	}
	return strings.HasPrefix(l, "cheflæge") || strings.HasPrefix(l, "overlæge")
}

// groupHeading is what a heading inside a participant list sets.
type groupHeading struct {
	role   string // role of the lines below ("" keeps the current one)
	org    string // organisation of the lines below
	afbud  bool   // the lines below sent apologies
	absent bool   // the lines below were absent
	reset  bool   // a new top-level group: forget the organisation
}

// classifyHeading recognises a heading of a grouped participant list.
func classifyHeading(s string) (groupHeading, bool) {
	s = strings.TrimSpace(strings.TrimRight(stripBullet(s), ":"))
	if s == "" || strings.Contains(s, ",") || len(strings.Fields(s)) > 9 || looksLikeName(s) {
		return groupHeading{}, false
	}
	l := strings.ToLower(s)
	switch {
	case l == "afbud" || l == "afbud fra" || l == "meldt afbud" || l == "fraværende med afbud":
		return groupHeading{afbud: true}, true
	case l == "fraværende" || l == "fravær" || l == "ikke til stede":
		return groupHeading{absent: true}, true
	case strings.Contains(l, "observatør"):
		return groupHeading{role: RoleObserver, reset: true}, true
	case strings.Contains(l, "udvalgsformænd") || strings.Contains(l, "udvalgsformand"):
		return groupHeading{role: RoleCommitteeChair, reset: true}, true
	case strings.Contains(l, "patient") || strings.Contains(l, "pårørende"):
		return groupHeading{role: RolePatientRep, reset: true}, true
	case strings.Contains(l, "sekretariat"):
		return groupHeading{role: RoleSecretariat, reset: true}, true
	case strings.Contains(l, "administrativ"):
		return groupHeading{role: RoleAdministrative, reset: true}, true
	case strings.HasPrefix(l, "gæst") || strings.Contains(l, " gæster"):
		return groupHeading{role: RoleGuest, reset: true}, true
	case strings.Contains(l, "koordinator"):
		return groupHeading{role: RoleCoordinator, reset: true}, true
	case strings.Contains(l, "medlemmer") || isListTitle(s):
		return groupHeading{role: RoleMember, reset: true}, true
	case isOrgName(normaliseOrg(s)):
		return groupHeading{org: normaliseOrg(s)}, true
	case strings.Contains(l, "almen praksis") || strings.Contains(l, "plo") || strings.Contains(l, "praktiserende læger"):
		org := "Almen praksis"
		if strings.Contains(s, "PLO") {
			org = "PLO"
		}
		return groupHeading{org: org}, true
	case strings.Contains(l, "deltagere") || strings.Contains(l, "repræsentanter") || l == "kommuner" || l == "regionen":
		return groupHeading{org: ""}, true
	case isOrgName(normaliseOrg(s)):
		return groupHeading{org: normaliseOrg(s)}, true
	case strings.ToUpper(s) == s && strings.ToLower(s) != s:
		return groupHeading{}, true
	}
	return groupHeading{}, false
}

func stripBullet(s string) string {
	return strings.TrimSpace(ptBullet.ReplaceAllString(strings.TrimSpace(s), ""))
}

// trimName removes trailing punctuation and a trailing ", org" from a name.
func trimName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ","); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.TrimRight(s, ".;: "))
}

// splitNames splits "A og B." / "A, B og C" into names; nil unless every
// part is a name.
func splitNames(s string) []string {
	s = strings.TrimSpace(strings.TrimRight(s, ". "))
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range ptAndSplit.Split(s, -1) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !looksLikeName(p) {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// splitTitleName splits "Borgmester Jesper Greth" into title and name; ok
// when s ends in a name and what precedes it is title words.
func splitTitleName(s string) (title, name string, ok bool) {
	s = strings.TrimSpace(s)
	if looksLikeName(s) {
		return "", s, true
	}
	ws := strings.Fields(s)
	for k := 1; k < len(ws)-1; k++ {
		if looksLikeName(strings.Join(ws[k:], " ")) {
			pre := ws[:k]
			if isTitleWord(pre[0]) || isTitleWord(pre[len(pre)-1]) {
				return strings.Join(pre, " "), strings.Join(ws[k:], " "), true
			}
			return "", "", false
		}
	}
	return "", "", false
}

// splitTitleOrg splits "Borgmester Mariagerfjord Kommune" into title and
// organisation; a segment that is an organisation has no title.
func splitTitleOrg(seg string) (title, org string) {
	seg = strings.TrimSpace(seg)
	if isOrgName(normaliseOrg(seg)) && startsUpper(seg) {
		return "", normaliseOrg(seg)
	}
	ws := strings.Fields(seg)
	for k := 1; k < len(ws); k++ {
		rest := normaliseOrg(strings.Join(ws[k:], " "))
		if startsUpper(rest) && isOrgName(rest) {
			return strings.Join(ws[:k], " "), rest
		}
	}
	return seg, ""
}

// annotate reads a parenthesised or trailing annotation into m.
func annotate(m *mention, a string) {
	a = strings.TrimSpace(a)
	l := strings.ToLower(a)
	switch {
	case ptGrundet.MatchString(a):
		m.status = StatusSubstitute
		m.subFor = trimName(ptGrundet.FindStringSubmatch(a)[1])
	case strings.HasPrefix(l, "stedfortræder for ") || strings.HasPrefix(l, "suppleant for ") || strings.HasPrefix(l, "i stedet for "):
		m.status = StatusSubstitute
		m.subFor = trimName(a[strings.LastIndex(l, " for ")+5:])
	case strings.Contains(l, "afbud"):
		m.status = StatusSentApologies
	case strings.HasPrefix(l, "fravær"):
		if m.status == "" || m.status == StatusPresent {
			m.status = StatusAbsent
		}
	case strings.Contains(l, "næstformand"):
		m.titles = append(m.titles, "Næstformand")
	case strings.Contains(l, "medformand"):
		m.role = RoleCoChair
	case l == "formand" || strings.HasSuffix(l, " formand"):
		m.role = RoleChair
	case strings.Contains(l, "sekretariat"):
		m.role = RoleSecretariat
	case strings.Contains(l, "observatør"):
		m.role = RoleObserver
	case strings.HasPrefix(l, "gæst"):
		m.role = RoleGuest
	case strings.Contains(l, "mødeleder"):
		m.note = "meeting leader (mødeleder)"
	case strings.Contains(l, "tovholder") || strings.Contains(l, "koordinator"):
		m.role = RoleCoordinator
	}
}

// parseParticipantLine reads one participant: "Name, Title, Org (note)",
// "Title Name, org", "Name (regional medformand)", "X deltog i stedet for
// Y", "Name, title. Deltog under punkt 2-4". ok is false when the line
// names no person.
func parseParticipantLine(s string) (mention, bool) {
	var m mention
	s = stripBullet(s)
	if sm := ptInsteadOf.FindStringSubmatch(s); sm != nil {
		if title, name, ok := splitTitleName(trimName(sm[1])); ok {
			m.name = name
			if title != "" {
				m.titles = append(m.titles, capitalise(title))
			}
			m.status = StatusSubstitute
			m.subFor = trimName(sm[2])
			if i := strings.Index(sm[1], ","); i >= 0 {
				for _, seg := range strings.Split(sm[1][i+1:], ",") {
					if t, o := splitTitleOrg(seg); o != "" {
						m.org = o
						if t != "" {
							m.titles = append(m.titles, capitalise(t))
						}
					} else if t != "" {
						m.titles = append(m.titles, capitalise(t))
					}
				}
			}
			return m, true
		}
	}
	if pm := ptPartial.FindStringSubmatch(s); pm != nil {
		m.items = strings.Join(strings.Fields(strings.ReplaceAll(pm[1], "–", "-")), "")
		s = strings.TrimSpace(s[:len(s)-len(pm[0])])
	}
	for {
		pm := ptParen.FindStringSubmatchIndex(s)
		if pm == nil {
			break
		}
		annotate(&m, s[pm[2]:pm[3]])
		s = strings.TrimSpace(s[:pm[0]] + " " + s[pm[1]:])
	}
	for {
		tm := ptTrailer.FindStringSubmatchIndex(s)
		if tm == nil {
			break
		}
		annotate(&m, s[tm[2]:tm[3]])
		s = strings.TrimSpace(s[:tm[0]])
	}
	s = strings.TrimSpace(strings.TrimRight(s, ".;: "))
	segs := strings.Split(s, ",")
	at := -1
	for i, seg := range segs {
		title, name, ok := splitTitleName(seg)
		if !ok {
			continue
		}
		at = i
		m.name = name
		for _, t := range segs[:i] {
			if t = strings.TrimSpace(t); t != "" {
				m.titles = append(m.titles, capitalise(t))
			}
		}
		if title != "" {
			m.titles = append(m.titles, capitalise(title))
		}
		break
	}
	if at < 0 || at > 2 {
		return mention{}, false
	}
	for _, seg := range segs[at+1:] {
		seg = strings.TrimSpace(seg)
		switch {
		case seg == "":
		case isParty(seg):
			m.party = seg
		case m.org != "" && ptTown.MatchString(seg) && !isTitleWord(seg) && !isOrgName(seg):
			// "Aalborg Universitetshospital, Thisted": the unit's town.
			m.org += ", " + seg
		default:
			t, o := splitTitleOrg(seg)
			if o != "" {
				m.org = o
			}
			if t != "" {
				m.titles = append(m.titles, capitalise(t))
			}
		}
	}
	return m, true
}

// parseHeaderList reads the one-line list "Name, V, Name, X Kommune (Fravær),
// ...": a lone capital letter after a name is its party, an organisation
// its organisation, "(Fravær)" marks the person before it absent.
func parseHeaderList(rest string, line int) []mention {
	var out []mention
	for _, tok := range strings.Split(rest, ",") {
		tok = strings.TrimSpace(tok)
		var ann []string
		for {
			pm := ptParen.FindStringSubmatchIndex(tok)
			if pm == nil {
				break
			}
			ann = append(ann, tok[pm[2]:pm[3]])
			tok = strings.TrimSpace(tok[:pm[0]] + " " + tok[pm[1]:])
		}
		tok = strings.TrimRight(tok, ". ")
		var cur *mention
		switch {
		case tok == "":
			if len(out) > 0 {
				cur = &out[len(out)-1]
			}
		case isParty(tok):
			if len(out) > 0 {
				out[len(out)-1].party = tok
				cur = &out[len(out)-1]
			}
		default:
			if title, name, ok := splitTitleName(tok); ok {
				m := mention{name: name, src: srcHeader, line: line, status: StatusPresent}
				if title != "" {
					m.titles = append(m.titles, capitalise(title))
				}
				out = append(out, m)
				cur = &out[len(out)-1]
			} else if len(out) > 0 && out[len(out)-1].org != "" && ptTown.MatchString(tok) && !isTitleWord(tok) && !isOrgName(tok) {
				// "Name, Aalborg Universitetshospital, Thisted": the unit's town.
				cur = &out[len(out)-1]
				cur.org += ", " + tok
			} else if len(out) > 0 {
				cur = &out[len(out)-1]
				t, o := splitTitleOrg(tok)
				if o != "" {
					cur.org = o
				}
				if t != "" {
					cur.titles = append(cur.titles, capitalise(t))
				}
			}
		}
		if cur != nil {
			for _, a := range ann {
				annotate(cur, a)
			}
		}
	}
	return out
}

// participantSpans finds the grouped participant lists: an agenda item
// titled like "Deltagerliste"/"Mødedeltagere" (item 1 in Lillebælt and
// Nordjylland), or a standalone "Mødedeltagere"/"Deltagere:" line before
// the first item.
func participantSpans(t *text, items []itemSpan) []span {
	var out []span
	first := len(t.lines) + 1
	if len(items) > 0 {
		first = items[0].start
	}
	for n := 1; n < first; n++ {
		s := t.line(n)
		if isListTitle(s) && !isHeaderListLine(s) && !strings.Contains(s, "....") {
			end := n + 1
			for end < first && !strings.HasPrefix(t.line(end), "Indholdsfortegnelse") {
				end++
			}
			out = append(out, span{n + 1, end - 1})
			break
		}
	}
	for _, it := range items {
		if isListTitle(it.title) {
			out = append(out, span{it.start + 1, it.end})
		}
	}
	return out
}

// parseGroupedList reads a grouped participant list: headings set the role
// and organisation of the lines below them; "Afbud" headings turn the
// lines below into apologies.
func parseGroupedList(t *text, sp span, warn func(int, string)) []mention {
	var out []mention
	role, org := RoleMember, ""
	afbud, absent := false, false
	for n := sp.start; n <= sp.end; n++ {
		s := t.line(n)
		if s == "" || s == "-" || ptCaseNumber.MatchString(s) || isAbsentLine(s) {
			continue
		}
		if ptSectionWord.MatchString(s) {
			continue
		}
		if h, ok := classifyHeading(s); ok {
			afbud, absent = h.afbud, h.absent
			if h.afbud || h.absent {
				continue
			}
			if h.role != "" {
				role = h.role
			}
			if h.reset {
				org = ""
			}
			if h.org != "" || h.reset {
				org = h.org
			}
			continue
		}
		if am := ptAfbudLine.FindStringSubmatch(s); am != nil && strings.TrimSpace(am[1]) != "" {
			for _, name := range splitNames(am[1]) {
				out = append(out, mention{name: name, src: srcAfbud, line: n, status: StatusSentApologies})
			}
			continue
		}
		if afbud || absent {
			if names := splitNames(stripBullet(s)); len(names) > 1 {
				for _, name := range names {
					out = append(out, mention{name: name, src: srcAfbud, line: n, status: statusFor(afbud)})
				}
				continue
			}
			if m, ok := parseParticipantLine(s); ok {
				m.src, m.line = srcAfbud, n
				if m.status != StatusSubstitute {
					m.status = statusFor(afbud)
					m.afbudList = true
				} else {
					out = append(out, mention{name: m.subFor, src: srcAfbud, line: n, status: StatusSentApologies})
				}
				out = append(out, m)
				continue
			}
		}
		if strings.Count(s, ",") >= 3 && isHeaderListLine("Mødedeltagere "+s) {
			if ms := parseHeaderList(s, n); len(ms) > 1 {
				for _, m := range ms {
					m.src, m.groupRole, m.groupOrg = srcList, role, org
					out = append(out, m)
				}
				continue
			}
		}
		m, ok := parseParticipantLine(s)
		if !ok {
			if len(strings.Fields(s)) <= 8 {
				warn(n, "participant line not understood: "+Clip(s, 60))
			}
			continue
		}
		m.src, m.line = srcList, n
		m.groupRole, m.groupOrg = role, org
		m.memberList = role == RoleMember
		if m.status == "" {
			m.status = StatusPresent
		}
		if m.status == StatusSubstitute && m.subFor != "" {
			out = append(out, mention{name: m.subFor, src: srcAfbud, line: n, status: StatusSentApologies})
		}
		out = append(out, m)
	}
	return out
}

func statusFor(afbud bool) string {
	if afbud {
		return StatusSentApologies
	}
	return StatusAbsent
}

// inSpans reports whether line n is inside one of spans.
func inSpans(n int, spans []span) bool {
	for _, sp := range spans {
		if n >= sp.start && n <= sp.end {
			return true
		}
	}
	return false
}

// parseAfbud reads "Afbud" blocks and lines, substitute lines and "Alle
// var mødt, undtagen ..." sentences outside the grouped lists.
func parseAfbud(t *text, skip []span) []mention {
	var out []mention
	for n := 1; n <= len(t.lines); n++ {
		if inSpans(n, skip) {
			continue
		}
		s := t.line(n)
		if am := ptAllExcept.FindStringSubmatch(s); am != nil {
			status := StatusAbsent
			if strings.Contains(strings.ToLower(s), "afbud") {
				status = StatusSentApologies
			}
			for _, p := range ptAndSplit.Split(strings.TrimSpace(am[1]), -1) {
				if title, name, ok := splitTitleName(trimName(p)); ok {
					m := mention{name: name, src: srcAfbud, line: n, status: status, note: "'" + Clip(s, 80) + "'"}
					if title != "" {
						m.titles = []string{capitalise(title)}
					}
					out = append(out, m)
				}
			}
			continue
		}
		if isSubstituteLine(s) {
			m, _ := parseParticipantLine(s)
			m.src, m.line = srcAfbud, n
			out = append(out, m, mention{name: m.subFor, src: srcAfbud, line: n, status: StatusSentApologies})
			continue
		}
		am := ptAfbudLine.FindStringSubmatch(s)
		if am == nil {
			continue
		}
		rest := strings.TrimSpace(am[1])
		if rest != "" {
			for _, name := range splitNames(rest) {
				out = append(out, mention{name: name, src: srcAfbud, line: n, status: StatusSentApologies})
			}
			continue
		}
		// An "Afbud:" heading: the lines below, until one that names no one.
		for k := n + 1; k <= len(t.lines); k++ {
			l := t.line(k)
			if l == "" {
				continue
			}
			if isAbsentLine(l) || headingKindOf(l) {
				break // "Fraværende ..." and section headings end the block
			}
			if isSubstituteLine(l) {
				m, _ := parseParticipantLine(l)
				m.src, m.line = srcAfbud, k
				out = append(out, m, mention{name: m.subFor, src: srcAfbud, line: k, status: StatusSentApologies})
				n = k
				continue
			}
			if names := splitNames(stripBullet(l)); len(names) > 0 {
				for _, name := range names {
					out = append(out, mention{name: name, src: srcAfbud, line: k, status: StatusSentApologies})
				}
				n = k
				continue
			}
			if _, ok := classifyHeading(l); !ok && !itemHeading.MatchString(l) {
				if m, ok := parseParticipantLine(l); ok && len(strings.Fields(l)) <= 12 {
					m.src, m.line, m.status = srcAfbud, k, StatusSentApologies
					out = append(out, m)
					n = k
					continue
				}
			}
			break
		}
	}
	return out
}

// parseAbsentLines reads per-item "Fraväerende Name, Org, Name" lines.
func parseAbsentLines(t *text, items []itemSpan) []mention {
	var out []mention
	for n := 1; n <= len(t.lines); n++ {
		am := ptAbsentLine.FindStringSubmatch(t.line(n))
		if am == nil {
			continue
		}
		for _, p := range ptAndSplit.Split(am[1], -1) {
			p = strings.TrimSpace(strings.TrimRight(p, ". "))
			if title, name, ok := splitTitleName(p); ok {
				m := mention{name: name, src: srcAfbud, line: n, status: StatusAbsent, absentItem: true}
				if title != "" {
					m.titles = []string{capitalise(title)}
				}
				out = append(out, m)
			}
		}
	}
	return out
}

var (
	// ptGroupIntro opens the member list of a group an item sets up:
	// "Gruppen sammensættes af:", "Arbejdsgruppen består af følgende:",
	// "Medlemmer af styregruppen:", "Følgende udpeges til X:".
	ptGroupIntro = regexp.MustCompile(`(?i)(?:sammensættes|sammensat|består|bestå)\s+af|\bmedlemmer\s+(?:af|i)\b|\budpege[sr]?\b|\budpeget\b|følgende\s+(?:personer|medlemmer|deltagere)`)
	// ptGroupName is a named group in running text or a title:
	// "Implementeringsgruppen for data og opfølgning", "Ad hoc gruppen
	// 'Diabetes'", "Temaudvalget om sepsis", "Koordinationsforum for X".
	ptGroupName = regexp.MustCompile(`\b(?:[Aa]d[ -]hoc[ -]gruppe(?:n)?\s+(?:'[^']+'|‘[^’]+’|"[^"]+"|”[^”]+”|(?:for|om|vedr\.)\s+[^,.;:()]+)|\p{Lu}[\p{L}-]*(?:gruppe|udvalg|forum|råd)(?:n|en|et)?(?:\s+(?:for|om|vedr\.)\s+[^,.;:()]+)?)`)
)

// groupMember is one person in the member list of a group an item sets
// up.
type groupMember struct {
	mention
	group string
}

// groupName names the group an item sets up or speaks of, as printed:
// first in the line that opens the member list, then in the item's title,
// then in the item's text before the list.
func itemGroupName(t *text, it itemSpan, intro int) string {
	find := func(s string) string {
		for _, m := range ptGroupName.FindAllString(s, -1) {
			m = strings.TrimSpace(m)
			low := strings.ToLower(m)
			if genericGroupWords[low] || strings.HasPrefix(low, "sundhedsr") && !strings.Contains(low, " ") {
				continue
			}
			return m
		}
		return ""
	}
	if g := find(t.line(intro)); g != "" {
		return g
	}
	if g := find(stripTimeSuffix(it.title)); g != "" {
		return g
	}
	for n := it.start + 1; n < intro; n++ {
		if g := find(t.line(n)); g != "" {
			return g
		}
	}
	return ""
}

// genericGroupWords name a kind of group, not a group.
var genericGroupWords = map[string]bool{"gruppen": true, "gruppe": true, "arbejdsgruppen": true, "arbejdsgruppe": true,
	"styregruppen": true, "styregruppe": true, "udvalget": true, "forum": true, "styregruppen for": true}

// parseGroupLists reads the member lists of groups set up in the items
// ("Gruppen sammensættes af:" and a list of "Name, title, Org (formand)"
// lines): each person is a member of the group, not a participant of the
// meeting. Items that list the meeting's own participants are skipped.
func parseGroupLists(t *text, items []itemSpan, skip []span) []groupMember {
	var out []groupMember
	for _, it := range items {
		for n := it.start + 1; n <= it.end; n++ {
			s := t.line(n)
			if inSpans(n, skip) || !strings.HasSuffix(s, ":") || !ptGroupIntro.MatchString(s) {
				continue
			}
			group := itemGroupName(t, it, n)
			if group == "" {
				continue
			}
			k := n + 1
			for ; k <= it.end; k++ {
				l := t.line(k)
				if l == "" {
					continue
				}
				if headingKindOf(l) || itemHeading.MatchString(l) {
					break
				}
				m, ok := parseParticipantLine(l)
				if !ok || m.name == "" || m.status != "" {
					break
				}
				m.src, m.line = srcProse, k
				out = append(out, groupMember{mention: m, group: group})
			}
			n = k - 1
		}
	}
	return out
}

// headingKindOf reports a section heading of an item (Resumé,
// Sagsfremstilling, Indstilling, Beslutning, Bilag).
func headingKindOf(s string) bool {
	_, ok := headingKind(s)
	return ok || ptSectionWord.MatchString(s)
}
