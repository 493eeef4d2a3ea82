package minutes

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestCueBeforeAsPattern: cueBefore answers as the pattern it replaces,
// modelCue + regexp.QuoteMeta(s) + `\b`, on texts and titles made of cue
// words, white space, letters that fold across scripts and byte widths
// (K and the Kelvin sign, s and the long s, æ and Æ), word characters and
// punctuation on either side of the title, and invalid bytes in the text.
func TestCueBeforeAsPattern(t *testing.T) {
	bodyParts := []string{
		"Modellen", "modellen", "DRIFTEN", "ordningen", "aftalen", "projektet", "indsatsen", "xmodellen",
		"for", "om", "af", "FOR", "fra",
		" ", "  ", "\t", "\n", "\u00a0",
		"tidlig", "Tidlig", "TIDLIG", "opsporing", "opſporing", "OPSPORING", "k", "K", "\u212a", "æ", "Æ", "ø",
		"_", "1", "-", ".", ",", "s", "\xff",
	}
	titles := []string{
		"tidlig opsporing", "Tidlig Opsporing", "tidlig opſporing", "k æ", "K Æ", "tidlig opsporing.", "a_b c", "opsporing 1",
		"æ ø", "tidlig", "tidlig opsporings",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	matched := 0
	for i := range 20000 {
		s := titles[i%len(titles)]
		var b strings.Builder
		for range rng.IntN(12) {
			switch rng.IntN(4) {
			case 0: // a cue and the title, or a near miss of it
				b.WriteString([]string{"modellen for ", "Driften  af\t", "aftalen om", "ordningen for "}[rng.IntN(4)])
				b.WriteString([]string{s, strings.ToUpper(s), strings.ToLower(s), s[:len(s)/2]}[rng.IntN(4)])
			default:
				b.WriteString(bodyParts[rng.IntN(len(bodyParts))])
			}
		}
		body := b.String()
		want := regexp.MustCompile(modelCue.String() + regexp.QuoteMeta(s) + `\b`).MatchString(body)
		if got := cueBefore(body, s); got != want {
			t.Fatalf("cueBefore(%q, %q) = %v, the pattern says %v", body, s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of the texts had the cue before the title: the test does not reach both answers", matched)
	}
}
