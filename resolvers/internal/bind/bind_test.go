package bind

import (
	"bytes"
	"io"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// marshalled is what m writes.
func marshalled(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// TestStringAt: strings and dates written from a pointer are written as
// gqlgen's marshalers write them, and without allocating.
func TestStringAt(t *testing.T) {
	for _, s := range []string{"", "Bo Libergren", `a "quoted" \ line` + "\n\t\x01", "Ærø Å"} {
		if a, b := marshalled(StringAt(&s)), marshalled(graphql.MarshalString(s)); a != b {
			t.Errorf("StringAt %s, MarshalString %s", a, b)
		}
	}
	for _, d := range []string{"", "2024-06-19"} {
		if a, b := marshalled(DateAt(&d)), marshalled(MarshalDate(d)); a != b {
			t.Errorf("DateAt %s, MarshalDate %s", a, b)
		}
	}
	s, d := "Bo Libergren", "2024-06-19"
	if n := testing.AllocsPerRun(100, func() { StringAt(&s).MarshalGQL(io.Discard) }); n != 0 {
		t.Errorf("StringAt allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { DateAt(&d).MarshalGQL(io.Discard) }); n != 0 {
		t.Errorf("DateAt allocates %v times", n)
	}
}
