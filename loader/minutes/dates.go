package minutes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Danish dates and periods.
//
// parseDate reads one date written the Danish way; parsePeriod reads a span
// of time ("1. november 2024 til og med 31. oktober 2026", "2025-2026",
// "i 2025", "ved udgangen af 2026"). Both return ISO dates (YYYY-MM-DD).
// findDates scans running text for every date in it.

// monthNumber maps Danish month names and their abbreviations (lower case,
// without a trailing dot) to 1..12.
var monthNumber = map[string]int{
	"januar": 1, "jan": 1,
	"februar": 2, "feb": 2, "febr": 2,
	"marts": 3, "mar": 3, "mrt": 3,
	"april": 4, "apr": 4,
	"maj":  5,
	"juni": 6, "jun": 6,
	"juli": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// monthAlt is the alternation of month names for the regexps, longest first
// so that "september" is preferred to "sep".
const monthAlt = `januar|februar|febr|marts|april|maj|juni|juli|august|september|sept|oktober|november|december|jan|feb|mar|mrt|apr|jun|jul|aug|sep|okt|nov|dec`

// weekdayAlt is the alternation of Danish weekday names (with and without
// the letters æ/ø, which some PDFs lose).
const weekdayAlt = `mandag|tirsdag|onsdag|torsdag|fredag|lørdag|lordag|søndag|sondag`

var (
	// dateLead strips "Onsdag d. ", "den ", "d." and similar before a date.
	dateLead = regexp.MustCompile(`(?i)^(?:(?:` + weekdayAlt + `)[\s,]+)?(?:(?:d\.|den)\s*)?`)
	// numericDate: 19-06-2024, 19.06.2024, 19/6/24, 17.02.25.
	numericDate = regexp.MustCompile(`^(\d{1,2})\s*([-./])\s*(\d{1,2})\s*([-./])\s*(\d{4}|\d{2})$`)
	// isoDate: 2024-06-19.
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	// namedDate: 19. juni 2024, 19 juni 2024, 4. apr. 2024, 23. oktober.
	namedDate = regexp.MustCompile(`(?i)^(\d{1,2})\.?\s*(` + monthAlt + `)\.?(?:,?\s*(\d{4}))?$`)
)

// parseDate reads a Danish date ("19. juni 2024", "19-06-2024",
// "d. 4. april", "23. oktober") and returns YYYY-MM-DD; a year-less date
// takes defaultYear (0: not ok). The whole of s must be the date, apart
// from a leading weekday, "d."/"den" and trailing punctuation.
func parseDate(s string, defaultYear int) (string, bool) {
	iso, _, ok := readDate(s, defaultYear)
	return iso, ok
}

// readDate is parseDate that also says whether the year came from
// defaultYear.
func readDate(s string, defaultYear int) (iso string, yearless, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " ,;:)")
	s = strings.TrimSpace(dateLead.ReplaceAllString(s, ""))
	if s == "" {
		return "", false, false
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		iso, ok = isoFrom(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		return iso, false, ok
	}
	if m := numericDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		y := atoi(m[5])
		if len(m[5]) == 2 {
			y += 2000
		}
		iso, ok = isoFrom(y, atoi(m[3]), atoi(m[1]))
		return iso, false, ok
	}
	// A trailing dot after a year ("19. juni 2024.") ends a sentence.
	s = strings.TrimSuffix(s, ".")
	if m := namedDate.FindStringSubmatch(s); m != nil {
		mon := monthNumber[strings.ToLower(m[2])]
		y := defaultYear
		if m[3] != "" {
			y = atoi(m[3])
		}
		if y == 0 {
			return "", false, false
		}
		iso, ok = isoFrom(y, mon, atoi(m[1]))
		return iso, m[3] == "", ok
	}
	return "", false, false
}

