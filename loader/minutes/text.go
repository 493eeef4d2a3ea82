package minutes

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// text is a document's normalised text: lines[0] is line 1. Every stage of
// the parser works on it and reports positions as 1-based line numbers.
type text struct {
	name  string
	lines []string
}

// newText splits normalised text into lines (see normalise for what
// normalised means).
func newText(name, s string) *text {
	s = strings.TrimSuffix(s, "\n")
	return &text{name: name, lines: strings.Split(s, "\n")}
}

// line returns line n (1-based), trimmed; "" outside the text.
func (t *text) line(n int) string {
	if n < 1 || n > len(t.lines) {
		return ""
	}
	return strings.TrimSpace(t.lines[n-1])
}

// pos returns the position of lines from..to with the first non-empty line
// (cut to 160 characters) as the quote.
func (t *text) pos(from, to int) Pos {
	if to < from {
		to = from
	}
	q := ""
	for n := from; n <= to && q == ""; n++ {
		q = t.line(n)
	}
	return Pos{Line: from, EndLine: to, Quote: Clip(q, 160)}
}

// Clip is s cut to its first n characters (runes) with an ellipsis, or s
// itself if it is not longer: how quotes and warnings quote a line. A cut
// s is as string([]rune(s)[:n]) (an invalid byte counts as a character
// and becomes U+FFFD), but neither the whole line nor a line that is not
// cut is copied into runes: the quotes of long lines were 4% of what a
// load allocated.
func Clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			if s = s[:i]; !utf8.ValidString(s) {
				s = string([]rune(s))
			}
			return s + "…"
		}
		n--
	}
	return s
}

// span is a 1-based inclusive range of lines.
type span struct{ start, end int }

// itemSpan is one agenda item: its heading line and the lines up to the next
// item (or the end of the text).
type itemSpan struct {
	number int
	title  string // the heading text after "Punkt N:", as printed
	span          // start is the heading line
}

var itemHeading = regexp.MustCompile(`^Punkt\s+(\d+)\s*[:.]\s*(.*)$`)

// splitItems finds the "Punkt N: title" headings and returns the items in
// order. Lines before the first item are not part of any item.
func splitItems(t *text) []itemSpan {
	var items []itemSpan
	for i := range t.lines {
		m := itemHeading.FindStringSubmatch(t.line(i + 1))
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil {
			continue
		}
		if len(items) > 0 {
			items[len(items)-1].end = i
		}
		items = append(items, itemSpan{number: n, title: strings.TrimSpace(m[2]), span: span{i + 1, len(t.lines)}})
	}
	return items
}

// docContext is what the header and participant stages learn about a
// document and the item, body and initiative stages need: the meeting's
// date and year (for year-less dates), its body, cluster and level.
type docContext struct {
	name        string // file name
	meetingDate string // YYYY-MM-DD, "" if unknown
	year        int    // year of the meeting or document, 0 if unknown
	body        string // the meeting body as named in the answer keys, e.g. "Sundhedsklynge Sønderjylland - Politisk Niveau"
	cluster     string // e.g. "Sundhedsklynge Sønderjylland"
	level       string // political, professional_strategic, other
	kind        string // minutes or committee_case
}
