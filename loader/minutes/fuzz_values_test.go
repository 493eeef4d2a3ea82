package minutes

import (
	"fmt"
	"testing"
	"time"
)

// Fuzz targets for the amount, date and period parsers; their seed corpora
// are in testdata/fuzz/. Each checks more than "no panic": what a parser
// accepts must be well-formed and must read back the same.

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1,350 mio. kr.", "1.350.000 kr.", "300.000 kr.", "kr. 8.310.111", "20 mio. kr.", "0,5 mio.", "500,-", "1.2.3 kr.", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseAmount(s)
		if !ok {
			return
		}
		if n < 0 || n > 1e15 {
			t.Fatalf("parseAmount(%q) = %d: out of range", s, n)
		}
		// Written back in the plainest Danish form, it reads the same.
		back := fmt.Sprintf("%s kr.", danishThousands(n))
		if m, ok := parseAmount(back); !ok || m != n {
			t.Fatalf("parseAmount(%q) = %d, but %q reads as %d, %v", s, n, back, m, ok)
		}
	})
}

func danishThousands(n int64) string {
	s := fmt.Sprint(n)
	out := ""
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += "."
		}
		out += string(r)
	}
	return out
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"19-06-2024", "19. juni 2024", "d. 4. april", "Onsdag d. 19. juni 2024", "23. oktober", "31-04-2024", "29. februar 2025"} {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		d, ok := parseDate(s, year)
		if !ok {
			return
		}
		tm, err := time.Parse("2006-01-02", d)
		if err != nil {
			t.Fatalf("parseDate(%q, %d) = %q: not a date: %v", s, year, d, err)
		}
		// The same day written as DD-MM-YYYY reads back to itself.
		if back, ok := parseDate(tm.Format("02-01-2006"), 0); !ok || back != d {
			t.Fatalf("parseDate(%q) = %q, but %q reads as %q, %v", s, d, tm.Format("02-01-2006"), back, ok)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"1. november 2024 til og med 31. oktober 2026", "2025-2026", "i 2025", "ved udgangen af 2026", "0000-2000"} {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		start, end, ok := parsePeriod(s, year)
		if !ok {
			if start != "" || end != "" {
				t.Fatalf("parsePeriod(%q) failed but returned %q..%q", s, start, end)
			}
			return
		}
		if start == "" && end == "" {
			t.Fatalf("parsePeriod(%q) succeeded with neither start nor end", s)
		}
		for _, d := range []string{start, end} {
			if d == "" {
				continue
			}
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Fatalf("parsePeriod(%q) = %q..%q: %q is not a date", s, start, end, d)
			}
		}
		if start != "" && end != "" && start > end {
			t.Fatalf("parsePeriod(%q) = %q..%q: starts after it ends", s, start, end)
		}
	})
}
