package minutes

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

func TestParseInitiativesSynthetic(t *testing.T) {
	src := "Punkt 57: Orientering om pilotprojekt: Videokald - 20 min\n" +
		"Projektet er budgetteret til 250.000 kr.\n" +
		"Punkt 58: Lægedækning\n" +
		"Der afsættes 300.000 kr. af klyngemidlerne til at finansiere samarbejdet om lægedækning.\n" +
		"Styregruppen fortsætter, hvilket forventes at være ved udgangen af 2026.\n" +
		"Punkt 59: Ulighed\n" +
		"Forslag om 1,350 mio. kr. til projektet 'Ulighed i Sundhed' i tråd med Sundhedsaftale 2024-27.\n" +
		"Projektperioden forventes at være 1. november 2024 til og med 31. oktober 2026.\n" +
		"Ad hoc gruppen 'Den akutte patient' følger op.\n"
	tx := newText("x", src)
	got := parseInitiatives(tx, splitItems(tx), &docContext{year: 2024})
	type want struct {
		name       string
		amount     int64
		start, end string
		item       int
	}
	wants := []want{
		{"Pilotprojekt: Videokald", 250000, "<null>", "<null>", 57},
		{"Samarbejdet om lægedækning", 300000, "<null>", "2026-12-31", 58},
		{"Ulighed i Sundhed", 1350000, "2024-11-01", "2026-10-31", 59},
		{"Sundhedsaftalen 2024-2027", -1, "2024-01-01", "2027-12-31", 59},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d initiatives, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.Name != w.name || i64(g.AmountDKK) != w.amount || str(g.PeriodStart) != w.start || str(g.PeriodEnd) != w.end || *g.Item != w.item {
			t.Errorf("initiative %d = %q %d %s..%s item %d; want %+v", i, g.Name, i64(g.AmountDKK), str(g.PeriodStart), str(g.PeriodEnd), *g.Item, w)
		}
	}
}

// TestInitiativesAgainstKeys checks the precision of the initiatives found
// in the sample minutes (names and aliases as the keys print them) and that
// the key's amounts come out where a name matches. Recall is logged: many
// key entries are annotators' descriptions that the parser does not invent.
func TestInitiativesAgainstKeys(t *testing.T) {
	for _, name := range corpus.Minutes() {
		key := sampleKey(t, name)
		if key.Kind != "minutes" {
			continue
		}
		tx := sampleText(t, name)
		got := parseInitiatives(tx, splitItems(tx), sampleContext(key))
		byName := map[string]Initiative{}
		for _, w := range key.Initiatives {
			byName[normName(w.Name)] = w
			for _, a := range w.Aliases {
				byName[normName(a)] = w
			}
		}
		hit := 0
		found := map[string]bool{}
		for _, g := range got {
			w, ok := byName[normName(g.Name)]
			if !ok {
				continue
			}
			hit++
			found[w.Name] = true
			if w.AmountDKK != nil && i64(g.AmountDKK) != *w.AmountDKK {
				t.Errorf("%s: %q amount %d, want %d", name, g.Name, i64(g.AmountDKK), *w.AmountDKK)
			}
		}
		p := float64(hit) / float64(max(len(got), 1))
		r := float64(len(found)) / float64(max(len(key.Initiatives), 1))
		t.Logf("%s: initiatives precision %.2f recall %.2f", name, p, r)
		if p < 0.6 {
			t.Errorf("%s: initiatives precision %.2f", name, p)
		}
	}
}
