package minutes

import (
	"regexp"
	"strings"
)

// Agenda items: each "Punkt N: title" span is split into its sections
// (Resumé, Sagsfremstilling, Indstilling, Beslutning, Bilag), and the
// decision text is classified into an outcome.

// sectionKind is the kind of a section inside an agenda item.
type sectionKind int

const (
	secNone     sectionKind = iota // text before the first section heading
	secSummary                     // Resumé
	secCase                        // Sagsfremstilling
	secProposal                    // Indstilling
	secDecision                    // Beslutning
	secAppendix                    // Bilag
	secAbsence                     // "Fraværende ..." after the decision
)

// section is one section of an item: its kind and line range (the heading
// line is not included; for a proposal that starts with "Det indstilles" it
// is).
type section struct {
	kind sectionKind
	span
}

var (
	summaryHeading  = regexp.MustCompile(`(?i)^resum[éèeÉÈ]\s*:?$`)
	caseHeading     = regexp.MustCompile(`(?i)^(?:sagsfremstilling|sagens indhold|sagsbeskrivelse)\s*:?$`)
	proposalHeading = regexp.MustCompile(`(?i)^(?:indstilling|indstillinger|forslag til beslutning)\s*:?$`)
	// decisionHeading: "Beslutning", "BESLUTNING", "Beslutning i
	// Sundhedsklynge Sønderjylland den 19-06-2024", "Beslutning:".
	decisionHeading = regexp.MustCompile(`(?i)^beslutning(?:er)?(?:\s+(?:i|på|fra)\s+.{1,120}?)?(?:\s+(?:den|d\.)\s+[\d./-]+)?\s*:?$`)
	appendixHeading = regexp.MustCompile(`(?i)^bilag\s*:?$`)
	absenceLine     = regexp.MustCompile(`^Fraværende\b`)
	proposalLead    = regexp.MustCompile(`(?i)^det indstilles\b`)
	caseNumberLine  = regexp.MustCompile(`(?i)^(?:(?:sagsnr|sags nr|journalnr|j\.nr)\.?\s*:?\s*)?(\d{2}/\d{2,7}(?:-\d+)?)$`)
)

// isSummaryHeading reports whether line is a Resumé heading.
func isSummaryHeading(line string) bool { return summaryHeading.MatchString(line) }

// isCaseHeading reports whether line is a Sagsfremstilling heading.
func isCaseHeading(line string) bool { return caseHeading.MatchString(line) }

// isProposalHeading reports whether line is an Indstilling heading.
func isProposalHeading(line string) bool { return proposalHeading.MatchString(line) }

// isDecisionHeading reports whether line is a Beslutning heading.
func isDecisionHeading(line string) bool { return decisionHeading.MatchString(line) }

// isAppendixHeading reports whether line is a Bilag heading.
func isAppendixHeading(line string) bool { return appendixHeading.MatchString(line) }

// isAbsenceLine reports whether line is a per-item "Fraværende ..." line.
func isAbsenceLine(line string) bool { return absenceLine.MatchString(line) }

