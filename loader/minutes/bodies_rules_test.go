package minutes

import "testing"

// Variants not in the sample minutes.

func TestSharedTailGroups(t *testing.T) {
	got := sharedTailGroups("I Klynge Nord inddrages den nedsatte styregruppe- og arbejdsgruppe for rekruttering i processen.")
	want := []string{"Styregruppe for rekruttering", "Arbejdsgruppe for rekruttering"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("sharedTailGroups = %q, want %q", got, want)
	}
	if got := sharedTailGroups("Styregruppen og arbejdsgruppen mødes."); len(got) != 0 {
		t.Errorf("sharedTailGroups without a shared tail = %q", got)
	}
}

func TestSameGroup(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		kind string
		want bool
	}{
		{"Arbejdsgruppe for demensplanen", "Arbejdsgruppen for udarbejdelsen af demensplanen", BodyWorkingGroup, true},
		{"Ad hoc gruppen 'Sidste tid'", "Ad hoc gruppen 'Sammen om den sidste tid'", BodyAdHocGroup, true},
		{"Programstyregruppen for Telemedicin Nord", "Programstyregruppen for Telemedicin i Nordjylland", BodySteeringGroup, true},
		{"Forskningscenterets styregruppe", "Styregruppen for hjemmebehandling", BodySteeringGroup, false},
		{"Ad hoc gruppen 'Den akutte patient'", "Ad hoc gruppen 'Den ældre patient'", BodyAdHocGroup, false},
		{"Sundhedsklynge Nord", "Sundhedsklynge Nord - Politisk niveau", BodyOther, false},
	} {
		a, b := Body{Name: tc.a, Kind: tc.kind}, Body{Name: tc.b, Kind: tc.kind}
		if got := sameGroup(a, b); got != tc.want {
			t.Errorf("sameGroup(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestBodyPatternsLowerCase checks the names that running text writes in
// lower case or with an adjective.
func TestBodyPatternsLowerCase(t *testing.T) {
	src := "Punkt 1: Organisering\n" +
		"Region og kommune nedsatte en politisk styregruppe med repræsentanter fra begge.\n" +
		"Det er besluttet at organisere sig med et koordinerende niveau.\n" +
		"Deltagerkredsen er klyngen og driftsgruppen.\n" +
		"Klyngerne bliver til ét sundhedsråd.\n" +
		"Der nedsættes en tværsektoriel faglig følgegruppe. Følgegruppen mødes årligt.\n" +
		"Punktet drøftes i de Kommunalt Lægelige Udvalg.\n" +
		"Der er nedsat tre arbejdsgrupper: 'Ny økonomimodel', 'Fælles it' samt 'Data'.\n" +
		"Projektet indsendes til programsekretariatet for Det Nationale Kvalitetsprogram.\n" +
		"Det politiske formandskab godkender.\n"
	tx := newText("x", src)
	got := map[string]string{}
	for _, b := range parseBodies(tx, splitItems(tx), &docContext{cluster: "Sundhedsklynge Nord", level: "political"}) {
		got[b.Name] = b.Kind
	}
	for name, kind := range map[string]string{
		"Politisk styregruppe":             BodySteeringGroup,
		"Koordinerende niveau":             BodyCoordinationForum,
		"Driftsgruppen":                    BodyOther,
		"Sundhedsråd":                      BodyOther,
		"Tværsektoriel faglig følgegruppe": BodyWorkingGroup,
		"De Kommunalt Lægelige Udvalg":     BodyOther,
		"Ny økonomimodel":                  BodyWorkingGroup,
		"Fælles it":                        BodyWorkingGroup,
		"Data":                             BodyWorkingGroup,
		"Programsekretariatet for Det Nationale Kvalitetsprogram": BodyOther,
		"Det politiske formandskab":                               BodyOther,
	} {
		if k, ok := got[name]; !ok || k != kind {
			t.Errorf("body %q kind %q (found %v), want %q; all: %v", name, k, ok, kind, got)
		}
	}
	if _, ok := got["Følgegruppen"]; ok {
		t.Errorf("the bare word Følgegruppen is not a body's name: %v", got)
	}
}
