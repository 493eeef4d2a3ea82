package minutes

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Initiatives: projects, agreements, funding pots and allocations,
// programmes, action plans, pilots, named services and reforms named in
// the items, with the amounts, periods, owners and organisations the items
// give them.
//
// Each item is read in three steps. First, candidates: names found by a
// set of rules (below), each a small pattern of Danish administrative
// language, on the item's title and on every line of its body outside the
// appendix. Second, candidates that name the same thing are merged, the
// other spellings kept as aliases. Third, amounts, periods and owners are
// attached to the candidate they are written next to, or to the item's
// main initiative or funding pot.
//
// The rules, by the name recorded in initCand.rule:
//
//	title      an item title that, stripped of its process words
//	           ("Godkendelse af", "Orientering om", time slots), is itself
//	           a name: a compound with an initiative head ("Natlægevagt",
//	           "lægedækningspuljen", "pilotprojekt: X"), a proper name
//	           ("TeleKOL", "Den Mobile Akutmodtagelse"), or a phrase the
//	           body calls "modellen for ..." ("udvidet behandlingsansvar")
//	quoted     a name in quotes; lower-case only after an initiative word
//	           ("initiativer i forhold til ”vælg klogt”"); never a group,
//	           a topic ("emnet ...", "temadrøftelse") or a working group
//	noun       "projektet X", "klyngeprojektet X", "indsatsen X", "puljen
//	           X", "handleplan vedr. X", "projekt omkring x", "indsatsen
//	           omkring x"
//	compound   "SAM:BO-aftalen", "LEAD-indsatsen", "Kom Trygt Hjem-indsatsen",
//	           "TeleKOL indsatsen"
//	genitive   "Klynges Syds handleplan"
//	proper     "Det nationale ledelsesprogram", "Fredericia Sundhedshus"
//	action     "styrkelse af Fremskudt Funktion", "evaluering af X"
//	umbrella   "som en del af det Nordjyske eSundhedsvæsen"
//	plan       "10 års plan for psykiatri og mental sundhed"
//	reform     "sundhedsreformen", "ældreformen"
//	agreement  "Sundhedsaftalen 2024-2027"
//	pot        "klyngemidlerne for 2022 og 2023"
//	funding    "afsættes 300.000 kr. af klyngemidlerne til at finansiere X",
//	           "Klyngemidler anvendes til X"
//	list       the entries of a list introduced by "... indsatser:",
//	           "... to fælles projekter," or "initiativer ..., herunder"
//	established "der er etableret et nyt ungehus"

// initCand is a candidate initiative with where and how it was found.
type initCand struct {
	Initiative
	rule   string // the rule that found it (see above)
	rank   int    // how much the name is a name: 3 quoted or proper, 2 pattern, 1 title
	pot    bool   // a funding pot (midler, pulje)
	lo, hi int    // byte span on its line; -1 for a title
}

// Initiative head words: the last part of a compound that names an
// initiative ("pilotprojekt", "lægedækningspuljen", "Natlægevagt").
const initHead = `(?:reform(?:en)?|vagt(?:en)?|pulje(?:n)?|midler(?:ne)?|program(?:met)?|projekt(?:et)?|aftale(?:n)?|handleplan(?:en)?|ordning(?:en)?|indsats(?:en)?)`

// name continues a proper name: capitalised words, with lower-case
// connectors between them.
const properName = `\p{Lu}[\p{L}\d:]*(?:\s+(?:(?:i|og|for|om|på|af)\s+)?\p{Lu}[\p{L}\d:]*)*`

