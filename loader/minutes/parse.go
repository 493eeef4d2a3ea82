package minutes

import (
	"regexp"
	"strings"
)

var (
	psTOCEntry      = regexp.MustCompile(`(?:\.{3,}|…)\s*\d+\s*$|\t\s*\d+\s*$`)
	psCommitteeMark = regexp.MustCompile(`^(?:Beslutningstema|Sagens indhold|Kompetence)\s*$`)
	psYear          = regexp.MustCompile(`\b(19|20)\d\d\b`)
)

// isTOCEntry reports a table-of-contents line ("Kommunikation.....\t9").
func isTOCEntry(s string) bool { return psTOCEntry.MatchString(s) }

// isCommitteeMark reports a section line of a municipal committee case
// ("Beslutningstema", "Sagens indhold", "Kompetence").
func isCommitteeMark(s string) bool { return psCommitteeMark.MatchString(s) }

// Parse reads normalised text (see Decode) into an Extraction. It is lax:
// text it does not understand is skipped. ParseLax also returns warnings
// about it.
func Parse(name, text string) (*Extraction, error) {
	x, _, err := ParseLax(name, text)
	return x, err
}

// ParseLax is Parse that also returns, as "file:line: message" warnings,
// what it skipped without understanding it (participant lines it could
// not read, a missing meeting date).
//
// It fails with an *Error of kind ErrNotMinutes when the text has neither
// the header, the items nor the sections of a committee case, and of kind
// ErrTruncated when the table of contents lists more items than the text
// has.
func ParseLax(name, text string) (*Extraction, []Warning, error) {
	var warns []Warning
	warn := func(n int, msg string) { warns = append(warns, Warning{File: name, Line: n, Msg: msg}) }
	t := newText(name, text)
	items := splitItems(t)
	first := 0
	if len(items) > 0 {
		first = items[0].start
	}
	h := parseHeader(t, first)
	kind := "minutes"
	committee := false
	for i := range t.lines {
		if isCommitteeMark(t.line(i + 1)) {
			committee = true
			break
		}
	}
	if !h.hasREF && committee {
		kind = "committee_case"
	}
	if kind == "minutes" && !h.hasREF && h.date == "" && len(items) == 0 {
		return nil, warns, newError(name, 1, ErrNotMinutes, "no REFERAT or Mødedato header, no \"Punkt N:\" items and no committee-case sections")
	}
	if err := checkTruncated(t, items); err != nil {
		return nil, warns, err
	}

	c := &docContext{name: name, kind: kind, meetingDate: h.date}
	if h.date != "" {
		c.year = atoiYear(h.date[:4])
	} else if m := psYear.FindString(text); m != "" {
		c.year = atoiYear(m)
	}
	if kind == "committee_case" {
		x := parseCommitteeCase(t, c)
		if x == nil {
			x = &Extraction{}
		}
		x.Document, x.Kind = name, kind
		x.Organisations = scanOrgs(t, nil, nil)
		fillEmpty(x)
		return x, warns, nil
	}

	sub := h.body != "" && isSubBodyHeading(h.body)
	c.cluster = clusterOf(h.body)
	if c.cluster == "" {
		for i := range t.lines {
			if c.cluster = clusterOf(t.lines[i]); c.cluster != "" {
				break
			}
		}
	}
	if sub {
		// The minutes of a group below the cluster's levels: the group is
		// the meeting's body.
		c.level = "other"
		c.body = hdrDashSpaces.ReplaceAllString(strings.TrimSpace(h.body), " - ")
	} else {
		c.level = levelOf(h.body)
		if c.level == "" {
			c.level = documentLevel(t)
		}
		c.body = meetingBody(t, h.body, c.cluster, c.level)
	}
	if h.date == "" {
		warn(max(h.pos.Line, 1), "meeting date not found")
	}

	x := &Extraction{Document: name, Kind: kind}
	level := c.level
	if level == "" {
		level = "other"
	}
	x.Meetings = []Meeting{{Body: c.body, Cluster: strPtr(c.cluster), Level: level, Date: strPtr(h.date),
		Time: strPtr(h.time), Location: strPtr(h.location), Pos: h.pos}}

	b := &peopleBuilder{t: t, items: items, c: c}
	spans := participantSpans(t, items)
	var listMs, headerMs []mention
	for _, sp := range spans {
		listMs = append(listMs, parseGroupedList(t, sp, warn)...)
	}
	end := len(t.lines)
	if first > 0 {
		end = first - 1
	}
	for n := 1; n <= end; n++ {
		if s := t.line(n); isHeaderListLine(s) {
			headerMs = append(headerMs, parseHeaderList(ptHeaderList.FindStringSubmatch(s)[1], n)...)
			b.header = true
		}
	}
	for _, ms := range [][]mention{listMs, headerMs, parseAfbud(t, spans), parseAbsentLines(t, items)} {
		for _, m := range ms {
			b.apply(m)
		}
	}
	b.groupMembers(parseGroupLists(t, items, spans))
	b.prose(spans)
	b.firstNames(spans)
	x.People, x.Memberships, x.Attendance = b.finish()
	x.Organisations = scanOrgs(t, dedupeOrgs(b.orgs), x.People)

	x.AgendaItems = parseItems(t, items, c)
	x.Bodies = parseBodies(t, items, c)
	x.Initiatives = parseInitiativesOf(t, items, c, x.Bodies)
	x.FutureMeetings = parseFutureMeetings(t, items, c)
	fillEmpty(x)
	return x, warns, nil
}

