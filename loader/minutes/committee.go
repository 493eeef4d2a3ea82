package minutes

import (
	"regexp"
	"strings"
)

// The municipal committee case layout (a committee's case about the health
// clusters): short broken lines, headings split over lines ("Sagens" /
// "indhold"), no participants, and "|"-separated tables whose rows are
// broken over lines too. The case reports on other bodies' meetings and
// carries funding tables with applied ("Ansøgt") and granted ("Tildelt")
// amounts.

// block is one logical line of the committee case: a paragraph of joined
// physical lines, or one table row split into cells.
type block struct {
	text  string
	cells []string // nil for prose
	span
}

// isTableLine reports whether a physical line belongs to a "|" table.
func isTableLine(line string) bool { return strings.Contains(line, "|") }

// isRowEnd reports whether a physical line ends a table row.
func isRowEnd(line string) bool { return strings.HasSuffix(strings.TrimSpace(line), "|") }

// caseHeadings are the committee case's section headings, as they read when
// their broken lines are joined.
var caseHeadings = map[string]bool{
	"kompetence": true, "beslutningstema": true, "indstilling": true, "sagens indhold": true,
	"baggrund": true, "retligt grundlag": true, "handlemuligheder": true, "vurdering": true,
	"økonomiske og personalemæssige konsekvenser": true, "tværgående konsekvenser": true,
	"sagens videre forløb": true, "beslutning": true, "bilag": true, "kommunikation": true,
}

// committeeBlocks groups the physical lines into prose lines (kept one per
// physical line, for headings) and table rows (joined until the line that
// ends the row).
func committeeBlocks(t *text) []block {
	var out []block
	var row []string
	rowStart := 0
	inTable := false
	var pending []int // physical lines that may open the next row
	flushPending := func() {
		for _, n := range pending {
			out = append(out, block{text: t.line(n), span: span{n, n}})
		}
		pending = nil
	}
	for n := 1; n <= len(t.lines); n++ {
		line := t.line(n)
		if line == "" {
			continue
		}
		switch {
		case len(row) > 0:
			row = append(row, line)
			if isRowEnd(line) {
				out = append(out, rowBlock(row, rowStart, n))
				row, inTable = nil, true
			}
		case isTableLine(line):
			rowStart = n
			if inTable && len(pending) > 0 {
				rowStart = pending[0]
				for _, p := range pending {
					row = append(row, t.line(p))
				}
				pending = nil
			}
			flushPending()
			row = append(row, line)
			if isRowEnd(line) {
				out = append(out, rowBlock(row, rowStart, n))
				row, inTable = nil, true
			}
		case inTable:
			pending = append(pending, n)
			if len(pending) > 3 {
				inTable = false
				flushPending()
			}
		default:
			out = append(out, block{text: line, span: span{n, n}})
		}
	}
	if len(row) > 0 {
		out = append(out, rowBlock(row, rowStart, len(t.lines)))
	}
	flushPending()
	return out
}

// isLevelHeading reports whether a (joined) line is a heading naming a
// cluster level: "Det politiske niveau", "Det operationelle niveau -
// temaudvalg".
func isLevelHeading(s string) bool {
	return len(s) < 60 && levelHeading.MatchString(s) && !strings.HasSuffix(s, ".")
}

// rowBlock joins a row's physical lines and splits it into trimmed cells
// (the empty cell after the final "|" is dropped).
func rowBlock(lines []string, from, to int) block {
	joined := strings.Join(lines, " ")
	parts := strings.Split(joined, "|")
	if len(parts) > 0 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	cells := make([]string, len(parts))
	for i, p := range parts {
		cells[i] = strings.Join(strings.Fields(p), " ")
	}
	return block{text: joined, cells: cells, span: span{from, to}}
}

// proseParagraphs joins consecutive prose blocks into paragraphs, cutting at
// headings (a heading may itself be broken over two lines).
type paragraph struct {
	heading string
	text    string
	span
}

