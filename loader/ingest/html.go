package ingest

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// htmlText extracts the text of an HTML document: block elements and <br>
// end lines, each table row is one "cell | cell" line, <pre> keeps its line
// breaks, and scripts, styles, the head and hidden elements are dropped.
// Entities are decoded by the parser. Bytes that are not UTF-8 are read as
// Windows-1252, as minutes.Decode reads plain text.
func htmlText(name string, data []byte, opts Options) (Doc, error) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) {
		if dec, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			data = dec
		}
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Doc{}, &Error{File: name, Format: FormatHTML, Kind: ErrBroken, Msg: "cannot parse HTML: " + err.Error(), Err: err}
	}
	b := newLineBuilder(opts.MaxText)
	pre := 0 // depth of <pre> and friends around the current node
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if pre > 0 {
				b.raw(n.Data)
			} else {
				b.text(n.Data)
			}
			return false
		case html.ElementNode:
		default:
			return true // document, doctype, comment: comments have no children
		}
		if skipElement(n) {
			return false
		}
		switch n.DataAtom {
		case atom.Br:
			b.breakLine()
			return false
		case atom.Tr:
			b.row(rowText(n))
			return false
		case atom.Pre, atom.Textarea, atom.Listing, atom.Plaintext, atom.Xmp:
			b.endBlock()
			pre++
			return true
		}
		if isBlock(n.DataAtom) {
			b.endBlock()
		}
		return true
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Pre, atom.Textarea, atom.Listing, atom.Plaintext, atom.Xmp:
			if !skipElement(n) {
				pre--
				b.endBlock()
			}
			return
		}
		if isBlock(n.DataAtom) {
			b.endBlock()
		}
	})
	doc := b.doc(FormatHTML)
	if b.over {
		return Doc{}, &Error{File: name, Format: FormatHTML, Kind: ErrTooLarge, Msg: "the text is over the limit of " + strconv.Itoa(opts.MaxText) + " bytes"}
	}
	if len(bytes.TrimSpace(doc.Text)) == 0 {
		return Doc{}, &Error{File: name, Format: FormatHTML, Kind: ErrNoText, Msg: "the page has no text"}
	}
	return doc, nil
}

// skipElement reports elements whose content is not text a reader sees.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Select, atom.Button,
		atom.Audio, atom.Video, atom.Canvas, atom.Map, atom.Noframes:
		return true
	}
	for _, a := range n.Attr {
		switch {
		case a.Namespace == "" && a.Key == "hidden":
			return true
		case a.Namespace == "" && a.Key == "aria-hidden" && strings.EqualFold(a.Val, "true"):
			return true
		case a.Namespace == "" && a.Key == "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// isBlock reports elements that start and end lines.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Table, atom.Caption,
		atom.Thead, atom.Tbody, atom.Tfoot, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Nav, atom.Aside, atom.Main, atom.Blockquote, atom.Figure,
		atom.Figcaption, atom.Form, atom.Fieldset, atom.Legend, atom.Address, atom.Hr,
		atom.Center, atom.Details, atom.Summary, atom.Body, atom.Html, atom.Menu,
		atom.Dir, atom.Frameset, atom.Frame, atom.Hgroup, atom.Search:
		return true
	}
	return false
}

// rowText is a table row as "cell | cell": the text of each cell collapsed
// to one line; nested tables are flattened into their cell.
func rowText(tr *html.Node) string {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || skipElement(c) {
			continue
		}
		cells = append(cells, cellText(c))
	}
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return ""
	}
	return strings.Join(cells, " | ")
}

// cellText is the visible text of n on one line.
func cellText(n *html.Node) string {
	var sb strings.Builder
	walk(n, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return false
		case html.ElementNode:
			if skipElement(n) {
				return false
			}
			if n.DataAtom == atom.Tr {
				sb.WriteString(" " + rowText(n) + " ")
				return false
			}
			if n.DataAtom == atom.Br || isBlock(n.DataAtom) || n.DataAtom == atom.Tr || n.DataAtom == atom.Td || n.DataAtom == atom.Th {
				sb.WriteByte(' ')
			}
		}
		return true
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && (isBlock(n.DataAtom) || n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
			sb.WriteByte(' ')
		}
	})
	return collapse(sb.String())
}

// walk visits the tree under root in document order without recursion
// (deeply nested markup cannot exhaust the stack): enter is called on the
// way down and says whether to visit the node's children; exit is called
// on the way up, for every node entered.
func walk(root *html.Node, enter func(*html.Node) bool, exit func(*html.Node)) {
	n := root
	for {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		exit(n)
		for n != root && n.NextSibling == nil {
			n = n.Parent
			exit(n)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}
