package minutes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// People: what a person's name looks like, how two spellings of a name
// are recognised as one person, and the registry that gives every person
// of a document one canonical name with its aliases.

// Sources of a mention, strongest first. The canonical name of a person is
// the form from the strongest source that names them.
const (
	srcList   = 4 // a grouped participant list (agenda item 1, "Deltagerliste")
	srcHeader = 3 // the one-line "Mødedeltagere" header
	srcAfbud  = 2 // an "Afbud" block or a substitute line
	srcProse  = 1 // running text
)

// nameParticles may stand lower-case inside a name.
var nameParticles = map[string]bool{"von": true, "van": true, "der": true, "de": true, "da": true, "di": true, "la": true, "le": true}

// nameStopWords are capitalised words that do not occur in people's names
// but do in organisation, body, place and heading names.
var nameStopWords = map[string]bool{
	"region": true, "regionen": true, "regionshuset": true, "kommune": true, "kommuner": true, "kommunes": true, "kommunerne": true,
	"sundhedsklynge": true, "sundhedsklyngen": true, "sundhedsklyngens": true, "klynge": true, "klyngen": true, "klynges": true,
	"niveau": true, "plo": true, "sygehus": true, "sygehuset": true, "sygehusene": true, "hospital": true, "psykiatrien": true,
	"den": true, "det": true, "de": true, "der": true, "og": true, "i": true, "for": true, "til": true, "med": true, "på": true,
	"af": true, "fra": true, "om": true, "ved": true, "punkt": true, "mødedeltagere": true, "deltagerliste": true, "velkomst": true,
	"medlemmer": true, "administrativ": true, "deltagelse": true, "sekretariat": true, "sekretariatet": true, "bilag": true,
	"beslutning": true, "indstilling": true, "resumé": true, "sagsfremstilling": true, "fagligt": true, "strategisk": true,
	"politisk": true, "politiske": true, "syd": true, "nord": true, "midt": true, "øst": true, "vest": true, "danske": true,
	"regioner": true, "fælles": true, "tværsektoriel": true, "tværsektorielt": true, "tværsektorielle": true, "nationale": true,
	"mobile": true, "akutmodtagelse": true, "almen": true, "praksis": true, "kom": true, "trygt": true, "hjem": true,
	"januar": true, "februar": true, "marts": true, "april": true, "maj": true, "juni": true, "juli": true, "august": true,
	"september": true, "oktober": true, "november": true, "december": true, "mandag": true, "tirsdag": true, "onsdag": true,
	"torsdag": true, "fredag": true, "lørdag": true, "søndag": true, "ph.d.": true, "afbud": true, "fravær": true,
	"fraværende": true, "formand": true, "medformand": true, "borgmester": true, "direktør": true, "kl": true, "mødested": true,
	"mødedato": true, "referat": true, "indholdsfortegnelse": true, "sundhedsaftalen": true, "sundhed": true, "ulighed": true,
	"orientering": true, "status": true, "tema": true, "forslag": true, "projekt": true, "pulje": true, "puljen": true,
	"alle": true, "særlig": true, "oplæg": true, "programmet": true, "evaluering": true, "kommissorium": true,
	"universitet": true, "universitetshospital": true, "forskningscenter": true, "sundhedshus": true, "gæster": true,
}

// nameStopSuffixes end words that name institutions, not people.
var nameStopSuffixes = []string{"udvalget", "udvalg", "gruppen", "gruppe", "center", "centret", "centeret", "forum",
	"rådet", "sekretariatet", "ministeriet", "styrelsen", "foreningen", "forening", "aftalen", "aftale", "programmet",
	"indsatsen", "hospitalet", "sygehus", "sygehuset", "sundhedshus", "klyngen", "kommune", "afdelingen", "området",
	"sagen", "samarbejde", "niveau", "planen", "reformen", "klinik", "klinikken", "tilbud", "netværk",
	"formand", "direktør", "chef", "leder", "konsulent", "medlem", "mester", "læge", "fuldmægtig", "koordinator",
	"rådmand", "repræsentant", "vej", "gade", "allé", "plads", "torv", "hospital", "psykiatri", "regionskommune"}

