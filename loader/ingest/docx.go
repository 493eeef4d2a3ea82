package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// docxMain is the main part of a Word document.
const docxMain = "word/document.xml"

// docxText extracts the text of a Word document's main part: each
// paragraph is a line (w:br and w:cr break it), w:tab is a tab, each table
// row is one "cell | cell" line (nested tables flattened into their cell),
// deleted text, field codes, properties (tab stops are not tabs) and the
// fallback copies of text boxes are left out. Only
// word/document.xml is read, through a size limit, so a ZIP bomb cannot
// take more than maxExpansion × MaxText bytes of input.
func docxText(name string, data []byte, opts Options) (Doc, error) {
	fail := func(kind ErrorKind, msg string, err error) (Doc, error) {
		if err != nil {
			msg += ": " + err.Error()
		}
		return Doc{}, &Error{File: name, Format: FormatDOCX, Kind: kind, Msg: msg, Err: err}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return fail(ErrTruncated, "damaged or truncated ZIP archive", err)
		}
		return fail(ErrBroken, "cannot read the ZIP archive", err)
	}
	var main *zip.File
	for _, f := range zr.File {
		if f.Name == docxMain {
			main = f
			break
		}
	}
	if main == nil {
		return fail(ErrBroken, "no "+docxMain+" in the archive", nil)
	}
	limit := int64(opts.MaxText) * maxExpansion
	if main.UncompressedSize64 > uint64(limit) {
		return fail(ErrTooLarge, docxMain+" is "+strconv.FormatUint(main.UncompressedSize64, 10)+" bytes uncompressed, over the limit of "+strconv.FormatInt(limit, 10), nil)
	}
	rc, err := main.Open()
	if err != nil {
		return fail(ErrBroken, "cannot open "+docxMain, err)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: limit + 1}
	b := newLineBuilder(opts.MaxText)
	if err := docxWalk(xml.NewDecoder(lr), b); err != nil {
		if lr.N <= 0 {
			return fail(ErrTooLarge, docxMain+" is over the limit of "+strconv.FormatInt(limit, 10)+" bytes uncompressed", nil)
		}
		return fail(ErrBroken, "cannot read "+docxMain, err)
	}
	if b.over {
		return fail(ErrTooLarge, "the text is over the limit of "+strconv.Itoa(opts.MaxText)+" bytes", nil)
	}
	doc := b.doc(FormatDOCX)
	if len(bytes.TrimSpace(doc.Text)) == 0 {
		return fail(ErrNoText, "the document has no text", nil)
	}
	return doc, nil
}

// docxTable is an open w:tbl: the cells of its current row and the text of
// its current cell.
type docxTable struct {
	cells []string
	cell  strings.Builder
}

// docxWalk streams the XML of document.xml into b. Element names are
// matched by local name, so Strict OOXML (another namespace) reads too.
func docxWalk(d *xml.Decoder, b *lineBuilder) error {
	var tables []*docxTable
	skip := 0   // depth inside an element whose text is left out
	inText := 0 // depth inside w:t
	cellOut := func() *strings.Builder {
		if len(tables) == 0 {
			return nil
		}
		t := tables[len(tables)-1]
		return &t.cell
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if b.over {
			return nil
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch tok.Name.Local {
			case "Fallback", "delText", "instrText", "del", "moveFrom", "pPr", "rPr", "sectPr":
				skip = 1
			case "t":
				inText++
			case "p":
				if cellOut() == nil {
					b.endBlock()
				}
			case "tab":
				if c := cellOut(); c != nil {
					c.WriteByte(' ')
				} else if inText == 0 {
					b.tab()
				}
			case "br", "cr":
				if c := cellOut(); c != nil {
					c.WriteByte(' ')
				} else {
					b.breakLine()
				}
			case "noBreakHyphen":
				if c := cellOut(); c != nil {
					c.WriteByte('-')
				} else {
					b.raw("-")
				}
			case "tbl":
				if cellOut() == nil {
					b.endBlock()
				}
				tables = append(tables, &docxTable{})
			case "tr":
				if len(tables) > 0 {
					tables[len(tables)-1].cells = nil
				}
			case "tc":
				if len(tables) > 0 {
					tables[len(tables)-1].cell.Reset()
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch tok.Name.Local {
			case "t":
				if inText > 0 {
					inText--
				}
			case "p":
				if c := cellOut(); c != nil {
					c.WriteByte(' ')
				} else {
					b.endBlock()
				}
			case "tc":
				if len(tables) > 0 {
					t := tables[len(tables)-1]
					t.cells = append(t.cells, collapse(t.cell.String()))
					t.cell.Reset()
				}
			case "tr":
				if len(tables) == 0 {
					continue
				}
				t := tables[len(tables)-1]
				cells := t.cells
				for len(cells) > 0 && cells[len(cells)-1] == "" {
					cells = cells[:len(cells)-1]
				}
				row := strings.Join(cells, " | ")
				t.cells = nil
				if len(tables) > 1 {
					outer := tables[len(tables)-2]
					outer.cell.WriteString(" " + row + " ")
				} else {
					b.row(row)
				}
			case "tbl":
				if len(tables) > 0 {
					tables = tables[:len(tables)-1]
				}
			}
		case xml.CharData:
			if skip > 0 || inText == 0 {
				continue
			}
			if c := cellOut(); c != nil {
				c.Write(tok)
			} else {
				b.raw(strings.ReplaceAll(string(tok), "\n", " "))
			}
		}
	}
}
