package bind

import (
	"bytes"
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// The answer is written into a *bytes.Buffer (Marshal); the writers here
// check for it once per value and then call it directly, where gqlgen's
// io.WriteString asks every writer for WriteString at every write.

// hexDigits are JSON's \u00XX digits, as gqlgen writes them.
const hexDigits = "0123456789ABCDEF"

// quoted writes s as a JSON string exactly as gqlgen's String and ID
// marshalers do (graphql.MarshalString): '"', '\' and the control
// characters below U+0020 escaped, every other byte as it is (gqlgen
// neither checks UTF-8 nor escapes U+2028 and U+2029). gqlgen walks runes;
// every byte it escapes is a whole rune, so walking bytes finds the same.
func quoted(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// writeString writes s as graphql.MarshalString does, to any writer.
func writeString(w io.Writer, s string) {
	if b, ok := w.(*bytes.Buffer); ok {
		quoted(b, s)
		return
	}
	graphql.MarshalString(s).MarshalGQL(w)
}
