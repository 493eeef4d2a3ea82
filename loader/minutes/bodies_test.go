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

// TestBodiesAgainstKeys scores the bodies of every sample against its key
// with the scorer's matching rules (names, aliases, and the loose rule for
// the annotators' descriptions). The bar is F1 0.9.
func TestBodiesAgainstKeys(t *testing.T) {
	for _, name := range corpus.Minutes() {
		r := ScoreKey(extractSample(t, name), readSampleKey(t, name))
		c := r.Counts["bodies"]
		t.Logf("%s: bodies P %.2f R %.2f F1 %.2f", name, c.Precision(), c.Recall(), c.F1())
		if c.F1() < 0.9 {
			t.Errorf("%s: bodies F1 %.3f < 0.9; missed %q; extra %q", name, c.F1(), r.Missed["bodies"], r.Extra["bodies"])
		}
	}
}
