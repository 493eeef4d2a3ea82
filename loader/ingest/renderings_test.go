package ingest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// needPDFToText skips a test when pdftotext is not installed, unless
// INGEST_REQUIRED=1 (CI installs poppler-utils and sets it), where it fails.
func needPDFToText(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("INGEST_REQUIRED") == "1" {
			t.Fatalf("pdftotext not found and INGEST_REQUIRED=1: apt-get install poppler-utils")
		}
		t.Skip("pdftotext not found: apt-get install poppler-utils (set INGEST_REQUIRED=1 to make this a failure)")
	}
}

// facts is what minutes.Parse reads from text, as JSON, normalised for
// comparing renderings of one document: positions and quotes (the "pos"
// objects) are left out, because a rendering numbers its lines differently,
// and runs of white space in strings are one space, because renderers do
// not keep them (HTML collapses them by definition; a PDF has word boxes,
// not spaces). Nothing else is normalised.
func facts(t *testing.T, name string, data []byte) string {
	t.Helper()
	text, err := minutes.Decode(name, data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	x, err := minutes.Parse(name, text)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	raw, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(normalise(v), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "pos")
		for k, x := range v {
			v[k] = normalise(x)
		}
	case []any:
		for i := range v {
			v[i] = normalise(v[i])
		}
	case string:
		return strings.Join(strings.Fields(v), " ")
	}
	return v
}

// TestRenderingsMatchText loads each sample's PDF, DOCX and HTML renderings
// (testdata/rendered, made by testdata/render.sh) and requires the facts
// read from each to equal those read from the .txt original.
func TestRenderingsMatchText(t *testing.T) {
	names := corpus.Minutes()
	if len(names) < 3 {
		t.Fatalf("corpus has %d sample minutes, want at least 3", len(names))
	}
	tested := 0
	for _, name := range names {
		orig, err := os.ReadFile(filepath.Join("..", "..", "corpus", "minutes", name))
		if err != nil {
			t.Fatal(err)
		}
		want := facts(t, name, orig)
		base := strings.TrimSuffix(name, ".txt")
		for _, ext := range []string{".pdf", ".tight.pdf", ".docx", ".html"} {
			path := filepath.Join("testdata", "rendered", base+ext)
			t.Run(base+ext, func(t *testing.T) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("fixture missing (run testdata/render.sh): %v", err)
				}
				if strings.HasSuffix(ext, ".pdf") {
					needPDFToText(t)
				}
				doc, err := Text(path, data)
				if err != nil {
					t.Fatalf("Text: %v", err)
				}
				if wantF := Format(strings.TrimPrefix(filepath.Ext(ext), ".")); doc.Format != wantF {
					t.Fatalf("format %q, want %q", doc.Format, wantF)
				}
				if n := strings.Count(string(doc.Text), "\n") + 1; n != len(doc.Lines) {
					t.Fatalf("%d lines of text but %d locations", n, len(doc.Lines))
				}
				got := facts(t, name, doc.Text)
				if got != want {
					os.WriteFile(filepath.Join(t.TempDir(), "got.json"), []byte(got), 0o644)
					t.Errorf("facts differ from the .txt original:\n%s", firstDiff(want, got))
				}
				tested++
			})
		}
	}
	t.Logf("%d renderings compared", tested)
}

// firstDiff shows the first differing lines of two texts, with context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			lo := max(0, i-3)
			return "want:\n" + strings.Join(w[lo:min(len(w), i+4)], "\n") + "\ngot:\n" + strings.Join(g[lo:min(len(g), i+4)], "\n")
		}
	}
	return "(equal)"
}
