package minutes

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: Decode never panics; on success its text is valid UTF-8
// without CR, NUL or other control characters, and decoding it again
// changes nothing; on failure the error is an *Error with a kind.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimalMinutes))
	f.Add([]byte("REFERAT X d. 01-02-2024\r\nM\xf8dested \xc6r\xf8\r\n"))
	f.Add([]byte("\xEF\xBB\xBFPunkt 1: Lilleba\u030alt\u00a0"))
	f.Add([]byte{0xFF, 0xFE, 'P', 0, 'u', 0})
	f.Add([]byte("Punkt 1: \xc3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode("fuzz.txt", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind == "" || e.File != "fuzz.txt" {
				t.Fatalf("error %v is not a typed *Error", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 out: %q", s)
		}
		for _, r := range s {
			if r == '\r' || r == 0 || (r < 0x20 && r != '\n' && r != '\t') {
				t.Fatalf("control character %U in output %q", r, s)
			}
		}
		again, err := Decode("fuzz.txt", []byte(s))
		if err != nil {
			t.Fatalf("decoded text does not decode again: %v", err)
		}
		if again != s {
			t.Fatalf("Decode is not idempotent:\n%q\n%q", s, again)
		}
	})
}

// FuzzParse: Parse never panics, and every record's position lies inside
// the text.
func FuzzParse(f *testing.F) {
	f.Add(minimalMinutes)
	f.Add("REFERAT Sundhedsklynge Syd d. 22-10-2024\n\nMødedeltagere Bo Libergren, V, Jan Riber Jakobsen, Aabenraa Kommune (Fravær)\n\nPunkt 1: Deltagerliste\n\nRegion Syddanmark\n\nStephanie Lose (regional medformand)\n\nAFBUD\n\nKurt Espersen, Koncerndirektør, Region Syddanmark\n\nPunkt 2: Velkomst v. Charlotte Mose Hansen\n\nBeslutning\n\nAfbud:\n\nAnne Mette Dalgaard deltog i stedet for Thomas Reintoft\n\nFraværende Jan Riber Jakobsen, Aabenraa Kommune\n")
	f.Add("Kompetence\nSundhedsudvalget\nBeslutningstema\nSagens\nindhold\n| Tildelt | 300.000 kr. |\n")
	f.Add("Indholdsfortegnelse\nA.....\t3\nB.....\t4\nPunkt 1: A\n")
	f.Add("Punkt 1: Mødedeltagere\n- Borgmester Jesper Greth, Rebild kommune, Næstformand- afbud\nAlle var mødt, undtagen Hans Hansen og Lone Lund.\nAgnete Larsen præsenterede. Agnete informerede.\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 1<<16 {
			return
		}
		x, err := Parse("fuzz.txt", s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a typed *Error", err)
			}
			return
		}
		n := len(strings.Split(strings.TrimSuffix(s, "\n"), "\n"))
		check := func(what string, p Pos) {
			if p.Line < 0 || p.Line > n || p.EndLine > n || (p.Line > 0 && p.EndLine < p.Line) {
				t.Fatalf("%s position %+v outside 1..%d", what, p, n)
			}
		}
		for _, p := range x.People {
			check("person "+p.Name, p.Pos)
			if strings.TrimSpace(p.Name) == "" {
				t.Fatal("person without a name")
			}
		}
		for _, m := range x.Memberships {
			check("membership", m.Pos)
		}
		for _, a := range x.Attendance {
			check("attendance", a.Pos)
		}
		for _, o := range x.Organisations {
			check("organisation", o.Pos)
		}
	})
}