var (
	// potPeriodDash writes a pot's period "2024 og 2025" or "2024–2025"
	// with a hyphen, as parsePeriod reads it.
	potPeriodDash = strings.NewReplacer(" og ", "-", "–", "-")

	// modelCue is "modellen for", "ordningen om" and the like, which
	// titleName looks for before an item's title in its text.
	modelCue = regexp.MustCompile(`(?i)\b(?:modellen|ordningen|aftalen|projektet|indsatsen|driften)\s+(?:for|om|af)\s+`)
	// titleLead is a process word at the start of a title: "Godkendelse
	// af", "Orientering om", "Drøftelse og beslutning vedr.", "Status på
	// implementeringen af", "Ansøgning om midler fra".
	titleLead = regexp.MustCompile(`(?i)^(?:(?:godkendelse|orientering|drøftelse|beslutning|status|opfølgning|evaluering|ansøgning|anvendelse|præsentation|forslag|implementering(?:en)?|organisering|midler|initiativer)(?:\s+og\s+(?:beslutning|drøftelse|implementering|organisering))*\s*(?:af|om|vedr\.?|vedrørende|på|til|fra|omkring|:)\s+)+`)
	// titleTail cuts what follows a name in a title: " - status til ...",
	// ", status på ...".
	titleTail  = regexp.MustCompile(`\s+[-–]\s+.*$|,\s+.*$`)
	timeSuffix = regexp.MustCompile(`(?:\s*[-–]\s*\d+\s*min\.?|,\s*kl\.\s*[\d.:]+\s*[-–]\s*[\d.:]+)$`)
	// titleHeadFirst: the title starts with an initiative compound
	// ("Natlægevagt", "lægedækningspuljen", "det tværsektorielle
	// forløbsprogram for ..."); a bare "program for" is not one.
	titleHeadFirst = regexp.MustCompile(`(?i)^(?:(?:det|den|de)\s+\p{L}+\s+)?\p{L}{3,}` + initHead + `(?::|\b)`)
	// headWord is the initiative compound at the start of a title.
	headWord = regexp.MustCompile(`(?i)^\p{L}{3,}` + initHead + `\b`)
	// mixedCase is a proper name written in mixed case ("TeleKOL").
	acronymLike = regexp.MustCompile(`^\p{L}+\p{Lu}[\p{L}:]*$`)
	mixedCase   = regexp.MustCompile(`^\p{Lu}?\p{Ll}+\p{Lu}\p{L}*$`)
	// capPhrase is a title made of capitalised words ("Den Mobile
	// Akutmodtagelse").
	capPhrase = regexp.MustCompile(`^(?:De[nt]\s+)?\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)+$`)

	// quotedName: ”Ulighed i Sundhed”, 'Mening og Mestring', "X", “X”.
	quotedName = withLits(regexp.MustCompile(`(?:”([^”]{3,150})”|“([^”]{3,150})”|"([^"]{3,150})"|'([^']{3,150})'|‘([^’]{3,150})’)`), "”", `"`, "'", "‘")
	// quoteCue: an initiative word just before a lower-case quoted name.
	quoteCue = regexp.MustCompile(`(?i)(?:initiativ\p{L}*|indsats\p{L}*|projekt\p{L}*|etablere?t?|pulje\p{L}*|program\p{L}*)\s+(?:(?:i forhold til|omkring|om|vedr\.?|en|et|af)\s+)?$`)
	// quoteTopic: a quoted name that is a topic, not an initiative.
	quoteTopic = regexp.MustCompile(`(?i)\b(?:emne(?:t|r|rne)?|tema(?:et)?|temadrøftelse(?:n|r|rne)?)\b`)
	// quoteGroup: a quoted name of a group.
	quoteGroup = regexp.MustCompile(`(?i)(?:gruppe(?:n|r|rne)?|udvalg(?:et)?)\s*:?\s*$|arbejdsgrupp`)
	// descriptor: an initiative word right before a quoted name
	// ("sundhedsreform", "LEAD-indsatsen", "prøvehandlingen",
	// "projektet").
	descriptor = regexp.MustCompile(`(?i)(?:^|[\s(])([\p{L}:-]*(?:reform(?:en)?|indsats(?:en)?|projekt(?:et)?|prøvehandling(?:en)?|pulje(?:n)?|program(?:met)?|aftale(?:n)?))\s*,?\s*$`)

	// nounName: "projektet Ulighed i sundhed", "klyngeprojektet Kom trygt
	// hjem", "indsatsen Ulighed i Sundhed", "handleplan vedr. Den sidste
	// tid".
	nounName = withLits(regexp.MustCompile(`\b(?:(?:klynge|pilot)?projekt(?:et)?|indsatsen|puljen|programmet|prøvehandlingen|(?:(?:handle)?plan(?:en)?|pulje(?:n)?|program(?:met)?)\s+(?:vedr\.|vedrørende|for))\s+(\p{Lu}[^.,;:()”"'\n]{2,120})`), "projekt", "indsatsen", "pulje", "program", "prøvehandlingen", "plan")
	// nounAbout: "projekt omkring hovedpinepatienter", "indsatsen omkring
	// let tilgængelige tilbud", "projekt i regi af SydKIP".
	nounAbout = withFoldLits(regexp.MustCompile(`(?i)\b(projekt(?:et)?|indsatsen)\s+(omkring|vedr\.|vedrørende|i regi af)\s+([^.,;:()”"'\n]{3,120})`), "vedr", "regi af", "ring")
	// compoundName: "SAM:BO-aftalen", "LEAD-indsatsen", "Kom Trygt
	// Hjem-indsatsen", "TeleKOL indsatsen".
	compoundName = withLits(regexp.MustCompile(`((?:\p{Lu}\p{L}*\s+){0,3}\p{Lu}[\p{L}\d:]*)(?:-|\s)(aftalen|indsatsen|projektet|programmet)\b`), "aftalen", "indsatsen", "projektet", "programmet")
	// genitiveName: "Klynges Syds handleplan".
	genitiveName = withLits(regexp.MustCompile(`\b((?:\p{Lu}\p{L}+\s+){0,2}\p{Lu}\p{L}*s)\s+(handleplan|projekt|pulje|program|strategi)(?:en|et|met)?\b`), "plan", "projekt", "pulje", "program", "strategi")
	// properHead: "Det nationale ledelsesprogram", "Det Nationale
	// Ledelsesprogram 2025", "Fredericia Sundhedshus".
	properHead = withLits(regexp.MustCompile(`\bDe[nt]\s+(?:\p{L}+\s+){1,2}?\p{L}*(?:program|plan|projekt|pulje|reform|ordning|netværk)(?:met|en|et)?\b(?:\s+(?:19|20)\d\d)?|\b\p{Lu}\p{L}+\s+\p{Lu}\p{L}*(?:hus|klinik|program|projekt|pulje|netværk)\b`), "program", "plan", "projekt", "pulje", "reform", "ordning", "netværk", "hus", "klinik")
	// actionName: "styrkelse af Fremskudt Funktion", "evaluering af Kom
	// Trygt Hjem-indsatsen".
	actionName = withFoldLits(regexp.MustCompile(`\b((?i:styrkelse|etablering|evaluering|udvikling|udbredelse|skalering)(?:en)?\s+af\s+)(`+properName+`(?:-\p{L}+)?)`), "tyr", "etablering", "evaluering", "udvi", "udbredel", "alering")
	// umbrellaName: "som en del af det Nordjyske eSundhedsvæsen".
	umbrellaName = withFoldLits(regexp.MustCompile(`(?i:en del af)\s+(?:det|den)\s+(\p{Lu}\p{L}*\s+\p{L}*\p{Lu}\p{L}*)`), "en del af")
	// yearPlan: "10 års plan for psykiatri og mental sundhed", "10-års
	// planen for psykiatri".
	yearPlan = withFoldLits(regexp.MustCompile(`(?i)\b(\d+[- ]?års[- ]?plan(?:en)?\s+for\s+[^.,;:()”"'\n]+)`), "plan")
	// reformWord: "sundhedsreformen", "ældreformen"; not "reformerne".
	reformWord = withFoldLits(regexp.MustCompile(`(?i)(?:^|[^\p{L}\d-])(\p{L}+reform(?:en)?)(?:[^\p{L}\d]|$)`), "reform")
	// agreementName: "Sundhedsaftalen 2024-2027".
	agreementName = withLits(regexp.MustCompile(`\b(Sundhedsaftale(?:n)?\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2}))\b`), "Sundhedsaftale")
	// potName: "klyngemidlerne for 2022 og 2023", "puljen for 2025".
	potName = withFoldLits(regexp.MustCompile(`(?i)(?:^|[^\p{L}])(\p{L}{3,}(?:midler(?:ne)?|pulje(?:n)?)\s+for\s+((?:19|20)\d\d(?:\s*(?:og|-|–)\s*(?:19|20)\d\d)?))`), "midler", "pulje")
	// fundedPurpose: "afsættes 300.000 kr. af klyngemidlerne til at
	// finansiere samarbejdet om X".
	fundedPurpose = regexp.MustCompile(`^[^.]{0,60}?\btil at (?:finansiere|understøtte|etablere)\s+([^.,;:()]+)`)
	// fundsUsedFor: "Klyngemidler anvendes til udvikling af X".
	fundsUsedFor = withFoldLits(regexp.MustCompile(`(?i)\b\p{L}*midl(?:er|erne)\s+(?:anvendes|bruges|afsættes)\s+til\s+(?:at\s+)?((?:[^.;:()]|\.\p{L})+)`), "midl")
	// establishedName: "der er etableret et nyt ungehus".
	establishedName = withFoldLits(regexp.MustCompile(`(?i)\b(?:etableret|etableres|oprettet|åbnet)\s+(?:et|en)\s+((?:nyt?\s+)?\p{L}*(?:hus|klinik|tilbud|netværk))(?:[^\p{L}]|$)`), "etablere", "oprettet", "bnet")
	// listIntro: a line that introduces a list of initiatives.
	listIntro = withFoldLits(regexp.MustCompile(`(?i)\b\p{L}*(?:indsatser|initiativer|projekter)\b.*(?:[:,]|herunder)\s*$`), "initiativer", "proje", "ind")
	listEntry = regexp.MustCompile(`^(?:[-–•*]|\d{1,2}\.)\s+(.+)$`)
	// listSkip: a list entry that holds other initiatives or only a
	// process.
	listSkip = regexp.MustCompile(`(?i)\bherunder\b|\bi regi af\b`)
	// draftLead: "Udarbejdelse af en samarbejdsmodel" names the model.
	draftLead = regexp.MustCompile(`(?i)^udarbejdelse\s+af\s+(?:en|et)\s+`)
	// nameEnd cuts a name at the clause that follows it.
	nameEnd = regexp.MustCompile(`(?i)\s+(?:der|som|har|er|blev|bliver|skal|vil|kan|hvor|hvis|at|gennemføres|vedrørende|samt)\s.*$|\s+(?:med henblik på|bl\.a\.?|for at|herunder|mhp\.)(?:\s.*)?$|[.,;:]\s.*$|[.,;:]$`)

	// projectPeriod: "Projektperioden forventes at være 1. november 2024
	// til og med 31. oktober 2026".
	projectPeriod = withFoldLits(regexp.MustCompile(`(?i)(?:projekt)?perioden?\s+(?:forventes\s+at\s+være|er|løber)\s+(?:fra\s+)?(.+?)\.?$`), "periode")
	endOfPeriod   = withFoldLits(regexp.MustCompile(`(?i)(ved udgangen af (?:\p{L}+\s+)?\d{4})`), "ved udgangen af ")
	// startPhrase: "har været gældende siden d. 1. januar 2024", "trådte i
	// kraft d. 1. november 2023", "overtog driften ... pr. den 1.
	// september 2024", "har siden september 2021".
	startPhrase = withFoldLits(regexp.MustCompile(`(?i)(?:gældende siden|i kraft|overtog driften[^.]{0,60}?pr\.|implementering(?:en)?\s+af\s+\p{L}+\s+pr\.|har siden)\s+(?:d\.\s*|den\s+)?(\d{1,2}\.\s*\p{L}+\s+\d{4}|\p{L}+\s+\d{4})`), "ldende", "raft", "overtog", "implementering", "har")
	// ownerPhrase: "er tovholder", "forankres i X", "ansvaret for
	// klyngeprojektet X ... placeres i Y".
	ownerTovholder = withLits(regexp.MustCompile(`(?:så\s+er|,\s*at)\s+(\p{Lu}[^,.]*?)\s+(?:er\s+)?tovholder\b`), "tovholder")
	ownerAnchored  = withFoldLits(regexp.MustCompile(`(?i)\bforankre[st]?\s+i\s+(?:det\s+eksisterende\s+)?(\p{L}[^.,;]*?(?:"[^"]+"|”[^”]+”|'[^']+')?)(?:[.,;]|$)`), "foran")
	ownerPlaced    = regexp.MustCompile(`ansvaret for (?:projektledelse af )?(?:klynge|pilot)?projektet(?:\s+(\p{Lu}[^,.]*?))?\s+(?:har været |er )?placere[st]?\s+i\s+(\p{Lu}[^,.]*?)(?:,|\.|\s+og ansvaret|$)`)
	orgMention     = regexp.MustCompile(`\b(?:Region \p{Lu}\p{L}+|\p{Lu}\p{L}+ Kommune|Sygehus \p{Lu}\p{L}+|Psykiatrien(?: i Region \p{Lu}\p{L}+)?|Blå Kors|DGI|DIF)\b`)
)

