package loader

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// TestNameKeysFindVariants checks the name index against compareNames on
// generated names and random variants of them (an initial, a word one edit
// off, a word dropped or added, words swapped, case and accents): every
// pair compareNames relates as a typo or closer shares a name key (each
// name's lookup keys with the other's index keys), so the
// people cache's candidates hold every person resolve can act on.
func TestNameKeysFindVariants(t *testing.T) {
	c, err := gen.Generate(gen.Options{Seed: 3, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for i := range min(c.Len(), 60) {
		for _, p := range c.Document(i).Key.People {
			if !seen[p.Name] {
				seen[p.Name] = true
				names = append(names, p.Name)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("aeiknrsøæåé")
	edit := func(w string) string {
		rs := []rune(w)
		i := r.IntN(len(rs))
		switch r.IntN(4) {
		case 0:
			rs[i] = letters[r.IntN(len(letters))]
		case 1:
			rs = append(rs[:i], rs[i+1:]...)
		case 2:
			rs = append(rs[:i], append([]rune{letters[r.IntN(len(letters))]}, rs[i:]...)...)
		default:
			if i+1 < len(rs) {
				rs[i], rs[i+1] = rs[i+1], rs[i]
			}
		}
		return string(rs)
	}
	variant := func(n string) string {
		ws := strings.Fields(n)
		for range 1 + r.IntN(2) {
			i := r.IntN(len(ws))
			switch r.IntN(6) {
			case 0:
				ws[i] = string([]rune(ws[i])[:1]) + "."
			case 1:
				ws[i] = edit(ws[i])
			case 2:
				if len(ws) > 1 {
					ws = append(ws[:i:i], ws[i+1:]...)
				}
			case 3:
				ws = append(ws[:i:i], append([]string{names[r.IntN(len(names))]}, ws[i:]...)...)
			case 4:
				ws[i] = strings.ToUpper(ws[i])
			default:
				j := r.IntN(len(ws))
				ws[i], ws[j] = ws[j], ws[i]
			}
		}
		return strings.Join(ws, " ")
	}
	related := 0
	for _, n := range names {
		for range 40 {
			v := variant(n)
			if m, _ := compareNames(n, v); m >= matchTypo {
				related++
				if !keysRelate(n, v) {
					t.Errorf("%q / %q (%v) share no name key", n, v, m)
				}
			}
		}
	}
	if related < 1000 {
		t.Errorf("only %d related pairs: the check proves little", related)
	}
	t.Logf("%d names, %d related variants", len(names), related)
}
