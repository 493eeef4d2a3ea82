package loader

import (
	"strings"
	"unicode/utf8"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// nameMatch says how two spellings of a person's name relate. The resolver
// combines it with other evidence (organisation, party, title, co-occurrence)
// before it merges two mentions; a name relation alone never merges two
// people across documents unless it is exact and nothing contradicts it.
type nameMatch int

const (
	matchNone      nameMatch = iota
	matchFirstOnly           // one side is a lone first name ("Agnete")
	matchTypo                // one word differs by one letter (Lundsryd/Lundsfryd)
	matchVariant             // initials or an omitted middle or last name (Trine M./Trine Malling)
	matchExact               // equal after folding (Anne Mette/Anne-Mette)
)

func (m nameMatch) String() string {
	switch m {
	case matchFirstOnly:
		return "first name only"
	case matchTypo:
		return "spelling variant"
	case matchVariant:
		return "name variant"
	case matchExact:
		return "same name"
	}
	return "different names"
}

// nameTokens folds a name into words: "Anne-Mette B. Dalgaard" →
// [anne mette b dalgaard].
func nameTokens(name string) []string { return strings.Fields(graph.Fold(name)) }

// nameForm is a name with its folded words, so that a name compared with
// many others is folded once.
type nameForm struct {
	name   string
	words  []string // nameTokens(name)
	folded string   // words joined by single spaces
}

func formOf(name string) nameForm {
	ws := nameTokens(name)
	return nameForm{name: name, words: ws, folded: strings.Join(ws, " ")}
}

func formsOf(names []string) []nameForm {
	out := make([]nameForm, len(names))
	for i, n := range names {
		out[i] = formOf(n)
	}
	return out
}

// compareNames relates two names and explains the relation in a short
// phrase for the merge record ("M. = Malling", "Stephenie ~ Stephanie").
func compareNames(a, b string) (nameMatch, string) { return compareForms(formOf(a), formOf(b)) }

// compareForms is compareNames on folded names.
func compareForms(fa, fb nameForm) (nameMatch, string) {
	a, b, ta, tb := fa.name, fb.name, fa.words, fb.words
	if len(ta) == 0 || len(tb) == 0 {
		return matchNone, ""
	}
	if fa.folded == fb.folded {
		if a != b {
			return matchExact, "same name written " + quoted(a) + " and " + quoted(b)
		}
		return matchExact, "same name"
	}
	if len(ta) == 1 || len(tb) == 1 {
		short, long := ta, tb
		if len(tb) == 1 {
			short, long = tb, ta
		}
		if len(long) > 1 && short[0] == long[0] {
			return matchFirstOnly, "first name only"
		}
		return matchNone, ""
	}
	if len(ta) > len(tb) {
		ta, tb = tb, ta // ta is the shorter
	}
	var notes []string
	typos := 0
	variant := false
	// First names: equal, an initial, or one letter apart.
	switch r := tokenRel(ta[0], tb[0]); r {
	case relEqual:
	case relInitial:
		variant = true
		notes = append(notes, initialNote(ta[0], tb[0]))
	case relTypo:
		typos++
		notes = append(notes, ta[0]+" ~ "+tb[0])
	default:
		return matchNone, ""
	}
	// The shorter name is a prefix of the longer one ("Anne Krøjer" / "Anne
	// Krøjer Jacobsen"): an omitted last name.
	if prefixMatch(ta, tb) && len(ta) < len(tb) && typos == 0 {
		return matchVariant, "last name " + strings.Join(tb[len(ta):], " ") + " omitted"
	}
	// Last names: equal or one letter apart; initials are not enough.
	la, lb := ta[len(ta)-1], tb[len(tb)-1]
	switch tokenRel(la, lb) {
	case relEqual:
	case relTypo:
		typos++
		notes = append(notes, la+" ~ "+lb)
	default:
		return matchNone, ""
	}
	// Middle names: every middle word of the shorter name must match a middle
	// word of the longer one, in order; the longer may have more.
	ma, mb := ta[1:len(ta)-1], tb[1:len(tb)-1]
	j := 0
	for _, w := range ma {
		found := false
		for j < len(mb) {
			r := tokenRel(w, mb[j])
			j++
			if r == relEqual {
				found = true
				break
			}
			if r == relInitial {
				variant = true
				notes = append(notes, initialNote(w, mb[j-1]))
				found = true
				break
			}
			if r == relTypo {
				typos++
				notes = append(notes, w+" ~ "+mb[j-1])
				found = true
				break
			}
			variant = true
			notes = append(notes, "middle name "+mb[j-1]+" omitted")
		}
		if !found {
			return matchNone, ""
		}
	}
	for ; j < len(mb); j++ {
		variant = true
		notes = append(notes, "middle name "+mb[j]+" omitted")
	}
	if typos > 1 {
		return matchNone, ""
	}
	if typos == 1 {
		return matchTypo, strings.Join(notes, ", ")
	}
	if variant {
		return matchVariant, strings.Join(notes, ", ")
	}
	return matchExact, "same name"
}

// initialNote says which word an initial stands for: "m. = malling".
func initialNote(a, b string) string {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a + ". = " + b
}

func prefixMatch(short, long []string) bool {
	if len(short) > len(long) {
		return false
	}
	for i, w := range short {
		if w != long[i] {
			return false
		}
	}
	return true
}

type tokRel int

const (
	relNone tokRel = iota
	relEqual
	relInitial
	relTypo
)

// tokenRel relates two folded words: equal; an initial of the other
// (single letter); or one edit apart when both have at least five letters.
func tokenRel(a, b string) tokRel {
	switch {
	case a == b:
		return relEqual
	case len(a) == 1 && strings.HasPrefix(b, a), len(b) == 1 && strings.HasPrefix(a, b):
		return relInitial
	case utf8.RuneCountInString(a) >= 5 && utf8.RuneCountInString(b) >= 5 && editDistance(a, b) <= 1:
		return relTypo
	}
	return relNone
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions and adjacent transpositions) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func quoted(s string) string { return "\u201c" + s + "\u201d" }
