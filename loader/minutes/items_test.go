package minutes

import (
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

func TestSectionPredicates(t *testing.T) {
	tests := []struct {
		line string
		want sectionKind
		ok   bool
	}{
		{"Resumé", secSummary, true},
		{"RESUMÉ", secSummary, true},
		{"RESUMÈ", secSummary, true},
		{"Resume", secSummary, true},
		{"Resumé:", secSummary, true},
		{"Sagsfremstilling", secCase, true},
		{"SAGSFREMSTILLING", secCase, true},
		{"Sagens indhold", secCase, true},
		{"Indstilling", secProposal, true},
		{"INDSTILLING:", secProposal, true},
		{"Beslutning", secDecision, true},
		{"BESLUTNING", secDecision, true},
		{"Beslutning i Sundhedsklynge Sønderjylland den 19-06-2024", secDecision, true},
		{"Beslutning i Sundhedsklynge Lillebælt den 16-01-2023", secDecision, true},
		{"Beslutning den 19-06-2024", secDecision, true},
		{"Bilag", secAppendix, true},
		{"BILAG", secAppendix, true},
		{"Fraværende Jan Riber Jakobsen, Aabenraa Kommune", secAbsence, true},
		// not headings
		{"Resuméet af sagen følger", secNone, false},
		{"Indstillingen blev fulgt.", secNone, false},
		{"Beslutningen blev truffet på mødet i juni, hvor mange deltog og drøftede sagen grundigt.", secNone, false},
		{"Bilag 1 er vedlagt", secNone, false},
		{"Det indstilles, at Sundhedsklynge Sønderjylland - Politisk Niveau:", secNone, false},
		{"", secNone, false},
	}
	for _, tt := range tests {
		got, ok := headingKind(tt.line)
		if got != tt.want || ok != tt.ok {
			t.Errorf("headingKind(%q) = %v, %v; want %v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCaseNumber(t *testing.T) {
	tests := []struct {
		line, want string
		ok         bool
	}{
		{"23/1493", "23/1493", true},
		{"22/43575", "22/43575", true},
		{"Sagsnr.: 24/12345", "24/12345", true},
		{"23/1493 ", "", false}, // lines reach caseNumber trimmed
		{"Sagsnr_25-9856", "", false},
		{"30/9/24", "", false},
		{"Punkt 1: 23/1493", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := caseNumber(tt.line)
		if got != tt.want || ok != tt.ok {
			t.Errorf("caseNumber(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClassifyOutcome(t *testing.T) {
	tests := []struct {
		name, title, proposal, decision string
		noDecision                      bool
		want                            string
	}{
		{"approved verb", "Godkendelse", "", "Det politiske niveau godkendte kommissoriet.", false, OutcomeApproved},
		{"process approved", "X", "", "Status blev taget til efterretning.\nProcessen blev godkendt.", false, OutcomeApproved},
		{"followed approve", "Velkomst", "1. Godkender dagsordenen.", "Indstillingen blev fulgt.", false, OutcomeApproved},
		{"followed note", "Orientering", "1. Tager orienteringen til efterretning.", "Indstillingen blev fulgt.", false, OutcomeNoted},
		{"followed discuss", "Drøftelse", "1. Drøfter udspillet.", "Emnet blev drøftet. Begge indstillinger blev fulgt.", false, OutcomeDiscussed},
		{"noted", "Besøg", "", "Fortællingerne blev taget til efterretning.", false, OutcomeNoted},
		{"nothing to remark", "Eventuelt", "", "Intet at bemærke.", false, OutcomeNoted},
		{"discussed", "Punkter", "", "Der var enighed om at drøftelsen sker bilateralt.", false, OutcomeDiscussed},
		{"rejected", "Forslag", "", "Forslaget blev afvist.", false, OutcomeRejected},
		{"not approved", "Forslag", "", "Ansøgningen blev ikke godkendt.", false, OutcomeRejected},
		{"declined", "Ledelsesprogram", "1. Beslutter emne", "Der var enighed om, at der ikke bliver sendt initiativer ind i år.", false, OutcomeRejected},
		{"declined but noted", "Status", "", "Orienteringen blev taget til efterretning.\nDer var enighed om, at der ikke skal etableres en ad hoc gruppe.", false, OutcomeNoted},
		{"postponed", "Kommunikation", "", "Punktet blev udsat til næste møde.", false, OutcomePostponed},
		{"vulnerable is not postponed", "Punkter", "", "Erfaringer med udsatte unge. Borgerne er udsat for risici.", false, OutcomeNoted},
		{"empty", "Velkomst", "", "-", false, OutcomeOther},
		{"dot", "Eventuell", "", ".", false, OutcomeOther},
		{"no decision", "Pause, kl. 12.50-13.00", "", "", true, OutcomeOther},
		{"any other business", "Eventuelt - 5 min", "", "Malou Skeel spørger ind til tilbuddet.", false, OutcomeOther},
		{"attendance", "Mødedeltagere", "", "Afbud:\nJan Mainz og Pia Buus Pindstrup.", false, OutcomeNoted},
		{"agreed action", "Ansøgning", "2. Godkender ansøgningsprocessen", "Sygehuset udarbejder udkast til ansøgningen.", false, OutcomeApproved},
		{"list only", "Sager til kommende møder", "", "Næste møde:\n- Datasæt fra Vejen.", false, OutcomeNoted},
	}
	for _, tt := range tests {
		got := classifyOutcome(tt.title, tt.proposal, tt.decision, !tt.noDecision)
		if got != tt.want {
			t.Errorf("%s: classifyOutcome = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestItemsAgainstKeys checks every numbered item of the sample minutes
// against its answer key: number, title as printed, case number and
// outcome.
func TestItemsAgainstKeys(t *testing.T) {
	for _, name := range corpus.Minutes() {
		tx := sampleText(t, name)
		key := sampleKey(t, name)
		if key.Kind != "minutes" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got := parseItems(tx, splitItems(tx), &docContext{})
			if len(got) != len(key.AgendaItems) {
				t.Fatalf("got %d items, want %d", len(got), len(key.AgendaItems))
			}
			for i, w := range key.AgendaItems {
				g := got[i]
				if g.Number != w.Number || g.Title != w.Title {
					t.Errorf("item %d: got %d %q, want %d %q", i, g.Number, g.Title, w.Number, w.Title)
				}
				if str(g.CaseNumber) != str(w.CaseNumber) {
					t.Errorf("item %d: case number %q, want %q", w.Number, str(g.CaseNumber), str(w.CaseNumber))
				}
				if g.Outcome != w.Outcome {
					t.Errorf("item %d: outcome %q, want %q (decision %q)", w.Number, g.Outcome, w.Outcome, g.DecisionSummary)
				}
				if g.Pos.Line == 0 || g.Pos.Quote == "" {
					t.Errorf("item %d: no position", w.Number)
				}
			}
		})
	}
}

func TestItemSectionsTexts(t *testing.T) {
	src := "Punkt 57: Godkendelse af budget\n\n24/100\n\nRESUMÈ\n\nKort resumé.\n\nSagsfremstilling\n\nLang tekst.\n\nIndstilling\n\nDet indstilles, at udvalget:\n- Godkender budgettet.\n\nBeslutning i Udvalget den 01-02-2025\n\nBudgettet blev godkendt.\n\nBilag\n\nbudget.pdf\n\nFraværende Hans Hansen\n"
	tx := newText("x", src)
	got := parseItems(tx, splitItems(tx), &docContext{})
	if len(got) != 1 {
		t.Fatalf("got %d items", len(got))
	}
	g := got[0]
	if g.Number != 57 || g.Title != "Godkendelse af budget" || str(g.CaseNumber) != "24/100" {
		t.Errorf("heading: %+v", g)
	}
	if g.Summary != "Kort resumé." {
		t.Errorf("summary %q", g.Summary)
	}
	if g.Proposal != "Det indstilles, at udvalget:\n- Godkender budgettet." {
		t.Errorf("proposal %q", g.Proposal)
	}
	if g.DecisionSummary != "Budgettet blev godkendt." || g.Outcome != OutcomeApproved {
		t.Errorf("decision %q %q", g.DecisionSummary, g.Outcome)
	}
}

// str prints a nullable string for comparisons.
func str(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}

// A position's quote is its first non-empty line, cut to 160 characters
// (runes, not bytes) with an ellipsis; shorter lines are quoted whole.
func TestPosQuote(t *testing.T) {
	long := strings.Repeat("æ", 100) + strings.Repeat("b", 100)
	invalid := strings.Repeat("\xff", 170)
	tx := newText("x", "\n  kort linje  \n"+long+"\n"+invalid)
	for _, tt := range []struct {
		from, to int
		want     string
	}{
		{1, 2, "kort linje"},
		{1, 1, ""},
		{3, 3, strings.Repeat("æ", 100) + strings.Repeat("b", 60) + "…"},
		{4, 4, strings.Repeat("\uFFFD", 160) + "…"},
	} {
		if p := tx.pos(tt.from, tt.to); p.Quote != tt.want || p.Line != tt.from || p.EndLine != tt.to {
			t.Errorf("pos(%d, %d) = %+v, want quote %q", tt.from, tt.to, p, tt.want)
		}
	}
}

// Clip cuts only what is longer than n characters, counting runes, and
// leaves a line that is not cut as it is, invalid bytes included.
func TestClip(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"æøå", 3, "æøå"},
		{"æøåx", 3, "æøå…"},
		{"abc", 0, "…"},
		{"a\xffb", 3, "a\xffb"},
		{"a\xffbc", 3, "a\uFFFDb…"},
	} {
		if got := Clip(tt.s, tt.n); got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
