package minutes

import (
	"flag"
	"io/fs"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

var showMisses = flag.Bool("misses", false, "print unmatched records of the corpus scoring test")

// extractSample decodes and parses a sample document from the corpus.
func extractSample(t *testing.T, name string) *Extraction {
	t.Helper()
	data, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Decode(name, data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	x, err := Parse(name, s)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return x
}

func readSampleKey(t *testing.T, name string) *Key {
	t.Helper()
	data, err := fs.ReadFile(corpus.FS(), "expected/"+strings.TrimSuffix(name, ".txt")+".json")
	if err != nil {
		t.Fatal(err)
	}
	k, err := ReadKey(data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestCorpusScores scores every sample document against its answer key,
// prints the table, and holds the parser to the required figures.
func TestCorpusScores(t *testing.T) {
	min := map[string]float64{"people": 0.95, "memberships": 0.95, "attendance": 0.95, "agenda_items": 0.95, "initiatives": 0.85}
	for _, name := range corpus.Minutes() {
		t.Run(name, func(t *testing.T) {
			r := ScoreKey(extractSample(t, name), readSampleKey(t, name))
			t.Logf("%s\n%s", name, r.Table())
			if *showMisses {
				for _, c := range Categories {
					for _, m := range r.Missed[c] {
						t.Logf("missed %s: %s", c, m)
					}
					for _, m := range r.Extra[c] {
						t.Logf("extra  %s: %s", c, m)
					}
				}
			}
			for _, c := range Categories {
				if m, ok := min[c]; ok && r.Counts[c].F1() < m {
					t.Errorf("%s: F1 %.3f < %.2f", c, r.Counts[c].F1(), m)
				}
			}
		})
	}
}
