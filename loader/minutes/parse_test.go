package minutes

import (
	"reflect"
	"strings"
	"testing"
)

func TestLinePredicates(t *testing.T) {
	tests := []struct {
		name string
		pred func(string) bool
		yes  []string
		no   []string
	}{
		{"isReferatLine", isReferatLine,
			[]string{"REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024", "REFERAT Politisk Sundhedsklynge Syd d. 22-10-2024",
				"REFERAT Sundhedsklynge Sydvestjylland - Fagligt strategisk niveau d. 28-02-2025", "Referat Sundhedsklynge Midt den 3.4.2025"},
			[]string{"Referatet godkendes", "Punkt 1: Referat", ""}},
		{"isMeetingDateLine", isMeetingDateLine,
			[]string{"Mødedato Onsdag d. 19. juni 2024 kl. 17:30", "Mødedato: 2. april 2025"},
			[]string{"Mødedatoer 2023", "Næste mødedato"}},
		{"isMeetingPlaceLine", isMeetingPlaceLine,
			[]string{"Mødested Videomøde", "Mødested: Regionshuset"},
			[]string{"Mødestedet er ikke fastlagt"}},
		{"isHeaderListLine", isHeaderListLine,
			[]string{"Mødedeltagere Bo Libergren, V, Pernelle Jensen, V, Mads Skau, Haderslev Kommune",
				"Deltagere: Hans Hansen, Rebild kommune, Lis Mancini, A"},
			[]string{"Mødedeltagere", "Mødedeltagere.....\t3", "Mødedeltagere Sundhedsklyngens medlemmer"}},
		{"isListTitle", isListTitle,
			[]string{"Deltagerliste", "Mødedeltagere", "Deltagere:", "Til stede"},
			[]string{"Velkomst og præsentation", "Deltagerne drøftede sagen grundigt i dag"}},
		{"isAfbudLine", isAfbudLine,
			[]string{"Afbud:", "AFBUD", "Afbud: Jan Mainz og Pia Buus Pindstrup.", "Afbud fra Hans Hansen"},
			[]string{"Afbuddet blev noteret", "Der var afbud fra flere"}},
		{"isAbsentLine", isAbsentLine,
			[]string{"Fraværende Jan Riber Jakobsen, Aabenraa Kommune", "Fraværende: Rebekka Reinert, PLO"},
			[]string{"Fravær", "Ingen fraværende"}},
		{"isSubstituteLine", isSubstituteLine,
			[]string{"Anne Mette Dalgaard deltog i stedet for Thomas Reintoft", "- Hans Jensen deltog i stedet for Lone Olsen."},
			[]string{"Kommunen deltog i stedet for regionen", "Anne Mette Dalgaard deltog"}},
		{"isParty", isParty, []string{"V", "A", "Ø", "SF"}, []string{"PLO", "Vejle", "", "KL Syd"}},
		{"isTitleWord", isTitleWord,
			[]string{"Borgmester", "direktør", "Koncerndirektør", "Centerleder,", "Specialkonsulent", "Regionsrådsmedlem", "læge", "Ph.d.,"},
			[]string{"Kommune", "Region", "Hansen", "og"}},
		{"looksLikeName", looksLikeName,
			[]string{"Jytte Brix Gade", "Bo Libergren", "Nicolai D. Heidemann", "Frank Schmidt-Hansen", "Anna-Marie B. Münster", "Nanna Jancyardóttir", "Jannik Lückou Falhof"},
			[]string{"Region Syddanmark", "Vejen Kommune", "PLO", "Agnete", "Den Mobile Akutmodtagelse", "Kom Trygt Hjem", "Fredericia Sundhedshus",
				"Borgmester Rebild", "Sundhedsklynge Syd", "D. Heidemann", "Niels Bohrs Vej",
				"Regionshospital Gødstrup", "Hovedstadens Psykiatri", "Bornholms Regionskommune", "Store Nørregade"}},
		{"isTOCEntry", isTOCEntry,
			[]string{"Kommunikation.....\t9", "Eventuelt.....\t19", "Opfølgning på temadrøftelse om opioider, kl. 11.55-12.05...\t7"},
			[]string{"Punkt 1: Kommunikation", "Der afsættes 300.000 kr."}},
		{"isCommitteeMark", isCommitteeMark, []string{"Beslutningstema", "Sagens indhold", "Kompetence"}, []string{"Beslutning", "Sagens"}},
	}
	for _, tt := range tests {
		for _, s := range tt.yes {
			if !tt.pred(s) {
				t.Errorf("%s(%q) = false, want true", tt.name, s)
			}
		}
		for _, s := range tt.no {
			if tt.pred(s) {
				t.Errorf("%s(%q) = true, want false", tt.name, s)
			}
		}
	}
}

