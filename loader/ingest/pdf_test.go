package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// mkLine builds a synthetic line of text from x0 to x1 at y0, 14 points
// high: each character 5.5 points wide and words 3 points apart, the gaps
// stretched to end at x1 when x1 is the right margin (justified text), or
// narrowed to end at x1; a shorter line ends where its text ends.
func mkLine(n int, x0, x1, y0 float64, text string) pdfLine {
	words := strings.Fields(text)
	l := pdfLine{x0: x0, x1: x1, y0: y0, y1: y0 + 14, n: n}
	natural := -3.0
	for _, w := range words {
		natural += 5.5*float64(len([]rune(w))) + 3
	}
	scale, gap := 1.0, 3.0
	if x1-x0 < natural {
		scale = (x1 - x0 - 3*float64(len(words)-1)) / (natural - 3*float64(len(words)-1))
	} else if len(words) > 1 && x1 >= 530 {
		gap = 3 + (x1-x0-natural)/float64(len(words)-1) // a full line, justified
	} else {
		l.x1 = x0 + natural // a short line: x1 is where its text ends
	}
	x := x0
	for _, w := range words {
		wd := 5.5 * float64(len([]rune(w))) * scale
		l.words = append(l.words, pdfWord{x0: x, x1: x + wd, text: w})
		x += wd + gap
	}
	return l
}

// page builds a synthetic A4 page for layout: each line is "x0 x1 text"
// (see mkLine), the lines one below the other pitch points apart, with gap
// extra points before the lines listed in gaps.
func page(pitch float64, gaps map[int]float64, specs ...string) pdfPage {
	p := pdfPage{w: 595, h: 842}
	y := 60.0
	for i, s := range specs {
		var x0, x1 float64
		if _, err := fmt.Sscanf(s, "%f %f", &x0, &x1); err != nil {
			panic(s)
		}
		y += gaps[i]
		p.lines = append(p.lines, mkLine(i+1, x0, x1, y, strings.SplitN(s, " ", 3)[2]))
		y += pitch
	}
	return p
}

