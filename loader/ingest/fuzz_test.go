package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds arbitrary bytes to format detection and the HTML and DOCX
// extractors (pdftotext is not run: a PDF stops at the missing tool or the
// end marker check). Whatever the input: no panic; plain text comes back
// unchanged; extracted text is valid UTF-8 within the size limit, with one
// location per line and no character that minutes.Decode would turn into a
// line break or reject as binary.
func FuzzText(f *testing.F) {
	f.Add([]byte("REFERAT Sundhedsklynge Syd d. 22-10-2024\nMødedato Tirsdag"))
	f.Add([]byte("<!DOCTYPE html><html><body><h1>REFERAT</h1><p>Mødedato<br>x</p><table><tr><td>a</td><td>b<table><tr><td>c</td></tr></table></td></tr></table><pre>a\n\tb</pre><script>x</script></body></html>"))
	f.Add([]byte("<p>Jørgen &amp; Anne&nbsp;Mette\u2028næste&#13;linje&#x85;</p>"))
	f.Add([]byte("<html><body>M\xf8dedato \x96 \xc5rhus</body></html>"))
	f.Add([]byte("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"))
	f.Add(makeDOCX(f, wp("REFERAT")+`<w:p><w:r><w:t>a</w:t><w:tab/><w:br/><w:t>b</w:t></w:r></w:p><w:tbl><w:tr><w:tc>`+wp("x")+`</w:tc></w:tr></w:tbl>`))
	f.Add(makeZip(f, "word/document.xml", "<w:document><w:body><w:p><w:r><w:t>\x01\r\n</w:t></w:r></w:p>"))
	opts := Options{PDFToText: "/nonexistent/pdftotext", MaxText: 1 << 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := TextContext(t.Context(), "fuzz", data, opts)
		if err != nil {
			var ie *Error
			if !asError(err, &ie) || ie.File != "fuzz" {
				t.Fatalf("error %v is not an *Error naming the file", err)
			}
			return
		}
		if doc.Format != Detect(data) {
			t.Fatalf("format %q, Detect says %q", doc.Format, Detect(data))
		}
		if doc.Format == FormatText {
			if !bytes.Equal(doc.Text, data) || doc.Lines != nil {
				t.Fatal("plain text changed")
			}
			return
		}
		checkExtracted(t, doc, opts.MaxText)
	})
}

// FuzzLayout feeds arbitrary pdftotext output to the word-box reader and the
// layout: no panic, and the same invariants as FuzzText.
func FuzzLayout(f *testing.F) {
	f.Add([]byte(`<doc><page width="595" height="842"><flow><block><line xMin="56" yMin="60" xMax="538" yMax="74"><word xMin="56" xMax="100">Punkt</word><word xMin="104" xMax="538">1:</word></line><line xMin="56" yMin="75" xMax="90" yMax="89"><word xMin="56" xMax="90">Godkendt</word></line></block></flow></page><page width="595" height="842"><line xMin="56" yMin="800" xMax="90" yMax="814"><word xMin="56" xMax="90">Side 2</word></line></page></doc>`))
	f.Add([]byte(`<page width="NaN" height="-1"><line xMin="1e308" yMin="-1e308" xMax="NaN" yMax="0"><word xMin="0" xMax="0">a&#0;b</word></line></page>`))
	f.Fuzz(func(t *testing.T, out []byte) {
		pages, err := parseBBox(out)
		if err != nil {
			return
		}
		doc := layout(pages)
		checkExtracted(t, doc, 1<<30)
	})
}

func checkExtracted(t *testing.T, doc Doc, max int) {
	t.Helper()
	if len(doc.Text) > max {
		t.Fatalf("text of %d bytes over the limit of %d", len(doc.Text), max)
	}
	if !utf8.Valid(doc.Text) {
		t.Fatal("text is not valid UTF-8")
	}
	if len(doc.Text) > 0 || len(doc.Lines) > 0 {
		if n := strings.Count(string(doc.Text), "\n") + 1; n != len(doc.Lines) {
			t.Fatalf("%d lines but %d locations", n, len(doc.Lines))
		}
	}
	for _, r := range string(doc.Text) {
		if r != '\n' && badInLine(r) {
			t.Fatalf("text holds %U", r)
		}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}