// stripTitle removes the process words and the time slot from an item
// title and cuts what follows the name: "Godkendelse af initiativer til
// Det Nationale Ledelsesprogram 2025, kl. 12.05-12.10" → "Det Nationale
// Ledelsesprogram 2025".
func stripTitle(title string) string {
	s := strings.TrimSpace(timeSuffix.ReplaceAllString(strings.TrimSpace(title), ""))
	s = titleLead.ReplaceAllString(s, "")
	return strings.TrimSpace(titleTail.ReplaceAllString(s, ""))
}

// titleName returns the initiative an item title names, if it names one,
// and whether it is a funding pot. body is the item's text (for the
// "modellen for <title>" test).
func titleName(title, body string) (name string, pot bool, ok bool) {
	s := stripTitle(title)
	if s == "" || noDecisionTitles.MatchString(s) || isParticipantItem(s) {
		return "", false, false
	}
	switch {
	case titleHeadFirst.MatchString(s):
		h := strings.ToLower(headWord.FindString(s))
		return s, strings.Contains(h, "midl") || strings.Contains(h, "pulje"), true
	case mixedCase.MatchString(s), capPhrase.MatchString(s):
		return s, false, true
	}
	if w := strings.Fields(s); len(w) >= 2 && len(w) <= 4 && cueBefore(body, s) {
		return s, false, true
	}
	return "", false, false
}

// cueBefore reports whether body has a cue (modelCue) right before s, as
// the pattern modelCue + regexp.QuoteMeta(s) + `\b` would find, without
// compiling that pattern for every title. s must not start with white
// space. A match of that pattern is a cue followed by s: the cue's white
// space ends where s begins, so the cue is one of modelCue's own matches
// (they cannot overlap), and s is compared as (?i) compares a literal,
// rune by rune in Unicode simple folding, and followed by an ASCII word
// boundary (RE2's \b) in body.
func cueBefore(body, s string) bool {
	for _, m := range modelCue.FindAllStringIndex(body, -1) {
		rest := body[m[1]:]
		if n, ok := foldedPrefix(rest, s); ok && wordBoundary(rest, n) {
			return true
		}
	}
	return false
}

// foldedPrefix reports whether text begins with s under simple case
// folding, rune by rune as (?i) compares a literal (strings.EqualFold),
// and how many bytes of text that prefix takes.
func foldedPrefix(text, s string) (int, bool) {
	n := 0
	for range utf8.RuneCountInString(s) {
		if n == len(text) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(text[n:])
		n += size
	}
	return n, strings.EqualFold(text[:n], s)
}

// wordBoundary reports whether RE2's \b holds at byte i of text: an ASCII
// word character on one side only (the end of text counts as none).
func wordBoundary(text string, i int) bool {
	before, after := false, false
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		before = asciiWord(r)
	}
	if i < len(text) {
		r, _ := utf8.DecodeRuneInString(text[i:])
		after = asciiWord(r)
	}
	return before != after
}

