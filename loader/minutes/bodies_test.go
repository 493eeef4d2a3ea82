package minutes

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

func TestCutName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"styregruppen for tværsektoriel understøttelse af lægedækning i Sønderjylland til godkendelse", "styregruppen for tværsektoriel understøttelse af lægedækning i Sønderjylland"},
		{"Styregruppen for hjemmebehandling under den Nationale bestyrelse", "Styregruppen for hjemmebehandling"},
		{"Strategisk Sundhedsstyregruppe", "Strategisk Sundhedsstyregruppe"},
	}
	for _, tt := range tests {
		if got := cutName(tt.in); got != tt.want {
			t.Errorf("cutName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if bodyKey("Styregruppen for X") != bodyKey("styregruppe for x") {
		t.Error("bodyKey: definite and indefinite forms differ")
	}
	for title, want := range map[string]bool{"Deltagerliste": true, "Mødedeltagere": true, "Velkomst": false, "Punkter til kommende møder": false} {
		if got := isParticipantItem(title); got != want {
			t.Errorf("isParticipantItem(%q) = %v", title, got)
		}
	}
}

func TestParseBodiesSynthetic(t *testing.T) {
	src := "Punkt 1: Mødedeltagere\nKaj Hansen, formand for Sundhedsudvalget\n" +
		"Punkt 2: Organisering\nDer nedsættes en styregruppe for lægedækning i Klynge Y til godkendelse.\n" +
		"Implementeringsgruppen for Forebyggelse & Børn og unge gennemgår sagen.\n" +
		"Ad hoc gruppen 'Den akutte patient' og Koordinationsforum mødes. Fagligt strategisk niveau følger op.\n" +
		"Sundhedsklynge Y og Sundhedsklynge Zeta samarbejder."
	tx := newText("x", src)
	c := &docContext{body: "Sundhedsklynge Y - Politisk niveau", cluster: "Sundhedsklynge Y", level: "political"}
	got := parseBodies(tx, splitItems(tx), c)
	want := map[string]string{
		"Sundhedsklynge Y - Politisk niveau":                     BodyOther,
		"Styregruppe for lægedækning i Klynge Y":                 BodySteeringGroup,
		"Implementeringsgruppen for Forebyggelse & Børn og unge": BodyImplementationGroup,
		"Ad hoc gruppen 'Den akutte patient'":                    BodyAdHocGroup,
		"Koordinationsforum":                                     BodyCoordinationForum,
		"Sundhedsklynge Y - Fagligt strategisk niveau":           BodyOther,
		"Sundhedsklynge Zeta":                                    BodyOther,
	}
	if len(got) != len(want) {
		t.Errorf("got %d bodies, want %d: %+v", len(got), len(want), got)
	}
	for _, b := range got {
		k, ok := want[b.Name]
		if !ok || k != b.Kind {
			t.Errorf("unexpected body %q (%s)", b.Name, b.Kind)
		}
		if b.Item == nil || *b.Item != 2 {
			t.Errorf("body %q: item %v, want 2", b.Name, b.Item)
		}
	}
}

// TestBodiesAgainstKeys measures the bodies of the sample minutes against
// the keys (names and aliases, case-insensitive). The bar is precision 0.9
// and recall 0.5: many key entries are annotators' descriptions.
func TestBodiesAgainstKeys(t *testing.T) {
	for _, name := range corpus.Minutes() {
		key := sampleKey(t, name)
		if key.Kind != "minutes" {
			continue
		}
		tx := sampleText(t, name)
		got := parseBodies(tx, splitItems(tx), sampleContext(key))
		names := map[string]int{}
		for i, w := range key.Bodies {
			names[bodyKey(w.Name)] = i + 1
			for _, a := range w.Aliases {
				names[bodyKey(a)] = i + 1
			}
		}
		hit, found := 0, map[int]bool{}
		for _, g := range got {
			if i := names[bodyKey(g.Name)]; i > 0 {
				hit++
				found[i] = true
			}
		}
		p := float64(hit) / float64(max(len(got), 1))
		r := float64(len(found)) / float64(max(len(key.Bodies), 1))
		t.Logf("%s: bodies precision %.2f recall %.2f", name, p, r)
		if p < 0.9 || r < 0.5 {
			t.Errorf("%s: bodies precision %.2f recall %.2f", name, p, r)
		}
	}
}