// isoFrom validates a calendar date and formats it as YYYY-MM-DD.
func isoFrom(y, m, d int) (string, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// atoi converts a string of at most a few digits; anything else is 0.
func atoi(s string) int {
	if len(s) > 9 {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// lastDay returns the last day of month m in year y.
func lastDay(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateInText finds dates inside running text. The day may be preceded by a
// weekday and "d."; numeric dates must not touch other digits.
var dateInText = withLits(regexp.MustCompile(`(?i)(?:^|[^\p{L}\d.])((?:(?:`+weekdayAlt+`)[\s,]+)?(?:(?:d\.|den)\s*)?(?:\d{1,2}\.?\s*(?:`+monthAlt+`)\b\.?(?:,?\s*\d{4}\b)?|\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}\b))`), "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")

// foundDate is a date found in text: its ISO form and byte offsets of the
// match in the text.
type foundDate struct {
	iso        string
	start, end int
	yearless   bool
}

// findDates returns every date in s, in order; year-less dates take
// defaultYear and are skipped when it is 0.
func findDates(s string, defaultYear int) []foundDate {
	var out []foundDate
	for _, m := range dateInText.FindAllStringSubmatchIndex(s, -1) {
		raw := s[m[2]:m[3]]
		iso, yearless, ok := readDate(raw, defaultYear)
		if !ok {
			continue
		}
		out = append(out, foundDate{iso: iso, start: m[2], end: m[3], yearless: yearless})
	}
	return out
}

var (
	// periodRange: "<date> til og med <date>", "<date> - <date>",
	// "fra <date> til <date>".
	periodSep = regexp.MustCompile(`(?i)\s+(?:til og med|t\.o\.m\.?|til)\s+|\s*[-–—]\s*`)
	// periodLead is "fra", "i perioden" and similar before a period.
	periodLead = regexp.MustCompile(`(?i)^(?:i perioden|perioden|periode|fra)\s+`)
	// yearRange: 2025-2026, 2025 – 2026, 2025/26, 2025-26.
	yearRange = regexp.MustCompile(`(?i)^(?:i\s+|fra\s+|i perioden\s+|perioden\s+)?(\d{4})\s*(?:[-–—/]|til og med|til)\s*(\d{4}|\d{2})$`)
	// singleYear: "2025", "i 2025", "for 2025", "året 2025".
	singleYear = regexp.MustCompile(`(?i)^(?:i|for|året|i løbet af|løbet af)?\s*(\d{4})$`)
	// endOfYear: "ved udgangen af 2026", "inden udgangen af 2026",
	// "senest ved udgangen af 2026", "inden 2026", "frem til 2026".
	endOfYear = regexp.MustCompile(`(?i)^(?:senest\s+)?(?:ved|inden|indtil|til)\s+(?:udgangen|slutningen)\s+af\s+(\d{4})$|^(?:inden|frem til|indtil|til og med)\s+(\d{4})$`)
	// endOfMonth: "ved udgangen af juni 2026".
	endOfMonth = regexp.MustCompile(`(?i)^(?:senest\s+)?(?:ved|inden|indtil|til)\s+(?:udgangen|slutningen)\s+af\s+(` + monthAlt + `)\.?\s+(\d{4})$`)
	// monthYear: "november 2024", "nov. 2024".
	monthYear = regexp.MustCompile(`(?i)^(?:i\s+)?(` + monthAlt + `)\.?\s+(\d{4})$`)
	// monthRange: "november 2024 - oktober 2026" handled via periodRange.
)

// parsePeriod reads a period and returns its first and last day. Years and
// months are widened to their first and last day; a year-less date takes
// year. "ved udgangen af 2026" has no start: start is "".
func parsePeriod(s string, year int) (start, end string, ok bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".,;:"))
	if s == "" || len(s) > 200 {
		return "", "", false
	}
	if m := yearRange.FindStringSubmatch(s); m != nil {
		y1, y2 := atoi(m[1]), atoi(m[2])
		if len(m[2]) == 2 {
			y2 += y1 / 100 * 100
		}
		if y2 < y1 {
			return "", "", false
		}
		a, ok1 := isoFrom(y1, 1, 1)
		b, ok2 := isoFrom(y2, 12, 31)
		if !ok1 || !ok2 {
			return "", "", false
		}
		return a, b, true
	}
	if m := singleYear.FindStringSubmatch(s); m != nil {
		y := atoi(m[1])
		a, ok1 := isoFrom(y, 1, 1)
		b, ok2 := isoFrom(y, 12, 31)
		if !ok1 || !ok2 {
			return "", "", false
		}
		return a, b, true
	}
	if m := endOfYear.FindStringSubmatch(s); m != nil {
		y := m[1] + m[2]
		b, ok := isoFrom(atoi(y), 12, 31)
		if !ok {
			return "", "", false
		}
		return "", b, true
	}
	if m := endOfMonth.FindStringSubmatch(s); m != nil {
		y, mon := atoi(m[2]), monthNumber[strings.ToLower(m[1])]
		if y < 1900 || y > 2200 {
			return "", "", false
		}
		b, ok := isoFrom(y, mon, lastDay(y, mon))
		if !ok {
			return "", "", false
		}
		return "", b, true
	}
	if a, b, ok := monthSpan(s); ok {
		return a, b, true
	}
	if a, b, ok := dateRange(periodLead.ReplaceAllString(s, ""), year); ok {
		return a, b, true
	}
	if d, ok := parseDate(s, year); ok {
		return d, d, true
	}
	return "", "", false
}

// dateRange reads "<from> til og med <to>", trying each separator in turn
// (dates such as 01-11-2024 contain dashes themselves).
func dateRange(s string, year int) (string, string, bool) {
	for _, sep := range periodSep.FindAllStringIndex(s, -1) {
		left, right := strings.TrimSpace(s[:sep[0]]), strings.TrimSpace(s[sep[1]:])
		if left == "" || right == "" {
			continue
		}
		_, rb, ok := pointOrSpan(right, year)
		if !ok {
			continue
		}
		// "1. november til og med 31. oktober 2026": the left side takes
		// the right side's year, or the year before if it would come after.
		la, _, ok := pointOrSpan(left, atoi(rb[:4]))
		if ok && la > rb && !hasYear(left) {
			la, _, ok = pointOrSpan(left, atoi(rb[:4])-1)
		}
		if ok && la <= rb {
			return la, rb, true
		}
	}
	return "", "", false
}

// pointOrSpan reads one end of a period: a date, a month with its year, or
// a year, and returns its first and last day.
func pointOrSpan(s string, year int) (string, string, bool) {
	if d, ok := parseDate(s, year); ok {
		return d, d, true
	}
	if a, b, ok := monthSpan(s); ok {
		return a, b, true
	}
	if m := singleYear.FindStringSubmatch(s); m != nil {
		y := atoi(m[1])
		a, ok1 := isoFrom(y, 1, 1)
		b, ok2 := isoFrom(y, 12, 31)
		if !ok1 || !ok2 {
			return "", "", false
		}
		return a, b, true
	}
	return "", "", false
}

// monthSpan reads "november 2024" as 2024-11-01..2024-11-30.
func monthSpan(s string) (string, string, bool) {
	m := monthYear.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	y, mon := atoi(m[2]), monthNumber[strings.ToLower(m[1])]
	if y < 1900 || y > 2200 {
		return "", "", false
	}
	return fmt.Sprintf("%04d-%02d-01", y, mon), fmt.Sprintf("%04d-%02d-%02d", y, mon, lastDay(y, mon)), true
}

var fourDigits = regexp.MustCompile(`\d{4}`)

// hasYear reports whether s names a year.
func hasYear(s string) bool { return fourDigits.MatchString(s) }
