package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// Format is the kind of document Text found.
type Format string

// The formats Text reads.
const (
	FormatText Format = "text"
	FormatPDF  Format = "pdf"
	FormatHTML Format = "html"
	FormatDOCX Format = "docx"
)

// Loc is where one line of a Doc's text came from in the original document.
// For PDF: Page and Line (1-based line on the page, in pdftotext's reading
// order, page headers and footers counted). For HTML and DOCX: Para, the
// 1-based index of the block (paragraph, heading, list item, table row) in
// document order. For plain text: Line, the same line number.
type Loc struct {
	Page int `json:"page,omitempty"`
	Line int `json:"line,omitempty"`
	Para int `json:"para,omitempty"`
}

// String says where the line is, in words a reader can follow: "page 2,
// line 14", "paragraph 14" or "line 14".
func (l Loc) String() string {
	switch {
	case l.Page > 0:
		return fmt.Sprintf("page %d, line %d", l.Page, l.Line)
	case l.Para > 0:
		return fmt.Sprintf("paragraph %d", l.Para)
	case l.Line > 0:
		return fmt.Sprintf("line %d", l.Line)
	}
	return ""
}

// Doc is the text of a document, ready for minutes.Decode, and where each of
// its lines came from.
type Doc struct {
	Format Format
	// Text is the document's text. For plain text it is the input bytes,
	// unchanged (minutes.Decode decodes their encoding); for the other
	// formats it is UTF-8, one line per text line, paragraph or table row,
	// with "\n" between lines and no other line-breaking characters, so
	// that minutes.Decode keeps the line numbers.
	Text []byte
	// Lines[i] is where line i+1 of Text came from; nil for plain text,
	// whose lines are their own locations.
	Lines []Loc
	// Pages is the number of pages of a PDF; 0 for the other formats.
	Pages int
}

// Where returns the location of 1-based line n of Text (the line numbers
// of minutes.Pos), or the zero Loc when n is outside the text.
func (d Doc) Where(n int) Loc {
	if d.Lines == nil {
		if n < 1 {
			return Loc{}
		}
		return Loc{Line: n}
	}
	if n < 1 || n > len(d.Lines) {
		return Loc{}
	}
	return d.Lines[n-1]
}

// DefaultTimeout bounds one run of pdftotext when Options.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// Options tune TextContext. The zero value is the default.
type Options struct {
	// PDFToText is the pdftotext program: a path or a name looked up on
	// PATH; "" means "pdftotext" (Debian package poppler-utils).
	PDFToText string
	// Timeout bounds one pdftotext run; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxText is the largest text produced, in bytes; 0 means
	// minutes.MaxSize. Intermediate output (pdftotext's word boxes, the
	// XML inside a DOCX) may be up to maxExpansion times larger.
	MaxText int
}

// maxExpansion bounds intermediate data (pdftotext's XHTML, a DOCX's
// uncompressed document.xml) as a multiple of MaxText: markup around text is
// verbose, but not without limit.
const maxExpansion = 8

func (o Options) withDefaults() Options {
	if o.PDFToText == "" {
		o.PDFToText = "pdftotext"
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxText <= 0 {
		o.MaxText = minutes.MaxSize
	}
	return o
}

// Text detects the format of data by its content (never by name) and
// returns its text with the line map. name is used in errors only. See
// TextContext.
func Text(name string, data []byte) (Doc, error) {
	return TextContext(context.Background(), name, data, Options{})
}

// TextContext is Text with a context (it cancels a running pdftotext) and
// options:
//
//   - PDF (data starts with "%PDF-"): Debian's pdftotext (poppler-utils) with
//     -bbox-layout; the word boxes are put back together into lines: a line
//     that was wrapped by the typesetter is joined with the next (see
//     layout), repeated page headers and footers are dropped, a vertical
//     gap becomes a blank line.
//   - DOCX (a ZIP archive with word/document.xml): paragraphs become lines,
//     table rows become "cell | cell" lines.
//   - HTML (markup sniffed at the start): block elements and <br> end
//     lines, table rows become "cell | cell" lines, scripts and styles are
//     dropped, entities decoded.
//   - anything else is plain text and passes through unchanged.
//
// Errors are *Error values naming the file; minutes.Decode still has to
// decode and check the returned text.
func TextContext(ctx context.Context, name string, data []byte, opts Options) (Doc, error) {
	opts = opts.withDefaults()
	switch f := Detect(data); f {
	case FormatPDF:
		return pdfText(ctx, name, data, opts)
	case FormatDOCX:
		return docxText(name, data, opts)
	case FormatHTML:
		return htmlText(name, data, opts)
	case formatZIP:
		return Doc{}, &Error{File: name, Format: FormatDOCX, Kind: ErrUnsupported, Msg: "a ZIP archive without word/document.xml: not a Word document (save it as .docx, PDF or HTML)"}
	default:
		return Doc{Format: FormatText, Text: data}, nil
	}
}

// formatZIP is a ZIP archive that is not a DOCX; Detect reports it so that
// the error can say so.
const formatZIP Format = "zip"

// Detect tells the format of data from its first bytes: "%PDF-" is PDF; the
// ZIP signature with a word/document.xml entry is DOCX; markup that the
// HTML sniffing rules recognise (a doctype, <html>, <head>, <body>, <p>,
// <div>, <table>, ..., or an XML declaration followed by <html) is HTML;
// anything else is plain text.
func Detect(data []byte) Format {
	head := skipBOMAndSpace(data)
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if zipHas(data, docxMain) {
			return FormatDOCX
		}
		return formatZIP
	case sniffHTML(head):
		return FormatHTML
	}
	return FormatText
}

func skipBOMAndSpace(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	return bytes.TrimLeft(data, " \t\r\n\f")
}

// zipHas reports whether data is a readable ZIP archive with the entry name.
func zipHas(data []byte, name string) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A damaged archive that still names the entry near its start is
		// a damaged DOCX, not text.
		return bytes.Contains(data[:min(len(data), 1<<16)], []byte(name))
	}
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

// htmlTags are the tags that mark the start of an HTML document in the
// WHATWG MIME sniffing algorithm, plus a few that documents exported by
// office programs begin with.
var htmlTags = []string{"!doctype html", "html", "head", "script", "iframe", "h1", "div", "font", "table", "a", "style", "title", "b", "body", "br", "p", "!--", "meta", "span"}

func sniffHTML(head []byte) bool {
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	start := strings.ToLower(string(head[:min(len(head), 1024)]))
	if strings.HasPrefix(start, "<?xml") {
		return strings.Contains(start, "<html") || strings.Contains(start, "<!doctype html")
	}
	for _, t := range htmlTags {
		rest, ok := strings.CutPrefix(start[1:], t)
		if !ok {
			continue
		}
		if t == "!--" {
			return strings.Contains(start, "<html") || strings.Contains(start, "<!doctype html") || strings.Contains(start, "<body")
		}
		if rest == "" || rest[0] == ' ' || rest[0] == '>' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/' {
			return true
		}
	}
	return false
}

// cleanLine makes extracted text safe to be one line of Text: characters
// that minutes.Decode would turn into line breaks, and control characters
// that would make it reject the text as binary, become spaces; invalid
// UTF-8 becomes U+FFFD.
func cleanLine(s string) string {
	if !strings.ContainsFunc(s, badInLine) && utf8.ValidString(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if badInLine(r) {
			return ' '
		}
		return r
	}, s)
}

func badInLine(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' ||
		(r < 0x20 && r != '\t') || r == 0x7F || (r >= 0x80 && r < 0xA0)
}