func TestLayoutJoinsWrappedLines(t *testing.T) {
	// Margins 56..539; three lines reach the right margin, so it is known.
	p := page(14.5, nil,
		"56 537 Mødedeltagere Bo Libergren, V, Pernelle Jensen, V, Mette Bossen Linnet, V,",
		"56 300 Jette Damsø Henriksen, A",
		"56 200 Resumé",
		"56 538 På mødet den 4. april 2024 drøftede man, hvordan Sundhedsklynge Sønderjyllands-",
		"56 400 Politisk Niveau besluttede på møde",
		"56 536 Indsatsen gælder hele det kommunale og regionale område, herunder sundheds-",
		"56 300 og ældreområdet",
		"56 120 kort linje",
		"56 150 næste linje",
	)
	doc := layout([]pdfPage{p})
	want := []string{
		"Mødedeltagere Bo Libergren, V, Pernelle Jensen, V, Mette Bossen Linnet, V, Jette Damsø Henriksen, A",
		"Resumé",
		"På mødet den 4. april 2024 drøftede man, hvordan Sundhedsklynge Sønderjyllands-Politisk Niveau besluttede på møde",
		"Indsatsen gælder hele det kommunale og regionale område, herunder sundheds- og ældreområdet",
		"kort linje",
		"næste linje",
	}
	if got := lines(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantLocs := []Loc{{1, 1, 0}, {1, 3, 0}, {1, 4, 0}, {1, 6, 0}, {1, 8, 0}, {1, 9, 0}}
	for i, l := range wantLocs {
		if doc.Lines[i] != l {
			t.Errorf("line %d: %+v, want %+v", i+1, doc.Lines[i], l)
		}
	}
}

func TestLayoutParagraphGapsAndSentences(t *testing.T) {
	// Without paragraph spacing, a full line that ends a sentence before a
	// capital is the end of a paragraph: "Beslutning" is a heading.
	tight := page(14.5, nil,
		"56 538 Der er udarbejdet et udkast til kommissorium for styregruppen, til godkendelse.",
		"56 110 Beslutning",
		"56 538 Godkendt som indstillet, jf. bilag 2, og præsenteret af direktør Trine M.",
		"56 300 Lungskov deltog.",
		"56 300 Godkendt.",
	)
	got := strings.Join(lines(layout([]pdfPage{tight})), "\n")
	want := "Der er udarbejdet et udkast til kommissorium for styregruppen, til godkendelse.\nBeslutning\nGodkendt som indstillet, jf. bilag 2, og præsenteret af direktør Trine M. Lungskov deltog.\nGodkendt."
	if got != want {
		t.Errorf("tight:\n%s\nwant:\n%s", got, want)
	}
	// With paragraph spacing (6 points before most paragraphs), the gap
	// tells paragraphs apart, a wrap at a sentence end joins, and the gap
	// is a blank line.
	gaps := map[int]float64{1: 6, 4: 6, 5: 6, 6: 6}
	spaced := page(14.5, gaps,
		"56 538 Første afsnit fylder også hele linjen ud og slutter med et punktum her.",
		"56 538 Andet afsnit fylder linjen helt ud og ender med et punktum, også her.",
		"56 538 Sætningen fortsætter på næste linje efter et ombrud og fylder den ud.",
		"56 300 Slut.",
		"56 200 Tredje afsnit",
		"56 200 Fjerde afsnit",
		"56 200 Femte afsnit",
	)
	got = strings.Join(lines(layout([]pdfPage{spaced})), "\n")
	want = "Første afsnit fylder også hele linjen ud og slutter med et punktum her.\n\nAndet afsnit fylder linjen helt ud og ender med et punktum, også her. Sætningen fortsætter på næste linje efter et ombrud og fylder den ud. Slut.\n\nTredje afsnit\n\nFjerde afsnit\n\nFemte afsnit"
	if got != want {
		t.Errorf("spaced:\n%s\nwant:\n%s", got, want)
	}
}

func TestLayoutAcrossPagesAndHeaders(t *testing.T) {
	line := func(n int, x1, y0 float64, text string) pdfLine { return mkLine(n, 56, x1, y0, text) }
	// Each page has a running header at the top and "Side N af 3" at the
	// bottom; the text area ends at y 784.
	mk := func(n int, body ...pdfLine) pdfPage {
		p := pdfPage{w: 595, h: 842}
		p.lines = append(p.lines, line(1, 300, 20, "Sundhedsklynge Syd referat"))
		p.lines = append(p.lines, body...)
		p.lines = append(p.lines, line(len(body)+2, 340, 800, fmt.Sprintf("Side %d af 3", n)))
		return p
	}
	pages := []pdfPage{
		// Page 1 ends in a full line at the bottom of the text area: the
		// paragraph goes on over the page break.
		mk(1, line(2, 300, 741, "Punkt 1: Godkendelse"), line(3, 538, 755.5, "Teksten fortsætter over sideskiftet uden at blive afbrudt af noget som helst"), line(4, 538, 770, "og uden at blive afbrudt af sidehoved og sidefod, men med en tekst der")),
		// Page 2 ends in a full line with room below it: the paragraph
		// ended there.
		mk(2, line(2, 300, 60, "slutter her."), line(3, 538, 74.5, "Denne linje er fuld, men den står ikke nederst på siden, så der er plads")),
		mk(3, line(2, 300, 60, "Beslutning"), line(3, 300, 74.5, "Godkendt")),
	}
	doc := layout(pages)
	want := []string{
		"Punkt 1: Godkendelse",
		"Teksten fortsætter over sideskiftet uden at blive afbrudt af noget som helst og uden at blive afbrudt af sidehoved og sidefod, men med en tekst der slutter her.",
		"Denne linje er fuld, men den står ikke nederst på siden, så der er plads",
		"Beslutning",
		"Godkendt",
	}
	if got := lines(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Locations count the header: "Punkt 1" is line 2 of page 1.
	for i, l := range []Loc{{Page: 1, Line: 2}, {Page: 1, Line: 3}, {Page: 2, Line: 3}, {Page: 3, Line: 2}, {Page: 3, Line: 3}} {
		if doc.Lines[i] != l {
			t.Errorf("line %d: %+v, want %+v", i+1, doc.Lines[i], l)
		}
	}
	if doc.Pages != 3 {
		t.Errorf("Pages = %d", doc.Pages)
	}
	// With two pages the header would need a digit to be dropped.
	if got := headersFooters(pages[:2]); !got[[2]int{0, 4}] || !got[[2]int{1, 3}] || got[[2]int{0, 0}] {
		t.Errorf("two pages: dropped %v, want the page numbers only", got)
	}
}

func TestLayoutSameRowIsTab(t *testing.T) {
	p := pdfPage{w: 595, h: 842, lines: []pdfLine{
		{x0: 56, x1: 200, y0: 100, y1: 114, n: 1, words: []pdfWord{{56, 120, "Mødedeltagere"}, {121, 200, "....."}}},
		{x0: 500, x1: 510, y0: 100, y1: 114, n: 2, words: []pdfWord{{500, 510, "3"}}},
		{x0: 56, x1: 100, y0: 115, y1: 129, n: 3, words: []pdfWord{{56, 70, "Navn"}, {200, 260, "Kommune"}}},
	}}
	got := strings.Join(lines(layout([]pdfPage{p})), "\n")
	if want := "Mødedeltagere .....\t3\nNavn\tKommune"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseBBox(t *testing.T) {
	out := []byte(`<!DOCTYPE html><html><head><title></title></head><body><doc>
<page width="595.3" height="841.9"><flow><block xMin="1" yMin="2" xMax="3" yMax="4">
<line xMin="56.8" yMin="28.25" xMax="108.1" yMax="42.55"><word xMin="56.8" yMin="28.25" xMax="80" yMax="42.55">Jørgen</word><word xMin="83" yMin="28.25" xMax="108.1" yMax="42.55">&amp;&lt;Co&gt;</word></line>
<line xMin="1" yMin="50" xMax="2" yMax="60"><word xMin="1" yMin="50" xMax="2" yMax="60"> </word></line>
</block></flow></page><page width="100" height="200"></page></doc></body></html>`)
	pages, err := parseBBox(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].w != 595.3 || pages[0].h != 841.9 || len(pages[1].lines) != 0 {
		t.Fatalf("pages %+v", pages)
	}
	l := pages[0].lines
	if len(l) != 1 || l[0].x0 != 56.8 || l[0].y1 != 42.55 || l[0].n != 1 || lineText(&l[0]) != "Jørgen &<Co>" {
		t.Fatalf("lines %+v", l)
	}
}

// fakeTool writes a shell script standing in for pdftotext.
func fakeTool(t *testing.T, script string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	path := filepath.Join(t.TempDir(), "pdftotext")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

var tinyPDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func TestPDFErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		opts Options
		kind ErrorKind
		msg  string
	}{
		{"tool missing", tinyPDF, Options{PDFToText: "/nonexistent/pdftotext"}, ErrToolMissing, "poppler-utils"},
		{"truncated", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog"), Options{}, ErrTruncated, "%%EOF"},
		{"timeout", tinyPDF, Options{PDFToText: fakeTool(t, "exec sleep 30"), Timeout: 50 * time.Millisecond}, ErrTimeout, "did not finish"},
		{"endless output", tinyPDF, Options{PDFToText: fakeTool(t, "exec yes '<word>x</word>'"), MaxText: 1000}, ErrTooLarge, "over the limit"},
		{"tool fails", tinyPDF, Options{PDFToText: fakeTool(t, "echo 'Syntax Error: Couldn'\\''t find trailer dictionary' >&2; exit 1")}, ErrBroken, "trailer dictionary"},
		{"tool says password", tinyPDF, Options{PDFToText: fakeTool(t, "echo 'Command Line Error: Incorrect password' >&2; exit 1")}, ErrEncrypted, "encrypted"},
		{"no words", tinyPDF, Options{PDFToText: fakeTool(t, "echo '<doc><page width=\"1\" height=\"1\"></page></doc>'")}, ErrNoText, "scanned"},
	} {
		_, err := TextContext(t.Context(), "referat.pdf", tc.data, tc.opts)
		var ie *Error
		if !errors.As(err, &ie) || ie.Kind != tc.kind || ie.File != "referat.pdf" || ie.Format != FormatPDF || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err = %v, want %s mentioning %q", tc.name, err, tc.kind, tc.msg)
		}
	}
}

func TestPDFWithPdftotext(t *testing.T) {
	needPDFToText(t)
	data := fixture(t, "2024-06-19_sundhedsklynge-soenderjylland_politisk.pdf")
	doc, err := Text("sj.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatPDF || doc.Pages < 2 {
		t.Fatalf("format %q, %d pages", doc.Format, doc.Pages)
	}
	// Every line's page is the page whose plain pdftotext text holds it.
	plain, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join("testdata", "rendered", "2024-06-19_sundhedsklynge-soenderjylland_politisk.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(plain), "\f")
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	checked := 0
	for i, line := range lines(doc) {
		if !strings.HasPrefix(line, "Punkt ") {
			continue
		}
		loc := doc.Lines[i]
		pageLines := strings.Split(pages[loc.Page-1], "\n")
		// The first words of the line are on that page, on the line
		// numbered (blank lines of the plain output aside).
		var nonBlank []string
		for _, l := range pageLines {
			if strings.TrimSpace(l) != "" {
				nonBlank = append(nonBlank, l)
			}
		}
		if loc.Line < 1 || loc.Line > len(nonBlank) || !strings.HasPrefix(flat(line), flat(nonBlank[loc.Line-1])) {
			t.Errorf("%q at %v, but that line of the page is %q", line, loc, nonBlank[min(max(loc.Line-1, 0), len(nonBlank)-1)])
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("checked %d item headings, want at least 3", checked)
	}
}

func TestPDFRealErrors(t *testing.T) {
	needPDFToText(t)
	good := fixture(t, "2024-06-19_sundhedsklynge-soenderjylland_politisk.pdf")
	// Damaged: the middle of the file overwritten, the end marker kept.
	damaged := bytes.Clone(good)
	for i := 9; i < len(damaged)-1024; i++ {
		damaged[i] = 'x'
	}
	_, err := Text("damaged.pdf", damaged)
	var ie *Error
	if !errors.As(err, &ie) || (ie.Kind != ErrBroken && ie.Kind != ErrNoText) || ie.File != "damaged.pdf" {
		t.Errorf("damaged: err = %v, want ErrBroken or ErrNoText naming damaged.pdf", err)
	}
	// Cut short.
	_, err = Text("cut.pdf", good[:len(good)/2])
	if !errors.Is(err, ErrTruncated) || !errors.Is(err, minutes.ErrTruncated) {
		t.Errorf("cut: err = %v, want ErrTruncated", err)
	}
	// A page with no text (a scan without OCR).
	_, err = Text("scan.pdf", blankPDF())
	if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "scan.pdf") {
		t.Errorf("blank page: err = %v, want ErrNoText naming scan.pdf", err)
	}
}

// blankPDF is a valid one-page PDF that draws a rectangle and no text, as
// a scanned page without OCR has no text layer.
func blankPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
	}
	stream := "50 50 200 100 re f"
	objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
