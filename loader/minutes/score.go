package minutes

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Scoring an extraction against an answer key (corpus/expected).
//
// Every category is scored as a set of records with one-to-one matching:
// the largest set of (key record, extracted record) pairs that match, each
// record in at most one pair (so record order cannot cost a match);
// precision = matched / extracted, recall = matched / in the key, F1
// their harmonic mean. A category empty on both sides scores 1.
//
// Names are compared folded: case, white space, hyphens and dashes,
// punctuation, and the Danish letters (æ=ae, ø=oe, å=aa) do not count.
// Matching rules per category:
//
//   - people: a person matches when a name of one (the canonical name or an
//     alias) folds equal to a name of the other. Each key alias is a further
//     record: it is matched when the matched extracted person has that
//     spelling among its names. So a missed alias, or an invented person,
//     costs.
//   - memberships: (person, body, role). Persons match as for people, in
//     the key's people list; bodies match by name or any alias of the key's
//     body; role exactly.
//   - attendance: (person, status, substitute_for); substitute_for both
//     null or the same person.
//   - agenda_items: (number, title); a time suffix ("- 5 min",
//     ", kl. 11.15-11.40") is stripped from both titles before comparing.
//   - initiatives: name and amount. The name matches the key's name or an
//     alias folded equal; a key name with name_verbatim: false (a
//     description by the annotator) matches when at least 75% of its
//     content words occur in the extracted name and at least 60% of the
//     extracted name's content words occur in it, or when all of the
//     extracted name's content words (two or more) occur in the
//     description and cover at least 40% of it. Content words skip
//     function words; words of five letters or more match on their first
//     five letters (projekt/projektet). With the same amount, 75% of the
//     description's content words in the extracted name suffice. The
//     amounts must be equal (both null, or the same number).
//   - bodies: name or alias folded equal (loose as for initiatives when the
//     key says name_verbatim: false).
//   - organisations: name or alias folded equal.
//   - meetings: (body, date); the body matches by name or by any alias of
//     the key's body.
//   - future_meetings: (date, body) as for meetings.
//
// Nothing matches by default: empty names never match, and a loose match
// needs real word overlap.

// Categories, in report order.
var Categories = []string{"people", "memberships", "attendance", "agenda_items", "initiatives", "bodies",
	"organisations", "meetings", "future_meetings"}

// Counts are one category's figures.
type Counts struct {
	Got, Want, Matched int
}

// Precision is matched / extracted (1 when nothing was extracted and
// nothing was wanted).
func (c Counts) Precision() float64 {
	if c.Got == 0 {
		if c.Want == 0 {
			return 1
		}
		return 0
	}
	return float64(c.Matched) / float64(c.Got)
}

