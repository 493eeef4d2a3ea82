package ingest

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// layout turns pdftotext's lines (in reading order, with their boxes) back
// into the lines of the document the PDF was typeset from:
//
//   - Repeated page headers and footers are dropped: a first or last line of
//     a page, in the outer 12% of its height, whose text (digits masked)
//     recurs on at least 60% of the pages and on at least two, and either
//     has a digit (a page number, "Side 2 af 5") or recurs on three pages.
//   - A line the typesetter wrapped is joined to the one before. A break
//     counts as a wrap when the next line's first word would not have fitted
//     at the end of the line (the typesetter's own rule), the next line is
//     not indented much further right, and no paragraph gap separates them.
//     The right margin is the rightmost edge that at least three lines reach
//     (within 4% of the page width); with fewer, the margins are taken as
//     symmetric. A line that ends in a hyphen joins without a space
//     ("Sønderjyllands-" + "Politisk", "12.10-" + "12.20"), except before "og", "eller", ...
//     ("sundheds- og ældreområdet").
//     Where paragraphs are not spaced apart (fewer than three gaps narrower
//     than a blank line), a line that ends a sentence (or a table row's
//     "|") before one that starts with a capital or a bullet is taken as the
//     end of a paragraph even when the next word would not have fitted: a
//     heading or list item after a full line looks like a wrap otherwise.
//     In a document with paragraph spacing the missing gap says more, and
//     prose wrapped at a sentence end stays one line. Across a page break,
//     where no gap can be seen, the sentence rule always holds, and a line
//     with room for another below it ends its paragraph.
//   - A paragraph gap (a vertical gap clearly larger than the document's
//     usual gap between lines, see gaps) becomes a blank line.
//   - A line that pdftotext put next in reading order but that stands on
//     the same row, to the right (after a tab stop, or a table's next
//     cell), is joined with a tab.
//   - Words are joined by a space; a gap much wider than the line's other
//     word gaps (a tab stop, as in a table of contents) becomes a tab.
//
// Each output line's Loc is the page and page line of its first PDF line.
func layout(pages []pdfPage) Doc {
	drop := headersFooters(pages)
	kept := func(pi, li int) bool { return !drop[[2]int{pi, li}] }
	margins := rightMargins(pages, kept)
	g0 := usualGap(pages, kept)
	spaced := spacingGaps(pages, kept, g0) >= 3
	bottom := 0.0 // the lowest line of text on any page
	for pi := range pages {
		for li := range pages[pi].lines {
			if kept(pi, li) {
				bottom = max(bottom, pages[pi].lines[li].y1)
			}
		}
	}

	var out []string
	var locs []Loc
	var prev *pdfLine
	var prevPage *pdfPage
	prevPI := -1
	for pi := range pages {
		p := &pages[pi]
		for li := range p.lines {
			if !kept(pi, li) {
				continue
			}
			l := &p.lines[li]
			text := lineText(l)
			loc := Loc{Page: pi + 1, Line: l.n}
			if prev != nil {
				samePage := prevPI == pi
				if samePage && sameRow(prev, l) {
					out[len(out)-1] += "\t" + text
					prev, prevPage, prevPI = l, p, pi
					continue
				}
				para := samePage && isParaGap(prev, l, g0)
				if !para && (samePage || pi == prevPI+1) && wrapped(prev, l, samePage, margins.of(prevPage)) &&
					(samePage && spaced || !sentenceBreak(prev, l)) &&
					(samePage || prev.y1+g0+height(prev) > bottom-1) {
					out[len(out)-1] = joinWrapped(out[len(out)-1], text)
					prev, prevPage, prevPI = l, p, pi
					continue
				}
				if para {
					out = append(out, "")
					locs = append(locs, loc)
				}
			}
			out = append(out, text)
			locs = append(locs, loc)
			prev, prevPage, prevPI = l, p, pi
		}
	}
	return Doc{Format: FormatPDF, Text: []byte(strings.Join(out, "\n")), Lines: locs, Pages: len(pages)}
}

// sameRow reports whether next stands to the right of prev on the same row.
func sameRow(prev, next *pdfLine) bool {
	h := height(prev)
	return next.x0 >= prev.x1 && math.Abs(next.y0-prev.y0) < h/2 && math.Abs(next.y1-prev.y1) < h/2
}

func height(l *pdfLine) float64 { return max(l.y1-l.y0, 1) }

