package minutes_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// TestPrefilterLiterals runs the prefiltered regular expressions without
// their prefilter over every line (as printed and lower-cased) of the
// sample minutes and of every eighth generated document, and fails on a
// match that contains none of the expression's literals: the prefilter
// would have hidden it.
func TestPrefilterLiterals(t *testing.T) {
	if testing.Short() {
		t.Skip("prefilter literals: not in -short")
	}
	var texts []string
	for _, name := range corpus.Minutes() {
		b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	docs := seed1(t)
	for i := 0; i < len(docs); i += 8 {
		texts = append(texts, docs[i].data)
	}
	seen := map[string]bool{}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			for _, s := range []string{line, strings.ToLower(line)} {
				if s == "" || seen[s] {
					continue
				}
				seen[s] = true
				for _, miss := range minutes.PrefilterMisses(s) {
					t.Errorf("%s (line %q)", miss, s)
				}
			}
		}
	}
}