// nameStopSuffixWhole are stop suffixes that are also surnames when they
// are the whole word ("Gade", "Plads"), but end street names ("Nørregade").
var nameStopSuffixWhole = map[string]bool{"gade": true, "plads": true, "torv": true}

// isInitial reports a one-letter initial such as "D.".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n > 0 && unicode.IsUpper(r) && w[n:] == "."
}

// isNameWord reports a capitalised word that can be part of a person's
// name: "Jensen", "Schmidt-Hansen", "Anna-Marie", "Jancyardóttir", "D.".
func isNameWord(w string) bool {
	if isInitial(w) {
		return true
	}
	if nameParticles[w] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == 0 || !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 2 {
		return false
	}
	lower := 0
	prev := r
	for _, c := range w[n:] {
		switch {
		case unicode.IsLower(c):
			lower++
		case c == '-' || c == '\'' || c == '’':
			if prev == '-' || prev == '\'' {
				return false
			}
		case unicode.IsUpper(c):
			if prev != '-' && prev != '\'' && prev != '’' {
				return false // "PLO", "CRJ", "MedComm"
			}
		default:
			return false
		}
		prev = c
	}
	if lower == 0 || prev == '-' {
		return false
	}
	l := strings.ToLower(w)
	if nameStopWords[l] {
		return false
	}
	for _, s := range nameStopSuffixes {
		if strings.HasSuffix(l, s) && !(l == s && nameStopSuffixWhole[s]) {
			return false
		}
	}
	return true
}

// looksLikeName reports whether s, as a whole, can be a person's name: two
// to five name words, not starting or ending with a particle, at most one
// initial in a row, the last word a full word.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 5 {
		return false
	}
	full := 0
	for i, w := range ws {
		if !isNameWord(w) {
			return false
		}
		if nameParticles[w] && (i == 0 || i == len(ws)-1) {
			return false
		}
		if !isInitial(w) && !nameParticles[w] {
			full++
		}
	}
	return full >= 2 && !isInitial(ws[len(ws)-1]) && !isInitial(ws[0])
}

// foldName folds a name for comparison: lower case, hyphens as spaces,
// single spaces, æ/ø/å spelled out, accents dropped.
func foldName(s string) string {
	return fold(s)
}

// fold is the comparison folding shared with the scorer: case, white
// space, hyphens and dashes, quotes, Danish letters and accents.
func fold(s string) string {
	// One pass, one allocation: lower-case and map every rune (as
	// strings.ToLower then the table below), and join the words with
	// single spaces (as strings.Fields and strings.Join); TestFold
	// compares it with that definition.
	b := make([]byte, 0, len(s)+4)
	gap := false // a separator since the last word
	word := func() {
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		switch r {
		case 'æ', 'ä':
			word()
			b = append(b, "ae"...)
		case 'ø', 'ö':
			word()
			b = append(b, "oe"...)
		case 'å':
			word()
			b = append(b, "aa"...)
		case 'é', 'è', 'ë':
			word()
			b = append(b, 'e')
		case 'á', 'à':
			word()
			b = append(b, 'a')
		case 'ó', 'ò':
			word()
			b = append(b, 'o')
		case 'ü':
			word()
			b = append(b, "ue"...)
		case 'í', 'ï':
			word()
			b = append(b, 'i')
		case 'ú':
			word()
			b = append(b, 'u')
		case '-', '–', '—', '_', '/', ',', ';', ':', '"', '\'', '”', '“', '’', '‘', '(', ')', '.', '!', '?', '\t':
			gap = true
		default:
			if unicode.IsSpace(r) {
				gap = true
				continue
			}
			word()
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// nameWords are the folded words of a name; initials keep their dot so
// they can be told from words.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(s, "-", " ")) {
		if isInitial(w) {
			out = append(out, strings.ToLower(w))
			continue
		}
		out = append(out, fold(w))
	}
	return out
}

// wordsMatch compares two folded name words; an initial matches any word
// with that first letter.
func wordsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if strings.HasSuffix(a, ".") && len(a) >= 2 && !strings.HasSuffix(b, ".") {
		return strings.HasPrefix(b, strings.TrimSuffix(a, "."))
	}
	if strings.HasSuffix(b, ".") && len(b) >= 2 && !strings.HasSuffix(a, ".") {
		return strings.HasPrefix(a, strings.TrimSuffix(b, "."))
	}
	return false
}

