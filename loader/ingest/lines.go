package ingest

import "strings"

// lineBuilder collects the lines of a document made of blocks (HTML, DOCX):
// inline text is appended to the current line with white space collapsed,
// a line break ends the line, the end of a block ends its last line. Each
// line records the 1-based index of its block; blocks without text are not
// counted.
type lineBuilder struct {
	lines []string
	locs  []Loc
	cur   strings.Builder
	space bool // a collapsed space is pending before the next word
	para  int  // blocks with text so far
	open  bool // the current block has been counted
	size  int  // bytes in lines
	max   int
	over  bool // size went over max
}

func newLineBuilder(max int) *lineBuilder { return &lineBuilder{max: max} }

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// text appends inline text. Runs of white space become one space, and none
// at the start of a line.
func (b *lineBuilder) text(s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, isHTMLSpace)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			b.word(s[:i])
		}
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isHTMLSpace(r) })
		if j < 0 {
			j = len(s)
		}
		if j > 0 && b.cur.Len() > 0 {
			b.space = true
		}
		s = s[j:]
	}
}

// word appends text without white space, after a pending space.
func (b *lineBuilder) word(w string) {
	b.count()
	if b.space {
		b.cur.WriteByte(' ')
		b.space = false
	}
	b.cur.WriteString(w)
	if b.size+b.cur.Len() > b.max {
		b.over = true
	}
}

// raw appends text as it is (tabs kept), for preformatted text and DOCX
// runs, where white space is meant; line breaks in it end lines.
func (b *lineBuilder) raw(s string) {
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			b.breakLine()
		}
		if part == "" {
			continue
		}
		b.count()
		if b.space {
			b.cur.WriteByte(' ')
			b.space = false
		}
		b.cur.WriteString(strings.ReplaceAll(part, "\r", ""))
		if b.size+b.cur.Len() > b.max {
			b.over = true
		}
	}
}

// tab appends a tab (a DOCX w:tab).
func (b *lineBuilder) tab() {
	b.count()
	b.space = false
	b.cur.WriteByte('\t')
}

func (b *lineBuilder) count() {
	if !b.open {
		b.para++
		b.open = true
	}
}

// breakLine ends the current line, even an empty one (<br><br> is a blank
// line), within the same block.
func (b *lineBuilder) breakLine() {
	b.count()
	b.emit()
}

// endBlock ends the current block; its last line is kept if it has text.
func (b *lineBuilder) endBlock() {
	if strings.TrimSpace(b.cur.String()) != "" {
		b.emit()
	}
	b.cur.Reset()
	b.space = false
	b.open = false
}

// row adds a whole line as a block of its own (a table row).
func (b *lineBuilder) row(s string) {
	b.endBlock()
	if strings.TrimSpace(s) == "" {
		return
	}
	b.count()
	b.cur.WriteString(s)
	b.endBlock()
}

func (b *lineBuilder) emit() {
	line := cleanLine(strings.TrimRight(b.cur.String(), " \t"))
	b.cur.Reset()
	b.space = false
	b.lines = append(b.lines, line)
	b.locs = append(b.locs, Loc{Para: b.para})
	b.size += len(line) + 1
	if b.size > b.max {
		b.over = true
	}
}

// doc returns the collected lines as a Doc, without leading and trailing
// blank lines.
func (b *lineBuilder) doc(f Format) Doc {
	b.endBlock()
	lines, locs := b.lines, b.locs
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines, locs = lines[:len(lines)-1], locs[:len(locs)-1]
	}
	for len(lines) > 0 && lines[0] == "" {
		lines, locs = lines[1:], locs[1:]
	}
	return Doc{Format: f, Text: []byte(strings.Join(lines, "\n")), Lines: locs}
}

// collapse is the text of s with runs of white space made one space and
// trimmed: the text of a table cell.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return isHTMLSpace(r) || r == '\u2028' || r == '\u2029' || r == '\v'
	}), " ")
}
