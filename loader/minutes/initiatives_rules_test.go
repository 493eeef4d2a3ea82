package minutes

import (
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

// The variants below are not in the sample minutes: they check that each
// rule reads the family of phrasings, not the five documents.

func TestStripTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Orientering om pilotprojekt: Hjemmedialyse - 15 min", "pilotprojekt: Hjemmedialyse"},
		{"Godkendelse af initiativer til Det Nationale Ledelsesprogram 2026, kl. 10.05-10.20", "Det Nationale Ledelsesprogram 2026"},
		{"Drøftelse og beslutning vedr. organisering og implementering af SAM:BO-aftalen", "SAM:BO-aftalen"},
		{"Status på implementeringen af den fælles demensplan", "den fælles demensplan"},
		{"Ansøgning om midler fra akutpuljen", "akutpuljen"},
		{"TeleHjerte - status til styregruppen", "TeleHjerte"},
		{"Sundhedsreform, status på lokale processer", "Sundhedsreform"},
		{"Velkomst", "Velkomst"},
	} {
		if got := stripTitle(tc.in); got != tc.want {
			t.Errorf("stripTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitleName(t *testing.T) {
	for _, tc := range []struct {
		title, body string
		want        string
		pot         bool
	}{
		{"Vagtlægeordning", "", "Vagtlægeordning", false},
		{"Orientering om ordning", "", "", false},
		{"Orientering om Akutlægevagt - 10 min", "", "Akutlægevagt", false},
		{"Ansøgning om midler fra forebyggelsespuljen", "", "forebyggelsespuljen", true},
		{"Orientering om klyngemidler og overførsel til 2026", "", "klyngemidler og overførsel til 2026", true},
		{"Psykiatrireform", "", "Psykiatrireform", false},
		{"TeleHjerte - status", "", "TeleHjerte", false},
		{"Evaluering af Den Udgående Sygepleje", "", "Den Udgående Sygepleje", false},
		{"Drøftelse vedr. tidlig opsporing", "Ordningen for tidlig opsporing er udvidet.", "tidlig opsporing", false},
		{"Drøftelse vedr. tidlig opsporing", "Der er fokus på tidlig opsporing.", "", false},
		{"Drøftelse vedr. tidlig opsporing", "Modellen for akut sygepleje gælder; der er fokus på tidlig opsporing.", "", false},
		{"Drøftelse vedr. tidlig opsporing", "Modellen for akut sygepleje og driften af tidlig opsporing.", "tidlig opsporing", false},
		{"Godkendelse af program for temadrøftelse", "", "", false},
		{"Drøftelse af udkast til visioner for ny sundhedsaftale", "", "", false},
		{"Eventuelt", "", "", false},
		{"Gensidig orientering", "", "", false},
	} {
		got, pot, ok := titleName(tc.title, tc.body)
		if !ok {
			got = ""
		}
		if got != tc.want || pot != tc.pot {
			t.Errorf("titleName(%q) = %q pot=%v, want %q pot=%v", tc.title, got, pot, tc.want, tc.pot)
		}
	}
}

func TestQuotedAccepted(t *testing.T) {
	for _, tc := range []struct {
		name, before string
		want         bool
	}{
		{"Sammen om demens", "Der var forslag om at bruge ", true},
		{"sund start", "der arbejdes med initiativer omkring ", true},
		{"sund start", "der blev talt om ", false},
		{"opsporing", "etablere en ", true},
		{"Demens", "Ad hoc gruppen ", false},
		{"Nye veje", "Der er nedsat to arbejdsgrupper: ", false},
		{"Ulighed", "Emnet for temadrøftelsen er ", false},
		{"Hvad virker?", "Spørgsmålet ", false},
	} {
		if got := quotedAccepted(tc.name, tc.before); got != tc.want {
			t.Errorf("quotedAccepted(%q, %q) = %v, want %v", tc.name, tc.before, got, tc.want)
		}
	}
}

func TestListIntroAndName(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"Klyngen har valgt følgende tre indsatser:", true},
		{"Der deltages i to forbedringsprojekter,", true},
		{"Der er igangsat flere initiativer på området, herunder", true},
		{"Følgende emner blev drøftet:", false},
		{"Ad hoc gruppen er blevet bestilt til en to-delt indsats:", false},
		{"Der er iværksat en række implementeringstiltag.", false},
	} {
		if got := isListIntro(tc.line); got != tc.want {
			t.Errorf("isListIntro(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
	for _, tc := range []struct{ entry, want string }{
		{"Etablering af et tværkommunalt rekrutteringsnetværk.", "Etablering af et tværkommunalt rekrutteringsnetværk"},
		{"Udarbejdelse af en fælles model for udskrivning. Målgruppen er ældre.", "Fælles model for udskrivning"},
		{"”Sund Start” i alle kommuner", ""},
		{"Proces i regionen, herunder forslag om X", ""},
		{"Hvordan sikres undervisningen?", ""},
		{"Velkomst", ""},
	} {
		got, ok := listName(tc.entry)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("listName(%q) = %q, want %q", tc.entry, got, tc.want)
		}
	}
}

// TestLineRules runs each line rule on a sentence that is not in the
// samples and checks the name, an alias and the rule that found it.
func TestLineRules(t *testing.T) {
	for _, tc := range []struct {
		line, name, alias, rule string
	}{
		{"Region Midtjylland præsenterede projektet Sund Aldring, der starter i maj.", "Sund Aldring", "projektet Sund Aldring", "noun"},
		{"Ansvaret ligger hos klyngeprojektet Tryg Udskrivning som hidtil.", "Tryg Udskrivning", "", "noun"},
		{"Status på handleplanen vedr. Demens i Nord blev givet.", "Handleplanen vedr. Demens i Nord", "Demens i Nord", "noun"},
		{"Der var spørgsmål til indsatsen omkring tidlig opsporing af KOL, som er forsinket.", "Indsatsen omkring tidlig opsporing af KOL", "tidlig opsporing af KOL", "noun"},
		{"Implementeringen af FMK-aftalen fortsætter.", "FMK-aftalen", "FMK", "compound"},
		{"Der følges op på Tryg Hjem-indsatsen.", "Tryg Hjem-indsatsen", "Tryg Hjem", "compound"},
		{"Status på TeleHjerte indsatsen gives i maj.", "TeleHjerte", "TeleHjerte indsatsen", "compound"},
		{"Klynge Nords handleplan er vedlagt.", "Klynge Nords handleplan", "", "genitive"},
		{"Kommunerne deltager i Det regionale kvalitetsprogram.", "Det regionale kvalitetsprogram", "", "proper"},
		{"Rundvisning på Vejle Sundhedshus.", "Vejle Sundhedshus", "", "proper"},
		{"Der blev lagt op til udbredelse af Tidlig Indsats til alle kommuner.", "Udbredelse af Tidlig Indsats", "Tidlig Indsats", "action"},
		{"Som en del af det Midtjyske eSamarbejde afprøves video.", "Midtjyske eSamarbejde", "", "umbrella"},
		{"Indsatsen ligger under 5-års planen for kræft.", "5-års planen for kræft", "", "plan"},
		{"Kommunerne forbereder psykiatrireformen.", "Psykiatrireformen", "", "reform"},
		{"Der er afsat i alt 2 mio. kr. af puljemidlerne for 2025 og 2026.", "Puljemidlerne for 2025 og 2026", "", "pot"},
		{"Puljemidler anvendes til uddannelse af sygeplejersker i palliation med henblik på bedre forløb.", "Uddannelse af sygeplejersker i palliation", "", "funding"},
		{"I kommunen er der oprettet en ny sundhedsklinik.", "Ny sundhedsklinik", "", "established"},
		{"Regeringen har fremlagt reformen ”Tæt på borgeren” i dag.", "Tæt på borgeren", `reformen ”Tæt på borgeren”`, "quoted"},
	} {
		ks := dropContained(lineInitiatives(tc.line, 2025))
		var hit *initCand
		for _, k := range ks {
			if k.Name == tc.name {
				hit = k
			}
		}
		if hit == nil {
			var names []string
			for _, k := range ks {
				names = append(names, k.Name+" ("+k.rule+")")
			}
			t.Errorf("%q: no %q among %v", tc.line, tc.name, names)
			continue
		}
		if hit.rule != tc.rule {
			t.Errorf("%q: %q found by %s, want %s", tc.line, tc.name, hit.rule, tc.rule)
		}
		if tc.alias != "" && !contains(hit.Aliases, tc.alias) {
			t.Errorf("%q: %q aliases %q, want %q among them", tc.line, tc.name, hit.Aliases, tc.alias)
		}
	}
}

// TestLineRulesReject lists sentences that must yield no initiative.
func TestLineRulesReject(t *testing.T) {
	for _, line := range []string{
		"I projektet udvikles materialer.",
		"Region Syddanmark indsatsen er ikke beskrevet.",
		"Emnet for temadrøftelsen er 'Ulighed'.",
		"Der arbejdes med reformerne.",
		"Ad hoc gruppen 'Den akutte patient' følger op.",
		"De ubrugte midler for 2023 overføres.",
		"Der blev drøftet ”stjernepatienter” og andre tiltag.",
	} {
		if ks := lineInitiatives(line, 2025); len(ks) > 0 {
			t.Errorf("%q: got %q (%s), want none", line, ks[0].Name, ks[0].rule)
		}
	}
}

func TestSameInitName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Sundhedsreform", "sundhedsreformen", true},
		{"Den nye Sundhedsreform", "Sundhedsreform", true},
		{"10-års planen for psykiatri", "10 års plan for psykiatri og mental sundhed", true},
		{"ABC", "ABC for mental sundhed på ungdomsuddannelserne", true},
		{"Sundhedsreform", "Sundhedsaftalen", false},
		{"Det nationale ledelsesprogram", "Understøtte forankring under det nationale ledelsesprogram", false},
		{"Kom trygt hjem", "Lettilgængelige gruppeforløb", false},
	} {
		if got := sameInitName(tc.a, tc.b); got != tc.want {
			t.Errorf("sameInitName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestAmountsAttach checks where an amount goes: a funded purpose, the
// name it is allocated to, the item's pot for a total, the project for a
// budget; a price per unit goes nowhere.
func TestAmountsAttach(t *testing.T) {
	src := "Punkt 1: Anvendelse af puljemidler i Klynge Øst\n" +
		"Der er samlet set kr. 2.400.000 (2025: kr. 1.200.000) til rådighed af puljemidlerne for 2025 og 2026.\n" +
		"Punkt 2: Orientering om pilotprojekt: Hjemmedialyse\n" +
		"Udgiften er 50.000 kr. pr. patient.\n" +
		"Projektet er budgetteret til 400.000 kr.\n" +
		"Punkt 3: Ny indsats\n" +
		"Det blev besluttet at anvende 0,5 mio. kr. af klyngemidlerne til projektet ”Tryg Nat”.\n"
	tx := newText("x", src)
	got := map[string]int64{}
	for _, in := range parseInitiatives(tx, splitItems(tx), &docContext{year: 2025}) {
		got[in.Name] = i64(in.AmountDKK)
	}
	want := map[string]int64{"Puljemidlerne for 2025 og 2026": 2400000, "Pilotprojekt: Hjemmedialyse": 400000, "Tryg Nat": 500000}
	for n, a := range want {
		if got[n] != a {
			t.Errorf("%s: amount %d, want %d (all: %v)", n, got[n], a, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestInitiativeScores holds every sample to the required initiative F1
// with the scorer's own matching rules.
func TestInitiativeScores(t *testing.T) {
	for _, name := range corpus.Minutes() {
		r := ScoreKey(extractSample(t, name), readSampleKey(t, name))
		c := r.Counts["initiatives"]
		if c.F1() < 0.85 {
			t.Errorf("%s: initiatives F1 %.3f < 0.85; missed %s; extra %s", name, c.F1(),
				strings.Join(r.Missed["initiatives"], "; "), strings.Join(r.Extra["initiatives"], "; "))
		}
	}
}

// TestInitiativeAttributeRules checks the owner, period and organisation
// rules on items written for the test (not in the samples), including
// sentences that must give no owner.
func TestInitiativeAttributeRules(t *testing.T) {
	src := "Punkt 1: Godkendelse af kommissorium for arbejdsgruppe for tidlig opsporing i Nordklyngen\n" +
		"Der blev nedsat en arbejdsgruppe. Herning Kommune og Forebyggelsescentret har været tovholder på processen.\n" +
		"Der afsættes 200.000 kr. af klyngemidlerne til at finansiere samarbejdet om tidlig opsporing af KOL.\n" +
		"Arbejdsgruppen vil fortsætte indtil indsatsen er forankret, hvilket forventes at være ved udgangen af 2027.\n" +
		"Punkt 2: Akutlægevagt\n" +
		"Region Midtjylland overtog driften af akutlægevagten pr. den 1. marts 2025.\n" +
		"Punkt 3: Orientering om projekter\n" +
		"Ikast-Brande Kommunes ”Sund By” er et samarbejde med DGI.\n" +
		"Der er afsat 1 mio. kr. i akutpuljen for 2025. Midlerne administreres af Fonden for Tryghed.\n" +
		"Der arbejdes i regi af MidtKAP med initiativer omkring ”klog medicin”.\n" +
		"Punkt 4: Status\n" +
		"Det blev drøftet, om projektet ”Tryg Nat” skal fortsætte. Regionen præsenterede tal.\n"
	tx := newText("x", src)
	got := map[string]Initiative{}
	for _, in := range parseInitiatives(tx, splitItems(tx), &docContext{year: 2025, cluster: "Sundhedsklynge Nord", level: "political", body: "Sundhedsklynge Nord - Politisk niveau"}) {
		got[in.Name] = in
	}
	for _, tc := range []struct {
		name, owner, end, start string
		orgs                    []string
	}{
		{"Samarbejdet om tidlig opsporing af KOL", "Arbejdsgruppe for tidlig opsporing i Nordklyngen", "2027-12-31", "<null>", []string{"Herning Kommune", "Forebyggelsescentret"}},
		{"Akutlægevagt", "Region Midtjylland", "<null>", "2025-03-01", []string{"Region Midtjylland"}},
		{"Sund By", "Ikast-Brande Kommune", "<null>", "<null>", []string{"Ikast-Brande Kommune"}},
		{"Akutpuljen for 2025", "Fonden for Tryghed", "2025-12-31", "2025-01-01", nil},
		{"Klog medicin", "<null>", "<null>", "<null>", []string{"MidtKAP"}},
		{"Tryg Nat", "<null>", "<null>", "<null>", nil},
	} {
		g, ok := got[tc.name]
		if !ok {
			t.Errorf("%q not found; got %v", tc.name, keys(got))
			continue
		}
		if str(g.Owner) != tc.owner || str(g.PeriodEnd) != tc.end || str(g.PeriodStart) != tc.start {
			t.Errorf("%q: owner %s, %s..%s; want %s, %s..%s", tc.name, str(g.Owner), str(g.PeriodStart), str(g.PeriodEnd), tc.owner, tc.start, tc.end)
		}
		for _, o := range tc.orgs {
			if !contains(g.Organisations, o) {
				t.Errorf("%q: organisations %q, want %q among them", tc.name, g.Organisations, o)
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
