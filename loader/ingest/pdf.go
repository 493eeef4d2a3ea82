package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// pdfText runs pdftotext -bbox-layout on the PDF and lays the word boxes
// out as lines (see layout).
func pdfText(ctx context.Context, name string, data []byte, opts Options) (Doc, error) {
	fail := func(kind ErrorKind, msg string, err error) (Doc, error) {
		return Doc{}, &Error{File: name, Format: FormatPDF, Kind: kind, Msg: msg, Err: err}
	}
	// A PDF ends with %%EOF (readers accept it within the last kilobyte);
	// without it the download was cut short, and pdftotext would quietly
	// return the pages it could reconstruct.
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return fail(ErrTruncated, "the PDF is truncated: no %%EOF end marker", nil)
	}
	tool, err := exec.LookPath(opts.PDFToText)
	if err != nil {
		return fail(ErrToolMissing, fmt.Sprintf("%s is needed to read PDF files: install the Debian package poppler-utils (apt-get install poppler-utils)", opts.PDFToText), err)
	}
	tmp, err := os.CreateTemp("", "ingest-*.pdf")
	if err != nil {
		return fail(ErrBroken, "cannot write a temporary copy: "+err.Error(), err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(ErrBroken, "cannot write a temporary copy: "+err.Error(), err)
	}
	if err := tmp.Close(); err != nil {
		return fail(ErrBroken, "cannot write a temporary copy: "+err.Error(), err)
	}

	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", "-bbox-layout", tmp.Name(), "-")
	cmd.WaitDelay = time.Second // do not wait for children holding the pipes
	limit := int64(opts.MaxText) * maxExpansion
	stdout := &capWriter{max: limit, full: cancel} // stop pdftotext at the limit
	stderr := &capWriter{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	runErr := cmd.Run()
	switch {
	case stdout.over:
		return fail(ErrTooLarge, fmt.Sprintf("pdftotext's output is over the limit of %d bytes", limit), nil)
	case ctx.Err() == context.DeadlineExceeded:
		return fail(ErrTimeout, fmt.Sprintf("pdftotext did not finish within %v", opts.Timeout), ctx.Err())
	case ctx.Err() != nil:
		return fail(ErrBroken, "cancelled", ctx.Err())
	}
	msg := firstLines(stderr.buf.String(), 3)
	if runErr != nil {
		var exit *exec.ExitError
		if errors.As(runErr, &exit) {
			code := exit.ExitCode()
			if code == 3 || strings.Contains(strings.ToLower(msg), "password") || isEncrypted(data) {
				return fail(ErrEncrypted, "the PDF is encrypted or does not allow copying its text (pdftotext: "+orNone(msg)+")", runErr)
			}
			return fail(ErrBroken, "the PDF is damaged or not a PDF (pdftotext exit "+strconv.Itoa(code)+": "+orNone(msg)+")", runErr)
		}
		return fail(ErrBroken, "cannot run pdftotext: "+runErr.Error(), runErr)
	}
	pages, err := parseBBox(stdout.buf.Bytes())
	if err != nil {
		return fail(ErrBroken, "cannot read pdftotext's output: "+err.Error(), err)
	}
	words := 0
	for _, p := range pages {
		for _, l := range p.lines {
			words += len(l.words)
		}
	}
	if words == 0 {
		if msg != "" {
			return fail(ErrBroken, "no text could be read from the PDF (pdftotext: "+msg+")", nil)
		}
		return fail(ErrNoText, fmt.Sprintf("the PDF's %d page(s) have no text layer (a scanned document? run OCR, e.g. ocrmypdf, first)", len(pages)), nil)
	}
	doc := layout(pages)
	if len(doc.Text) > opts.MaxText {
		return fail(ErrTooLarge, fmt.Sprintf("the text is %d bytes, over the limit of %d", len(doc.Text), opts.MaxText), nil)
	}
	return doc, nil
}

// isEncrypted reports whether the PDF's trailer names an encryption
// dictionary.
func isEncrypted(data []byte) bool {
	return bytes.Contains(data[max(0, len(data)-4096):], []byte("/Encrypt"))
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "no message"
	}
	return s
}

// capWriter keeps up to max bytes and notes whether more came; then it
// calls full (which stops the writing process). It has no ReadFrom, so
// io.Copy goes through Write and the limit holds.
type capWriter struct {
	buf  bytes.Buffer
	max  int64
	over bool
	full func()
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.max - int64(w.buf.Len()); int64(len(p)) > room {
		w.over = true
		if w.full != nil {
			w.full()
		}
		if room > 0 {
			w.buf.Write(p[:room])
		}
		return 0, errors.New("output over the limit")
	}
	return w.buf.Write(p)
}

// pdfWord, pdfLine and pdfPage are pdftotext's boxes, in points from the
// top left of the page.
type pdfWord struct {
	x0, x1 float64
	text   string
}

type pdfLine struct {
	x0, y0, x1, y1 float64
	words          []pdfWord
	n              int // 1-based line number on the page
}

type pdfPage struct {
	w, h  float64
	lines []pdfLine
}

// parseBBox reads the XHTML that pdftotext -bbox-layout writes: pages of
// flows of blocks of lines of words, in reading order. The HTML tokenizer
// reads it leniently (control characters in a word do not stop it) and
// decodes entities.
func parseBBox(out []byte) ([]pdfPage, error) {
	z := html.NewTokenizer(bytes.NewReader(out))
	var pages []pdfPage
	var line *pdfLine
	var word *pdfWord
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return pages, nil
			}
			return nil, z.Err()
		case html.StartTagToken:
			tn, hasAttr := z.TagName()
			attrs := map[string]float64{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if f, err := strconv.ParseFloat(string(v), 64); err == nil {
					attrs[string(k)] = f
				}
			}
			switch string(tn) {
			case "page":
				pages = append(pages, pdfPage{w: attrs["width"], h: attrs["height"]})
			case "line":
				if len(pages) > 0 {
					line = &pdfLine{x0: attrs["xmin"], y0: attrs["ymin"], x1: attrs["xmax"], y1: attrs["ymax"]}
				}
			case "word":
				if line != nil {
					word = &pdfWord{x0: attrs["xmin"], x1: attrs["xmax"]}
				}
			}
		case html.TextToken:
			if word != nil {
				word.text += string(z.Text())
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			switch string(tn) {
			case "word":
				if word != nil && line != nil {
					word.text = strings.TrimSpace(word.text)
					if word.text != "" {
						line.words = append(line.words, *word)
					}
				}
				word = nil
			case "line":
				if line != nil && len(pages) > 0 && len(line.words) > 0 {
					p := &pages[len(pages)-1]
					line.n = len(p.lines) + 1
					p.lines = append(p.lines, *line)
				}
				line, word = nil, nil
			}
		}
	}
}
