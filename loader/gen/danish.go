package gen

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var monthNames = [...]string{"", "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

var weekdayNames = [...]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}

// date is a calendar day in UTC.
type date = time.Time

func day(y, m, d int) date { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// iso is "2024-06-19".
func iso(t date) string { return t.Format("2006-01-02") }

// dmy is "19-06-2024", as in "REFERAT ... d. 19-06-2024".
func dmy(t date) string { return t.Format("02-01-2006") }

// longDate is "19. juni 2024".
func longDate(t date) string {
	return strconv.Itoa(t.Day()) + ". " + monthNames[t.Month()] + " " + strconv.Itoa(t.Year())
}

// weekdayDate is "Onsdag d. 19. juni 2024".
func weekdayDate(t date) string {
	return capitalise(weekdayNames[t.Weekday()]) + " d. " + longDate(t)
}

// lastDayOf is the last day of t's month.
func lastDayOf(y, m int) date { return day(y, m+1, 1).AddDate(0, 0, -1) }

// capitalise upper-cases the first letter.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// groupThousands writes n with "." between groups of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Amount formats. Every amount the generator prints is in one of them, and
// the answer key holds the integer.
const (
	amountKr       = iota // "1.350.000 kr."
	amountMio             // "1,350 mio. kr." / "20 mio. kr."
	amountKrPrefix        // "kr. 8.310.111"
)

// formatAmount prints n kroner in the given format. amountMio needs a whole
// number of thousands of at least one million; otherwise amountKr is used.
func formatAmount(n int64, format int) string {
	switch format {
	case amountMio:
		if n >= 1_000_000 && n%1000 == 0 {
			whole, frac := n/1_000_000, (n%1_000_000)/1000
			if frac == 0 {
				return strconv.FormatInt(whole, 10) + " mio. kr."
			}
			f := strconv.FormatInt(frac+1000, 10)[1:] // three digits
			return strconv.FormatInt(whole, 10) + "," + f + " mio. kr."
		}
	case amountKrPrefix:
		return "kr. " + groupThousands(n)
	}
	return groupThousands(n) + " kr."
}

// amountForms lists every way formatAmount can print n.
func amountForms(n int64) []string {
	return []string{formatAmount(n, amountKr), formatAmount(n, amountMio), formatAmount(n, amountKrPrefix)}
}

// slug turns a name into a file-name part: lower case ASCII, æ→ae, ø→oe,
// å→aa, everything else between words a dash.
func slug(s string) string {
	s = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "Æ", "ae", "Ø", "oe", "Å", "aa", "é", "e", "ü", "u", "ö", "oe").Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// joinAnd joins "A, B og C".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " og " + xs[len(xs)-1]
}

// clock is "17:30" for minutes after midnight; dotted gives "17.30".
func clock(min int, dotted bool) string {
	sep := ":"
	if dotted {
		sep = "."
	}
	h, m := min/60, min%60
	return twoDigits(h) + sep + twoDigits(m)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
