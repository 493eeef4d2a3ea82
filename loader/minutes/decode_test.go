package minutes

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const minimalMinutes = "REFERAT Sundhedsklynge Lillebælt d. 16-01-2023\n\nMødedato Mandag d. 16. januar 2023 kl. 12:30\n\nPunkt 1: Velkomst\n\nBeslutning\n\nIntet at bemærke.\n"

func TestDecodeNormalises(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"crlf", []byte("REFERAT X d. 01-02-2024\r\nMødested Kolding\r\n"), "REFERAT X d. 01-02-2024\nMødested Kolding\n"},
		{"lone cr", []byte("Punkt 1: A\rB"), "Punkt 1: A\nB"},
		{"bom", []byte("\xEF\xBB\xBFPunkt 1: Æble"), "Punkt 1: Æble"},
		{"nbsp and odd spaces", []byte("Punkt 1:\u00a0Sønderborg\u2009Kommune\u202f"), "Punkt 1: Sønderborg Kommune "},
		{"zero width and soft hyphen", []byte("Punkt 1: Sund\u00adheds\u200bklynge"), "Punkt 1: Sundhedsklynge"},
		{"decomposed letters", []byte("Punkt 1: Lilleba\u030alt, Mo\u0308ller, Re\u0301sume\u0301"), "Punkt 1: Lillebålt, Möller, Résumé"},
		{"windows-1252", []byte("Punkt 1: Bl\xe5 Kors, \xc6ldresagen, S\xf8nderborg \x96 \x80 5"), "Punkt 1: Blå Kors, Ældresagen, Sønderborg – € 5"},
		{"latin-1", []byte("Mødedato\n"[:0]), ""},
		{"utf-16le", append([]byte{0xFF, 0xFE}, utf16le("Punkt 1: Århus")...), "Punkt 1: Århus"},
		{"tabs kept", []byte("Punkt 1: A\tB"), "Punkt 1: A\tB"},
	}
	for _, tt := range tests {
		if len(tt.in) == 0 {
			continue
		}
		got, err := Decode(tt.name, tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// TestDecodeLatin1 reads a whole document in Latin-1: the Danish letters
// survive and it parses like its UTF-8 form.
func TestDecodeLatin1(t *testing.T) {
	var latin1 []byte
	for _, r := range minimalMinutes {
		if r > 0xFF {
			t.Fatalf("not Latin-1: %q", r)
		}
		latin1 = append(latin1, byte(r))
	}
	got, err := Decode("latin1.txt", latin1)
	if err != nil {
		t.Fatal(err)
	}
	if got != minimalMinutes {
		t.Fatalf("got %q", got)
	}
	x, err := Parse("latin1.txt", got)
	if err != nil {
		t.Fatal(err)
	}
	if x.Meetings[0].Body != "Sundhedsklynge Lillebælt - Politisk niveau" || *x.Meetings[0].Date != "2023-01-16" {
		t.Fatalf("meeting %+v", x.Meetings[0])
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		kind ErrorKind
		line int
	}{
		{"empty", nil, ErrEmpty, 0},
		{"blank", []byte(" \n\r\n\t"), ErrEmpty, 0},
		{"bom only", []byte("\xEF\xBB\xBF"), ErrEmpty, 0},
		{"nul bytes", []byte("Punkt 1: A\nB\x00C"), ErrBinary, 2},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, 0},
		{"control char", []byte("REFERAT X\n\nPunkt 1: A\x07"), ErrBinary, 3},
		{"oversize", append([]byte("Punkt 1: A\n"), bytes.Repeat([]byte("x"), MaxSize)...), ErrTooLarge, 0},
		{"truncated utf-8", []byte("Punkt 1: Sønderborg og Tønder\nÆbel\xc3"), ErrTruncated, 2},
		{"not minutes", []byte("Kære alle,\n\nHer er opskriften på æblekage.\n"), ErrNotMinutes, 1},
		{"bad utf-8 after bom", []byte("\xEF\xBB\xBFPunkt 1: A\n\xff\xfe\xfd x"), ErrBadEncoding, 2},
	}
	for _, tt := range tests {
		_, err := Decode(tt.name, tt.in)
		if !errors.Is(err, tt.kind) {
			t.Errorf("%s: got %v, want kind %q", tt.name, err, tt.kind)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: not an *Error: %T", tt.name, err)
			continue
		}
		if e.File != tt.name {
			t.Errorf("%s: file %q", tt.name, e.File)
		}
		if tt.line > 0 && e.Line != tt.line {
			t.Errorf("%s: line %d, want %d", tt.name, e.Line, tt.line)
		}
		if tt.line > 0 && !strings.HasPrefix(err.Error(), tt.name+":"+itoa(tt.line)+": ") {
			t.Errorf("%s: message %q is not file:line: message", tt.name, err.Error())
		}
		for _, other := range []ErrorKind{ErrEmpty, ErrBinary, ErrTooLarge, ErrTruncated, ErrNotMinutes, ErrBadEncoding} {
			if other != tt.kind && errors.Is(err, other) {
				t.Errorf("%s: also matches %q", tt.name, other)
			}
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestDecodeWindows1252Document decodes a Windows-1252 file with æøå and
// curly quotes, then parses it.
func TestDecodeWindows1252Document(t *testing.T) {
	src := "REFERAT Sundhedsklynge S\xf8nderjylland d. 19-06-2024\r\n\r\nM\xf8dedato Onsdag d. 19. juni 2024 kl. 17:30\r\n\r\nM\xf8dested Videom\xf8de\r\n\r\n" +
		"M\xf8dedeltagere Bo Libergren, V, Mads Skau, Haderslev Kommune, Jan Riber Jakobsen, Aabenraa Kommune (Frav\xe6r)\r\n\r\n" +
		"Punkt 1: \x93Ulighed i Sundhed\x94\r\n\r\nBeslutning\r\n\r\nGodkendt.\r\n"
	s, err := Decode("cp1252.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sønderjylland", "Mødested Videomøde", "(Fravær)", "“Ulighed i Sundhed”"} {
		if !strings.Contains(s, want) {
			t.Errorf("decoded text lacks %q", want)
		}
	}
	x, err := Parse("cp1252.txt", s)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Attendance) != 3 || x.Attendance[2].Status != StatusAbsent || x.Attendance[2].Person != "Jan Riber Jakobsen" {
		t.Errorf("attendance %+v", x.Attendance)
	}
	if x.Meetings[0].Location == nil || *x.Meetings[0].Location != "Videomøde" {
		t.Errorf("location %v", x.Meetings[0].Location)
	}
}

func TestParseRejects(t *testing.T) {
	truncated := "REFERAT Sundhedsklynge Syd d. 22-10-2024\n\nIndholdsfortegnelse\n\nVelkomst.....\t3\nKlyngemidler.....\t4\nEventuelt.....\t5\n\nPunkt 1: Velkomst\n\nBeslutning\n\nIndstillingen blev fulgt.\n\nPunkt 2: Klyngemidler\n\nDer er"
	_, err := Parse("cut.txt", truncated)
	var e *Error
	if !errors.Is(err, ErrTruncated) || !errors.As(err, &e) || e.Line != 17 {
		t.Errorf("truncated: %v", err)
	}
	_, err = Parse("prose.txt", "Dette er et brev.\nMed venlig hilsen\n")
	if !errors.Is(err, ErrNotMinutes) {
		t.Errorf("not minutes: %v", err)
	}
}