func committeeParagraphs(blocks []block) []paragraph {
	var out []paragraph
	var cur paragraph
	heading := ""
	flush := func() {
		if strings.TrimSpace(cur.text) != "" {
			cur.heading = heading
			out = append(out, cur)
		}
		cur = paragraph{}
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.cells != nil {
			flush()
			continue
		}
		l := strings.ToLower(strings.TrimSuffix(b.text, ":"))
		if caseHeadings[l] || isLevelHeading(b.text) {
			flush()
			heading = l
			continue
		}
		if i+1 < len(blocks) && blocks[i+1].cells == nil {
			two := l + " " + strings.ToLower(strings.TrimSuffix(blocks[i+1].text, ":"))
			if caseHeadings[two] || isLevelHeading(b.text+" "+blocks[i+1].text) {
				flush()
				heading = two
				i++
				continue
			}
		}
		if cur.text == "" {
			cur.span = b.span
			cur.text = b.text
		} else {
			cur.text += " " + b.text
			cur.end = b.end
		}
		// A paragraph ends at a full stop at the end of a line.
		if strings.HasSuffix(b.text, ".") || strings.HasSuffix(b.text, ":") {
			flush()
		}
	}
	flush()
	return out
}

var (
	// reportedMeeting: "<Body> indstillede på møde den 18. april 2023",
	// "Den 8. maj 2023 godkendte Sundhedsudvalget".
	reportedBodyBefore = regexp.MustCompile(`((?:Det|Den)\s+[\p{L}\s-]+?niveau(?:\s+i\s+[\p{Lu}][\p{L}]*(?:\s+Klyngen)?)?|[\p{Lu}][\p{L}-]*(?:udvalget|udvalg|rådet|niveau|gruppen))\s+(?:\p{Ll}+\s+){0,2}(?:på\s+)?(?:sit\s+|et\s+)?møde`)
	reportedBodyAfter  = regexp.MustCompile(`^\s*,?\s*(?:godkendte|besluttede|vedtog|indstillede|drøftede|behandlede|tiltrådte)\s+([\p{Lu}][\p{L}-]*(?:udvalget|udvalg|rådet|niveau|gruppen))`)
	clusterName        = regexp.MustCompile(`\b([\p{Lu}][\p{L}]+ Klyngen|Klyngen [\p{Lu}][\p{L}./]+(?: [\p{Lu}]\.)?|Sundhedsklynge [\p{Lu}][\p{L}]+)`)
	municipalityName   = regexp.MustCompile(`\b([\p{Lu}][\p{L}-]+ Kommune)\b`)
	regionName         = regexp.MustCompile(`\b(Region [\p{Lu}][\p{L}]+)\b`)
)

// parseCommitteeCase parses a municipal committee case (no participants;
// meetings reported on; "|"-separated funding tables) into meetings, items,
// bodies and initiatives. Parse fills Document, Kind and Organisations.
func parseCommitteeCase(t *text, c *docContext) *Extraction {
	blocks := committeeBlocks(t)
	paras := committeeParagraphs(blocks)
	x := &Extraction{}
	committee := caseCommittee(paras, c)
	year := c.year
	home := mostFrequent(municipalityName, t)
	region := mostFrequent(regionName, t)

	// The committee's own meeting: the case does not date it.
	own := Meeting{Body: committee, Level: "other", Note: "the committee meeting that treats this case; not dated in the document", Pos: t.pos(1, 1)}
	x.Meetings = append(x.Meetings, own)
	for _, p := range paras {
		for _, d := range findDates(p.text, year) {
			if d.yearless {
				continue
			}
			body, cluster, level := "", "", "other"
			before := p.text[:d.start]
			if m := lastMatch(reportedBodyBefore, before); m != nil {
				body = strings.Join(strings.Fields(m[1]), " ")
			} else if m := reportedBodyAfter.FindStringSubmatch(p.text[d.end:]); m != nil {
				body = m[1]
			}
			if body == "" {
				continue
			}
			if m := clusterName.FindStringSubmatch(body); m != nil {
				cluster = m[1]
			}
			if politicalCue.MatchString(body) || strings.Contains(strings.ToLower(body), "politiske niveau") {
				level = "political"
			} else if strategicCue.MatchString(body) || strings.Contains(strings.ToLower(body), "strategiske niveau") {
				level = "professional_strategic"
			}
			iso := d.iso
			m := Meeting{Body: body, Level: level, Date: &iso, Pos: t.pos(p.start, p.end)}
			if cluster != "" {
				m.Cluster = &cluster
			}
			x.Meetings = append(x.Meetings, m)
		}
	}

	// The case itself is the one agenda item: its title is the decision
	// theme ("Beslutningstema").
	item := AgendaItem{Pos: t.pos(1, len(t.lines))}
	for _, p := range paras {
		switch p.heading {
		case "beslutningstema":
			if item.Title == "" {
				item.Title = strings.TrimSuffix(p.text, ".")
				item.Pos = t.pos(p.start, p.end)
			}
		case "indstilling":
			item.Proposal = joinText(item.Proposal, p.text)
		case "beslutning":
			item.DecisionSummary = joinText(item.DecisionSummary, p.text)
		}
	}
	if item.DecisionSummary != "" {
		item.Outcome = classifyOutcome(item.Title, item.Proposal, item.DecisionSummary, true)
	}
	if item.Title != "" {
		x.AgendaItems = append(x.AgendaItems, item)
	}

	x.Bodies, x.Initiatives = committeeFacts(t, blocks, paras, committee, home, region, year)
	return x
}

