package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// makeZip builds a ZIP archive in memory from name/content pairs.
func makeZip(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// makeDOCX builds a minimal Word document whose body is the given XML.
func makeDOCX(t testing.TB, body string) []byte {
	return makeZip(t,
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		docxMain, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+wordNS+`><w:body>`+body+`</w:body></w:document>`)
}

func wp(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func TestDetect(t *testing.T) {
	docx := makeDOCX(t, wp("REFERAT"))
	for _, tc := range []struct {
		name string
		data []byte
		want Format
	}{
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), FormatPDF},
		{"pdf after BOM and blank lines", []byte("\xef\xbb\xbf\r\n%PDF-1.4\n"), FormatPDF},
		{"docx", docx, FormatDOCX},
		{"zip without word/document.xml", makeZip(t, "content.xml", "<office:document/>"), formatZIP},
		{"damaged docx", docx[:len(docx)/2], FormatDOCX},
		{"doctype", []byte("<!DOCTYPE html>\n<html><body><p>REFERAT</p>"), FormatHTML},
		{"doctype upper case after BOM", []byte("\xef\xbb\xbf  <!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"), FormatHTML},
		{"html tag", []byte("<html lang=\"da\">"), FormatHTML},
		{"fragment starting with p", []byte("<p>Mødedato 19. juni 2024</p>"), FormatHTML},
		{"table", []byte("<TABLE border=1><tr><td>x</td></tr></TABLE>"), FormatHTML},
		{"xhtml", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"x\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"), FormatHTML},
		{"comment then html", []byte("<!-- saved from url=(0014)about:internet -->\n<html>"), FormatHTML},
		{"plain minutes", []byte("REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024\n\nMødedato ..."), FormatText},
		{"plain text that starts with <", []byte("<Punkt 1> Godkendelse af dagsorden"), FormatText},
		{"xml that is not html", []byte("<?xml version=\"1.0\"?><minutes/>"), FormatText},
		{"pdf mentioned in text", []byte("Bilag: se %PDF-1.4 filen"), FormatText},
		{"latin-1 text", []byte("M\xf8dedato 19. juni"), FormatText},
		{"empty", nil, FormatText},
	} {
		if got := Detect(tc.data); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestPlainTextPassesThroughUnchanged(t *testing.T) {
	data := []byte("REFERAT X d. 01-02-2024\r\n\r\nM\xf8dedato i dag\n")
	doc, err := Text("referat.pdf", data) // the name says PDF; the content is text
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatText || !bytes.Equal(doc.Text, data) || doc.Lines != nil {
		t.Fatalf("got %+v, want the bytes unchanged and no line map", doc)
	}
	if got := doc.Where(3); got != (Loc{Line: 3}) || got.String() != "line 3" {
		t.Errorf("Where(3) = %+v (%q), want line 3", got, got.String())
	}
	if got := doc.Where(0); got != (Loc{}) {
		t.Errorf("Where(0) = %+v, want zero", got)
	}
}

// lines splits a Doc's text and pairs each line with its location.
func lines(d Doc) []string {
	if len(d.Text) == 0 {
		return nil
	}
	return strings.Split(string(d.Text), "\n")
}

func checkDoc(t *testing.T, d Doc, want []string, paras []int) {
	t.Helper()
	got := lines(d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("text:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Lines) != len(got) {
		t.Fatalf("%d locations for %d lines", len(d.Lines), len(got))
	}
	for i, p := range paras {
		if d.Lines[i].Para != p || d.Lines[i].Page != 0 {
			t.Errorf("line %d (%q): location %+v, want paragraph %d", i+1, got[i], d.Lines[i], p)
		}
	}
}

func TestHTML(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head><title>Referat – ignored</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
  <h1>REFERAT   Sundhedsklynge
     Sønderjylland d. 19-06-2024</h1>
  <p>Mødedato&nbsp;Onsdag d. 19. juni 2024<br>Mødested Videomøde</p>
  <div hidden>Skjult tekst</div><span style="display: none">også skjult</span>
  <p>Jørgen &amp; Anne-Mette<br><br>efter en tom linje</p>
  <ul><li>Etablering af <b>lægerekruttering</b>s&shy;netværk</li><li>Andet punkt</li></ul>
  <table>
    <caption>Tabel 1</caption>
    <tr><th>Temaudvalg</th><th>Ansvarlig</th><th></th></tr>
    <tr><td>Ældre<br>borgere</td><td><p>Slagelse</p><p>Kommune</p></td><td>300.000 kr.</td></tr>
    <tr><td>Indre <table><tr><td>a</td><td>b</td></tr></table> tabel</td><td>x</td></tr>
    <tr><td></td><td></td></tr>
  </table>
  <pre>Punkt 1:  Godkendelse
	med tab</pre>
  <noscript>slå JavaScript til</noscript><!-- a comment -->
  tekst efter
</body></html>`
	doc, err := Text("referat.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatHTML {
		t.Fatalf("format %q", doc.Format)
	}
	want := []string{
		"REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024",
		"Mødedato\u00a0Onsdag d. 19. juni 2024",
		"Mødested Videomøde",
		"Jørgen & Anne-Mette",
		"",
		"efter en tom linje",
		"Etablering af lægerekrutterings\u00adnetværk",
		"Andet punkt",
		"Tabel 1",
		"Temaudvalg | Ansvarlig",
		"Ældre borgere | Slagelse Kommune | 300.000 kr.",
		"Indre a | b tabel | x",
		"Punkt 1:  Godkendelse",
		"\tmed tab",
		"tekst efter",
	}
	checkDoc(t, doc, want, []int{1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11})
	if got := doc.Where(3).String(); got != "paragraph 2" {
		t.Errorf("Where(3) = %q, want paragraph 2", got)
	}
	// The text goes through minutes.Decode with its line numbers kept.
	text, err := minutes.Decode("referat.html", doc.Text)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, "\n") + 1; n != len(want) {
		t.Errorf("decoded text has %d lines, want %d", n, len(want))
	}
}

func TestHTMLWindows1252(t *testing.T) {
	doc, err := Text("gammel.htm", []byte("<html><body><p>M\xf8dedato \x96 \xc5rhus</p></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(doc.Text); got != "Mødedato – Århus" {
		t.Errorf("text %q, want Mødedato – Århus", got)
	}
}

func TestHTMLWithoutText(t *testing.T) {
	_, err := Text("tom.html", []byte("<html><head><title>x</title></head><body><script>1</script> </body></html>"))
	var ie *Error
	if !errors.Is(err, ErrNoText) || !errors.Is(err, minutes.ErrEmpty) || !errors.As(err, &ie) || ie.File != "tom.html" {
		t.Fatalf("err = %v, want ErrNoText naming tom.html", err)
	}
}

func TestHTMLTooLarge(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<p>Punkt 1: noget tekst her</p>", 100) + "</body></html>"
	_, err := TextContext(t.Context(), "stor.html", []byte(page), Options{MaxText: 500})
	if !errors.Is(err, ErrTooLarge) || !errors.Is(err, minutes.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestDOCX(t *testing.T) {
	body := wp("REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024") +
		`<w:p><w:r><w:t>Mødedato</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Onsdag </w:t></w:r><w:r><w:t>d. 19. juni</w:t><w:br/><w:t>Mødested Videomøde</w:t></w:r></w:p>` +
		`<w:p/>` +
		`<w:p><w:r><w:t>Sønderjyllands</w:t><w:noBreakHyphen/><w:t>Politisk</w:t></w:r><w:del><w:r><w:delText>slettet</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> Niveau</w:t></w:r></w:ins></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>` + wp("I tekstboks") + `</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>` + wp("I tekstboks") + `</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + wp("Temaudvalg") + `</w:tc><w:tc>` + wp("Ansvarlig") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp("Ældre") + wp("borgere") + `</w:tc><w:tc><w:tbl><w:tr><w:tc>` + wp("a") + `</w:tc><w:tc>` + wp("b") + `</w:tc></w:tr></w:tbl></w:tc><w:tc>` + wp("") + `</w:tc></w:tr></w:tbl>` +
		wp("Punkt 1: Godkendelse &amp; mere")
	doc, err := Text("referat.docx", makeDOCX(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatDOCX {
		t.Fatalf("format %q", doc.Format)
	}
	want := []string{
		"REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024",
		"Mødedato\tOnsdag d. 19. juni",
		"Mødested Videomøde",
		"Sønderjyllands-Politisk Niveau",
		"I tekstboks",
		"Temaudvalg | Ansvarlig",
		"Ældre borgere | a | b",
		"Punkt 1: Godkendelse & mere",
	}
	checkDoc(t, doc, want, []int{1, 2, 2, 3, 4, 5, 6, 7})
}

func TestDOCXErrors(t *testing.T) {
	good := makeDOCX(t, wp("REFERAT"))
	bomb := makeDOCX(t, wp(strings.Repeat("Punkt 1: ", 20000)))
	for _, tc := range []struct {
		name   string
		data   []byte
		opts   Options
		kind   ErrorKind
		minute minutes.ErrorKind
	}{
		{"truncated", good[:len(good)-30], Options{}, ErrTruncated, minutes.ErrTruncated},
		{"not a word document", makeZip(t, "content.xml", "<x/>"), Options{}, ErrUnsupported, ""},
		{"no text", makeDOCX(t, `<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>`), Options{}, ErrNoText, minutes.ErrEmpty},
		{"broken xml", makeDOCX(t, `<w:p><w:r><w:t>REFERAT</w:r></w:p>`), Options{}, ErrBroken, ""},
		// 180 kB of XML that compresses to little: over 8 × MaxText
		// uncompressed, refused before it is read.
		{"zip bomb", bomb, Options{MaxText: 10000}, ErrTooLarge, minutes.ErrTooLarge},
	} {
		_, err := TextContext(t.Context(), "x.docx", tc.data, tc.opts)
		var ie *Error
		if !errors.As(err, &ie) || ie.Kind != tc.kind || ie.File != "x.docx" || !strings.Contains(err.Error(), "x.docx") {
			t.Errorf("%s: err = %v, want %s naming x.docx", tc.name, err, tc.kind)
			continue
		}
		if tc.minute != "" && !errors.Is(err, tc.minute) {
			t.Errorf("%s: err = %v is not %v", tc.name, err, tc.minute)
		}
	}
	if len(bomb) > 10000 {
		t.Errorf("the zip bomb is %d bytes: it should be small compressed", len(bomb))
	}
}

func TestLoc(t *testing.T) {
	for _, tc := range []struct {
		loc  Loc
		want string
	}{
		{Loc{Page: 2, Line: 14}, "page 2, line 14"},
		{Loc{Para: 7}, "paragraph 7"},
		{Loc{Line: 3}, "line 3"},
		{Loc{}, ""},
	} {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.loc, got, tc.want)
		}
	}
	d := Doc{Format: FormatPDF, Lines: []Loc{{Page: 1, Line: 1}, {Page: 2, Line: 1}}}
	if got := d.Where(2); got != (Loc{Page: 2, Line: 1}) {
		t.Errorf("Where(2) = %+v", got)
	}
	if got := d.Where(3); got != (Loc{}) {
		t.Errorf("Where past the end = %+v, want zero", got)
	}
}

// fixture reads a rendered sample.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "rendered", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
