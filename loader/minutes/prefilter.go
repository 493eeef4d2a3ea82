package minutes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// litRegexp is a regular expression with literals of which every match
// contains at least one. Its Find and Match methods return no match at
// once, without running the backtracking matcher, when the text contains
// none of them: most lines name no hospital, no steering group, no
// agreement, and the scans run every such expression over every line.
// The literals must be exact substrings of every possible match (mind
// alternations, optional parts and [Aa] classes: take the common tail);
// TestPrefilterLiterals checks them against the sample and generated
// minutes.
//
// For an expression matched without regard to case ((?i)), see
// withFoldLits.
type litRegexp struct {
	*regexp.Regexp
	lits []string
	fold bool // the literals are lower-case ASCII and found without regard to ASCII case
}

// prefiltered lists every litRegexp, for TestPrefilterLiterals.
var prefiltered []litRegexp

// withLits returns re guarded by its literals (see litRegexp).
func withLits(re *regexp.Regexp, lits ...string) litRegexp {
	r := litRegexp{Regexp: re, lits: lits}
	prefiltered = append(prefiltered, r)
	return r
}

// withFoldLits returns re, an expression matched without regard to case,
// guarded by lower-case ASCII literals found without regard to case. A
// letter whose case folds take in a non-ASCII letter (k: the Kelvin sign,
// s: the long s) cannot be told from its folds bytewise, so the literals
// may not contain one: withFoldLits panics on them.
func withFoldLits(re *regexp.Regexp, lits ...string) litRegexp {
	for _, l := range lits {
		for _, c := range l {
			if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
				panic("minutes: literal " + l + " is not lower-case ASCII")
			}
			for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					panic("minutes: literal " + l + " has a letter that folds to " + string(f))
				}
			}
		}
	}
	r := litRegexp{Regexp: re, lits: lits, fold: true}
	prefiltered = append(prefiltered, r)
	return r
}

// may reports whether s contains one of the literals, so that the regexp
// may match it.
func (r litRegexp) may(s string) bool {
	for _, l := range r.lits {
		if r.fold && containsFoldASCII(s, l) || !r.fold && strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// containsFoldASCII reports whether s contains lit, a lower-case ASCII
// string, without regard to ASCII case.
func containsFoldASCII(s, lit string) bool {
	if lit == "" {
		return true
	}
	for i := 0; i+len(lit) <= len(s); i++ {
		j := 0
		for ; j < len(lit) && lowerASCII(s[i+j]) == lit[j]; j++ {
		}
		if j == len(lit) {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func (r litRegexp) MatchString(s string) bool { return r.may(s) && r.Regexp.MatchString(s) }

func (r litRegexp) FindString(s string) string {
	if !r.may(s) {
		return ""
	}
	return r.Regexp.FindString(s)
}

func (r litRegexp) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringIndex(s)
}

func (r litRegexp) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r litRegexp) FindStringSubmatchIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatchIndex(s)
}

func (r litRegexp) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

func (r litRegexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringIndex(s, n)
}

func (r litRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}

func (r litRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatchIndex(s, n)
}

func (r litRegexp) ReplaceAllString(s, repl string) string {
	if !r.may(s) {
		return s
	}
	return r.Regexp.ReplaceAllString(s, repl)
}