// Recall is matched / wanted.
func (c Counts) Recall() float64 {
	if c.Want == 0 {
		if c.Got == 0 {
			return 1
		}
		return 0
	}
	return float64(c.Matched) / float64(c.Want)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Report holds the figures of one document per category, and the records
// that did not match, for reading.
type Report struct {
	Document string
	Counts   map[string]Counts
	Missed   map[string][]string // key records without a match
	Extra    map[string][]string // extracted records without a match
}

// Key is an answer key: the Extraction plus the names the annotator wrote
// as descriptions (name_verbatim: false), which Extraction cannot hold.
type Key struct {
	*Extraction
	LooseNames map[string]bool // folded names of bodies and initiatives with name_verbatim: false
}

// ReadKey reads an answer key file.
func ReadKey(data []byte) (*Key, error) {
	var x Extraction
	if err := json.Unmarshal(data, &x); err != nil {
		return nil, err
	}
	var raw struct {
		Bodies []struct {
			Name     string `json:"name"`
			Verbatim *bool  `json:"name_verbatim"`
		} `json:"bodies"`
		Initiatives []struct {
			Name     string `json:"name"`
			Verbatim *bool  `json:"name_verbatim"`
		} `json:"initiatives"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	k := &Key{Extraction: &x, LooseNames: map[string]bool{}}
	for _, b := range raw.Bodies {
		if b.Verbatim != nil && !*b.Verbatim {
			k.LooseNames[fold(b.Name)] = true
		}
	}
	for _, i := range raw.Initiatives {
		if i.Verbatim != nil && !*i.Verbatim {
			k.LooseNames[fold(i.Name)] = true
		}
	}
	return k, nil
}

// Score compares got with want; all names in want are taken as printed.
func Score(got, want *Extraction) Report {
	return ScoreKey(got, &Key{Extraction: want, LooseNames: map[string]bool{}})
}

// ScoreKey compares got with an answer key.
func ScoreKey(got *Extraction, want *Key) Report {
	r := Report{Document: want.Document, Counts: map[string]Counts{}, Missed: map[string][]string{}, Extra: map[string][]string{}}
	s := scorer{got: got, want: want}
	s.people(&r)
	s.memberships(&r)
	s.attendance(&r)
	s.agendaItems(&r)
	s.initiatives(&r)
	s.bodies(&r)
	s.organisations(&r)
	s.meetings(&r)
	s.futureMeetings(&r)
	return r
}

type scorer struct {
	got  *Extraction
	want *Key
}

// matchOneToOne is a maximum one-to-one matching of want and got records
// under eq (augmenting paths, want in order). It returns, for each got
// record, the index of its want record, or -1.
func matchOneToOne[W, G any](want []W, got []G, eq func(W, G) bool) []int {
	adj := make([][]int, len(want))
	for i, w := range want {
		for j, g := range got {
			if eq(w, g) {
				adj[i] = append(adj[i], j)
			}
		}
	}
	owner := make([]int, len(got))
	for j := range owner {
		owner[j] = -1
	}
	var augment func(i int, seen []bool) bool
	augment = func(i int, seen []bool) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || augment(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	for i := range want {
		augment(i, make([]bool, len(got)))
	}
	return owner
}

// match pairs want and got records one to one and records the result.
func match[W, G any](r *Report, cat string, want []W, got []G, eq func(W, G) bool, ws func(W) string, gs func(G) string) {
	// A maximum one-to-one matching (augmenting paths), so that the order of
	// records cannot cost a match: a loose key entry that could take either
	// of two extracted records does not block the only record that fits
	// another key entry.
	c := Counts{Got: len(got), Want: len(want)}
	owner := matchOneToOne(want, got, eq) // got index → want index, or -1
	matched := make([]bool, len(want))
	for j := range got {
		if owner[j] >= 0 {
			matched[owner[j]] = true
			c.Matched++
		} else {
			r.Extra[cat] = append(r.Extra[cat], gs(got[j]))
		}
	}
	for i, w := range want {
		if !matched[i] {
			r.Missed[cat] = append(r.Missed[cat], ws(w))
		}
	}
	r.Counts[cat] = c
}

func namesOf(name string, aliases []string) []string {
	out := []string{}
	for _, n := range append([]string{name}, aliases...) {
		if f := fold(n); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// samePerson reports whether the extracted name g and the key name w name
// the same person, through either side's aliases.
func (s scorer) samePerson(w, g string) bool {
	if fold(w) == "" || fold(g) == "" {
		return false
	}
	wn := []string{fold(w)}
	for _, p := range s.want.People {
		if fold(p.Name) == fold(w) {
			wn = namesOf(p.Name, p.Aliases)
		}
	}
	gn := []string{fold(g)}
	for _, p := range s.got.People {
		if fold(p.Name) == fold(g) {
			gn = namesOf(p.Name, p.Aliases)
		}
	}
	return overlap(wn, gn)
}

func (s scorer) people(r *Report) {
	type rec struct {
		name  string
		alias string // "" for the person record
		p     *Person
	}
	var want []rec
	for i := range s.want.People {
		p := &s.want.People[i]
		want = append(want, rec{name: p.Name, p: p})
		for _, a := range p.Aliases {
			want = append(want, rec{name: p.Name, alias: a, p: p})
		}
	}
	// Pair persons first, so alias records know their extracted person.
	pair := map[*Person]*Person{}
	usedG := map[*Person]bool{}
	for i := range s.want.People {
		w := &s.want.People[i]
		for j := range s.got.People {
			g := &s.got.People[j]
			if !usedG[g] && overlap(namesOf(w.Name, w.Aliases), namesOf(g.Name, g.Aliases)) {
				pair[w], usedG[g] = g, true
				break
			}
		}
	}
	var got []rec
	for i := range s.got.People {
		p := &s.got.People[i]
		got = append(got, rec{name: p.Name, p: p})
		for _, a := range p.Aliases {
			got = append(got, rec{name: p.Name, alias: a, p: p})
		}
	}
	match(r, "people", want, got, func(w, g rec) bool {
		if (w.alias == "") != (g.alias == "") || pair[w.p] != g.p {
			return false
		}
		if w.alias == "" {
			return true
		}
		return fold(w.alias) == fold(g.alias)
	}, func(w rec) string { return w.name + aliasSuffix(w.alias) }, func(g rec) string { return g.name + aliasSuffix(g.alias) })
}

func aliasSuffix(a string) string {
	if a == "" {
		return ""
	}
	return " (alias " + a + ")"
}

// sameBody reports whether an extracted body name names the key's body w,
// by the key's body list and its aliases.
func (s scorer) sameBody(w, g string) bool {
	if fold(g) == "" {
		return false
	}
	if fold(w) == fold(g) {
		return true
	}
	for _, b := range s.want.Bodies {
		if fold(b.Name) == fold(w) {
			if overlap(namesOf(b.Name, b.Aliases), []string{fold(g)}) {
				return true
			}
			if s.want.LooseNames[fold(b.Name)] && looseMatch(b.Name, g) {
				return true
			}
		}
	}
	return false
}

func (s scorer) memberships(r *Report) {
	match(r, "memberships", s.want.Memberships, s.got.Memberships, func(w, g Membership) bool {
		return w.Role == g.Role && s.samePerson(w.Person, g.Person) && s.sameBody(w.Body, g.Body)
	}, func(w Membership) string { return w.Person + " / " + w.Body + " / " + w.Role },
		func(g Membership) string { return g.Person + " / " + g.Body + " / " + g.Role })
}

func (s scorer) attendance(r *Report) {
	match(r, "attendance", s.want.Attendance, s.got.Attendance, func(w, g Attendance) bool {
		if w.Status != g.Status || !s.samePerson(w.Person, g.Person) {
			return false
		}
		if (w.SubstituteFor == nil) != (g.SubstituteFor == nil) {
			return false
		}
		return w.SubstituteFor == nil || s.samePerson(*w.SubstituteFor, *g.SubstituteFor)
	}, func(w Attendance) string { return w.Person + " / " + w.Status + sub(w.SubstituteFor) },
		func(g Attendance) string { return g.Person + " / " + g.Status + sub(g.SubstituteFor) })
}

func sub(s *string) string {
	if s == nil {
		return ""
	}
	return " for " + *s
}

var scTimeSuffix = regexp.MustCompile(`(?i)(?:\s*[-–,]\s*(?:kl\.?\s*)?\d{1,2}(?:[.:]\d{2})?\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?|\s*[-–]\s*\d+\s*min\.?)\s*$`)

// stripTimeSuffix removes a time slot from the end of an agenda title.
func stripTimeSuffix(s string) string { return strings.TrimSpace(scTimeSuffix.ReplaceAllString(s, "")) }

func (s scorer) agendaItems(r *Report) {
	match(r, "agenda_items", s.want.AgendaItems, s.got.AgendaItems, func(w, g AgendaItem) bool {
		return w.Number == g.Number && fold(stripTimeSuffix(w.Title)) != "" && fold(stripTimeSuffix(w.Title)) == fold(stripTimeSuffix(g.Title))
	}, func(w AgendaItem) string { return fmt.Sprintf("%d %s", w.Number, w.Title) },
		func(g AgendaItem) string { return fmt.Sprintf("%d %s", g.Number, g.Title) })
}

// scStopWords are words that carry no content for loose name matching.
var scStopWords = map[string]bool{"i": true, "og": true, "af": true, "for": true, "til": true, "med": true, "på": true,
	"paa": true, "om": true, "den": true, "det": true, "de": true, "en": true, "et": true, "fra": true, "ved": true, "vedr": true,
	"the": true, "of": true, "in": true, "at": true, "der": true, "som": true, "mellem": true, "under": true}

func contentWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		if !scStopWords[w] && len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// coverage is the share of want's content words that occur in got.
func coverage(want, got string) float64 {
	ww, gw := contentWords(want), contentWords(got)
	if len(ww) == 0 {
		return 0
	}
	a := 0
	for _, w := range ww {
		if wordIn(w, gw) {
			a++
		}
	}
	return float64(a) / float64(len(ww))
}

// wordIn reports whether w is in set; words of five letters or more match
// on their first five letters.
func wordIn(w string, set []string) bool {
	for _, x := range set {
		if x == w || (len(w) >= 5 && len(x) >= 5 && w[:5] == x[:5]) {
			return true
		}
	}
	return false
}

// looseMatch compares a descriptive key name with an extracted name by
// their content words.
func looseMatch(want, got string) bool {
	ww, gw := contentWords(want), contentWords(got)
	if len(ww) == 0 || len(gw) == 0 {
		return false
	}
	in := wordIn
	a, b := 0, 0
	for _, w := range ww {
		if in(w, gw) {
			a++
		}
	}
	for _, g := range gw {
		if in(g, ww) {
			b++
		}
	}
	if float64(a) >= 0.75*float64(len(ww)) && float64(b) >= 0.6*float64(len(gw)) {
		return true
	}
	// A short name all of whose words the description uses.
	return b == len(gw) && len(gw) >= 2 && float64(a) >= 0.4*float64(len(ww))
}

func sameAmount(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func (s scorer) initiatives(r *Report) {
	match(r, "initiatives", s.want.Initiatives, s.got.Initiatives, func(w, g Initiative) bool {
		if !sameAmount(w.AmountDKK, g.AmountDKK) {
			return false
		}
		if overlap(namesOf(w.Name, w.Aliases), namesOf(g.Name, g.Aliases)) {
			return true
		}
		if !s.want.LooseNames[fold(w.Name)] {
			return false
		}
		if looseMatch(w.Name, g.Name) {
			return true
		}
		// The same amount and most of the description: a longer name is fine.
		return w.AmountDKK != nil && coverage(w.Name, g.Name) >= 0.75
	}, func(w Initiative) string { return w.Name + amountSuffix(w.AmountDKK) },
		func(g Initiative) string { return g.Name + amountSuffix(g.AmountDKK) })
}

func amountSuffix(a *int64) string {
	if a == nil {
		return ""
	}
	return fmt.Sprintf(" (%d kr.)", *a)
}

func (s scorer) bodies(r *Report) {
	match(r, "bodies", s.want.Bodies, s.got.Bodies, func(w, g Body) bool {
		if overlap(namesOf(w.Name, w.Aliases), namesOf(g.Name, g.Aliases)) {
			return true
		}
		return s.want.LooseNames[fold(w.Name)] && looseMatch(w.Name, g.Name)
	}, func(w Body) string { return w.Name }, func(g Body) string { return g.Name })
}

func (s scorer) organisations(r *Report) {
	match(r, "organisations", s.want.Organisations, s.got.Organisations, func(w, g Organisation) bool {
		return overlap(namesOf(w.Name, w.Aliases), namesOf(g.Name, g.Aliases))
	}, func(w Organisation) string { return w.Name }, func(g Organisation) string { return g.Name })
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (s scorer) meetings(r *Report) {
	match(r, "meetings", s.want.Meetings, s.got.Meetings, func(w, g Meeting) bool {
		return deref(w.Date) == deref(g.Date) && s.sameBody(w.Body, g.Body)
	}, func(w Meeting) string { return w.Body + " " + deref(w.Date) }, func(g Meeting) string { return g.Body + " " + deref(g.Date) })
}

func (s scorer) futureMeetings(r *Report) {
	match(r, "future_meetings", s.want.FutureMeetings, s.got.FutureMeetings, func(w, g FutureMeeting) bool {
		return w.Date == g.Date && s.sameBody(w.Body, g.Body)
	}, func(w FutureMeeting) string { return w.Body + " " + w.Date }, func(g FutureMeeting) string { return g.Body + " " + g.Date })
}

// Table prints the report as an aligned table: one row per category with
// extracted, wanted and matched counts, precision, recall and F1.
func (r Report) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %5s %5s %5s %6s %6s %6s\n", "category", "got", "want", "match", "P", "R", "F1")
	cats := append([]string{}, Categories...)
	for c := range r.Counts {
		if !contains(cats, c) {
			cats = append(cats, c)
		}
	}
	sort.SliceStable(cats[len(Categories):], func(i, j int) bool { return cats[len(Categories)+i] < cats[len(Categories)+j] })
	for _, c := range cats {
		n, ok := r.Counts[c]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "%-16s %5d %5d %5d %6.3f %6.3f %6.3f\n", c, n.Got, n.Want, n.Matched, n.Precision(), n.Recall(), n.F1())
	}
	return b.String()
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