func TestClassifyHeading(t *testing.T) {
	tests := []struct {
		in   string
		want groupHeading
		ok   bool
	}{
		{"MEDLEMMER AF SUNDHEDSKLYNGE LILLEBÆLT – POLITISK NIVEAU", groupHeading{role: RoleMember, reset: true}, true},
		{"Sundhedsklyngens medlemmer", groupHeading{role: RoleMember, reset: true}, true},
		{"Region Syddanmark", groupHeading{org: "Region Syddanmark"}, true},
		{"Rebild kommune", groupHeading{org: "Rebild Kommune"}, true},
		{"Repræsentanter fra almen praksis/PLO", groupHeading{org: "PLO"}, true},
		{"ADMINISTRATIV DELTAGELSE", groupHeading{role: RoleAdministrative, reset: true}, true},
		{"Administrativ deltagelse:", groupHeading{role: RoleAdministrative, reset: true}, true},
		{"Sekretariat", groupHeading{role: RoleSecretariat, reset: true}, true},
		{"KOMMUNALE UDVALGSFORMÆND", groupHeading{role: RoleCommitteeChair, reset: true}, true},
		{"Udvalgsformænd med observatørstatus", groupHeading{role: RoleObserver, reset: true}, true},
		{"PATIENT- OG PÅRØRENDEREPRÆSENTANTER", groupHeading{role: RolePatientRep, reset: true}, true},
		{"Gæster", groupHeading{role: RoleGuest, reset: true}, true},
		{"Observatører", groupHeading{role: RoleObserver, reset: true}, true},
		{"AFBUD", groupHeading{afbud: true}, true},
		{"Fraværende:", groupHeading{absent: true}, true},
		{"Kommunale deltagere", groupHeading{}, true},
		{"Bo Libergren", groupHeading{}, false},
		{"Steen Wrist, Borgmester, Fredericia Kommune (kommunal medformand)", groupHeading{}, false},
	}
	for _, tt := range tests {
		got, ok := classifyHeading(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("classifyHeading(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseParticipantLine(t *testing.T) {
	tests := []struct {
		in   string
		want mention
	}{
		{"Steen Wrist, Borgmester, Fredericia Kommune (kommunal medformand)",
			mention{name: "Steen Wrist", titles: []string{"Borgmester"}, org: "Fredericia Kommune", role: RoleCoChair}},
		{"Mogens Jespersen, Borgmester Mariagerfjord Kommune (medformand) - mødeleder",
			mention{name: "Mogens Jespersen", titles: []string{"Borgmester"}, org: "Mariagerfjord Kommune", role: RoleCoChair, note: "meeting leader (mødeleder)"}},
		{"Christian Sauvr, Administrerende sygehusdirektør, Sygehus Lillebælt (Deltager på mødet, grundet afbud fra Hanne Andersen)",
			mention{name: "Christian Sauvr", titles: []string{"Administrerende sygehusdirektør"}, org: "Sygehus Lillebælt", status: StatusSubstitute, subFor: "Hanne Andersen"}},
		{"Jonathan Egeris Groth, AC-fuldmægtig, Region Nordjylland (sekretariat)",
			mention{name: "Jonathan Egeris Groth", titles: []string{"AC-fuldmægtig"}, org: "Region Nordjylland", role: RoleSecretariat}},
		{"- Tina Holmgaard Juul, strategisk konsulent, Fælleskommunalt Sundhedssekretariat. Deltog under punkt 2-4.",
			mention{name: "Tina Holmgaard Juul", titles: []string{"Strategisk konsulent"}, org: "Fælleskommunalt Sundhedssekretariat", items: "2-4"}},
		{"Lisbeth Kjær Lagoni, sygeplejefaglig direktør Aalborg Universitetshospital",
			mention{name: "Lisbeth Kjær Lagoni", titles: []string{"Sygeplejefaglig direktør"}, org: "Aalborg Universitetshospital"}},
		// Unseen layouts: title before the name, lower-case "kommune", "Næstformand- afbud".
		{"Borgmester Jesper Greth, Rebild kommune",
			mention{name: "Jesper Greth", titles: []string{"Borgmester"}, org: "Rebild Kommune"}},
		{"Direktør Søren Aalund, Mariagerfjord kommune",
			mention{name: "Søren Aalund", titles: []string{"Direktør"}, org: "Mariagerfjord Kommune"}},
		{"Hans Hansen, Næstformand- afbud",
			mention{name: "Hans Hansen", titles: []string{"Næstformand"}, status: StatusSentApologies}},
		{"Hans Hansen, V, Vejle kommune (Fravær)",
			mention{name: "Hans Hansen", party: "V", org: "Vejle Kommune", status: StatusAbsent}},
		{"Kim Jensen deltog i stedet for Lone Madsen",
			mention{name: "Kim Jensen", status: StatusSubstitute, subFor: "Lone Madsen"}},
	}
	for _, tt := range tests {
		got, ok := parseParticipantLine(tt.in)
		if !ok {
			t.Errorf("parseParticipantLine(%q): not understood", tt.in)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseParticipantLine(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
	for _, s := range []string{"Oversigt over mødedeltagere, idet deltagerkredsen er udvidet", "Region Syddanmark", "22/43575", "-"} {
		if m, ok := parseParticipantLine(s); ok {
			t.Errorf("parseParticipantLine(%q) = %+v, want not understood", s, m)
		}
	}
}

func TestParseHeaderList(t *testing.T) {
	got := parseHeaderList("Bo Libergren, V, Birgitte Ries Møller, PLO (Fravær), Jan Riber Jakobsen, Aabenraa Kommune (Fravær), Kim Agerholm Brogaard, PLO", 9)
	want := []struct{ name, party, org, status string }{
		{"Bo Libergren", "V", "", StatusPresent},
		{"Birgitte Ries Møller", "", "PLO", StatusAbsent},
		{"Jan Riber Jakobsen", "", "Aabenraa Kommune", StatusAbsent},
		{"Kim Agerholm Brogaard", "", "PLO", StatusPresent},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name || g.party != w.party || g.org != w.org || g.status != w.status || g.src != srcHeader || g.line != 9 {
			t.Errorf("mention %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestNameVariants(t *testing.T) {
	tests := []struct {
		a, b        string
		typo, short bool
	}{
		{"Johannes Lundsryd", "Johannes Lundsfryd", true, false},
		{"Villy Søvnald", "Villy Søvnal", true, false},
		{"Pia Buus Pindstrup", "Pia Buus Pinstrup", true, false},
		{"Stephenie Lose", "Stephanie Lose", true, false},
		{"Kim Brogaard", "Kim Agerholm Brogaard", false, true},
		{"Anne Krøjer", "Anne Krøjer Jacobsen", false, true},
		{"Trine M. Lungskov", "Trine Malling Lungskov", true, false},
		{"Kaj Johansen", "Kaj Andersen", false, false},
		{"Annette Lund", "Anne Mette Lund", false, false},
		{"Kurt Æbelø", "Kurt Espersen", false, false},
		{"Jan Nybo", "Jan Thorbøll Andersen", false, false},
		{"Bo Lund", "Bo Land", false, false},
		{"Inge Lise Bjerg Gede", "Inge Lise Bjerg Gade", true, false},
		{"Inga Holm Held", "Inga Holm Hald", true, false},
		{"Mette Kemp", "Mette Kamp", false, false},
	}
	for _, tt := range tests {
		a, b := nameWords(tt.a), nameWords(tt.b)
		if got := typoVariant(a, b); got != tt.typo {
			t.Errorf("typoVariant(%q, %q) = %v", tt.a, tt.b, got)
		}
		if got := shortForm(a, b); got != tt.short {
			t.Errorf("shortForm(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
	var r registry
	r.add("Anne Mette Dalgaard", srcAfbud, Pos{})
	r.add("Kaj Johansen", srcList, Pos{})
	r.add("Kaj Andersen", srcList, Pos{})
	if p := r.resolve("Anne-Mette Dalgaard"); p == nil || p.name != "Anne Mette Dalgaard" {
		t.Errorf("hyphen variant not resolved: %+v", p)
	}
	if p := r.resolve("Kaj"); p != nil {
		t.Errorf("a lone shared first name resolved to %q", p.name)
	}
	// An apology that misspells a listed person by one letter names that
	// person; one that could be either of two listed people names neither.
	r.add("Mette Kamp", srcHeader, Pos{}).listed = true
	r.add("Rita Ravn", srcHeader, Pos{}).listed = true
	r.add("Rita Rayn", srcHeader, Pos{}).listed = true
	if p := r.addEntry("Mette Kemp", srcAfbud, Pos{}); p.name != "Mette Kamp" {
		t.Errorf("apology 'Mette Kemp' resolved to %q", p.name)
	}
	if p := r.addEntry("Rita Rakn", srcAfbud, Pos{}); p.name != "Rita Rakn" {
		t.Errorf("ambiguous apology 'Rita Rakn' resolved to %q", p.name)
	}
	if p := r.addEntry("Bo Land", srcProse, Pos{}); p.name != "Bo Land" {
		t.Errorf("prose 'Bo Land' resolved to %q", p.name)
	}
	p := r.add("Anne Mette Dalgaard Nielsen", srcList, Pos{})
	if p.name != "Anne Mette Dalgaard Nielsen" || !reflect.DeepEqual(p.aliases, []string{"Anne Mette Dalgaard"}) {
		t.Errorf("fuller list form did not become canonical: %+v", p)
	}
}

func TestFindProseNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string // names with a cue
	}{
		{"Sagen vil blive præsenteret af direktør Nicolai D. Heidemann, Sønderborg Kommune, praktiserende læge Kim Brogaard og afdelingschef for Praksis, Trine M. Lungskov.",
			[]string{"Nicolai D. Heidemann", "Kim Brogaard", "Trine M. Lungskov"}},
		{"Tværsektorielt Forskningscenter indleder punktet med et oplæg af Centerleder, Mette Elkjær og Specialkonsulent, Ph.d., Maria Klitgaard Christensen.",
			[]string{"Mette Elkjær", "Maria Klitgaard Christensen"}},
		{"Med udgangspunkt i data tegnes et billede. Oplæg ved Jan Nybo og Rikke Petersen Ravn", []string{"Jan Nybo", "Rikke Petersen Ravn"}},
		{"Mette Elkjær og Maria Christensen gav en generel information om Det Tværsektorielle Forskningscenter.", []string{"Mette Elkjær", "Maria Christensen"}},
		{"Evalueringen af Kom Trygt Hjem blev brugt som eksempel på samarbejde med Den Mobile Akutmodtagelse.", nil},
		{"Klinikken er placeret i Den Blå Oase, et værested drevet af Blå Kors.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, pn := range findProseNames(tt.in) {
			if pn.cue {
				got = append(got, pn.name)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findProseNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsSubBodyHeading(t *testing.T) {
	yes := []string{"Styregruppen for hjertesygdom", "Temaudvalget om misbrug og psykiatri", "Ad hoc gruppen 'Sepsis'",
		"Koordinationsforum for genoptræning i Greve", "Arbejdsgruppen for data under Sundhedsklynge Syd", "Sundhedsrådet"}
	no := []string{"Sundhedsklynge Sønderjylland", "Politisk Sundhedsklynge Syd", "Sundhedsklynge Sydvestjylland - Fagligt strategisk niveau",
		"Sundhedsklyngen Holbæk", "Klynge NORD", "Sundhedsklyngen Nykøbing F", "Aarhusklyngen - Politisk niveau",
		"Faglig sundhedsklynge Byen", "Sundhedsklynge Syd (Region Hovedstaden)", "Møde i Sundhedsklynge Fyn"}
	for _, s := range yes {
		if !isSubBodyHeading(s) {
			t.Errorf("isSubBodyHeading(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if isSubBodyHeading(s) {
			t.Errorf("isSubBodyHeading(%q) = true, want false", s)
		}
	}
}

func TestMeetingBody(t *testing.T) {
	tests := []struct{ doc, body, cluster, level string }{
		{"REFERAT Sundhedsklynge Sønderjylland d. 19-06-2024\n\nPunkt 1: A\n\nDet indstilles, at Sundhedsklynge Sønderjylland - Politisk Niveau:\nSundhedsklynge Sønderjylland – politisk niveau godkendte. Sundhedsklynge Sønderjylland – Politisk Niveau\n",
			"Sundhedsklynge Sønderjylland - Politisk Niveau", "Sundhedsklynge Sønderjylland", "political"},
		{"REFERAT Politisk Sundhedsklynge Syd d. 22-10-2024\n\nPunkt 1: A\n", "Politisk Sundhedsklynge Syd", "Sundhedsklynge Syd", "political"},
		{"REFERAT Sundhedsklynge Sydvestjylland – Fagligt strategisk niveau d. 28-02-2025\n\nPunkt 1: A\n",
			"Sundhedsklynge Sydvestjylland - Fagligt strategisk niveau", "Sundhedsklynge Sydvestjylland", "professional_strategic"},
		{"REFERAT Sundhedsklynge Midt d. 01-02-2025\n\nPunkt 1: A\n\nDet indstilles, at fagligt strategisk niveau i Sundhedsklynge Midt:\n",
			"Sundhedsklynge Midt - Fagligt strategisk niveau", "Sundhedsklynge Midt", "professional_strategic"},
		// Cluster names as printed: "Sundhedsklyngen X", "Klynge X", "Xklyngen", a letter after the town.
		{"REFERAT Sundhedsklyngen Holbæk d. 03-01-2023\n\nPunkt 1: A\n\nDet indstilles, at Sundhedsklyngen Holbæk - Politisk niveau:\n",
			"Sundhedsklyngen Holbæk - Politisk niveau", "Sundhedsklyngen Holbæk", "political"},
		{"REFERAT Klynge NORD - Politisk niveau d. 12-01-2024\n\nPunkt 1: A\n", "Klynge NORD - Politisk niveau", "Klynge NORD", "political"},
		{"REFERAT Sundhedsklyngen Nykøbing F - Fagligt strategisk niveau d. 12-01-2024\n\nPunkt 1: A\n",
			"Sundhedsklyngen Nykøbing F - Fagligt strategisk niveau", "Sundhedsklyngen Nykøbing F", "professional_strategic"},
		{"REFERAT Aarhusklyngen - Politisk niveau d. 12-01-2024\n\nPunkt 1: A\n", "Aarhusklyngen - Politisk niveau", "Aarhusklyngen", "political"},
		// The minutes of a group below the levels: the group is the body, the cluster comes from the text.
		{"REFERAT Styregruppen for hjertesygdom d. 21-04-2025\n\nPunkt 1: Velkomst\n\nMøde i Styregruppen for hjertesygdom under Sundhedsklynge Nord - Fagligt strategisk niveau.\n",
			"Styregruppen for hjertesygdom", "Sundhedsklynge Nord", "other"},
		{"REFERAT Ad hoc gruppen 'Børn og unges mentale trivsel' d. 03-04-2026\n\nPunkt 1: A\n\nDet indstilles, at Sundhedsklynge Bornholm - Politisk niveau godkender.\n",
			"Ad hoc gruppen 'Børn og unges mentale trivsel'", "Sundhedsklynge Bornholm", "other"},
		{"REFERAT Arbejdsgruppen for sepsis under Sundhedsklynge Fyn d. 03-04-2026\n\nPunkt 1: A\n",
			"Arbejdsgruppen for sepsis under Sundhedsklynge Fyn", "Sundhedsklynge Fyn", "other"},
		{"Referat af møde i Styregruppen for sepsis den 3.4.2026\n\nPunkt 1: A\n\nMøde under Sundhedsklynge Fyn.\n",
			"Styregruppen for sepsis", "Sundhedsklynge Fyn", "other"},
		{"Referat fra mødet i Sundhedsklynge Fyn - Politisk niveau d. 03-04-2026\n\nPunkt 1: A\n",
			"Sundhedsklynge Fyn - Politisk niveau", "Sundhedsklynge Fyn", "political"},
	}
	for _, tt := range tests {
		x, err := Parse("t.txt", tt.doc)
		if err != nil {
			t.Fatal(err)
		}
		m := x.Meetings[0]
		if m.Body != tt.body || m.Cluster == nil || *m.Cluster != tt.cluster || m.Level != tt.level {
			t.Errorf("meeting = %q %v %q; want %q %q %q", m.Body, m.Cluster, m.Level, tt.body, tt.cluster, tt.level)
		}
	}
}

// statuses returns person → status (+ " for X") of an extraction.
func statuses(x *Extraction) map[string]string {
	out := map[string]string{}
	for _, a := range x.Attendance {
		s := a.Status
		if a.SubstituteFor != nil {
			s += " for " + *a.SubstituteFor
		}
		out[a.Person] = s
	}
	return out
}

func roles(x *Extraction) map[string]string {
	out := map[string]string{}
	for _, m := range x.Memberships {
		out[m.Person] = m.Role + "@" + m.Body
	}
	return out
}

// TestUnseenLayouts parses small documents in layouts the sample corpus
// lacks but real minutes use.
func TestUnseenLayouts(t *testing.T) {
	t.Run("item 1 grouped by organisation, titles first, lower-case kommune", func(t *testing.T) {
		doc := strings.Join([]string{
			"REFERAT Sundhedsklynge Midt d. 05-03-2025", "", "Mødedato Onsdag d. 5. marts 2025 kl. 14:00", "",
			"Punkt 1: Deltagere", "", "Region Midtjylland", "", "Regionsrådsmedlem Hans Hansen (medformand)", "Direktør Lone Madsen",
			"", "Silkeborg kommune", "", "Borgmester Helle Due, Silkeborg kommune (medformand)", "Sundhedschef Per Kirk, Næstformand- afbud",
			"", "PLO-Midtjylland", "", "Kim Holm Sørensen", "", "Punkt 2: Eventuelt", "", "Beslutning", "", "Intet.",
		}, "\n")
		x, err := Parse("midt.txt", doc)
		if err != nil {
			t.Fatal(err)
		}
		body := "Sundhedsklynge Midt - Politisk niveau"
		wantRoles := map[string]string{"Hans Hansen": "co-chair@" + body, "Lone Madsen": "member@" + body, "Helle Due": "co-chair@" + body,
			"Per Kirk": "member@" + body, "Kim Holm Sørensen": "member@" + body}
		if got := roles(x); !reflect.DeepEqual(got, wantRoles) {
			t.Errorf("roles %v", got)
		}
		wantStatus := map[string]string{"Hans Hansen": "present", "Lone Madsen": "present", "Helle Due": "present", "Per Kirk": "sent_apologies", "Kim Holm Sørensen": "present"}
		if got := statuses(x); !reflect.DeepEqual(got, wantStatus) {
			t.Errorf("statuses %v", got)
		}
		for _, m := range x.Memberships {
			if m.Person == "Per Kirk" && (m.OnBehalfOf == nil || *m.OnBehalfOf != "Silkeborg Kommune") {
				t.Errorf("Per Kirk on behalf of %v", m.OnBehalfOf)
			}
			if m.Person == "Kim Holm Sørensen" && (m.OnBehalfOf == nil || *m.OnBehalfOf != "PLO-Midtjylland") {
				t.Errorf("Kim Holm Sørensen on behalf of %v", m.OnBehalfOf)
			}
		}
	})
	t.Run("absences only in prose", func(t *testing.T) {
		doc := strings.Join([]string{
			"REFERAT Sundhedsklynge Nord d. 01-04-2025", "", "Mødedeltagere Ole Berg, V, Mette Dal, Hjørring Kommune, Jens Lyng, PLO", "",
			"Punkt 1: Velkomst", "", "Beslutning", "", "Alle var mødt, undtagen Jens Lyng, der havde meldt afbud.",
		}, "\n")
		x, err := Parse("nord.txt", doc)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"Ole Berg": "present", "Mette Dal": "present", "Jens Lyng": "sent_apologies"}
		if got := statuses(x); !reflect.DeepEqual(got, want) {
			t.Errorf("statuses %v", got)
		}
	})
	t.Run("no participant list: no attendance invented", func(t *testing.T) {
		doc := strings.Join([]string{
			"REFERAT Sundhedsklynge Vest d. 02-05-2025", "", "Punkt 1: Orientering", "",
			"Sagen præsenteres af direktør Bente Holm, Herning Kommune.", "", "Beslutning", "", "Orienteringen blev taget til efterretning.",
		}, "\n")
		x, err := Parse("vest.txt", doc)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Attendance) != 0 || len(x.Memberships) != 0 {
			t.Errorf("invented attendance %+v / memberships %+v", x.Attendance, x.Memberships)
		}
		if len(x.People) != 1 || x.People[0].Name != "Bente Holm" || x.People[0].Organisation == nil || *x.People[0].Organisation != "Herning Kommune" {
			t.Errorf("people %+v", x.People)
		}
	})
}

// TestParseLaxWarnings: a participant line the parser cannot read is
// skipped with a file:line warning, and the rest of the list is kept.
func TestParseLaxWarnings(t *testing.T) {
	doc := "REFERAT Sundhedsklynge Syd d. 22-10-2024\n\nPunkt 1: Mødedeltagere\n\nSundhedsklyngens medlemmer\n\nMads Duedahl, Regionsrådsformand (medformand)\n\n12345 ???\n\nAnne Wigh, PLO-Nordjylland\n"
	x, warns, err := ParseLax("syd.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.People) != 2 {
		t.Errorf("people %+v", x.People)
	}
	if len(warns) != 1 || warns[0].String() != "syd.txt:9: participant line not understood: 12345 ???" {
		t.Errorf("warnings %v", warns)
	}
}

// TestGroupMemberLists: the member list of a group an item sets up gives
// memberships of that group, with the role each line prints, and no
// attendance at the meeting.
func TestItemGroupName(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Godkendelse af kommissorium for Implementeringsgruppen for data og opfølgning, kl. 13.05-13.20", "Implementeringsgruppen for data og opfølgning"},
		{"Etablering af Ad hoc gruppen 'Diabetes' - 10 min", "Ad hoc gruppen 'Diabetes'"},
		{"Etablering af Ad hoc gruppen for palliation og den sidste tid i Bornholm", "Ad hoc gruppen for palliation og den sidste tid i Bornholm"},
		{"Godkendelse af kommissorium for Temaudvalget om sepsis", "Temaudvalget om sepsis"},
		{"Nedsættelse af en arbejdsgruppe", ""},
	}
	for _, tt := range tests {
		tx := newText("t.txt", "Punkt 1: "+tt.title+"\n\nGruppen sammensættes af:\n")
		if got := itemGroupName(tx, splitItems(tx)[0], 3); got != tt.want {
			t.Errorf("itemGroupName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestGroupMemberLists(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Sundhedsklynge Byen - Fagligt strategisk niveau d. 04-01-2023", "",
		"Punkt 1: Godkendelse af kommissorium for Implementeringsgruppen for data og opfølgning, kl. 13.05-13.20", "",
		"Sagsfremstilling", "", "Der lægges op til at nedsætte gruppen.", "", "Gruppen sammensættes af:", "",
		"- Annette Brandt, praktiserende læge, PLO (formand)", "",
		"- Villy Riis Jørgensen, oversygeplejerske, Bispebjerg og Frederiksberg Hospital (tovholder)", "",
		"- Ib Kamp, projektleder, Region Hovedstaden", "",
		"Indstilling", "", "Det indstilles, at kommissoriet godkendes.", "", "Beslutning", "", "Godkendt.",
	}, "\n")
	x, err := Parse("byen.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	g := "Implementeringsgruppen for data og opfølgning"
	want := map[string]string{"Annette Brandt": "chair@" + g, "Villy Riis Jørgensen": "coordinator@" + g, "Ib Kamp": "member@" + g}
	if got := roles(x); !reflect.DeepEqual(got, want) {
		t.Errorf("roles %v", got)
	}
	if len(x.Attendance) != 0 {
		t.Errorf("attendance invented: %+v", x.Attendance)
	}
	for _, m := range x.Memberships {
		if m.Person == "Ib Kamp" && (m.OnBehalfOf == nil || *m.OnBehalfOf != "Region Hovedstaden") {
			t.Errorf("Ib Kamp on behalf of %v", m.OnBehalfOf)
		}
	}
}

func TestSeatRole(t *testing.T) {
	tests := []struct {
		titles []string
		org    string
		want   string
	}{
		{[]string{"Formand for Beskæftigelsesudvalget"}, "Svendborg Kommune", RoleCommitteeChair},
		{[]string{"Udvalgsformand, Sundheds- og Forebyggelsesudvalget"}, "", RoleCommitteeChair},
		{[]string{"Kommunaldirektør"}, "Nordfyns Kommune", RoleAdministrative},
		{[]string{"Sundhedschef"}, "", RoleAdministrative},
		{[]string{"AC-fuldmægtig"}, "Region Syddanmark", RoleSecretariat},
		{[]string{"Regionsrådsmedlem"}, "Region Syddanmark", RoleMember},
		{[]string{"Borgmester"}, "Nyborg Kommune", RoleMember},
		{nil, "Danske Patienter", RolePatientRep},
		{[]string{"Patient- og pårørenderepræsentant"}, "Ældre Sagen", RolePatientRep},
		{nil, "", RoleMember},
	}
	for _, tt := range tests {
		if got := seatRole(tt.titles, tt.org); got != tt.want {
			t.Errorf("seatRole(%q, %q) = %q, want %q", tt.titles, tt.org, got, tt.want)
		}
	}
}

// TestAfbudOnlyAndSubstituteRoles: someone listed only under AFBUD keeps
// the role their title shows; a substitute seated among the members sits
// as a substitute, one under another heading keeps that heading's role.
func TestAfbudOnlyAndSubstituteRoles(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Sundhedsklynge Fyn d. 05-07-2022", "",
		"Punkt 1: Deltagerliste", "", "MEDLEMMER AF SUNDHEDSKLYNGE FYN - POLITISK NIVEAU", "",
		"Dorte Olsen", "", "Merete Berg (Deltager på mødet, grundet afbud fra Lene Brinch Hansen)", "",
		"ADMINISTRATIV DELTAGELSE", "",
		"Rita Nørgaard, Administrerende direktør, Odense Universitetshospital (Deltager på mødet, grundet afbud fra Karl Münster)", "",
		"AFBUD", "", "Lene Brinch Hansen, Regionsrådsmedlem, Region Syddanmark", "",
		"Egon Lund, Kommunaldirektør, Nordfyns Kommune", "", "Irene Præstegaard, Formand for Beskæftigelsesudvalget, Svendborg Kommune", "",
		"Natascha Bundgaard, Patient- og pårørenderepræsentant, Ældre Sagen", "",
		"Punkt 2: Eventuelt", "", "Beslutning", "", "Intet.",
	}, "\n")
	x, err := Parse("fyn.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	body := "Sundhedsklynge Fyn - Politisk niveau"
	want := map[string]string{"Dorte Olsen": "member@" + body, "Merete Berg": "substitute@" + body, "Lene Brinch Hansen": "member@" + body,
		"Rita Nørgaard": "administrative@" + body, "Karl Münster": "administrative@" + body,
		"Egon Lund": "administrative@" + body, "Irene Præstegaard": "committee_chair@" + body,
		"Natascha Bundgaard": "patient_representative@" + body}
	if got := roles(x); !reflect.DeepEqual(got, want) {
		t.Errorf("roles %v", got)
	}
}

// TestShortFirstNameAlias: a three-letter first name used alone in a
// decision is an alias of the one person with that first name.
func TestShortFirstNameAlias(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Sundhedsklynge Nord d. 01-04-2025", "", "Mødedeltagere Ove Brix Jakobsen, Hillerød Kommune, Mette Dal, PLO", "",
		"Punkt 1: Orientering", "", "Beslutning", "", "Ove gav en orientering.", "", "Per 1. maj overgår opgaven.",
	}, "\n")
	x, err := Parse("nord.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range x.People {
		if p.Name == "Ove Brix Jakobsen" && !reflect.DeepEqual(p.Aliases, []string{"Ove"}) {
			t.Errorf("Ove Brix Jakobsen aliases %q", p.Aliases)
		}
	}
	if len(x.People) != 2 {
		t.Errorf("people %+v", x.People)
	}
}

// TestListEntriesAreDistinctPeople: two entries of one participant list
// are two people even when one name is a short form of the other.
func TestListEntriesAreDistinctPeople(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Klynge VEST d. 03-02-2025", "", "Punkt 1: Mødedeltagere", "", "Administrativ deltagelse", "",
		"Charlotte Wedel Styrishave, administrerende direktør Aalborg Universitetshospital", "",
		"Charlotte Styrishave, direktør Psykiatrien i Region Nordjylland", "",
		"Jytte Brix Gade, direktør Region Nordjylland", "",
		"Punkt 2: Eventuelt", "", "Beslutning", "", "Afbud: Charlotte Styrishave.",
	}, "\n")
	x, err := Parse("vest.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Charlotte Wedel Styrishave": "present", "Charlotte Styrishave": "sent_apologies", "Jytte Brix Gade": "present"}
	if got := statuses(x); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses %v", got)
	}
	for _, p := range x.People {
		if len(p.Aliases) > 0 {
			t.Errorf("%s has aliases %q", p.Name, p.Aliases)
		}
	}
}

// TestSpeakerTypo: a speaker whose name misspells one listed person's by
// one letter is that person.
func TestSpeakerTypo(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Sundhedsklynge Nord d. 01-04-2025", "", "Mødedeltagere Connie Holm, PLO, Mette Dal, Hjørring Kommune", "",
		"Punkt 1: Orientering", "", "Beslutning", "", "Connie Hollm præsenterede sagen.",
	}, "\n")
	x, err := Parse("nord.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.People) != 2 || x.People[0].Name != "Connie Holm" || !reflect.DeepEqual(x.People[0].Aliases, []string{"Connie Hollm"}) {
		t.Errorf("people %+v", x.People)
	}
}
