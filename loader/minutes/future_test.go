package minutes

import (
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

func TestMeetingTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{" kl. 9:00-12:00. Mødet afholdes", "09:00-12:00"},
		{" i tidsrummet kl. 17-20. Deltagerkredsen", "17:00-20:00"},
		{" kl. 10.00 - 12.30", "10:00-12:30"},
		{" kl. 14", "14:00"},
		{" kl. 14 til 16", "14:00-16:00"},
		{" kl 25:00", ""},
		{": Rationel diagnostik", ""},
		{" og der er langt til det punkt hvor der står kl. 10", ""},
	}
	for _, tt := range tests {
		if got := meetingTime(tt.in); got != tt.want {
			t.Errorf("meetingTime(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFutureBody(t *testing.T) {
	c := &docContext{body: "Sundhedsklynge X - Fagligt Strategisk Niveau", cluster: "Sundhedsklynge X", level: "professional_strategic"}
	tests := []struct{ before, want string }{
		{"Koordinationsforum ", "Koordinationsforum"},
		{"Politisk niveau ", "Sundhedsklynge X - Politisk niveau"},
		{"Fagligt strategisk niveau ", "Sundhedsklynge X - Fagligt Strategisk Niveau"},
		{"oplæg på det kommende møde på politisk niveau ", "Sundhedsklynge X - Politisk niveau"},
		{"Der afholdes fælles møde mellem regionen og kommunerne ", "Fælles møde mellem regionen og kommunerne"},
		{"Den endelige dato for Sundhedsklyngemøde i Sundhedsklynge Syd er ", "Sundhedsklyngemøde i Sundhedsklynge Syd"},
		{"på møde ", "Sundhedsklynge X - Fagligt Strategisk Niveau"},
	}
	for _, tt := range tests {
		if got := futureBody(tt.before, c); got != tt.want {
			t.Errorf("futureBody(%q) = %q; want %q", tt.before, got, tt.want)
		}
	}
}

func TestParseFutureMeetingsSynthetic(t *testing.T) {
	src := strings.Join([]string{
		"Punkt 57: Kommende møder",
		"Mødedatoer 2025",
		"- 3. marts 2025 kl. 9-11. Mødet afholdes på Rådhuset.",
		"- 4. april kl. 13:00-15:00. Lokalitet følger.",
		"Politisk niveau havde møde den 2. februar 2025.",
		"Styregruppen har på mødet d. 30. oktober drøftet sagen.",
		"Ansøgningsfristen er den 1. april 2025.",
		"Der er tidligere holdt møde den 1. januar 2024.",
		"Temadag på fagligt strategisk niveau den 5. maj 2025 kl. 12.",
	}, "\n")
	tx := newText("x", src)
	c := &docContext{meetingDate: "2025-01-15", year: 2025, body: "Klynge Y - Politisk niveau", cluster: "Klynge Y", level: "political"}
	got := parseFutureMeetings(tx, splitItems(tx), c)
	want := []struct{ date, body, time, loc string }{
		{"2025-03-03", "Klynge Y - Politisk niveau", "09:00-11:00", "Rådhuset"},
		{"2025-04-04", "Klynge Y - Politisk niveau", "13:00-15:00", "<null>"},
		{"2025-02-02", "Klynge Y - Politisk niveau", "<null>", "<null>"},
		{"2025-05-05", "Klynge Y - Fagligt strategisk niveau", "12:00", "<null>"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d meetings %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Date != w.date || g.Body != w.body || str(g.Time) != w.time || str(g.Location) != w.loc {
			t.Errorf("meeting %d = %s %q %s %s; want %+v", i, g.Date, g.Body, str(g.Time), str(g.Location), w)
		}
	}
	if got := parseFutureMeetings(tx, splitItems(tx), &docContext{}); got != nil {
		t.Errorf("no meeting date: got %+v, want nothing", got)
	}
}

// TestFutureMeetingsBothLevelsOneDay: the two levels meeting on the same
// day are two meetings; a repeat of the date for the same body is not.
func TestFutureMeetingsBothLevelsOneDay(t *testing.T) {
	src := strings.Join([]string{
		"Punkt 6: Næste møde",
		"Næste møde i Klynge MIDT - Fagligt strategisk niveau afholdes mandag d. 9. januar 2023 kl. 09.00-12.00.",
		"Klynge MIDT - Politisk niveau mødes næste gang den 9. januar 2023 kl. 15.00.",
		"Det næste møde den 9. januar 2023 bliver i Aalborg.",
	}, "\n")
	tx := newText("x", src)
	c := &docContext{meetingDate: "2022-11-28", year: 2022, body: "Klynge MIDT - Fagligt strategisk niveau", cluster: "Klynge MIDT", level: "professional_strategic"}
	var got []string
	for _, f := range parseFutureMeetings(tx, splitItems(tx), c) {
		got = append(got, f.Date+" "+f.Body+" "+str(f.Time))
	}
	want := []string{"2023-01-09 Klynge MIDT - Fagligt strategisk niveau 09:00-12:00", "2023-01-09 Klynge MIDT - Politisk niveau 15:00"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("future meetings\n got  %q\n want %q", got, want)
	}
}

// TestFutureMeetingsAgainstKeys checks the sample minutes' announced
// meetings (date, body, time, location) against the answer keys.
func TestFutureMeetingsAgainstKeys(t *testing.T) {
	for _, name := range corpus.Minutes() {
		tx := sampleText(t, name)
		key := sampleKey(t, name)
		if key.Kind != "minutes" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got := parseFutureMeetings(tx, splitItems(tx), sampleContext(key))
			byDate := map[string]FutureMeeting{}
			for _, g := range got {
				byDate[g.Date] = g
			}
			if len(got) != len(key.FutureMeetings) {
				t.Errorf("got %d meetings, want %d: %+v", len(got), len(key.FutureMeetings), got)
			}
			for _, w := range key.FutureMeetings {
				g, ok := byDate[w.Date]
				if !ok {
					t.Errorf("missing meeting on %s", w.Date)
					continue
				}
				if g.Body != w.Body || str(g.Time) != str(w.Time) || str(g.Location) != str(w.Location) {
					t.Errorf("%s: got %q %s %s; want %q %s %s", w.Date, g.Body, str(g.Time), str(g.Location), w.Body, str(w.Time), str(w.Location))
				}
			}
		})
	}
}