// lineText joins a line's words with spaces, or a tab across a gap much
// wider than the line's usual word gap.
func lineText(l *pdfLine) string {
	if len(l.words) == 0 {
		return ""
	}
	// The usual space: the median gap when there are enough gaps that a
	// tab stop is not the median (justified text stretches them all
	// alike); otherwise at most a quarter of the line's height.
	sp := wordSpace(l)
	if len(l.words) < 4 {
		sp = min(sp, height(l)/4)
	}
	var b strings.Builder
	for i, w := range l.words {
		if i > 0 {
			gap := w.x0 - l.words[i-1].x1
			if gap > 3*sp && gap > 1.5*height(l) {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(cleanLine(w.text))
	}
	return b.String()
}

// wordSpace is the median gap between the words of a line, or a quarter of
// its height when it has one word.
func wordSpace(l *pdfLine) float64 {
	if len(l.words) < 2 {
		return height(l) / 4
	}
	gaps := make([]float64, 0, len(l.words)-1)
	for i := 1; i < len(l.words); i++ {
		gaps = append(gaps, max(l.words[i].x0-l.words[i-1].x1, 0))
	}
	slices.Sort(gaps)
	return max(gaps[len(gaps)/2], 0.5)
}

// wrapped reports whether the break between prev and next is one the
// typesetter made because next's first word did not fit.
func wrapped(prev, next *pdfLine, samePage bool, margin float64) bool {
	if len(next.words) == 0 || len(prev.words) == 0 {
		return false
	}
	h := height(prev)
	if samePage && next.y0 < prev.y0+h/2 {
		return false // not below: another column, or a box beside
	}
	if next.x0 > prev.x0+2*h {
		return false // indented further right: a new level, not a continuation
	}
	first := next.words[0]
	need := first.x1 - first.x0
	if !endsInHyphen(prev) {
		need += wordSpace(prev)
	}
	return prev.x1+need > margin
}

// sentenceBreak reports a line that ends a sentence (".", "!", "?", not
// after an initial or a common abbreviation) before a line that starts with
// a capital letter or a bullet.
func sentenceBreak(prev, next *pdfLine) bool {
	last := prev.words[len(prev.words)-1].text
	r, _ := utf8.DecodeLastRuneInString(last)
	if r != '.' && r != '!' && r != '?' && r != '|' {
		return false
	}
	if r == '.' {
		word := strings.TrimSuffix(last, ".")
		if utf8.RuneCountInString(word) <= 1 || abbreviations[strings.ToLower(word)] || strings.Contains(word, ".") {
			return false // "M.", "jf.", "bl.a."
		}
	}
	first := next.words[0].text
	r0, _ := utf8.DecodeRuneInString(first)
	return unicode.IsUpper(r0) || bullets[first]
}

// bullets that start a list item.
var bullets = map[string]bool{"-": true, "–": true, "•": true, "*": true, "·": true, "▪": true}

// abbreviations that end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"jf": true, "ca": true, "kr": true, "mio": true, "mia": true, "nr": true, "kl": true,
	"evt": true, "inkl": true, "ekskl": true, "pkt": true, "stk": true, "tlf": true,
	"mv": true, "dvs": true, "vedr": true, "iht": true, "pga": true, "hhv": true,
	"bl": true, "dr": true, "st": true, "sdr": true, "ndr": true, "gl": true, "fx": true,
	"afd": true, "adm": true, "udv": true, "sekr": true, "ref": true, "jvf": true,
}

func endsInHyphen(l *pdfLine) bool {
	w := l.words[len(l.words)-1].text
	r, _ := utf8.DecodeLastRuneInString(w)
	return (r == '-' || r == '\u2010') && utf8.RuneCountInString(w) > 1
}

// conjunctions after which "word- og ..." keeps its space.
var conjunctions = map[string]bool{"og": true, "eller": true, "samt": true, "til": true, "and": true, "or": true, "&": true}

// joinWrapped joins a wrapped line to the text before it.
func joinWrapped(before, next string) string {
	last, _ := utf8.DecodeLastRuneInString(before)
	firstWord, _, _ := strings.Cut(next, " ")
	r, _ := utf8.DecodeRuneInString(next)
	if (last == '-' || last == '\u2010') && isAlnum(r) && !conjunctions[strings.ToLower(firstWord)] {
		if r2, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, "-\u2010")); isAlnum(r2) {
			return before + next
		}
	}
	return before + " " + next
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// marginSet is the right margin for each page width (a document may mix
// portrait and landscape pages).
type marginSet map[int]float64

func (m marginSet) of(p *pdfPage) float64 { return m[int(math.Round(p.w))] }

