package minutes

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSize is the largest document Decode accepts, in bytes.
const MaxSize = 10 << 20

// Decode turns the bytes of a document into normalised UTF-8 text:
//
//   - a UTF-8 byte order mark is removed; UTF-16 with a byte order mark is
//     decoded; bytes that are not valid UTF-8 are read as Windows-1252 (a
//     superset of the printable Latin-1 range), so æ, ø and å survive;
//   - CRLF and lone CR become LF, so line numbers stay meaningful;
//   - no-break and other odd spaces become a plain space, zero-width
//     characters and soft hyphens are dropped, tabs are kept;
//   - common decomposed letters (a + combining ring, o + combining
//     diaeresis, e + combining acute, ...) are combined (NFC for the
//     letters Danish text uses).
//
// It rejects, with an *Error naming the file and where it applies the line:
// empty or blank files (ErrEmpty), files over MaxSize (ErrTooLarge), NUL
// bytes or other control characters (ErrBinary), a multi-byte character cut
// off at the end of an otherwise UTF-8 file (ErrTruncated), and text with
// none of the marks of minutes or a committee case (ErrNotMinutes).
func Decode(name string, data []byte) (string, error) {
	if len(data) > MaxSize {
		return "", newError(name, 0, ErrTooLarge, "file is %d bytes, over the limit of %d", len(data), MaxSize)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", newError(name, 0, ErrEmpty, "empty file")
	}
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", invalidUTF8(name, data)
		}
		s = string(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		var err error
		if s, err = decodeUTF16(name, data); err != nil {
			return "", err
		}
	case utf8.Valid(data):
		s = string(data)
	default:
		if err := truncatedUTF8(name, data); err != nil {
			return "", err
		}
		s = decodeWindows1252(data)
	}
	s, err := normalise(name, s)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", newError(name, 0, ErrEmpty, "file has no text")
	}
	if !looksLikeMinutes(s) {
		return "", newError(name, 1, ErrNotMinutes, "text is not minutes: no REFERAT/Mødedato header, no \"Punkt N:\" items and no committee-case sections")
	}
	return s, nil
}

// invalidUTF8 reports a file that declares UTF-8 (by its BOM) but is not.
func invalidUTF8(name string, data []byte) error {
	if err := truncatedUTF8(name, data); err != nil {
		return err
	}
	i := 0
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	return newError(name, lineAt(data, i), ErrBadEncoding, "invalid UTF-8 in a file marked as UTF-8")
}

// truncatedUTF8 reports a file whose only UTF-8 error is a multi-byte
// character cut off at its very end: the download or copy was cut short.
func truncatedUTF8(name string, data []byte) error {
	for k := 1; k <= 3 && k < len(data); k++ {
		head, tail := data[:len(data)-k], data[len(data)-k:]
		if !utf8.Valid(head) || !utf8.RuneStart(tail[0]) || tail[0] < 0xC0 {
			continue
		}
		if !utf8.FullRune(tail) && countMultibyte(head) > 0 {
			return newError(name, lineAt(data, len(data)), ErrTruncated, "document ends in the middle of a character")
		}
	}
	return nil
}

func countMultibyte(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0xC0 {
			n++
		}
	}
	return n
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int {
	if i > len(data) {
		i = len(data)
	}
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

func decodeUTF16(name string, data []byte) (string, error) {
	big := data[0] == 0xFE
	data = data[2:]
	if len(data)%2 != 0 {
		return "", newError(name, 0, ErrTruncated, "UTF-16 text ends in the middle of a character")
	}
	var b strings.Builder
	for i := 0; i+1 < len(data); i += 2 {
		u := uint16(data[i])<<8 | uint16(data[i+1])
		if !big {
			u = uint16(data[i+1])<<8 | uint16(data[i])
		}
		r := rune(u)
		if u >= 0xD800 && u < 0xDC00 && i+3 < len(data) {
			v := uint16(data[i+2])<<8 | uint16(data[i+3])
			if !big {
				v = uint16(data[i+3])<<8 | uint16(data[i+2])
			}
			if v >= 0xDC00 && v < 0xE000 {
				r = (rune(u)-0xD800)<<10 | (rune(v) - 0xDC00) + 0x10000
				i += 2
			}
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// cp1252 maps the bytes 0x80..0x9F of Windows-1252; the rest of the byte
// range is Latin-1. Unassigned bytes map to U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

func decodeWindows1252(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// compose maps a base letter followed by a combining mark to the
// precomposed letter.
var compose = map[[2]rune]rune{
	{'a', '\u030A'}: 'å', {'A', '\u030A'}: 'Å',
	{'a', '\u0308'}: 'ä', {'A', '\u0308'}: 'Ä', {'o', '\u0308'}: 'ö', {'O', '\u0308'}: 'Ö',
	{'u', '\u0308'}: 'ü', {'U', '\u0308'}: 'Ü', {'e', '\u0308'}: 'ë', {'i', '\u0308'}: 'ï',
	{'e', '\u0301'}: 'é', {'E', '\u0301'}: 'É', {'a', '\u0301'}: 'á', {'o', '\u0301'}: 'ó',
	{'i', '\u0301'}: 'í', {'u', '\u0301'}: 'ú', {'y', '\u0301'}: 'ý', {'O', '\u0301'}: 'Ó',
	{'e', '\u0300'}: 'è', {'E', '\u0300'}: 'È', {'a', '\u0300'}: 'à', {'n', '\u0303'}: 'ñ',
	{'o', '\u0338'}: 'ø', {'O', '\u0338'}: 'Ø',
}

// normalise does the character-level clean-up of Decode on valid UTF-8 and
// rejects control characters.
func normalise(name, s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	line := 1
	var prev rune = -1
	flush := func() {
		if prev >= 0 {
			b.WriteRune(prev)
			prev = -1
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			flush()
			b.WriteByte('\n')
			line++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		case r == '\n':
			flush()
			b.WriteByte('\n')
			line++
			continue
		case r == 0:
			return "", newError(name, line, ErrBinary, "NUL byte: binary content, not text")
		case r == '\t':
		case r == '\f' || r == '\v':
			r = ' '
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			return "", newError(name, line, ErrBinary, "control character U+%04X: binary content, not text", r)
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			continue
		case r == '\u00A0' || r == '\u202F' || r == '\u205F' || r == '\u3000' || (r >= '\u2000' && r <= '\u200A'):
			r = ' '
		case r == '\u2028' || r == '\u2029':
			flush()
			b.WriteByte('\n')
			line++
			continue
		case unicode.Is(unicode.Mn, r) && prev >= 0:
			if c, ok := compose[[2]rune{prev, r}]; ok {
				prev = c
				continue
			}
		}
		flush()
		prev = r
	}
	flush()
	return b.String(), nil
}

var (
	minutesMarks = regexp.MustCompile(`(?m)^\s*(REFERAT\b|Referat\b|Mødedato\b|Mødested\b|Mødedeltagere\b|Dagsorden\b|Punkt\s+\d+\s*[:.]|Beslutningstema\b|Sagens\s*$|Sagens indhold\b)`)
)

// looksLikeMinutes reports whether the text has at least one mark of
// minutes (a REFERAT or Mødedato header, a "Punkt N:" heading, a
// participant list) or of a municipal committee case.
func looksLikeMinutes(s string) bool {
	return minutesMarks.MatchString(s)
}