// editDistance is the Levenshtein distance between two strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// typoVariant reports two spellings of one name that differ in one word
// by one letter (Lundsryd/Lundsfryd, Søvnal/Søvnald, Pinstrup/Pindstrup),
// all other words equal, the differing words at least five letters long.
func typoVariant(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := -1
	for i := range a {
		if wordsMatch(a[i], b[i]) {
			continue
		}
		if diff >= 0 {
			return false
		}
		diff = i
	}
	if diff < 0 {
		return true
	}
	x, y := a[diff], b[diff]
	short := 5
	if len(a) >= 3 {
		short = 4 // two other words agree: "Inge Lise Bjerg Gede" / "... Gade"
	}
	if utf8.RuneCountInString(x) < short || utf8.RuneCountInString(y) < short || strings.HasSuffix(x, ".") || strings.HasSuffix(y, ".") {
		return false
	}
	return editDistance(x, y) == 1
}

// looseTypo is typoVariant for a name that must be one of a known set of
// people (an apology names someone the participant list names): the
// differing word may be as short as minLen letters.
func looseTypo(a, b []string, minLen int) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	diff := 0
	for i := range a {
		if wordsMatch(a[i], b[i]) {
			continue
		}
		diff++
		if diff > 1 || utf8.RuneCountInString(a[i]) < minLen || utf8.RuneCountInString(b[i]) < minLen || editDistance(a[i], b[i]) != 1 {
			return false
		}
	}
	return diff == 1
}

// resolveListed finds the one listed person whose name an apology,
// absence or speaker misspells by one letter in a word of at least minLen
// letters, or nil.
func (r *registry) resolveListed(name string, minLen int) *person {
	w := nameWords(name)
	var hit *person
	for _, p := range r.people {
		if !p.listed {
			continue
		}
		for _, f := range p.forms() {
			if looseTypo(w, nameWords(f), minLen) {
				if hit != nil && hit != p {
					return nil
				}
				hit = p
				break
			}
		}
	}
	return hit
}

// shortForm reports whether short is a short form of full: at least two
// words, an ordered subsequence of full's words that keeps the first word
// ("Kim Brogaard" of "Kim Agerholm Brogaard", "Anne Krøjer" of "Anne
// Krøjer Jacobsen").
func shortForm(short, full []string) bool {
	if len(short) < 2 || len(short) >= len(full) || !wordsMatch(short[0], full[0]) {
		return false
	}
	j := 1
	for _, w := range short[1:] {
		for j < len(full) && !wordsMatch(w, full[j]) {
			j++
		}
		if j == len(full) {
			return false
		}
		j++
	}
	return true
}

// person is one person of the document while it is being read: the
// canonical name, other spellings, and what the sources say.
type person struct {
	name    string
	src     int
	aliases []string
	pos     Pos

	party      string
	org        string
	titles     []string
	role       string // membership role in the meeting body, "" if none
	onBehalfOf string
	listed     bool // in a participant list or header
	inHeader   bool
	inList     bool // named on a line of a grouped participant list
	afbudList  bool // named under an AFBUD heading of a grouped list
	memberList bool // listed under the members heading of a grouped list
	status     string
	subFor     *person
	subBy      *person
	items      string
	absentIn   int    // number of items with a "Fraværende" line naming them
	statusPos  Pos    // where the status was read
	note       string // evidence for the attendance entry
	extra      []Membership
}

// registry resolves mentions to people.
type registry struct {
	people []*person
}

// forms returns the canonical name and the aliases of p.
func (p *person) forms() []string { return append([]string{p.name}, p.aliases...) }

func (p *person) addAlias(s string) {
	if fold(s) == fold(p.name) && s == p.name {
		return
	}
	for _, a := range p.forms() {
		if a == s {
			return
		}
	}
	p.aliases = append(p.aliases, s)
}

