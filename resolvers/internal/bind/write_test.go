package bind

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// onlyWriter hides a buffer's other methods: the writers' path for a
// writer that is not a *bytes.Buffer.
type onlyWriter struct{ b *bytes.Buffer }

func (w onlyWriter) Write(p []byte) (int, error) { return w.b.Write(p) }

// TestQuotedAsGqlgen: strings are written byte for byte as gqlgen's
// String marshaler writes them, into a buffer and into any writer, for
// generated strings of control characters, quotes, backslashes, Danish
// letters, U+2028, four-byte runes and invalid UTF-8.
func TestQuotedAsGqlgen(t *testing.T) {
	pieces := []string{"a", "Z", " ", `"`, `\`, "\t", "\n", "\r", "\x00", "\x01", "\x1f", "\x7f", "æ", "Ø", "å",
		"\u2028", "😀", "\xff", "\xc3", "\xe2\x82", "</", "'"}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"", `"`, `\"`, "\x00", "plain"}
	for range 5000 {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, sb.String())
	}
	for _, s := range cases {
		var want, got, other bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		StringAt(&s).MarshalGQL(&got)
		StringAt(&s).MarshalGQL(onlyWriter{&other})
		if !bytes.Equal(got.Bytes(), want.Bytes()) || !bytes.Equal(other.Bytes(), want.Bytes()) {
			t.Fatalf("%q: wrote %q and %q; gqlgen writes %q", s, got.Bytes(), other.Bytes(), want.Bytes())
		}
	}
}

// TestObjectToAnyWriter: an object written to a writer that is not a
// buffer is the same as into one.
func TestObjectToAnyWriter(t *testing.T) {
	s := "x\"y"
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	inner := Object(fields[:1], []graphql.Marshaler{StringAt(&s)})
	o := Object(fields, []graphql.Marshaler{graphql.MarshalInt(1), inner})
	var a, b bytes.Buffer
	o.MarshalGQL(&a)
	o.MarshalGQL(onlyWriter{&b})
	if a.String() != `{"a":1,"b":{"a":"x\"y"}}` || b.String() != a.String() {
		t.Errorf("into a buffer %s, into a writer %s", a.String(), b.String())
	}
}