// checkTruncated compares the table of contents with the items: a
// document whose contents list more entries than it has items was cut off.
func checkTruncated(t *text, items []itemSpan) error {
	toc := 0
	inTOC := false
	for n := 1; n <= len(t.lines); n++ {
		s := t.line(n)
		if len(items) > 0 && n >= items[0].start {
			break
		}
		if strings.HasPrefix(s, "Indholdsfortegnelse") {
			inTOC = true
			continue
		}
		if inTOC && isTOCEntry(s) {
			toc++
		}
	}
	if toc > 0 && len(items) < toc {
		last := len(t.lines)
		for last > 1 && t.line(last) == "" {
			last--
		}
		return newError(t.name, last, ErrTruncated, "document ends after %d of the %d items its table of contents lists", len(items), toc)
	}
	return nil
}

func atoiYear(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func dedupeOrgs(in []Organisation) []Organisation {
	var out []Organisation
	seen := map[string]bool{}
	for _, o := range in {
		if o.Kind == "" || seen[fold(o.Name)] {
			continue
		}
		seen[fold(o.Name)] = true
		out = append(out, o)
	}
	return out
}

// fillEmpty makes every list non-nil, so the JSON has [] and not null.
func fillEmpty(x *Extraction) {
	if x.Meetings == nil {
		x.Meetings = []Meeting{}
	}
	if x.People == nil {
		x.People = []Person{}
	}
	if x.Memberships == nil {
		x.Memberships = []Membership{}
	}
	if x.Attendance == nil {
		x.Attendance = []Attendance{}
	}
	if x.AgendaItems == nil {
		x.AgendaItems = []AgendaItem{}
	}
	if x.Bodies == nil {
		x.Bodies = []Body{}
	}
	if x.Initiatives == nil {
		x.Initiatives = []Initiative{}
	}
	if x.Organisations == nil {
		x.Organisations = []Organisation{}
	}
	if x.FutureMeetings == nil {
		x.FutureMeetings = []FutureMeeting{}
	}
	if x.Notes == nil {
		x.Notes = []string{}
	}
	for i := range x.People {
		if x.People[i].Aliases == nil {
			x.People[i].Aliases = []string{}
		}
		if x.People[i].Titles == nil {
			x.People[i].Titles = []string{}
		}
	}
}