func (p *person) addTitle(s string) {
	s = strings.TrimSpace(strings.Trim(s, ",.;: "))
	if s == "" {
		return
	}
	s = capitalise(s)
	for _, t := range p.titles {
		if fold(t) == fold(s) {
			return
		}
	}
	p.titles = append(p.titles, s)
}

// resolve finds the person a name refers to, or nil. A name matches a
// person when it folds to one of the person's forms, is a one-letter
// variant of one of them, or is a short form of one (or the reverse); the
// last two only when exactly one person matches.
func (r *registry) resolve(name string) *person {
	f := fold(name)
	for _, p := range r.people {
		for _, s := range p.forms() {
			if fold(s) == f {
				return p
			}
		}
	}
	w := nameWords(name)
	var hit *person
	n := 0
	for _, p := range r.people {
		ok := false
		for _, s := range p.forms() {
			pw := nameWords(s)
			if typoVariant(w, pw) || shortForm(w, pw) || shortForm(pw, w) {
				ok = true
				break
			}
		}
		if ok {
			hit = p
			n++
		}
	}
	if n == 1 {
		return hit
	}
	return nil
}

// add resolves name or creates a person for it. A fuller form from a
// source at least as strong replaces a short canonical name.
func (r *registry) add(name string, src int, pos Pos) *person {
	name = strings.Join(strings.Fields(name), " ")
	if p := r.resolve(name); p != nil {
		if name != p.name {
			nw, pw := nameWords(name), nameWords(p.name)
			if src >= p.src && shortForm(pw, nw) {
				p.aliases = append(p.aliases, p.name)
				p.name = name
				p.src = src
				p.aliases = removeString(p.aliases, name)
			} else {
				p.addAlias(name)
			}
		}
		if src > p.src {
			p.src = src
		}
		return p
	}
	p := &person{name: name, src: src, pos: pos}
	r.people = append(r.people, p)
	return p
}

// addEntry resolves a participant-list entry. A list names each person
// once, so an entry that only resembles a person already named by another
// entry of the same list ("Charlotte Styrishave" after "Charlotte Wedel
// Styrishave") is someone else.
func (r *registry) addEntry(name string, src int, pos Pos) *person {
	name = strings.Join(strings.Fields(name), " ")
	if src == srcAfbud && r.resolve(name) == nil {
		if p := r.resolveListed(name, 3); p != nil {
			p.addAlias(name)
			return p
		}
	}
	if p := r.resolve(name); p != nil && (src == srcList && p.inList || src == srcHeader && p.inHeader) {
		same := false
		for _, f := range p.forms() {
			same = same || fold(f) == fold(name)
		}
		if !same {
			q := &person{name: name, src: src, pos: pos}
			r.people = append(r.people, q)
			return q
		}
	}
	return r.add(name, src, pos)
}