// rightMargins finds, per page width, the rightmost edge that at least three
// lines reach within 4% of the page width: where wrapped lines end. A
// document with fewer such lines has wrapped nothing, or little; its margin
// is then taken as symmetric to the left one, but never left of its
// longest line. When the edge found is within 1% of the page width of the
// symmetric margin, the symmetric one is taken: glyph boxes end a little
// short of where the typesetter measured.
func rightMargins(pages []pdfPage, kept func(pi, li int) bool) marginSet {
	type group struct {
		w      float64
		ends   []float64
		minX0  float64
		maxX1  float64
		inited bool
	}
	groups := map[int]*group{}
	for pi := range pages {
		p := &pages[pi]
		k := int(math.Round(p.w))
		g := groups[k]
		if g == nil {
			g = &group{w: p.w}
			groups[k] = g
		}
		for li := range p.lines {
			if !kept(pi, li) {
				continue
			}
			l := &p.lines[li]
			g.ends = append(g.ends, l.x1)
			if !g.inited || l.x0 < g.minX0 {
				g.minX0 = l.x0
			}
			if !g.inited || l.x1 > g.maxX1 {
				g.maxX1 = l.x1
			}
			g.inited = true
		}
	}
	m := marginSet{}
	for k, g := range groups {
		slices.Sort(g.ends)
		slices.Reverse(g.ends)
		tol := 0.04 * g.w
		margin := math.NaN()
		for i := 0; i+2 < len(g.ends); i++ {
			if g.ends[i+2] >= g.ends[i]-tol {
				margin = g.ends[i]
				break
			}
		}
		sym := g.w - g.minX0
		switch {
		case math.IsNaN(margin):
			margin = max(g.maxX1, sym)
		case math.Abs(sym-margin) <= 0.01*g.w:
			// The boxes end a little short of the margin (side bearings);
			// symmetric margins are the common case and exact.
			margin = max(margin, sym)
		}
		m[k] = margin
	}
	return m
}

// usualGap is the document's usual vertical gap between two lines of one
// paragraph: the smallest gap (to half a point) that occurs at least twice
// between consecutive lines on a page, or, with no such gap, the smallest.
// Paragraph spacing shows as a larger gap.
func usualGap(pages []pdfPage, kept func(pi, li int) bool) float64 {
	counts := map[int]int{}
	for pi := range pages {
		var prev *pdfLine
		for li := range pages[pi].lines {
			if !kept(pi, li) {
				continue
			}
			l := &pages[pi].lines[li]
			if prev != nil && l.y0 >= prev.y0+height(prev)/2 {
				counts[int(math.Round(2*(l.y0-prev.y1)))]++
			}
			prev = l
		}
	}
	if len(counts) == 0 {
		return 0
	}
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if counts[k] >= 2 {
			return float64(k) / 2
		}
	}
	return float64(keys[0]) / 2
}

// spacingGaps counts the paragraph gaps between consecutive lines on a page
// that are narrower than a blank line (which adds a line pitch, height plus
// usual gap): paragraph spacing.
func spacingGaps(pages []pdfPage, kept func(pi, li int) bool, g0 float64) int {
	n := 0
	for pi := range pages {
		var prev *pdfLine
		for li := range pages[pi].lines {
			if !kept(pi, li) {
				continue
			}
			l := &pages[pi].lines[li]
			if prev != nil && isParaGap(prev, l, g0) && l.y0-prev.y1 < g0+0.75*(height(prev)+g0) {
				n++
			}
			prev = l
		}
	}
	return n
}

// isParaGap reports a vertical gap between prev and next clearly larger than
// the usual gap g0.
func isParaGap(prev, next *pdfLine, g0 float64) bool {
	if next.y0 < prev.y0+height(prev)/2 {
		return false
	}
	return next.y0-prev.y1 > g0+max(2, 0.25*height(prev))
}

// headersFooters marks the lines that are repeated page headers or footers,
// by page and line index.
func headersFooters(pages []pdfPage) map[[2]int]bool {
	drop := map[[2]int]bool{}
	if len(pages) < 2 {
		return drop
	}
	type cand struct{ pi, li int }
	byKey := map[string][]cand{}
	for pi := range pages {
		p := &pages[pi]
		n := len(p.lines)
		seen := map[string]bool{}
		add := func(li int, band string) {
			if li < 0 || li >= n {
				return
			}
			key := band + "\x00" + maskDigits(lineText(&p.lines[li]))
			if seen[key] {
				return
			}
			seen[key] = true
			byKey[key] = append(byKey[key], cand{pi, li})
		}
		for li := 0; li < min(2, n); li++ {
			if p.h > 0 && p.lines[li].y1 <= 0.12*p.h {
				add(li, "top")
			}
		}
		for li := max(0, n-2); li < n; li++ {
			if p.h > 0 && p.lines[li].y0 >= 0.88*p.h {
				add(li, "bottom")
			}
		}
	}
	for key, cs := range byKey {
		pagesWith := len(cs)
		if pagesWith < 2 || pagesWith*5 < len(pages)*3 {
			continue
		}
		if !strings.Contains(key, "#") && pagesWith < 3 {
			continue
		}
		for _, c := range cs {
			drop[[2]int{c.pi, c.li}] = true
		}
	}
	return drop
}

// maskDigits replaces runs of digits with "#" and collapses white space, so
// that "Side 2 af 5" and "Side 3 af 5" are the same footer.
func maskDigits(s string) string {
	var b strings.Builder
	inDigits := false
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if unicode.IsDigit(r) {
			if !inDigits {
				b.WriteByte('#')
			}
			inDigits = true
			continue
		}
		inDigits = false
		b.WriteRune(r)
	}
	return b.String()
}