// caseNumber returns the case number on a line by itself ("23/1493").
func caseNumber(line string) (string, bool) {
	m := caseNumberLine.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// headingKind classifies a line as a section heading.
func headingKind(line string) (sectionKind, bool) {
	switch {
	case isSummaryHeading(line):
		return secSummary, true
	case isCaseHeading(line):
		return secCase, true
	case isProposalHeading(line):
		return secProposal, true
	case isDecisionHeading(line):
		return secDecision, true
	case isAppendixHeading(line):
		return secAppendix, true
	case isAbsenceLine(line):
		return secAbsence, true
	}
	return secNone, false
}

// itemSections splits an item's body (the lines after its heading) into
// sections. A proposal without a heading starts at "Det indstilles".
func itemSections(t *text, it itemSpan) []section {
	var secs []section
	cur := section{kind: secNone, span: span{it.start + 1, it.end}}
	// open ends the current section before line at and starts a section of
	// kind k at line from (at, or the line after a heading).
	open := func(k sectionKind, at, from int) {
		cur.end = at - 1
		if cur.end >= cur.start || cur.kind != secNone {
			secs = append(secs, cur)
		}
		cur = section{kind: k, span: span{from, it.end}}
	}
	for n := it.start + 1; n <= it.end; n++ {
		line := t.line(n)
		if k, ok := headingKind(line); ok {
			if k == secAbsence {
				open(k, n, n)
			} else {
				open(k, n, n+1)
			}
			continue
		}
		if proposalLead.MatchString(line) && cur.kind != secProposal && cur.kind != secDecision {
			open(secProposal, n, n)
		}
	}
	cur.end = it.end
	secs = append(secs, cur)
	return secs
}

// sectionText joins the non-empty lines of the sections of kind k.
func sectionText(t *text, secs []section, k sectionKind) (string, bool) {
	var parts []string
	found := false
	for _, s := range secs {
		if s.kind != k {
			continue
		}
		found = true
		for n := s.start; n <= s.end; n++ {
			if l := t.line(n); l != "" {
				parts = append(parts, l)
			}
		}
	}
	return strings.Join(parts, "\n"), found
}

// parseItems reads every agenda item: number, title, case number, the
// decision as printed, its outcome, and the Resumé and Indstilling texts.
func parseItems(t *text, items []itemSpan, c *docContext) []AgendaItem {
	out := make([]AgendaItem, 0, len(items))
	for _, it := range items {
		secs := itemSections(t, it)
		ai := AgendaItem{Number: it.number, Title: it.title, Pos: t.pos(it.start, it.end)}
		// The case number stands on its own line before the first section.
		for n := it.start + 1; n <= it.end && n <= it.start+6; n++ {
			line := t.line(n)
			if cn, ok := caseNumber(line); ok {
				ai.CaseNumber = &cn
				break
			}
			if _, ok := headingKind(line); ok {
				break
			}
		}
		decision, hasDecision := sectionText(t, secs, secDecision)
		ai.DecisionSummary = decision
		ai.Summary, _ = sectionText(t, secs, secSummary)
		ai.Proposal, _ = sectionText(t, secs, secProposal)
		ai.Outcome = classifyOutcome(it.title, ai.Proposal, decision, hasDecision)
		out = append(out, ai)
	}
	return out
}

// Decision language. Each pattern is matched against the lower-cased
// decision text.
var (
	// rejectWords: the body said no.
	rejectWords = withLits(regexp.MustCompile(`\bafvist(e)?\b|\bafviste\b|\bikke (?:blev )?godkendt|\bblev ikke godkendt|\bforkastet|\bikke tiltrådt|\bkunne ikke godkende`), "afvist", "ikke", "forkastet")
	// declineWords: the body agreed not to act ("enighed om, at der ikke
	// bliver sendt initiativer ind").
	declineWords = withLits(regexp.MustCompile(`enighed om,? at der ikke\b|besluttede(?:s)?,? (?:at )?ikke at\b|blev besluttet,? (?:at )?ikke at\b|besluttet ikke at\b|ønskede ikke at\b|valgte ikke at\b`), "ikke")
	// postponeWords: the item was put off.
	postponeWords = withLits(regexp.MustCompile(`\b(?:blev|bliver) (?:udsat|udskudt)(?:[.,;]|$| til\b| indtil\b| på\b| med\b)|\b(?:punktet|sagen|beslutningen) (?:blev |er )?(?:udsat|udskudt)\b|\b(?:udsættes|udskydes|genoptages)\b`), "uds", "genoptages")
	// approveWords: a positive decision.
	approveWords = withLits(regexp.MustCompile(`\bgodkendt(?:e)?\b|\bgodkendes\b|\bvedtog\b|\bvedtaget\b|\bbesluttede\b|\bblev besluttet\b|\bdet besluttes\b|\btiltrådt(?:e)?\b|\btiltrådte\b|\bbevilget\b|\bbevilgede\b|\bvedtages\b`), "godkend", "vedt", "beslut", "tiltråd", "bevilg")
	// followedWords: "Indstillingen blev fulgt": the outcome is what the
	// proposal asked for.
	followedWords = withLits(regexp.MustCompile(`indstilling(?:en|erne)?\b[^.]{0,40}\b(?:blev|bliver|er) (?:fulgt|tiltrådt|godkendt)|(?:begge|alle) indstillinger (?:blev|er) fulgt|indstillingen følges|som indstillet`), "indstill")
	// notedWords: taken to note, or nothing to remark.
	notedWords = withLits(regexp.MustCompile(`til efterretning|intet at bemærke|ingen bemærkninger|\bintet at tilføje|\bblev orienteret\b|\btil orientering\b|\borienteringen blev\b`), "efterretning", "intet at", "ingen bemærkninger", "orienter")
	// discussedWords: discussion only.
	discussedWords = regexp.MustCompile(`\bdrøftet\b|\bdrøftede\b|\bdrøftelse(?:n|r)?\b|\bdrøfte(?:s)?\b`)
	// attendanceWords: the decision only records who came.
	attendanceWords = regexp.MustCompile(`^(?:afbud|fravær|fraværende|deltog|deltagere|mødedeltagere)\b|deltog i stedet for|deltog under punkt`)
	// proposalApprove etc. read the proposal's verbs ("Godkender ...",
	// "Tager ... til efterretning", "Drøfter ...").
	proposalApprove  = withLits(regexp.MustCompile(`\bgodkender\b|\bbeslutter\b|\bvedtager\b|\btiltræder\b|\bbevilger\b`), "godkender", "beslutter", "vedtager", "tiltræder", "bevilger")
	proposalNote     = withLits(regexp.MustCompile(`til efterretning|\btil orientering\b`), "til efterretning", "til orientering")
	proposalDiscuss  = regexp.MustCompile(`\bdrøfter\b|\bdrøftes\b`)
	noDecisionTitles = regexp.MustCompile(`(?i)^(?:eventuel(?:t|l)?|evt\.?|pause|frokost|velkomst|godkendelse af dagsorden)\b`)
)

// isEmptyDecision reports whether a decision text records nothing: empty,
// "-", "." or the like.
func isEmptyDecision(s string) bool {
	return strings.Trim(s, " \t\n.-–—_") == ""
}

// classifyOutcome reads the outcome of an item from its decision text, with
// the proposal as context ("Indstillingen blev fulgt") and the title for
// items that never carry a decision (welcome, break, any other business).
func classifyOutcome(title, proposal, decision string, hasDecision bool) string {
	if !hasDecision || isEmptyDecision(decision) {
		return OutcomeOther
	}
	d := strings.ToLower(decision)
	p := strings.ToLower(proposal)
	followed := followedWords.MatchString(d)
	switch {
	case rejectWords.MatchString(d):
		return OutcomeRejected
	case postponeWords.MatchString(d) && !approveWords.MatchString(d):
		return OutcomePostponed
	case approveWords.MatchString(d), followed && proposalApprove.MatchString(p):
		return OutcomeApproved
	case notedWords.MatchString(d), followed && proposalNote.MatchString(p):
		return OutcomeNoted
	case declineWords.MatchString(d):
		return OutcomeRejected
	case discussedWords.MatchString(d), followed && proposalDiscuss.MatchString(p):
		return OutcomeDiscussed
	case followed:
		return OutcomeApproved
	case onlyAttendance(d):
		return OutcomeNoted
	case noDecisionTitles.MatchString(strings.TrimSpace(title)):
		return OutcomeOther
	case proposalApprove.MatchString(p):
		// The agreed action is recorded without a verb of decision.
		return OutcomeApproved
	case proposalDiscuss.MatchString(p) && !proposalNote.MatchString(p):
		return OutcomeDiscussed
	}
	return OutcomeNoted
}

// onlyAttendance reports whether a decision text only records attendance
// (the participant item's "Afbud:" list).
func onlyAttendance(d string) bool {
	for _, l := range strings.Split(d, "\n") {
		if attendanceWords.MatchString(strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}