func removeString(xs []string, s string) []string {
	out := xs[:0]
	for _, x := range xs {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// proseName is a person's name found in running text, with the evidence
// around it.
type proseName struct {
	name        string
	start, end  int    // byte offsets in the line
	titleBefore string // "direktør", "afdelingschef for Praksis"
	after       string // the comma segment after the name: a title or an organisation
	verb        string // the verb after the name ("præsenterede")
	cue         bool   // the context says this is a person
}

var (
	proseToken   = regexp.MustCompile(`\p{L}[\p{L}'’-]*\.?`)
	proseVerb    = regexp.MustCompile(`^\s+(præsenterede|præsenterer|gav|giver|orienterede|orienterer|informerede|informerer|supplerede|supplerer|deler|delte|fremlagde|fremlægger|indleder|indledte|spørger|spurgte|oplyste|oplyser|fortalte|fortæller|redegjorde|redegør|bød|byder|deltog|takkede|takker|opfordrede|understregede|nævnte|foreslog|bemærkede|pointerede|præciserede|kommenterede|holdt|afsluttede)\b`)
	proseLead    = regexp.MustCompile(`(?i)(?:\bved|\bv\.|\bv/|\btil)\s*$`)
	proseClause  = regexp.MustCompile(`[.;:!?]\s|\bog\s|\bsamt\s`)
	presentVerbs = map[string]bool{"præsenterede": true, "gav": true, "orienterede": true, "informerede": true, "supplerede": true,
		"fremlagde": true, "indledte": true, "spurgte": true, "spørger": true, "oplyste": true, "fortalte": true, "redegjorde": true,
		"bød": true, "takkede": true, "deltog": true, "pointerede": true, "præciserede": true, "bemærkede": true, "kommenterede": true,
		"holdt": true, "afsluttede": true, "nævnte": true, "foreslog": true, "understregede": true}
)

// findProseNames finds people's names in a line of running text: runs of
// two to five name words, with the context that says they are people (a
// title before, a title or organisation after a comma, a verb of speech
// after, "ved"/"v." before, or "og" joining them to such a name).
func findProseNames(s string) []proseName {
	type tok struct {
		w          string
		start, end int
	}
	var toks []tok
	for _, ix := range proseToken.FindAllStringIndex(s, -1) {
		w := s[ix[0]:ix[1]]
		if strings.HasSuffix(w, ".") && !isInitial(w) && w != "Ph.d." {
			w = strings.TrimSuffix(w, ".")
			ix[1]--
		}
		toks = append(toks, tok{w, ix[0], ix[1]})
	}
	var out []proseName
	for i := 0; i < len(toks); {
		if !isNameWord(toks[i].w) {
			i++
			continue
		}
		j := i
		for j+1 < len(toks) && isNameWord(toks[j+1].w) && strings.TrimSpace(s[toks[j].end:toks[j+1].start]) == "" &&
			!strings.Contains(s[toks[j].end:toks[j+1].start], "\t") {
			j++
		}
		// Try the whole run, then without a capitalised lead word.
		for k := i; k <= j && k <= i+1; k++ {
			name := s[toks[k].start:toks[j].end]
			if !looksLikeName(name) {
				continue
			}
			out = append(out, proseName{name: name, start: toks[k].start, end: toks[j].end})
			break
		}
		i = j + 1
	}
	for k := range out {
		pn := &out[k]
		after := s[pn.end:]
		if vm := proseVerb.FindStringSubmatch(after); vm != nil {
			pn.verb, pn.cue = vm[1], true
		}
		if strings.HasPrefix(after, ",") {
			seg := after[1:]
			if e := strings.IndexAny(seg, ",;"); e >= 0 {
				seg = seg[:e]
			}
			if e := strings.Index(seg, " og "); e >= 0 {
				seg = seg[:e]
			}
			seg = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(seg), "."))
			if ws := strings.Fields(seg); len(ws) > 0 && len(ws) <= 8 {
				t, o := splitTitleOrg(seg)
				if o != "" || (t != "" && (isTitleWord(ws[0]) || len(ws) > 1 && isTitleWord(ws[1]))) {
					pn.after, pn.cue = seg, true
				}
			}
		}
		before := s[:pn.start]
		if proseLead.MatchString(before) {
			pn.cue = true
		}
		clause := before
		if locs := proseClause.FindAllStringIndex(before, -1); len(locs) > 0 {
			clause = before[locs[len(locs)-1][1]:]
		}
		ws := strings.Fields(clause)
		if len(ws) > 6 {
			ws = ws[len(ws)-6:]
		}
		for x, w := range ws {
			if isTitleWord(w) {
				pn.titleBefore = strings.Trim(strings.Join(ws[x:], " "), " ,")
				pn.cue = true
				break
			}
		}
	}
	// "A og B gav ...", "ved A og B": the cue of one covers the other.
	for k := 0; k+1 < len(out); k++ {
		between := s[out[k].end:out[k+1].start]
		if strings.TrimSpace(between) != "og" && !strings.HasPrefix(strings.TrimSpace(between), "og ") && strings.TrimSpace(between) != "," {
			continue
		}
		if out[k+1].verb != "" && out[k].verb == "" {
			out[k].verb = out[k+1].verb
		}
		if out[k].cue || out[k+1].cue {
			out[k].cue, out[k+1].cue = true, true
		}
	}
	return out
}
