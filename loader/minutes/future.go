package minutes

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Future meetings: dates after the meeting's own date, in a sentence that
// speaks of a meeting ("på møde den 23. oktober", "Politisk niveau d. 2.
// april 2025", "Mødedatoer 2023: - 30. maj 2023 kl. 9:00-12:00").

var (
	// meetingCue: the sentence speaks of a meeting or a body that meets.
	meetingCue = regexp.MustCompile(`(?i)møde|niveau\b|forum\b|temaaften|temadag|seminar|konference|workshop`)
	// futureCue: a year-less date is only taken as a coming meeting when
	// the sentence looks ahead ("vil på møde den 23. oktober").
	futureCue = regexp.MustCompile(`(?i)\b(?:vil|skal|kommende|næste|næstkommende|forventes|planlagt|afholdes|indkaldt|følgende|mødedato(?:er|en)?)\b`)
	// notMeetingCue: the date is a deadline or a start date, not a meeting.
	notMeetingCue = regexp.MustCompile(`(?i)\bfrist|deadline|\bsenest\b|ansøgning|undervisning|\bpr\.\s*$|træder i kraft|ikrafttræden|\bfra\s*$|\bindtil\b|frem til\s*$`)
	// timeRange: "kl. 9:00-12:00", "kl. 17-20", "kl. 10.00 - 12.00", "kl. 14".
	timeRange = regexp.MustCompile(`(?i)\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*(?:-|–|til)\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?)?`)
	// venue: "Mødet afholdes på den Fælles Akutmodtagelse (FAM), Kolding
	// Sygehus." / "Mødested: X".
	venue = regexp.MustCompile(`(?i)(?:mødet (?:afholdes|holdes|finder sted) (?:på|i|hos)|mødested:?)\s+(?:den |det )?(.+?)(?:\.\s|\.$|$)`)
	// bodyBeforeDate names the meeting body just before the date:
	// "Koordinationsforum d. 17. juni 2025".
	bodyBeforeDate = regexp.MustCompile(`((?:[\p{Lu}][\p{L}-]*\s+){0,3}(?:[\p{L}-]*[Ff]orum|[\p{L}-]*[Ss]tyregruppe[\p{L}]*|[\p{L}-]*[Uu]dvalg(?:et)?|[\p{L}-]*[Gg]ruppe[\p{L}]*|[\p{L}]+møde\b[^,.]*?))(?:\s+er)?(?:\s+(?:den|d\.))?\s*$`)
	// commonMeeting: "fælles møde mellem regionen og kommunerne".
	commonMeeting = regexp.MustCompile(`(?i)(fælles møde mellem [\p{L} ]+?)(?:\s+(?:den|d\.))?\s*$`)
	politicalCue  = regexp.MustCompile(`(?i)politisk(?:e)? (?:niveau|sundhedsklynge)`)
	strategicCue  = regexp.MustCompile(`(?i)faglig(?:t|e)?,?\s*(?:-\s*)?strategisk(?:e)? niveau`)
)

// parseFutureMeetings finds meetings announced for dates after the
// document's meeting.
func parseFutureMeetings(t *text, items []itemSpan, c *docContext) []FutureMeeting {
	if c == nil || c.meetingDate == "" {
		return nil
	}
	year := c.year
	if year == 0 && len(c.meetingDate) >= 4 {
		year = atoi(c.meetingDate[:4])
	}
	var out []FutureMeeting
	seen := map[string]int{}
	for _, it := range items {
		for n := it.start; n <= it.end; n++ {
			line := t.line(n)
			if line == "" {
				continue
			}
			for _, d := range findDates(line, year) {
				if d.iso <= c.meetingDate {
					continue
				}
				sent := sentenceAround(line, d.start, d.end)
				if isListedDate(line, d.start) {
					// A list item: the list's intro line says what meets.
					sent.before = t.line(prevNonEmpty(t, n)) + " " + sent.before
				}
				if notMeetingCue.MatchString(sent.before) || notMeetingCue.MatchString(sent.after) {
					continue
				}
				if !meetingCue.MatchString(sent.before + " " + sent.after) {
					continue
				}
				if d.yearless && !futureCue.MatchString(sent.before+" "+sent.after) {
					continue
				}
				fm := FutureMeeting{Body: futureBody(sent.before, c), Date: d.iso, Pos: t.pos(n, n)}
				if tm := meetingTime(sent.after); tm != "" && n != it.start {
					// (An item heading's time is the agenda slot.)
					fm.Time = &tm
				}
				if m := venue.FindStringSubmatch(restOfLine(line, d.end)); m != nil {
					loc := strings.TrimSpace(m[1])
					if !strings.Contains(strings.ToLower(loc), "ikke") {
						fm.Location = &loc
					}
				}
				key := fm.Date
				if l := levelOf(fm.Body); l != "" {
					// Both levels may meet on one day.
					key += " " + l
				} else if i, ok := seen[fm.Date+" "+levelOf(c.body)]; ok && levelOf(c.body) != "" {
					key = fm.Date + " " + levelOf(out[i].Body)
				}
				if i, ok := seen[key]; ok {
					old := strings.ToLower(out[i].Body)
					if len(fm.Body) > len(old) && strings.HasPrefix(strings.ToLower(fm.Body), old) {
						out[i].Body = fm.Body
					}
					if out[i].Time == nil {
						out[i].Time = fm.Time
					}
					if out[i].Location == nil {
						out[i].Location = fm.Location
					}
					continue
				}
				seen[key] = len(out)
				out = append(out, fm)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Line < out[j].Pos.Line })
	return out
}

// clause is the text of a sentence before and after a date in it.
type clause struct{ before, after string }

// sentenceAround returns the parts of the sentence around s[start:end].
// Sentences end at ". " followed by an upper-case letter, "!" or "?", but
// not inside dates such as "2. april".
func sentenceAround(s string, start, end int) clause {
	b := s[:start]
	if i := lastSentenceEnd(b); i >= 0 {
		b = b[i:]
	}
	a := s[end:]
	if i := firstSentenceEnd(a); i >= 0 {
		a = a[:i]
	}
	return clause{before: b, after: a}
}

var sentenceEnd = regexp.MustCompile(`[^\d\s]\.\s+[\p{Lu}]|[!?]\s+|:\s+`)

func lastSentenceEnd(s string) int {
	ms := sentenceEnd.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return -1
	}
	m := ms[len(ms)-1]
	// Keep the capital letter that opens the next sentence.
	return m[1] - len(string([]rune(s[m[0]:m[1]])[len([]rune(s[m[0]:m[1]]))-1]))
}

