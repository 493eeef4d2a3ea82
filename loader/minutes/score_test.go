package minutes

import (
	"encoding/json"
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

// TestScoreRejectsWrongAnswers checks that the scorer is strict: a key
// scores 1 against itself, and every kind of wrong answer lowers the
// figure of its category.
func TestScoreRejectsWrongAnswers(t *testing.T) {
	name := "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt"
	key := readSampleKey(t, name)
	self := ScoreKey(key.Extraction, key)
	for _, c := range Categories {
		if f := self.Counts[c].F1(); f != 1 {
			t.Errorf("key against itself: %s F1 %.3f", c, f)
		}
	}
	mutate := func(f func(x *Extraction)) *Extraction {
		b, _ := json.Marshal(key.Extraction)
		var x Extraction
		if err := json.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		f(&x)
		return &x
	}
	tests := []struct {
		cat string
		f   func(x *Extraction)
	}{
		{"people", func(x *Extraction) { x.People[0].Name = "Bo Liberg" }},
		{"people", func(x *Extraction) { x.People[9].Aliases = nil }},
		{"people", func(x *Extraction) { x.People = append(x.People, Person{Name: "Hans Hansen"}) }},
		{"memberships", func(x *Extraction) { x.Memberships[0].Role = RoleCoChair }},
		{"memberships", func(x *Extraction) {
			x.Memberships[0].Body = "Sundhedsklynge Sønderjylland - Fagligt strategisk niveau"
		}},
		{"attendance", func(x *Extraction) { x.Attendance[5].Status = StatusSentApologies }},
		{"attendance", func(x *Extraction) { s := "Bo Libergren"; x.Attendance[1].SubstituteFor = &s }},
		{"agenda_items", func(x *Extraction) { x.AgendaItems[0].Number = 7 }},
		{"agenda_items", func(x *Extraction) { x.AgendaItems[3].Title = "Kommunikationsplan" }},
		{"initiatives", func(x *Extraction) { v := int64(350000); x.Initiatives[0].AmountDKK = &v }},
		{"initiatives", func(x *Extraction) { x.Initiatives[1].Name = "Lægedækning" }},
		{"organisations", func(x *Extraction) { x.Organisations[0].Name = "Haderslev" }},
		{"meetings", func(x *Extraction) { d := "2024-06-20"; x.Meetings[0].Date = &d }},
		{"future_meetings", func(x *Extraction) { x.FutureMeetings[0].Date = "2025-10-23" }},
	}
	for i, tt := range tests {
		r := ScoreKey(mutate(tt.f), key)
		if f := r.Counts[tt.cat].F1(); f >= 1 {
			t.Errorf("mutation %d (%s) still scores F1 %.3f", i, tt.cat, f)
		}
	}
	// Spelling that only folding separates still matches.
	r := ScoreKey(mutate(func(x *Extraction) {
		x.People[0].Name = "bo  libergren"
		x.AgendaItems[3].Title = "Kommunikation - 10 min"
		x.Attendance[0].Person = "Bo Libergren"
	}), key)
	if r.Counts["people"].F1() != 1 || r.Counts["agenda_items"].F1() != 1 {
		t.Errorf("folding: %s", r.Table())
	}
	if !strings.Contains(r.Table(), "people") || len(strings.Split(strings.TrimSpace(r.Table()), "\n")) != len(Categories)+1 {
		t.Errorf("table:\n%s", r.Table())
	}
}

func TestLooseMatch(t *testing.T) {
	tests := []struct {
		want, got string
		ok        bool
	}{
		{"Fælles kommunikation om projekt Ulighed i Sundhed (socialsygeplejeklinik)", "Fælles kommunikation om projektet Ulighed i Sundhed", true},
		{"Klyngemidler Klyngen Holbæk", "Klyngemidler for Klyngen Holbæk", true},
		{"Klyngemidler Klyngen Holbæk", "Klyngemidler Klyngen Roskilde/Køge", false},
		{"Ældrereformen", "Sundhedsreformen", false},
		{"Statslige midler til opstart af arbejdet i sundhedsklyngerne", "midler", false},
	}
	for _, tt := range tests {
		if got := looseMatch(tt.want, tt.got); got != tt.ok {
			t.Errorf("looseMatch(%q, %q) = %v", tt.want, tt.got, got)
		}
	}
}

func TestLooseMatchShortName(t *testing.T) {
	if !looseMatch("Slagelse Kommunes andel af midler til initiativer i Sundhedsreformen (Lov- og Cirkulæreprogrammet)", "Slagelse Kommunes andel af midlerne") {
		t.Error("a short name inside the description should match")
	}
	if looseMatch("Klyngemidler Region Sjælland", "Klyngemidler Region Syddanmark") {
		t.Error("a different region should not match")
	}
}
