package minutes

import (
	"reflect"
	"strings"
	"testing"
)

// orgSummary is "Name (kind) [aliases]" for each organisation.
func orgSummary(os []Organisation) []string {
	var out []string
	for _, o := range os {
		s := o.Name + " (" + o.Kind + ")"
		if len(o.Aliases) > 0 {
			s += " [" + strings.Join(o.Aliases, "; ") + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestScanOrgs(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"hyphenated municipalities and a regional municipality",
			[]string{"Ringkøbing-Skjern Kommune, Ikast-Brande Kommune og Bornholms Regionskommune deltager."},
			[]string{"Ringkøbing-Skjern Kommune (municipality)", "Ikast-Brande Kommune (municipality)", "Bornholms Regionskommune (municipality)"}},
		{"a list of towns before Kommune, not a region or a unit before og",
			[]string{"Repræsentanter fra Middelfart, Vejen og Fredericia kommune.", "Region Nordjylland og Aalborg Kommune samarbejder.",
				"Så er Praksisafdelingen og Sønderborg Kommune tovholder."},
			[]string{"Middelfart Kommune (municipality)", "Vejen Kommune (municipality)", "Fredericia Kommune (municipality)",
				"Aalborg Kommune (municipality)", "Region Nordjylland (region)", "Sønderborg Kommune (municipality)", "Praksisafdelingen (other)"}},
		{"one psychiatry per region, named with its region; the region inside its name is not named",
			[]string{"Direktør, Psykiatrisygehuset", "Oplæg af Psykiatrien i Region Syddanmark.", "Aftalt med Psykiatrien."},
			[]string{"Psykiatrien i Region Syddanmark (psychiatry) [Psykiatrisygehuset; Psykiatrien]"}},
		{"psychiatry written after the region",
			[]string{"Direktør, Region Hovedstadens Psykiatri", "Psykiatrien Region Sjælland deltager."},
			[]string{"Region Hovedstadens Psykiatri (psychiatry)", "Psykiatrien Region Sjælland (psychiatry)"}},
		{"hospitals of two towns, with a letter, and a hospital after a municipality",
			[]string{"Bispebjerg og Frederiksberg Hospital, Regionshospitalet Randers og Esbjerg Sygehus.", "Esbjerg og Grindsted Sygehus.",
				"Mellem Guldborgsund Kommune og Nykøbing F. Sygehus."},
			[]string{"Bispebjerg og Frederiksberg Hospital (hospital)", "Regionshospitalet Randers (hospital)",
				"Esbjerg og Grindsted Sygehus (hospital) [Esbjerg Sygehus]", "Guldborgsund Kommune (municipality)", "Nykøbing F. Sygehus (hospital)"}},
		{"a hospital's unit with its acronym, at two names of the hospital",
			[]string{"Repræsentanter fra Fælles Akutmodtagelse (FAM), Sygehus Lillebælt.", "Mødet afholdes på den Fælles Akutmodtagelse (FAM), Kolding Sygehus."},
			[]string{"Sygehus Lillebælt (hospital)", "Fælles Akutmodtagelse (FAM), Sygehus Lillebælt (hospital) [FAM; Fælles Akutmodtagelse (FAM), Kolding Sygehus]",
				"Kolding Sygehus (hospital)"}},
		{"partners named after samarbejde med / dialog med, not projects or clusters",
			[]string{"Projektet er et samarbejde med DGI og DIF.", "Efter dialog med MedComm og regionens IT.",
				"Der er indgået et samarbejde med Syddansk Sundhedsinnovation.", "I samarbejde med Sundhedsklynge Syd og Kom Trygt Hjem projektet."},
			[]string{"DGI (other)", "DIF (other)", "MedComm (other)", "Syddansk Sundhedsinnovation (other)"}},
		{"a hospital's town inside a list of organisations, not a place after it",
			[]string{"I samarbejde mellem Aalborg Universitetshospital, Thisted, Morsø Kommune og Region Nordjylland.",
				"Mødet holdes på Sygehus Lillebælt, Kolding."},
			[]string{"Morsø Kommune (municipality)", "Region Nordjylland (region)",
				"Aalborg Universitetshospital, Thisted (hospital) [Aalborg Universitetshospital]", "Sygehus Lillebælt (hospital)"}},
		{"a body named by its acronym under 'i regi af', a fund, a department of a named house",
			[]string{"Der arbejdes i regi af NordKAP med initiativer.", "Midlerne administreres af Fonden for almen praksis. Det er aftalt.",
				"Sendes til praksisafdelingen i Regionshuset til vurdering.", "Et projekt i regi af Sundhedsaftalen."},
			[]string{"NordKAP (other)", "Fonden for almen praksis (other)", "Praksisafdelingen i Regionshuset (other)"}},
		{"a national body in the genitive",
			[]string{"Konklusioner fra Behandlingsrådets analyser."}, []string{"Behandlingsrådet (national_body)"}},
		{"the GP association is not its branch; an abbreviated branch is",
			[]string{"Magnus Zacho, PLO Syddanmark", "Præsenteret af læge Egon Bak, PLO.", "PLO-Nordjylland og PLO-N er enige."},
			[]string{"PLO Syddanmark (gp_association)", "PLO (gp_association)", "PLO-Nordjylland (gp_association) [PLO-N]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := orgSummary(scanOrgs(newText("t.txt", strings.Join(tt.lines, "\n")), nil, nil))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("scanOrgs\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// TestScanOrgsPeopleAreNotPartners: a person named after "samarbejde med"
// is not an organisation.
func TestScanOrgsPeopleAreNotPartners(t *testing.T) {
	txt := newText("t.txt", "Udarbejdet i samarbejde med Anne Hansen.")
	if got := scanOrgs(txt, nil, []Person{{Name: "Anne Hansen"}}); len(got) != 0 {
		t.Errorf("scanOrgs = %q", orgSummary(got))
	}
}

func TestOrgsFromParticipantLines(t *testing.T) {
	doc := strings.Join([]string{
		"REFERAT Klynge VEST - Fagligt strategisk niveau d. 03-02-2025", "",
		"Mødedeltagere Agnete Aalestrup, Aalborg Universitetshospital, Thisted, Ulla Jessing, PLO", "",
		"Punkt 1: Mødedeltagere", "", "Sundhedsklyngens medlemmer", "",
		"Agnete Aalestrup, Administrerende direktør, Aalborg Universitetshospital, Thisted (regional medformand)", "",
		"Patient- og pårørenderepræsentanter", "", "Povl Nygaard, SIND", "",
		"Gæster", "", "Natascha Bundgaard, Patient- og pårørenderepræsentant, Ældre Sagen", "",
		"Punkt 2: Eventuelt", "", "Beslutning", "", "Intet.",
	}, "\n")
	x, err := Parse("vest.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Aalborg Universitetshospital, Thisted (hospital) [Aalborg Universitetshospital]", "SIND (patient_org)", "Ældre Sagen (patient_org)", "PLO (gp_association)"}
	if got := orgSummary(x.Organisations); !reflect.DeepEqual(got, want) {
		t.Errorf("organisations\n got  %q\n want %q", got, want)
	}
	for _, p := range x.People {
		if p.Name == "Agnete Aalestrup" && (len(p.Titles) != 1 || p.Titles[0] != "Administrerende direktør") {
			t.Errorf("Agnete Aalestrup titles %q", p.Titles)
		}
	}
}