// firstSentenceStop is the end of a sentence: a full stop (not of a number)
// before a capital letter or the end, or ! or ?.
var firstSentenceStop = regexp.MustCompile(`[^\d\s]\.(?:\s+[\p{Lu}]|\s*$)|[!?]`)

func firstSentenceEnd(s string) int {
	m := firstSentenceStop.FindStringIndex(s)
	if m == nil {
		return -1
	}
	return m[0] + 1
}

// restOfLine returns the text after offset end (up to 300 bytes).
func restOfLine(s string, end int) string {
	r := s[end:]
	if len(r) > 300 {
		r = r[:300]
	}
	return r
}

// isListedDate reports whether a date opens a list line ("- 30. maj 2023",
// "- D. 2. april: ...").
func isListedDate(line string, start int) bool {
	p := strings.TrimSpace(line[:start])
	return p == "-" || p == "•" || p == "*" || p == "–"
}

// prevNonEmpty returns the number of the last non-empty line before n
// within the two lines that precede a list (or n itself).
func prevNonEmpty(t *text, n int) int {
	for k := n - 1; k >= 1 && k >= n-8; k-- {
		l := t.line(k)
		if l != "" && !strings.HasPrefix(l, "-") {
			return k
		}
	}
	return n
}

// futureBody names the body that meets: a body named right before the date,
// a level of the document's cluster, or the document's own body.
func futureBody(before string, c *docContext) string {
	before = strings.TrimSpace(before)
	if m := commonMeeting.FindStringSubmatch(before); m != nil {
		return upperFirst(strings.TrimSpace(m[1]))
	}
	if m := bodyBeforeDate.FindStringSubmatch(before); m != nil {
		name := strings.TrimSpace(m[1])
		if !politicalCue.MatchString(name) && !strategicCue.MatchString(name) {
			return upperFirst(name)
		}
	}
	pol := lastIndex(politicalCue, before)
	strat := lastIndex(strategicCue, before)
	switch {
	case pol < 0 && strat < 0:
		return c.body
	case strat > pol:
		return levelBody(c, levelNameStrategic)
	default:
		return levelBody(c, levelNamePolitical)
	}
}

// Names of the cluster levels as the keys print them after the cluster.
const (
	levelNamePolitical = "Politisk niveau"
	levelNameStrategic = "Fagligt strategisk niveau"
)

// levelBody names a level of the document's cluster; the document's own
// body keeps its printed spelling.
func levelBody(c *docContext, level string) string {
	// c.level is one of Meeting.Level's values.
	own := (level == levelNamePolitical && c.level == "political") ||
		(level == levelNameStrategic && c.level == "professional_strategic")
	if own && c.body != "" {
		return c.body
	}
	if c.cluster == "" {
		return level
	}
	return c.cluster + " - " + level
}

func lastIndex(re *regexp.Regexp, s string) int {
	ms := re.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return -1
	}
	return ms[len(ms)-1][0]
}

// meetingTime reads "kl. 9:00-12:00" or "kl. 17-20" at the start of the
// text after a date, as "09:00-12:00".
func meetingTime(after string) string {
	m := timeRange.FindStringSubmatchIndex(after)
	if m == nil || m[0] > 40 {
		return ""
	}
	g := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return after[m[2*i]:m[2*i+1]]
	}
	hm := func(h, mm string) (string, bool) {
		hh := atoi(h)
		mi := atoi(mm)
		if hh > 24 || mi > 59 {
			return "", false
		}
		return fmt.Sprintf("%02d:%02d", hh, mi), true
	}
	from, ok := hm(g(1), g(2))
	if !ok {
		return ""
	}
	if g(3) == "" {
		return from
	}
	to, ok := hm(g(3), g(4))
	if !ok {
		return from
	}
	return from + "-" + to
}

// upperFirst upper-cases the first letter of s.
func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
