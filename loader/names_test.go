package loader

import "testing"

func TestCompareNames(t *testing.T) {
	tests := []struct {
		a, b string
		want nameMatch
	}{
		// Spellings of one person (the must-merge cases' name relations).
		{"Johannes Lundsryd", "Johannes Lundsfryd", matchTypo},
		{"Stephanie Lose", "Stephenie Lose", matchTypo},
		{"Kim Agerholm Brogaard", "Kim Brogaard", matchVariant},
		{"Trine M. Lungskov", "Trine Malling Lungskov", matchVariant},
		{"Anne Mette Dalgaard", "Anne-Mette Dalgaard", matchExact},
		{"Bo Libergren", "Bo Libergren", matchExact},
		{"Kurt Æbelø", "kurt æbelø", matchExact},
		{"Anne Krøjer", "Anne Krøjer Jacobsen", matchVariant},
		{"Charlotte Josefsen", "Charlotte Rosenkrantz Josefsen", matchVariant},
		{"Agnete", "Agnete Larsen", matchFirstOnly},
		// Different people.
		{"Kaj Johansen", "Kaj Andersen", matchNone},
		{"Kaj", "Kaj", matchExact}, // equal, but the resolver never merges on a lone first name across documents
		{"Anne Mette Lund", "Annette Lund", matchNone},
		{"Maria Klitgaard Christensen", "Michael Christensen", matchNone},
		{"Jens Ejner Christensen", "Line Brinch Christensen", matchNone},
		{"Hanne Andersen", "Kaj Andersen", matchNone},
		{"Peter Larsen", "Peter Jensen", matchNone},
		{"Bo Lund", "Bo Lind", matchNone}, // one letter apart, but short words are not spelling variants
		{"Kurt Æbelø", "Kurt Espersen", matchNone},
		{"", "Kurt Espersen", matchNone},
	}
	for _, tt := range tests {
		got, detail := compareNames(tt.a, tt.b)
		if got != tt.want {
			t.Errorf("compareNames(%q, %q) = %v (%s), want %v", tt.a, tt.b, got, detail, tt.want)
		}
		if back, _ := compareNames(tt.b, tt.a); back != got {
			t.Errorf("compareNames is not symmetric for %q, %q: %v vs %v", tt.a, tt.b, got, back)
		}
	}
}

func TestCompareNamesExplains(t *testing.T) {
	_, d := compareNames("Trine M. Lungskov", "Trine Malling Lungskov")
	if d != "m. = malling" {
		t.Errorf("detail = %q, want %q", d, "m. = malling")
	}
	_, d = compareNames("Kim Brogaard", "Kim Agerholm Brogaard")
	if d != "middle name agerholm omitted" {
		t.Errorf("detail = %q", d)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"lundsryd", "lundsfryd", 1},
		{"stephanie", "stephenie", 1},
		{"ab", "ba", 1},
		{"kitten", "sitting", 3},
		{"æbelø", "æbelø", 0},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