func asciiWord(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// isListIntro reports whether a line introduces a list of initiatives
// ("... de to anbefalede indsatser vedrørende lægedækning (se bilag 1):").
func isListIntro(line string) bool { return listIntro.MatchString(line) }

// listName returns the initiative a list entry names: its first sentence,
// or nothing for an entry that begins with a quote (the quoted rule reads
// it), holds other initiatives ("herunder", "i regi af") or is too long.
func listName(entry string) (string, bool) {
	e := strings.TrimSpace(entry)
	if e == "" || strings.ContainsAny(e[:1], `"'`) || strings.HasPrefix(e, "”") || strings.HasPrefix(e, "“") || listSkip.MatchString(e) {
		return "", false
	}
	if i := strings.Index(e, ". "); i > 0 {
		e = e[:i]
	}
	e = strings.TrimRight(strings.TrimSpace(e), ".:;")
	e = draftLead.ReplaceAllString(e, "")
	if n := len(strings.Fields(e)); n < 2 || n > 25 || strings.HasSuffix(e, "?") {
		return "", false
	}
	return upperFirst(e), true
}

// cutName shortens a name found in running text at the clause that
// follows it.
func cutInitName(s string) string {
	s = strings.TrimSpace(nameEnd.ReplaceAllString(strings.TrimSpace(s), ""))
	return strings.TrimRight(s, " -–")
}

// quotedAccepted reports whether a quoted name is an initiative, given
// the text before it on its line.
func quotedAccepted(name, before string) bool {
	r := []rune(name)
	if len(r) < 3 || quoteGroup.MatchString(before) || quoteTopic.MatchString(before) {
		return false
	}
	if strings.ContainsAny(string(r[len(r)-1]), "?!") {
		return false
	}
	if upper := strings.ToUpper(string(r[0])) == string(r[0]) && strings.ToLower(string(r[0])) != string(r[0]); upper {
		return true
	}
	return quoteCue.MatchString(before)
}

// parseInitiatives finds the initiatives named in the items.
func parseInitiatives(t *text, items []itemSpan, c *docContext) []Initiative {
	return parseInitiativesOf(t, items, c, parseBodies(t, items, c))
}

// parseInitiativesOf is parseInitiatives given the document's bodies
// (parseBodies of the same text, items and context), which it only reads:
// Parse has them already.
func parseInitiativesOf(t *text, items []itemSpan, c *docContext, bodies []Body) []Initiative {
	var all []*initCand
	d := newAttrDoc(t, bodies, c)
	for _, it := range items {
		if isParticipantItem(it.title) {
			continue
		}
		all = append(all, itemInitiatives(t, it, c, d)...)
	}
	all = mergeCands(all)
	d.namedFor(all)
	out := make([]Initiative, 0, len(all))
	for _, k := range all {
		in := k.Initiative
		if in.Organisations == nil {
			in.Organisations = []string{}
		}
		in.Aliases = dropSame(in.Name, in.Aliases)
		out = append(out, in)
	}
	return out
}

// itemInitiatives reads one item.
func itemInitiatives(t *text, it itemSpan, c *docContext, d *attrDoc) []*initCand {
	num := it.number
	var bodyEnds []string // periods of a sentence whose subject is a body
	var leads []string    // organisations that led the item's process
	year := c.year
	var cands []*initCand
	var body strings.Builder
	for n := it.start + 1; n <= it.end; n++ {
		body.WriteString(t.line(n))
		body.WriteByte('\n')
	}
	// mainIdx is the item's main initiative: the title's, or the first
	// one named.
	main := -1
	add := func(k *initCand) int {
		if k.Organisations == nil {
			k.Organisations = []string{}
		}
		k.Item = refOf(num)
		cands = append(cands, k)
		if main < 0 {
			main = len(cands) - 1
		}
		return len(cands) - 1
	}
	if name, pot, ok := titleName(it.title, body.String()); ok {
		k := &initCand{Initiative: Initiative{Name: upperFirst(name), Pos: t.pos(it.start, it.start)}, rule: "title", rank: 1, pot: pot, lo: -1, hi: -1}
		if h := headWord.FindString(name); h != "" && h != name {
			k.Aliases = append(k.Aliases, h)
		}
		add(k)
	}
	// The title is read by the line rules too: "Drøftelse og beslutning
	// vedr. organisering og implementering af SAM:BO-aftalen".
	lineCands := func(n int, line string) []*initCand {
		ks := lineInitiatives(line, year)
		for _, k := range ks {
			k.Pos = t.pos(n, n)
		}
		return ks
	}
	for _, k := range lineCands(it.start, stripTitle(it.title)) {
		add(k)
	}
	inAppendix, inList := false, false
	for n := it.start + 1; n <= it.end; n++ {
		line := t.line(n)
		if k, ok := headingKind(line); ok {
			inAppendix = k == secAppendix || k == secAbsence
			inList = false
			continue
		}
		if line == "" || inAppendix {
			continue
		}
		var here []int // indexes of the candidates found on this line
		if m := listEntry.FindStringSubmatch(line); m != nil && inList {
			if name, ok := listName(m[1]); ok {
				here = append(here, add(&initCand{Initiative: Initiative{Name: name, Pos: t.pos(n, n)}, rule: "list", rank: 2, lo: 0, hi: len(line)}))
			}
		} else {
			inList = isListIntro(line)
		}
		for _, k := range lineCands(n, line) {
			here = append(here, add(k))
		}
		// Amounts: a funded purpose names its own initiative; an amount
		// before a name on the line is that name's; a total or a pot's
		// size belongs to the item's funding pot; a project's budget to
		// the main initiative.
		low := strings.ToLower(line)
		for ai, a := range findAmounts(line) {
			v := a.dkk
			if m := fundedPurpose.FindStringSubmatch(line[a.end:]); m != nil {
				name := upperFirst(cutInitName(m[1]))
				if len(strings.Fields(name)) >= 2 {
					i := add(&initCand{Initiative: Initiative{Name: name, Pos: t.pos(n, n)}, rule: "funding", rank: 2, lo: a.end, hi: len(line)})
					if cands[i].AmountDKK == nil {
						cands[i].AmountDKK = &v
					}
					continue
				}
			}
			if i := nextCand(cands, here, a.end); i >= 0 && strings.Contains(line[a.end:cands[i].lo], " til ") {
				if cands[i].AmountDKK == nil {
					cands[i].AmountDKK = &v
				}
				continue
			}
			if ai > 0 {
				continue // later figures on a line are breakdowns
			}
			before := strings.ToLower(line[:a.start])
			if strings.Contains(before, "i alt") || strings.Contains(before, "pulje på") || strings.Contains(before, "samlet") {
				if p := potOf(cands); p >= 0 && cands[p].AmountDKK == nil {
					cands[p].AmountDKK = &v
				}
				continue
			}
			if main >= 0 && cands[main].AmountDKK == nil && strings.Contains(low, "projekt") {
				cands[main].AmountDKK = &v
			}
		}
		// Periods and start dates: of a name on the line; a line without
		// one gives its period to the main initiative only when its
		// subject is the project ("Projektet løber ..."), and to the
		// item's body's initiative when its subject is that body (read
		// after the item, below).
		target := -1
		if len(here) > 0 {
			target = here[0]
		} else if projectSubject.MatchString(line) {
			target = main
		}
		if m := projectPeriod.FindStringSubmatch(line); m != nil && main >= 0 {
			k := cands[main]
			if s, e, ok := parsePeriod(m[1], year); ok {
				if s != "" {
					k.PeriodStart = &s
				}
				k.PeriodEnd = &e
			}
		} else if m := endOfPeriod.FindStringSubmatch(line); m != nil {
			if len(here) == 0 && bodySubject.MatchString(line) {
				bodyEnds = append(bodyEnds, m[1])
			} else if target >= 0 && cands[target].PeriodEnd == nil {
				if _, e, ok := parsePeriod(m[1], year); ok {
					cands[target].PeriodEnd = &e
				}
			}
		}
		if target < 0 {
			target = main
		}
		if m := startPhrase.FindStringSubmatch(line); m != nil && target >= 0 && cands[target].PeriodStart == nil {
			if s, _, ok := parsePeriod(m[1], year); ok {
				cands[target].PeriodStart = &s
			}
		}
		// Owners and organisations.
		setOwners(cands, here, main, line)
		leads = append(leads, d.lineOwners(cands, here, main, line)...)
		for _, i := range here {
			for _, o := range sentenceOrgs(line, cands[i].lo) {
				cands[i].Organisations = appendNew(cands[i].Organisations, o)
			}
		}
	}
	d.itemOwners(cands, main, it, t, bodyEnds, leads, year)
	return mergeCands(dropContained(cands))
}

// lineInitiatives runs the line rules on one line. Candidates inside a
// longer candidate of the same line are dropped by the caller.
func lineInitiatives(line string, year int) []*initCand {
	var ks []*initCand
	addAt := func(name string, lo, hi int, rule string, rank int, aliases ...string) *initCand {
		name = strings.TrimSpace(name)
		if len([]rune(name)) < 3 {
			return nil
		}
		k := &initCand{Initiative: Initiative{Name: upperFirst(name)}, rule: rule, rank: rank, lo: lo, hi: hi}
		for _, a := range aliases {
			if a = strings.TrimSpace(a); a != "" {
				k.Aliases = append(k.Aliases, a)
			}
		}
		ks = append(ks, k)
		return k
	}
	for _, m := range agreementName.FindAllStringSubmatchIndex(line, -1) {
		name := line[m[2]:m[3]]
		k := addAt(name, m[0], m[1], "agreement", 3)
		if s, e, ok := parsePeriod(line[m[4]:m[5]]+"-"+line[m[6]:m[7]], year); ok {
			k.PeriodStart, k.PeriodEnd = &s, &e
			// One name for "Sundhedsaftale 2024-27" and "Sundhedsaftalen 2024-2027".
			k.Name = "Sundhedsaftalen " + s[:4] + "-" + e[:4]
			k.Aliases = append(k.Aliases, name)
		}
	}
	for _, m := range quotedName.FindAllStringSubmatchIndex(line, -1) {
		name := ""
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 {
				name = strings.TrimSpace(line[m[2*g]:m[2*g+1]])
			}
		}
		before := line[:m[0]]
		if !quotedAccepted(name, before) {
			continue
		}
		lo := m[0]
		var aliases []string
		if d := descriptor.FindStringSubmatchIndex(before); d != nil {
			desc := before[d[2]:d[3]]
			aliases = append(aliases, desc+" "+line[m[0]:m[1]], desc+" "+name)
			if strings.ContainsAny(desc, "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ") || reformWord.MatchString(desc) {
				aliases = append(aliases, desc)
			}
			lo = d[2]
		}
		addAt(name, lo, m[1], "quoted", 3, aliases...)
	}
	for _, m := range compoundName.FindAllStringSubmatchIndex(line, -1) {
		whole := line[m[0]:m[1]]
		proper := line[m[2]:m[3]]
		if line[m[3]] == ' ' && !acronymLike.MatchString(proper) || isOrgName(proper) {
			continue // "I projektet", "Region Syddanmark indsatsen"
		}
		if line[m[3]] == ' ' {
			addAt(proper, m[0], m[1], "compound", 3, whole) // "TeleKOL indsatsen"
		} else {
			addAt(whole, m[0], m[1], "compound", 3, proper)
		}
	}
	for _, m := range findAllCut(nounName, line, 1) {
		name := cutInitName(line[m[2]:m[3]])
		if isOrgName(name) || len(name) < 3 {
			continue
		}
		whole := line[m[0]:m[2]] + name
		if strings.Contains(strings.ToLower(line[m[0]:m[2]]), "plan") {
			addAt(whole, m[0], m[2]+len(name), "noun", 2, name)
		} else {
			addAt(name, m[0], m[2]+len(name), "noun", 2, strings.TrimSpace(whole))
		}
	}
	for _, m := range findAllCut(nounAbout, line, 3) {
		if m[0] > 0 && line[m[0]-1] == '-' {
			continue // "Kom Trygt Hjem-indsatsen i regi af ..."
		}
		about := cutInitName(line[m[6]:m[7]])
		if len(about) < 3 {
			continue
		}
		whole := line[m[2]:m[5]] + " " + about
		addAt(whole, m[0], m[6]+len(about), "noun", 2, about)
	}
	for _, m := range genitiveName.FindAllStringSubmatchIndex(line, -1) {
		addAt(line[m[0]:m[1]], m[0], m[1], "genitive", 3)
	}
	for _, m := range properHead.FindAllStringIndex(line, -1) {
		name := line[m[0]:m[1]]
		if k := orgKind(name); k != "" && k != OrgOther {
			continue
		}
		addAt(name, m[0], m[1], "proper", 3)
	}
	for _, m := range actionName.FindAllStringSubmatchIndex(line, -1) {
		name := line[m[4]:m[5]]
		if isOrgName(name) || len(strings.Fields(name)) < 2 {
			continue
		}
		addAt(line[m[2]:m[5]], m[0], m[1], "action", 3, name)
	}
	for _, m := range umbrellaName.FindAllStringSubmatchIndex(line, -1) {
		name := line[m[2]:m[3]]
		if isOrgName(name) {
			continue
		}
		addAt(name, m[2], m[3], "umbrella", 3)
	}
	for _, m := range findAllCut(yearPlan, line, 1) {
		name := cutInitName(line[m[2]:m[3]])
		addAt(name, m[2], m[2]+len(name), "plan", 2)
	}
	for _, m := range reformWord.FindAllStringSubmatchIndex(line, -1) {
		addAt(line[m[2]:m[3]], m[2], m[3], "reform", 2)
	}
	for _, m := range potName.FindAllStringSubmatchIndex(line, -1) {
		k := addAt(line[m[2]:m[3]], m[2], m[3], "pot", 2)
		k.pot = true
		if s, e, ok := parsePeriod(potPeriodDash.Replace(line[m[4]:m[5]]), year); ok {
			k.PeriodStart, k.PeriodEnd = &s, &e
		}
	}
	for _, m := range findAllCut(fundsUsedFor, line, 1) {
		name := cutInitName(line[m[2]:m[3]])
		if len(strings.Fields(name)) < 3 {
			continue
		}
		addAt(name, m[2], m[2]+len(name), "funding", 2)
	}
	for _, m := range establishedName.FindAllStringSubmatchIndex(line, -1) {
		addAt(line[m[2]:m[3]], m[2], m[3], "established", 2)
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].lo < ks[j].lo })
	return ks
}