// caseCommittee is the committee that treats the case: the text under
// "Kompetence", else the document's body.
func caseCommittee(paras []paragraph, c *docContext) string {
	for _, p := range paras {
		if p.heading == "kompetence" {
			return strings.TrimSuffix(p.text, ".")
		}
	}
	return c.body
}

// mostFrequent returns the most frequent match of re's first group in t.
func mostFrequent(re *regexp.Regexp, t *text) string {
	counts := map[string]int{}
	best := ""
	for _, l := range t.lines {
		for _, m := range re.FindAllStringSubmatch(l, -1) {
			counts[m[1]]++
			if counts[m[1]] > counts[best] {
				best = m[1]
			}
		}
	}
	return best
}

// lastMatch returns the submatches of re's last match in s.
func lastMatch(re *regexp.Regexp, s string) []string {
	ms := re.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 {
		return nil
	}
	return ms[len(ms)-1]
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

var (
	levelHeading   = regexp.MustCompile(`(?i)^(Det\s+(?:politiske|faglige\s*-?\s*strategiske|operationelle)\s+niveau)(?:\s*-\s*[\p{L}]+)?$`)
	committeeWord  = regexp.MustCompile(`\b([\p{L}-]+udvalg(?:et)?)\b`)
	periodInPhrase = regexp.MustCompile(`\b(?:i|for)\s+((?:19|20)\d{2})(?:\s+og\s+((?:19|20)\d{2}))?\b`)
	amountBefore   = regexp.MustCompile(`((?:[\p{Lu}][\p{L}-]*\s+)?[\p{Lu}][\p{L}-]*s\s+andel(?:\s+af\s+midlerne)?)\s+(?:på|af)\s*$`)
	purposeAfter   = regexp.MustCompile(`^.{0,120}?\btil\s+((?:opstart|finansiering|udvikling|etablering|drift)\s+af\s+[^,.(]+)`)
	// genericCommittees are words for kinds of committee, not names.
	genericCommittees = map[string]bool{"udvalg": true, "udvalget": true, "temaudvalg": true, "temaudvalget": true, "med-udvalg": true}
)

// committeeFacts reads the case's bodies and initiatives: the cluster
// levels, named committees, the theme committees and initiatives of the
// first table, the applied and granted amounts of the funding table, the
// clusters of the distribution table, and amounts in the prose.
func committeeFacts(t *text, blocks []block, paras []paragraph, committee, home, region string, year int) ([]Body, []Initiative) {
	var bodies []Body
	var inits []Initiative
	bodyIdx := map[string]int{}
	addBody := func(b Body) {
		k := strings.ToLower(b.Name)
		if _, ok := bodyIdx[k]; ok {
			return
		}
		bodyIdx[k] = len(bodies)
		bodies = append(bodies, b)
	}
	initIdx := map[string]int{}
	addInit := func(in Initiative) *Initiative {
		k := normName(in.Name)
		if i, ok := initIdx[k]; ok {
			return &inits[i]
		}
		if in.Organisations == nil {
			in.Organisations = []string{}
		}
		initIdx[k] = len(inits)
		inits = append(inits, in)
		return &inits[len(inits)-1]
	}
	cluster := mostFrequent(clusterName, t)
	if committee != "" {
		b := Body{Name: committee, Kind: BodyOther, Pos: t.pos(1, 1)}
		if home != "" {
			b.Parent = refOf(home)
		}
		addBody(b)
	}
	// Committees named in the prose.
	forms := map[string]string{}
	var order []string
	for _, p := range paras {
		for _, m := range committeeWord.FindAllStringSubmatchIndex(p.text, -1) {
			w := p.text[m[2]:m[3]]
			lw := strings.ToLower(w)
			if genericCommittees[lw] || strings.EqualFold(w, committee) {
				continue
			}
			stem := strings.TrimSuffix(lw, "et")
			if _, ok := forms[stem]; !ok {
				order = append(order, stem)
				forms[stem] = upperFirst(w)
			}
			if w != strings.ToLower(w) && strings.HasSuffix(lw, "et") {
				forms[stem] = w // the printed definite form names the body
			}
		}
	}
	for _, stem := range order {
		addBody(Body{Name: forms[stem], Kind: BodyOther, Pos: t.pos(1, 1)})
	}
	// The cluster's levels, named by their headings.
	var operational string
	for _, p := range paras {
		m := levelHeading.FindStringSubmatch(p.heading)
		if m == nil || cluster == "" {
			continue
		}
		name := upperFirst(strings.Join(strings.Fields(strings.ReplaceAll(m[1], "-", " ")), " ")) + " i " + cluster
		b := Body{Name: name, Kind: BodyOther, Parent: refOf(cluster), Pos: t.pos(p.start, p.end)}
		addBody(b)
		if strings.Contains(name, "operationelle") {
			operational = name
		}
	}

	// Tables.
	var header []string
	for _, b := range blocks {
		if b.cells == nil {
			header = nil
			continue
		}
		if header == nil || isHeaderRow(b.cells) {
			header = b.cells
			continue
		}
		col := func(words ...string) int { return columnOf(header, words...) }
		cells := b.cells
		cell := func(i int) string {
			if i < 0 || i >= len(cells) {
				return ""
			}
			return cells[i]
		}
		if allEmpty(cells) {
			continue
		}
		switch {
		case col("ansøgt") >= 0 || col("tildelt") >= 0:
			// Funding table: Indsats | purpose | Ansøgt | Tildelt.
			name := cleanTableName(cell(0))
			if strings.EqualFold(name, "difference") || name == "" {
				continue
			}
			granted, okG := parseAmount(cell(col("tildelt")))
			applied, okA := parseAmount(cell(col("ansøgt")))
			owner := (*string)(nil)
			if strings.EqualFold(name, "i alt") {
				name = "Indsatser i " + cluster + " i alt (ansøgt/tildelt)"
				for _, bd := range bodies {
					if strings.HasPrefix(bd.Name, "Det politiske niveau") {
						owner = refOf(bd.Name)
					}
				}
			}
			in := addInit(Initiative{Name: name, Owner: owner, Pos: t.pos(b.start, b.end)})
			if okG {
				in.AmountDKK = &granted
			}
			if okA {
				in.AmountApplied = &applied
			}
		case col("temaudvalg", "udvalg", "gruppe") >= 0 && col("indsats", "projekt", "initiativ") >= 0:
			group := cell(col("temaudvalg", "udvalg", "gruppe"))
			resp := cell(col("ansvarlig"))
			name := cleanTableName(cell(col("indsats", "projekt", "initiativ")))
			if group != "" {
				bd := Body{Name: group, Kind: BodyThemeCommittee, Pos: t.pos(b.start, b.end)}
				if operational != "" {
					bd.Parent = refOf(operational)
				}
				addBody(bd)
			}
			if name != "" {
				in := addInit(Initiative{Name: name, Pos: t.pos(b.start, b.end)})
				if group != "" {
					in.Owner = refOf(group)
				}
				in.Organisations = responsibleOrgs(resp)
			}
		case col("i alt") >= 0:
			// Distribution table: name | Kommuner | Region | I alt.
			name := cleanTableName(cell(0))
			total, ok := parseAmount(cell(col("i alt")))
			if name == "" || !ok {
				continue
			}
			in := addInit(Initiative{Name: "Klyngemidler " + name, AmountDKK: &total, Pos: t.pos(b.start, b.end)})
			if strings.HasPrefix(name, "Region ") {
				in.Organisations = []string{name}
			} else {
				in.Owner = refOf(name)
				bd := Body{Name: name, Kind: BodyOther, Pos: t.pos(b.start, b.end)}
				if region != "" {
					bd.Parent = refOf(region)
				}
				addBody(bd)
			}
		}
	}

	// Amounts in the prose.
	for _, p := range paras {
		amts := findAmounts(p.text)
		if len(amts) == 0 {
			continue
		}
		a := amts[0]
		before, after := p.text[:a.start], p.text[a.end:]
		name := ""
		var owner *string
		var orgs []string
		if m := amountBefore.FindStringSubmatch(before); m != nil {
			name = strings.TrimSpace(m[1])
			if committee != "" && strings.Contains(before, committee) {
				owner = refOf(committee)
			}
			if home != "" && strings.Contains(name, strings.TrimSuffix(home, " Kommune")) {
				orgs = []string{home}
			}
		} else if m := purposeAfter.FindStringSubmatch(after); m != nil {
			name = "Midler til " + strings.TrimSpace(m[1])
		}
		if name == "" {
			continue
		}
		v := a.dkk
		in := addInit(Initiative{Name: name, AmountDKK: &v, Owner: owner, Organisations: orgs, Pos: t.pos(p.start, p.end)})
		if m := periodInPhrase.FindStringSubmatch(after); m != nil {
			y2 := m[1]
			if m[2] != "" {
				y2 = m[2]
			}
			s, _, ok1 := parsePeriod(m[1], year)
			_, e, ok2 := parsePeriod(y2, year)
			if ok1 && ok2 {
				in.PeriodStart, in.PeriodEnd = &s, &e
			}
		}
	}
	return bodies, inits
}

// isHeaderRow reports whether a table row is a header: no cell holds an
// amount.
func isHeaderRow(cells []string) bool {
	for _, c := range cells {
		if _, ok := parseAmount(c); ok {
			return false
		}
	}
	for _, c := range cells {
		l := strings.ToLower(c)
		if strings.Contains(l, "beløb") || l == "i alt" || l == "kommuner" || l == "region" || l == "temaudvalg" {
			return true
		}
	}
	return false
}

// columnOf returns the index of the first header cell containing one of
// words (case-insensitive), or -1.
func columnOf(header []string, words ...string) int {
	for _, w := range words {
		for i, h := range header {
			if strings.Contains(strings.ToLower(h), w) {
				return i
			}
		}
	}
	return -1
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

var footnoteMark = regexp.MustCompile(`\s*\(\*\d+\)`)

// cleanTableName drops footnote marks ("(*1)") from a table cell.
func cleanTableName(s string) string {
	return strings.TrimSpace(footnoteMark.ReplaceAllString(s, ""))
}

// responsibleOrgs reads a "responsible" cell: "Psykiatrihospitalet",
// "Næstved Kommune", "Slagelse og Sorø Kommuner i fællesskab".
func responsibleOrgs(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "i fællesskab"))
	if s == "" {
		return []string{}
	}
	if strings.HasSuffix(s, " Kommuner") {
		names := strings.FieldsFunc(strings.TrimSuffix(s, " Kommuner"), func(r rune) bool { return r == ',' })
		var out []string
		for _, part := range names {
			for _, n := range strings.Split(part, " og ") {
				if n = strings.TrimSpace(n); n != "" {
					out = append(out, n+" Kommune")
				}
			}
		}
		return out
	}
	return []string{s}
}

// normName is a name's comparison form: lower case, single spaces.
func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// refOf returns a pointer to a copy of v.
func refOf[T any](v T) *T { return &v }
