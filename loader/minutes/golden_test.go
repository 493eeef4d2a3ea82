package minutes

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the parser's output")

// goldenView is the part of an Extraction the golden files hold: the
// document, its meeting and everything the participant stages read. The
// item-side categories (agenda items, bodies, initiatives, future meetings)
// are scored against the answer keys by TestCorpusScores instead, so that
// work on those stages does not rewrite these files.
type goldenView struct {
	Document      string         `json:"document"`
	Kind          string         `json:"kind"`
	Meetings      []Meeting      `json:"meetings"`
	People        []Person       `json:"people"`
	Memberships   []Membership   `json:"memberships"`
	Attendance    []Attendance   `json:"attendance"`
	Organisations []Organisation `json:"organisations"`
}

// TestGolden compares the parse of every sample document with
// testdata/golden/NAME.json. Regenerate with
//
//	go test ./loader/minutes -run Golden -update
//
// and review the diff like code.
func TestGolden(t *testing.T) {
	for _, name := range corpus.Minutes() {
		t.Run(name, func(t *testing.T) {
			x := extractSample(t, name)
			v := goldenView{x.Document, x.Kind, x.Meetings, x.People, x.Memberships, x.Attendance, x.Organisations}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the parse; first difference near: %s\n(run go test ./loader/minutes -run Golden -update and review the diff)", path, firstDiff(string(want), string(got)))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ": want " + strings.TrimSpace(al[i]) + " / got " + strings.TrimSpace(bl[i])
		}
	}
	return "length " + itoa(len(al)) + " vs " + itoa(len(bl))
}