// findAllCut is FindAllStringSubmatchIndex for patterns whose group g
// captures a name up to the end of its clause: the next search starts
// where cutInitName ends the name, so a second name in the clause is
// found too ("klyngeprojektet X har ... og ansvaret for klyngeprojektet
// Y er placeret").
func findAllCut(re litRegexp, line string, g int) [][]int {
	var out [][]int
	for pos := 0; pos < len(line); {
		m := re.FindStringSubmatchIndex(line[pos:])
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
		out = append(out, m)
		next := m[2*g] + len(cutInitName(line[m[2*g]:m[2*g+1]]))
		if next <= pos {
			next = m[1]
		}
		pos = next
	}
	return out
}

// dropContained drops a line candidate whose span lies inside a longer
// candidate's on the same line ("10-årsplan" inside the quoted "Aftale om
// en 10-årsplan ..."), unless it was found by a stronger rule; its name
// then becomes an alias of the longer one.
func dropContained(ks []*initCand) []*initCand {
	var out []*initCand
	for i, k := range ks {
		inside := -1
		for j, o := range ks {
			if i == j || k.lo < 0 || o.lo < 0 || k.Pos.Line != o.Pos.Line || o.rule == "list" {
				continue
			}
			if o.lo <= k.lo && k.hi <= o.hi && (o.hi-o.lo > k.hi-k.lo || j < i) {
				inside = j
				break
			}
		}
		if inside < 0 {
			out = append(out, k)
		}
	}
	return out
}

// mergeCands merges candidates that name the same initiative: the same
// name or alias, a name that begins another's ("ABC" and "ABC for mental
// sundhed ..."), two funding pots of one item. The merged record keeps the
// strongest name, the others become aliases.
func mergeCands(ks []*initCand) []*initCand {
	var out []*initCand
	for _, k := range ks {
		merged := false
		for _, o := range out {
			if sameInitiative(o, k) {
				mergeInto(o, k)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, k)
		}
	}
	return out
}

// sameInitiative reports whether two candidates of one item name the same
// initiative.
func sameInitiative(a, b *initCand) bool {
	if a.pot && b.pot && a.Item != nil && b.Item != nil && *a.Item == *b.Item {
		return true
	}
	for _, x := range append([]string{a.Name}, a.Aliases...) {
		for _, y := range append([]string{b.Name}, b.Aliases...) {
			if sameInitName(x, y) {
				return true
			}
		}
	}
	return false
}

