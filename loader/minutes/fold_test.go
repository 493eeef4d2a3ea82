package minutes

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

// foldDefinition is fold as first written: strings.ToLower, the letter and
// separator table, then strings.Fields joined by single spaces. fold must
// return the same for every string.
func foldDefinition(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'æ', 'ä':
			b.WriteString("ae")
		case 'ø', 'ö':
			b.WriteString("oe")
		case 'å':
			b.WriteString("aa")
		case 'é', 'è', 'ë':
			b.WriteByte('e')
		case 'á', 'à':
			b.WriteByte('a')
		case 'ó', 'ò':
			b.WriteByte('o')
		case 'ü':
			b.WriteString("ue")
		case 'í', 'ï':
			b.WriteByte('i')
		case 'ú':
			b.WriteByte('u')
		case '-', '–', '—', '_', '/', ',', ';', ':', '"', '\'', '”', '“', '’', '‘', '(', ')', '.', '!', '?', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestFold compares fold with its definition on odd strings and on every
// line and word of the sample minutes.
func TestFold(t *testing.T) {
	cases := []string{
		"", " ", "Anne-Mette  Ærø", "  Søren Østergård ", "ÅSE", "José Müller-Lüdenscheidt",
		"a\u00a0b", "a\u2003b", "x\u0085y", "K\u212a", "(Sygehus Sønderjylland)", "–a—b–", "\t\nA\r\v\fB",
		"Ph.d. L. Hansen", "“citat” ‘x’", "İstanbul", "ǅ", "a\xffb", "\xc3", "ΣΑΣ", "ß", "Ǆemal",
	}
	for _, name := range corpus.Minutes() {
		b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			cases = append(cases, line)
			cases = append(cases, strings.Fields(line)...)
		}
	}
	for _, s := range cases {
		if got, want := fold(s), foldDefinition(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Anne-Mette Ærø", "a\u00a0b", "a\xffb", "ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), foldDefinition(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
