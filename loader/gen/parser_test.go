package gen

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// TestKeysScorePerfectAgainstThemselves runs the loader's scorer with a key
// as both extraction and key: anything below 1 means the key holds
// records the scorer cannot tell apart (two people with folded-equal
// names, an alias shared by two people, duplicate items).
func TestKeysScorePerfectAgainstThemselves(t *testing.T) {
	bad := 0
	for i, d := range scale1Docs() {
		if i%3 != 0 {
			continue
		}
		rep := minutes.Score(&d.Key, &d.Key)
		for _, cat := range minutes.Categories {
			if c := rep.Counts[cat]; c.F1() != 1 {
				if bad < 20 {
					t.Errorf("%s: %s scores %.3f against itself (%+v; missed %v)", d.Name, cat, c.F1(), c, rep.Missed[cat])
				}
				bad++
			}
		}
	}
}

// TestParserOnGeneratedSample parses a sample of generated documents with
// the loader's parser and logs precision, recall and F1 per category, in
// all and per layout. It asserts only that the parser accepts the
// documents; the figures are for reading (go test -run Parser -v).
func TestParserOnGeneratedSample(t *testing.T) {
	c, err := Generate(Options{Seed: 3, Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	total := map[string]minutes.Counts{}
	byLayout := map[string]map[string]minutes.Counts{}
	docs, failed := 0, 0
	for i := 0; i < c.Len(); i += 9 {
		d := c.Document(i)
		text, err := minutes.Decode(d.Name+".txt", []byte(d.Text))
		if err == nil {
			var got *minutes.Extraction
			got, err = minutes.Parse(d.Name+".txt", text)
			if err == nil {
				layout := d.Layout
				if d.Key.Meetings[0].Level == "other" {
					layout += " (sub-body)"
				}
				rep := minutes.Score(got, &d.Key)
				if byLayout[layout] == nil {
					byLayout[layout] = map[string]minutes.Counts{}
				}
				for cat, n := range rep.Counts {
					total[cat] = addCounts(total[cat], n)
					byLayout[layout][cat] = addCounts(byLayout[layout][cat], n)
				}
				docs++
				continue
			}
		}
		failed++
		t.Errorf("%s: %v", d.Name, err)
	}
	t.Logf("parser on %d generated documents (seed 3, scale 2, every 9th):", docs)
	t.Log(formatCounts("all", total))
	layouts := make([]string, 0, len(byLayout))
	for l := range byLayout {
		layouts = append(layouts, l)
	}
	sort.Strings(layouts)
	for _, l := range layouts {
		t.Log(formatCounts(l, byLayout[l]))
	}
}

func addCounts(a, b minutes.Counts) minutes.Counts {
	return minutes.Counts{Got: a.Got + b.Got, Want: a.Want + b.Want, Matched: a.Matched + b.Matched}
}

func formatCounts(title string, m map[string]minutes.Counts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n  %-16s %6s %6s %6s %7s\n", title, "category", "P", "R", "F1", "want")
	for _, cat := range minutes.Categories {
		c := m[cat]
		fmt.Fprintf(&b, "  %-16s %6.3f %6.3f %6.3f %7d\n", cat, c.Precision(), c.Recall(), c.F1(), c.Want)
	}
	return b.String()
}