// sameInitName reports whether two names are spellings of one name: equal
// word stems, or the stems of one begin the other's.
func sameInitName(x, y string) bool {
	a, b := nameStems(x), nameStems(y)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameStems are a name's folded words without leading determiners and
// with Danish definite and plural endings removed.
func nameStems(s string) []string {
	w := strings.Fields(fold(s))
	for len(w) > 0 && leadWords[w[0]] {
		w = w[1:]
	}
	out := make([]string, 0, len(w))
	for _, x := range w {
		out = append(out, stemWord(x))
	}
	return out
}

// leadWords are determiners and adjectives that do not tell two names
// apart ("Den nye Sundhedsreform", "Sundhedsreform").
var leadWords = map[string]bool{"det": true, "den": true, "de": true, "en": true, "et": true, "ny": true, "nye": true, "nyt": true, "kommende": true}

// stemWord removes a Danish definite or plural ending ("planen" → "plan",
// "klyngemidlerne" → "klyngemidl").
func stemWord(w string) string {
	for _, suf := range []string{"erne", "ene", "en", "et", "er", "e", "n"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// mergeInto merges b into a.
func mergeInto(a, b *initCand) {
	if b.rank > a.rank || (b.rank == a.rank && b.rule == "title") {
		a.Aliases = append(a.Aliases, a.Name)
		a.Name = b.Name
		a.rank = b.rank
	} else {
		a.Aliases = append(a.Aliases, b.Name)
	}
	a.Aliases = append(a.Aliases, b.Aliases...)
	if a.AmountDKK == nil {
		a.AmountDKK = b.AmountDKK
	}
	if a.PeriodStart == nil {
		a.PeriodStart = b.PeriodStart
	}
	if a.PeriodEnd == nil {
		a.PeriodEnd = b.PeriodEnd
	}
	if a.Owner == nil {
		a.Owner = b.Owner
	}
	for _, o := range b.Organisations {
		a.Organisations = appendNew(a.Organisations, o)
	}
	a.pot = a.pot || b.pot
}

// nextCand returns the first candidate on the line that starts at or
// after byte offset at.
func nextCand(ks []*initCand, here []int, at int) int {
	best := -1
	for _, i := range here {
		if ks[i].lo >= at && (best < 0 || ks[i].lo < ks[best].lo) {
			best = i
		}
	}
	return best
}

// potOf returns the item's funding pot.
func potOf(ks []*initCand) int {
	for i, k := range ks {
		if k.pot {
			return i
		}
	}
	return -1
}

// setOwners reads owners from a line: "X er tovholder", "forankres i X",
// "ansvaret for klyngeprojektet Y placeres i X". The initiative is the
// one named before the phrase on the line, else the item's main one; a
// name inside the owner ("forretningsudvalget for projektet "X"") is not
// the initiative.
func setOwners(ks []*initCand, here []int, main int, line string) {
	set := func(i int, owner string) {
		owner = strings.TrimSpace(owner)
		if i >= 0 && owner != "" && ks[i].Owner == nil {
			ks[i].Owner = refOf(upperFirst(owner))
		}
	}
	for pos := 0; pos < len(line); {
		mi := ownerPlaced.FindStringSubmatchIndex(line[pos:])
		if mi == nil {
			break
		}
		m := []string{"", "", line[pos+mi[4] : pos+mi[5]]}
		if mi[2] >= 0 {
			m[1] = line[pos+mi[2] : pos+mi[3]]
		}
		pos += mi[5] // the next "og ansvaret for ..." starts after the owner
		i := main
		if m[1] != "" {
			i = -1
			for _, j := range here {
				if sameInitName(ks[j].Name, cutInitName(m[1])) {
					i = j
				}
			}
		}
		set(i, m[2])
	}
	before := func(at int) int {
		t := main
		for _, j := range here {
			if ks[j].lo >= 0 && ks[j].lo < at {
				t = j
			}
		}
		return t
	}
	if m := ownerAnchored.FindStringSubmatchIndex(line); m != nil {
		set(before(m[0]), ownerLead.ReplaceAllString(line[m[2]:m[3]], ""))
	}
	if m := ownerTovholder.FindStringSubmatchIndex(line); m != nil && !taskLead.MatchString(line[m[1]:]) {
		parts := splitOwners(line[m[2]:m[3]])
		i := before(m[0])
		set(i, parts[0])
		if i >= 0 && len(parts) > 1 {
			for _, o := range parts {
				ks[i].Organisations = appendNew(ks[i].Organisations, o)
			}
		}
	}
}

// ownerLead is a determiner before an owner's name: "forankres i det
// eksisterende forretningsudvalg".
var ownerLead = regexp.MustCompile(`(?i)^(?:(?:det|den|de)\s+)?(?:eksisterende\s+|nuværende\s+|nye?\s+)?`)

// taskLead: "tovholder på kommunikationsopgaven" leads a task, not the
// initiative.
var taskLead = regexp.MustCompile(`^\s+på\s+(?:\p{L}*opgave\p{L}*|processen|\p{L}*indsatse[nr])`)

// splitOwners splits "Praksisafdelingen og Sønderborg Kommune" into its
// parties.
func splitOwners(s string) []string {
	var out []string
	for _, p := range ownerSplit.Split(strings.TrimSpace(s), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{s}
	}
	return out
}

var ownerSplit = regexp.MustCompile(`\s*,\s*|\s+og\s+`)

// Attributes read from the sentences of an item, beside those above.
//
//	operator   a sentence whose subject is an organisation and whose verb
//	           runs, launches or carries out an initiative: "Region X
//	           overtog driften af natlægevagten", "X Kommune har siden
//	           2021 haft et tilbud", "Regeringen fremlagde ... udspil til
//	           en sundhedsreform", "I øjeblikket varetager forskningscenteret
//	           i samarbejde med Y en evaluering af Z", "Sygehuset fremlagde
//	           forslag om ... et projekt omkring X"; the organisation owns
//	           the first initiative named after the verb (else the first on
//	           the line after it) and takes part in it, as does a partner
//	           named "i samarbejde med Y"
//	administers "Midlerne administreres af X", "Projektet drives af X":
//	           X owns the item's pot or main initiative
//	genitive   "X Kommunes ”Y”": X owns Y and takes part in it; a part of
//	           Y ("projektet ”Z”, der er en del af X Kommunes ”Y”") too
//	regi       "initiativer omkring Y i regi af X": X takes part in Y
//	body       a body the item gives terms of reference ("kommissorium for
//	           X") or establishes ("X er nedsat") owns the item's
//	           initiatives that no other rule gave an owner, except
//	           agreements, reforms, plans and umbrella programmes of a
//	           wider scope; a sentence whose subject is that body and
//	           gives an end ("Styregruppen vil fortsætte ..., ved udgangen
//	           af 2026") ends the body's funded initiative (the one with an
//	           amount, else the main one); organisations that led the
//	           process ("X og Y har været tovholder på processen") take part
//	           in it
//	cluster    the cluster's funds ("klyngemidlerne") and its own plans
//	           ("Klynge Xs handleplan") belong to the cluster's political
//	           level

// attrDoc is what the attribute rules know of the document: its bodies
// and organisations (to give an owner its canonical name), its cluster
// and the name of the cluster's political level.
type attrDoc struct {
	bodies    []Body
	orgs      []Organisation
	cluster   string
	political string
}

func newAttrDoc(t *text, bodies []Body, c *docContext) *attrDoc {
	d := &attrDoc{bodies: bodies, orgs: scanOrgs(t, nil, nil), cluster: c.cluster}
	if c.cluster != "" {
		d.political = levelBody(c, levelNamePolitical)
	}
	return d
}

// entity returns the canonical name of the body or organisation a phrase
// names, or "" when it names none the document knows: a body by its name
// or an alias, an organisation by its name or an alias, a genitive
// ("Kolding Kommunes"), a definite form of the one organisation with that
// head word ("forskningscenteret"), or a name that looks like an
// organisation.
func (d *attrDoc) entity(phrase string) string {
	p := strings.TrimSpace(strings.Trim(ownerLead.ReplaceAllString(strings.TrimSpace(phrase), ""), " .,;:-–"))
	if len([]rune(p)) < 2 {
		return ""
	}
	k := bodyKey(p)
	for _, b := range d.bodies {
		for _, n := range append([]string{b.Name}, b.Aliases...) {
			if bodyKey(n) == k {
				return b.Name
			}
		}
	}
	f := fold(p)
	for _, o := range d.orgs {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if fold(n) == f {
				return o.Name
			}
		}
	}
	if g, ok := strings.CutSuffix(p, "s"); ok && (orgMunicipality.MatchString(g) || orgRegion.MatchString(g)) {
		return normaliseOrg(g)
	}
	if w := strings.Fields(p); len(w) == 1 && strings.ToLower(w[0]) != w[0] || len(w) == 1 {
		stem := fold(stemWord(strings.ToLower(w[0])))
		hit := ""
		for _, o := range d.orgs {
			for _, n := range append([]string{o.Name}, o.Aliases...) {
				for _, x := range strings.Fields(fold(n)) {
					if x == stem && hit != o.Name {
						if hit != "" {
							return orgName(p)
						}
						hit = o.Name
					}
				}
			}
		}
		if hit != "" {
			return hit
		}
	}
	return orgName(p)
}

// orgName is p when it looks like an organisation's name.
func orgName(p string) string {
	if k := orgKind(p); k != "" && startsUpper(p) {
		return normaliseOrg(p)
	}
	return ""
}

// isOrgEntity reports whether an owner's name is an organisation's (not a
// body's): organisations take part in what they own.
func (d *attrDoc) isOrgEntity(name string) bool {
	for _, b := range d.bodies {
		if b.Name == name {
			return false
		}
	}
	return true
}

var (
	// projectSubject: a line about the project itself.
	projectSubject = regexp.MustCompile(`^(?:(?:Klynge|Pilot)?[Pp]rojektet|Indsatsen|Initiativet|Puljen|Ordningen)\b`)
	// bodySubject: a line whose subject is a body ("Styregruppen vil
	// fortsætte ...").
	bodySubject = regexp.MustCompile(`^(?:\p{Lu}\p{L}*\s+)?\p{L}*(?:gruppe(?:n)?|udvalg(?:et)?|forum(?:met)?)\b`)
	// operatorVerb: an organisation runs, launches or carries out an
	// initiative.
	operatorVerb = `(?:overtog driften af|har drevet|driver|står for|har siden\s+[^.]{0,40}?\s+haft|fremlagde|har fremlagt|præsenterede|har præsenteret|lancerede|har lanceret|har udarbejdet|varetager|administrerer|har ansvaret for|er ansvarlig for|ejer)`
	// operatorVerbLits: every operatorVerb contains one of them.
	operatorVerbLits = []string{"overtog", "drevet", "driver", "står for", "har siden", "fremlag", "præsenter", "lancere",
		"udarbejdet", "varetager", "administrerer", "ansvar", "ejer"}
	// operatorFirst: "Region X overtog driften af ...".
	operatorFirst = withLits(regexp.MustCompile(`^((?:\p{Lu}[\p{L}-]*)(?:\s+(?:og\s+)?\p{Lu}[\p{L}-]*){0,4}|\p{Lu}\p{Ll}+(?:et|en))\s+(?:den\s+\d{1,2}\.\s+\p{L}+\s+\d{4}\s+)?`+operatorVerb+`\b`), operatorVerbLits...)
	// operatorSecond: "I øjeblikket varetager forskningscenteret ...".
	operatorSecond = withLits(regexp.MustCompile(`^(?:\p{Lu}\p{L}*(?:\s+\p{Ll}+)?)\s+`+operatorVerb+`\s+(\p{L}+(?:\s+\p{Lu}\p{L}+){0,3})\b`), operatorVerbLits...)
	// partnerPhrase: "i samarbejde med Syddansk Universitet".
	partnerPhrase = withLits(regexp.MustCompile(`\bi (?:tæt )?samarbejde med\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,4})`), "samarbejde med")
	// administeredBy: "Midlerne administreres af X".
	administeredBy = withLits(regexp.MustCompile(`^(\p{L}+)\s+(?:administreres|drives|varetages|ejes)\s+af\s+(\p{Lu}[^.,;]*?)\s*(?:[.,;]|$)`), "administreres", "drives", "varetages", "ejes")
	// genitiveOwner: "Kolding Kommunes ”Bevæg dig for Livet”".
	genitiveOwner = withLits(regexp.MustCompile(`\b(\p{Lu}[\p{L}-]+\s+Kommunes|Region\s+\p{Lu}\p{L}+s)\s+$`), "Kommunes", "Region")
	// placeOwner: "i Region Syddanmark trådte i kraft" right after an
	// initiative's name.
	placeOwner = withLits(regexp.MustCompile(`^\s+i\s+(Region\s+\p{Lu}\p{L}+|\p{Lu}[\p{L}-]+\s+Kommune)\s+(?:trådte|træder|har været|er)\b`), "Region", "Kommune")
	// partOf: "..., der er en del af X".
	partOf = withLits(regexp.MustCompile(`\bder er en del af\s+`), "der er en del af")
	// regiOf: "i regi af NordKAP".
	regiOf = withLits(regexp.MustCompile(`\bi regi af\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3})`), "i regi af")
	// processLead: "X og Y har været tovholder på processen".
	processLead = withLits(regexp.MustCompile(`(?:^|\.\s+)(\p{Lu}[^,.]*?)\s+har\s+været\s+tovholdere?\s+på\s+processen`), "tovholder")
	// bodyTerms: "kommissorium for X".
	bodyTerms = withFoldLits(regexp.MustCompile(`(?i)\bkommissori(?:um|et)\s+for\s+([^.,;:()\n]+)`), "ommi")
	// bodyEstablished: "X er på den baggrund nedsat".
	bodyEstablished = withLits(regexp.MustCompile(`^(\p{Lu}[^.,;:]*?)(?:\s+\([^)]*\))?\s+er\s+(?:[^.,;]{0,30}?\s+)?nedsat\b`), "nedsat")
	// clusterFunds: the cluster's own funds.
	clusterFunds = regexp.MustCompile(`(?i)^klyngemidl`)
)

// widerScope are the rules whose initiatives are not the item's own
// (agreements, reforms, plans, umbrella programmes, national programmes).
var widerScope = map[string]bool{"agreement": true, "reform": true, "plan": true, "umbrella": true, "proper": true}

// sentenceSpans returns the byte spans of the sentences of a line.
func sentenceSpans(line string) [][2]int {
	var out [][2]int
	from := 0
	for i := 0; i+2 < len(line); i++ {
		if line[i] == '.' && line[i+1] == ' ' && startsUpper(line[i+2:]) {
			out = append(out, [2]int{from, i + 1})
			from = i + 2
		}
	}
	return append(out, [2]int{from, len(line)})
}

// mentioned returns the first candidate of the item named in line[lo:hi]
// at or after byte offset from: a candidate found there, or one whose name
// or alias occurs there (case folded). It returns -1 when none is.
func mentioned(ks []*initCand, here []int, line string, lo, hi, from int) int {
	best, at := -1, hi
	for _, j := range here {
		if k := ks[j]; k.lo >= from && k.lo < hi && k.lo < at {
			best, at = j, k.lo
		}
	}
	low := strings.ToLower(line[:hi])
	for j, k := range ks {
		for _, n := range append([]string{k.Name}, k.Aliases...) {
			if len([]rune(n)) < 4 {
				continue
			}
			if i := strings.Index(low[from:], strings.ToLower(n)); i >= 0 && from+i < at && from+i >= lo {
				best, at = j, from+i
			}
		}
	}
	return best
}

// lineOwners applies the operator, administers, genitive and regi rules
// to a line, and returns the organisations that led the item's process.
func (d *attrDoc) lineOwners(ks []*initCand, here []int, main int, line string) []string {
	own := func(i int, owner string) {
		if i < 0 || owner == "" {
			return
		}
		if ks[i].Owner == nil {
			ks[i].Owner = refOf(owner)
		}
		if d.isOrgEntity(owner) {
			ks[i].Organisations = appendNew(ks[i].Organisations, owner)
		}
	}
	var leads []string
	for _, sp := range sentenceSpans(line) {
		s := line[sp[0]:sp[1]]
		if m := operatorFirst.FindStringSubmatchIndex(s); m != nil {
			if e := d.entity(s[m[2]:m[3]]); e != "" {
				i := mentioned(ks, here, line, sp[0], sp[1], sp[0]+m[1])
				if i < 0 {
					i = mentioned(ks, here, line, sp[0], len(line), sp[0]+m[1])
				}
				own(i, e)
				d.partners(ks, i, s)
			}
		} else if m := operatorSecond.FindStringSubmatchIndex(s); m != nil {
			if e := d.entity(s[m[2]:m[3]]); e != "" {
				i := mentioned(ks, here, line, sp[0], sp[1], sp[0]+m[1])
				own(i, e)
				d.partners(ks, i, s)
			}
		}
		if startPhrase.MatchString(s) {
			// "Modellen for X i Region Y trådte i kraft ...": Y's.
			low := strings.ToLower(s)
			for j, k := range ks {
				for _, n := range append([]string{k.Name}, k.Aliases...) {
					i := strings.Index(low, strings.ToLower(n))
					if len([]rune(n)) < 4 || i < 0 {
						continue
					}
					if m := placeOwner.FindStringSubmatch(s[i+len(n):]); m != nil {
						own(j, d.entity(m[1]))
						break
					}
				}
			}
		}
		if m := administeredBy.FindStringSubmatch(s); m != nil {
			if e := d.entity(m[2]); e != "" {
				subj := strings.ToLower(m[1])
				i := mentioned(ks, here, line, sp[0], sp[1], sp[0])
				if i < 0 && (strings.HasPrefix(subj, "midl") || strings.HasPrefix(subj, "pulje")) {
					i = potOf(ks)
				}
				if i < 0 && projectSubject.MatchString(s) {
					i = main
				}
				own(i, e)
			}
		}
		for _, j := range here {
			k := ks[j]
			if k.lo < sp[0] || k.lo >= sp[1] {
				continue
			}
			if m := genitiveOwner.FindStringSubmatch(strings.TrimRight(line[sp[0]:k.lo], "”“\"'‘")); m != nil {
				e := d.entity(m[1])
				own(j, e)
				// "Z, der er en del af X Kommunes ”Y”": Z is X's too.
				if p := partOf.FindStringIndex(line[sp[0]:k.lo]); p != nil {
					if z := mentioned(ks, here, line, sp[0], sp[0]+p[0], sp[0]); z >= 0 && z != j {
						own(z, e)
						for _, o := range k.Organisations {
							ks[z].Organisations = appendNew(ks[z].Organisations, o)
						}
					}
				}
			}
		}
		for _, m := range regiOf.FindAllStringSubmatchIndex(s, -1) {
			name := s[m[2]:m[3]]
			if e := d.entity(name); e != "" {
				name = e
			} else if _, isBody := d.bodyNamed(name); isBody || clusterOf(name) != "" {
				continue
			}
			i := lastBefore(ks, here, line, sp[0], sp[0]+m[0])
			if i < 0 {
				i = mentioned(ks, here, line, sp[0], sp[1], sp[0]+m[1])
			}
			if i >= 0 {
				ks[i].Organisations = appendNew(ks[i].Organisations, name)
			}
		}
		if m := processLead.FindStringSubmatch(s); m != nil {
			for _, p := range splitOwners(m[1]) {
				if e := d.entity(p); e != "" {
					leads = append(leads, e)
				} else if startsUpper(p) && len(strings.Fields(p)) <= 4 {
					leads = append(leads, p)
				}
			}
		}
	}
	return leads
}

// bodyNamed returns the document's body a phrase names.
func (d *attrDoc) bodyNamed(p string) (string, bool) {
	k := bodyKey(strings.TrimSpace(ownerLead.ReplaceAllString(strings.TrimSpace(p), "")))
	for _, b := range d.bodies {
		for _, n := range append([]string{b.Name}, b.Aliases...) {
			if bodyKey(n) == k {
				return b.Name, true
			}
		}
	}
	return "", false
}

// partners adds the organisation named "i samarbejde med X" in a sentence
// to candidate i's organisations.
func (d *attrDoc) partners(ks []*initCand, i int, s string) {
	if i < 0 {
		return
	}
	for _, m := range partnerPhrase.FindAllStringSubmatch(s, -1) {
		if e := d.entity(m[1]); e != "" && d.isOrgEntity(e) {
			ks[i].Organisations = appendNew(ks[i].Organisations, e)
		}
	}
}

// lastBefore returns the last candidate named in line[lo:at].
func lastBefore(ks []*initCand, here []int, line string, lo, at int) int {
	best, pos := -1, -1
	for from := lo; from < at; {
		i := mentioned(ks, here, line, lo, at, from)
		if i < 0 {
			break
		}
		p := ks[i].lo
		if p < from || p >= at {
			p = from + strings.Index(strings.ToLower(line[from:at]), strings.ToLower(firstNameIn(ks[i], line[from:at])))
		}
		if p < from {
			break
		}
		best, pos = i, p
		from = pos + 1
	}
	return best
}

// firstNameIn returns the name or alias of k that occurs in s.
func firstNameIn(k *initCand, s string) string {
	low := strings.ToLower(s)
	for _, n := range append([]string{k.Name}, k.Aliases...) {
		if len([]rune(n)) >= 4 && strings.Contains(low, strings.ToLower(n)) {
			return n
		}
	}
	return k.Name
}

// namedFor gives an initiative without an owner the group named after it:
// "Arbejdsgruppen for forløbsprogrammet" owns "Forløbsprogram for borgere
// med lænderygbesvær", "Ad hoc gruppen 'Den sidste tid'" owns "Handleplan
// vedr. Den sidste tid", "Forretningsudvalg for projektet "X"" owns X. The
// group's qualifier (its quoted name, or what follows "for") must be the
// initiative's name, its head word, or what follows its "vedr."/"for".
func (d *attrDoc) namedFor(ks []*initCand) {
	for _, b := range d.bodies {
		switch b.Kind {
		case BodySteeringGroup, BodyWorkingGroup, BodyAdHocGroup, BodyImplementationGroup:
		default:
			continue
		}
		var quals []string
		for _, n := range append([]string{b.Name}, b.Aliases...) {
			if q := groupQualifier(n); q != "" {
				quals = append(quals, q)
			}
		}
		for _, k := range ks {
			if k.Owner != nil || widerScope[k.rule] {
				continue
			}
			if qualifies(quals, k) {
				k.Owner = refOf(b.Name)
			}
		}
	}
}

var (
	quotedQualifier = regexp.MustCompile(`['‘’”“"]([^'‘’”“"]{3,})['‘’”“"]`)
	forQualifier    = regexp.MustCompile(`(?i)^\p{L}+\s+for\s+(?:projektet\s+|udarbejdelsen\s+af\s+|implementering(?:en)?\s+af\s+)?(.+)$`)
	initQualifier   = regexp.MustCompile(`(?i)\s(?:vedr\.|vedrørende|for|om)\s+(.+)$`)
)

// groupQualifier is what names a group's subject: its quoted name, or
// what follows "for".
func groupQualifier(name string) string {
	if m := quotedQualifier.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	if m := forQualifier.FindStringSubmatch(name); m != nil {
		return strings.Trim(m[1], `'"”“ `)
	}
	return ""
}

// qualifies reports whether a group's qualifier names initiative k.
func qualifies(quals []string, k *initCand) bool {
	for _, n := range append([]string{k.Name}, k.Aliases...) {
		forms := []string{n}
		if m := initQualifier.FindStringSubmatch(n); m != nil {
			forms = append(forms, m[1])
		}
		for _, q := range quals {
			qs := nameStems(q)
			for _, f := range forms {
				fs := nameStems(f)
				if len(qs) == 0 || len(fs) == 0 {
					continue
				}
				if len(qs) == len(fs) && sameInitName(q, f) {
					return true
				}
				// One word: the initiative's head ("forløbsprogrammet",
				// "Forløbsprogram for borgere ...").
				if len(qs) == 1 && f == n && len(qs[0]) >= 8 && undouble(qs[0]) == undouble(fs[0]) {
					return true
				}
			}
		}
	}
	return false
}

// undouble drops a doubled last letter ("programm" → "program").
func undouble(w string) string {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] {
		return w[:n-1]
	}
	return w
}

// itemOwners applies the body and cluster rules after an item is read.
func (d *attrDoc) itemOwners(ks []*initCand, main int, it itemSpan, t *text, bodyEnds, leads []string, year int) {
	body := ""
	if m := bodyTerms.FindStringSubmatch(it.title); m != nil {
		body, _ = d.bodyNamed(m[1])
	}
	for n := it.start + 1; n <= it.end && body == ""; n++ {
		line := t.line(n)
		if m := bodyTerms.FindStringSubmatch(line); m != nil {
			body, _ = d.bodyNamed(m[1])
		}
		for _, sp := range sentenceSpans(line) {
			if m := bodyEstablished.FindStringSubmatch(line[sp[0]:sp[1]]); m != nil && body == "" {
				body, _ = d.bodyNamed(m[1])
			}
		}
	}
	if body != "" {
		focus := -1
		for i, k := range ks {
			if k.Owner != nil || widerScope[k.rule] || k.pot {
				continue
			}
			k.Owner = refOf(body)
			if focus < 0 || (k.AmountDKK != nil && ks[focus].AmountDKK == nil) {
				focus = i
			}
		}
		if focus >= 0 {
			for _, e := range bodyEnds {
				if _, end, ok := parsePeriod(e, year); ok && ks[focus].PeriodEnd == nil {
					ks[focus].PeriodEnd = &end
				}
			}
			for _, o := range leads {
				ks[focus].Organisations = appendNew(ks[focus].Organisations, o)
			}
		}
	}
	if body == "" && len(bodyEnds) > 0 {
		// A group without a name in the item continues until ...: the end
		// of the item's one funded initiative.
		funded := -1
		for i, k := range ks {
			if k.AmountDKK != nil && !k.pot && !widerScope[k.rule] {
				if funded >= 0 {
					funded = -2
					break
				}
				funded = i
			}
		}
		if funded >= 0 && ks[funded].PeriodEnd == nil {
			if _, end, ok := parsePeriod(bodyEnds[0], year); ok {
				ks[funded].PeriodEnd = &end
			}
		}
	}
	if d.political == "" {
		return
	}
	short := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(d.cluster, "Sundheds"), "sundheds"))
	for _, k := range ks {
		if k.Owner != nil {
			continue
		}
		low := strings.ToLower(k.Name)
		own := k.pot && clusterFunds.MatchString(k.Name)
		if k.rule == "genitive" && short != "" {
			if g := strings.Fields(low); len(g) >= 2 && strings.TrimSuffix(strings.TrimSuffix(strings.Join(g[:len(g)-1], " "), "s"), "s") == strings.TrimSuffix(short, "s") {
				own = true
			}
		}
		if own {
			k.Owner = refOf(d.political)
		}
	}
}

// sentenceOrgs returns the organisations named in the sentence of line
// that holds byte offset at, leaving out places ("klyngerne i Region
// Syddanmark").
func sentenceOrgs(line string, at int) []string {
	if at < 0 {
		at = 0
	}
	from := strings.LastIndex(line[:min(at, len(line))], ". ") + 1
	to := len(line)
	if i := strings.Index(line[min(at, len(line)):], ". "); i >= 0 {
		to = min(at, len(line)) + i
	}
	sent := line[from:to]
	var out []string
	for _, m := range orgMention.FindAllStringIndex(sent, -1) {
		if strings.HasSuffix(sent[:m[0]], " i ") {
			continue
		}
		out = appendNew(out, sent[m[0]:m[1]])
	}
	return out
}

func appendNew(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// dropSame removes from aliases the name itself and repeated spellings.
func dropSame(name string, aliases []string) []string {
	seen := map[string]bool{fold(name): true}
	var out []string
	for _, a := range aliases {
		if f := fold(a); f != "" && !seen[f] {
			seen[f] = true
			out = append(out, a)
		}
	}
	return out
}
