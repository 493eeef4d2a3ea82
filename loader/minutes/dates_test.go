package minutes

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want string
		ok   bool
	}{
		{"19-06-2024", 0, "2024-06-19", true},
		{"19.06.2024", 0, "2024-06-19", true},
		{"19/6/2024", 0, "2024-06-19", true},
		{"30/9/24", 0, "2024-09-30", true},
		{"17.02.25", 0, "2025-02-17", true},
		{"2024-06-19", 0, "2024-06-19", true},
		{"19. juni 2024", 0, "2024-06-19", true},
		{"19 juni 2024", 0, "2024-06-19", true},
		{"19.juni 2024", 0, "2024-06-19", true},
		{"d. 4. april 2024", 0, "2024-04-04", true},
		{"d.4. april 2024", 0, "2024-04-04", true},
		{"den 4. april 2024", 0, "2024-04-04", true},
		{"Onsdag d. 19. juni 2024", 0, "2024-06-19", true},
		{"onsdag den 19. juni 2024", 0, "2024-06-19", true},
		{"Tirsdag, 22. oktober 2024", 0, "2024-10-22", true},
		{"19. JUNI 2024", 0, "2024-06-19", true},
		{"23. oktober", 2024, "2024-10-23", true},
		{"d. 4. april", 2025, "2025-04-04", true},
		{"23. oktober", 0, "", false},
		{"4. apr. 2024", 0, "2024-04-04", true},
		{"4. sept. 2024", 0, "2024-09-04", true},
		{"1. okt 2025", 0, "2025-10-01", true},
		{"28. feb. 2025", 0, "2025-02-28", true},
		{"31. dec 2025.", 0, "2025-12-31", true},
		{"  19. juni 2024, ", 0, "2024-06-19", true},
		{"29. februar 2024", 0, "2024-02-29", true},
		// invalid
		{"29. februar 2025", 0, "", false},
		{"31-04-2024", 0, "", false},
		{"32. januar 2024", 0, "", false},
		{"0. januar 2024", 0, "", false},
		{"19-13-2024", 0, "", false},
		{"19. juno 2024", 0, "", false},
		{"juni 2024", 0, "", false},
		{"2024", 0, "", false},
		{"", 2024, "", false},
		{"d.", 2024, "", false},
		{"kl. 14.05-14.30", 2024, "", false},
		{"19. juni 2024 kl. 10", 0, "", false},
		{"19-06-99999", 0, "", false},
		{"1. januar 1066", 0, "", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.year)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q, %d) = %q, %v; want %q, %v", tt.in, tt.year, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		in       string
		year     int
		want     []string
		yearless []bool
	}{
		{"Næste møde er d. 4. april 2024 kl. 10-12 i Aabenraa.", 0, []string{"2024-04-04"}, []bool{false}},
		{"Mødet den 23. oktober og 19-06-2024", 2024, []string{"2024-10-23", "2024-06-19"}, []bool{true, false}},
		{"Mødet den 23. oktober", 0, nil, nil},
		{"kl. 14.05-14.30 og sag 23/1493", 2024, nil, nil},
		{"REFERAT Styregruppe d. 16-01-2023", 0, []string{"2023-01-16"}, []bool{false}},
		{"Onsdag d. 19. juni 2024", 0, []string{"2024-06-19"}, []bool{false}},
	}
	for _, tt := range tests {
		got := findDates(tt.in, tt.year)
		if len(got) != len(tt.want) {
			t.Errorf("findDates(%q) = %v; want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i].iso != tt.want[i] || got[i].yearless != tt.yearless[i] {
				t.Errorf("findDates(%q)[%d] = %+v; want %s yearless=%v", tt.in, i, got[i], tt.want[i], tt.yearless[i])
			}
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		year       int
		start, end string
		ok         bool
	}{
		{"1. november 2024 til og med 31. oktober 2026", 0, "2024-11-01", "2026-10-31", true},
		{"fra 1. november 2024 til 31. oktober 2026", 0, "2024-11-01", "2026-10-31", true},
		{"1. november til og med 31. oktober 2026", 0, "2025-11-01", "2026-10-31", true},
		{"1. januar til 31. marts 2025", 0, "2025-01-01", "2025-03-31", true},
		{"01-11-2024 - 31-10-2026", 0, "2024-11-01", "2026-10-31", true},
		{"2025-2026", 0, "2025-01-01", "2026-12-31", true},
		{"2025 – 2026", 0, "2025-01-01", "2026-12-31", true},
		{"2025/26", 0, "2025-01-01", "2026-12-31", true},
		{"i 2025", 0, "2025-01-01", "2025-12-31", true},
		{"2025", 0, "2025-01-01", "2025-12-31", true},
		{"ved udgangen af 2026", 0, "", "2026-12-31", true},
		{"inden udgangen af 2026", 0, "", "2026-12-31", true},
		{"ved udgangen af juni 2026", 0, "", "2026-06-30", true},
		{"november 2024", 0, "2024-11-01", "2024-11-30", true},
		{"februar 2024", 0, "2024-02-01", "2024-02-29", true},
		{"november 2024 - oktober 2026", 0, "2024-11-01", "2026-10-31", true},
		{"januar 2025 til og med december 2026", 0, "2025-01-01", "2026-12-31", true},
		{"19. juni 2024", 0, "2024-06-19", "2024-06-19", true},
		{"23. oktober", 2024, "2024-10-23", "2024-10-23", true},
		// invalid
		{"", 0, "", "", false},
		{"2026-2025", 0, "", "", false},
		{"31. oktober 2026 til og med 1. november 2024", 0, "", "", false},
		{"ved udgangen af året", 0, "", "", false},
		{"snart", 0, "", "", false},
		{"i 20255", 0, "", "", false},
		{"23. oktober", 0, "", "", false},
	}
	for _, tt := range tests {
		s, e, ok := parsePeriod(tt.in, tt.year)
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("parsePeriod(%q, %d) = %q, %q, %v; want %q, %q, %v", tt.in, tt.year, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}
