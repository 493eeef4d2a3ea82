package minutes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// header is what the first lines of a document say about its meeting.
type header struct {
	body     string // as printed after REFERAT, "" if none
	date     string // YYYY-MM-DD
	time     string // HH:MM
	location string
	pos      Pos
	hasREF   bool
}

var (
	referatLine    = regexp.MustCompile(`^(?i:REFERAT)\s+(.+?)(?:\s+(?:d\.|den)\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4}))?\s*$`)
	mødedatoLine   = regexp.MustCompile(`^Mødedato\b\s*:?\s*(.*)$`)
	mødestedLine   = regexp.MustCompile(`^Mødested\b\s*:?\s*(.*)$`)
	hdrClockTime   = regexp.MustCompile(`\bkl\.?\s*(\d{1,2})[:.](\d{2})\b`)
	hdrNumericDate = regexp.MustCompile(`\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b`)
	hdrWordDate    = regexp.MustCompile(`(?i)\b(\d{1,2})\.\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+(\d{4})\b`)
	// hdrClusterName: "Sundhedsklynge Syd", "Sundhedsklyngen Holbæk",
	// "Klynge NORD", "Sundhedsklyngen Nykøbing F", "Aarhusklyngen".
	hdrClusterName = regexp.MustCompile(`\b(?:(?:[Ss]undheds)?[Kk]lynge(?:n)?\s+[\p{Lu}][\p{L}/-]+(?:\s+\p{Lu}\b\.?)?|[\p{Lu}][\p{L}-]*[\p{Ll}]klyngen\b)`)
	// hdrLevelWords and hdrFillerWords are what a heading that names a
	// cluster level may say besides the cluster's name.
	hdrLevelWords  = regexp.MustCompile(`(?i)\b(?:politisk(?:e)?|faglig(?:t|e)?(?:[\s,-]+strategisk(?:e)?)?|niveau(?:et)?|sundhedsklyngen|klyngen|møde(?:t)?|i|for|den|det|ordinært|ekstraordinært)\b`)
	hdrParenthesis = regexp.MustCompile(`\([^()]*\)`)
	// hdrReferatOf: "Referat af møde i Styregruppen for X", "Referat fra
	// mødet i ...": the words before the body's name.
	hdrReferatOf = regexp.MustCompile(`(?i)^(?:af|fra)\s+(?:(?:det\s+)?(?:ordinære\s+|ekstraordinære\s+)?møde(?:t)?\s+i\s+)?`)
)

// isReferatLine reports a "REFERAT <body> d. DD-MM-YYYY" heading.
func isReferatLine(s string) bool {
	return referatLine.MatchString(s) && strings.HasPrefix(strings.ToUpper(s), "REFERAT")
}

// isMeetingDateLine reports a "Mødedato ..." line.
func isMeetingDateLine(s string) bool { return mødedatoLine.MatchString(s) }

// isMeetingPlaceLine reports a "Mødested ..." line.
func isMeetingPlaceLine(s string) bool { return mødestedLine.MatchString(s) }

var hdrMonths = map[string]int{"januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6,
	"juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12}

// headerDate reads the first full date in s ("19-06-2024", "19. juni 2024"),
// falling back to the item stages' parseDate.
func headerDate(s string) string {
	if m := hdrNumericDate.FindStringSubmatch(s); m != nil {
		return ymd(m[3], m[2], m[1])
	}
	if m := hdrWordDate.FindStringSubmatch(s); m != nil {
		return ymd(m[3], strconv.Itoa(hdrMonths[strings.ToLower(m[2])]), m[1])
	}
	if d, ok := parseDate(s, 0); ok {
		return d
	}
	return ""
}

func ymd(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 || yi < 1900 || yi > 2200 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// parseHeader reads the header lines before the first agenda item.
func parseHeader(t *text, firstItem int) header {
	var h header
	end := firstItem - 1
	if firstItem == 0 {
		end = len(t.lines)
	}
	if end > 40 {
		end = 40
	}
	for n := 1; n <= end; n++ {
		s := t.line(n)
		switch {
		case h.body == "" && isReferatLine(s):
			m := referatLine.FindStringSubmatch(s)
			h.body = hdrReferatOf.ReplaceAllString(strings.TrimSpace(m[1]), "")
			h.hasREF = true
			h.pos = t.pos(n, n)
			if m[4] != "" {
				h.date = ymd(m[4], m[3], m[2])
			}
		case isMeetingDateLine(s):
			rest := mødedatoLine.FindStringSubmatch(s)[1]
			if d := headerDate(rest); d != "" {
				h.date = d
			}
			if m := hdrClockTime.FindStringSubmatch(rest); m != nil {
				hh, _ := strconv.Atoi(m[1])
				h.time = fmt.Sprintf("%02d:%s", hh, m[2])
			}
			if h.pos.Line == 0 {
				h.pos = t.pos(n, n)
			}
		case isMeetingPlaceLine(s):
			h.location = strings.TrimSpace(mødestedLine.FindStringSubmatch(s)[1])
		}
	}
	return h
}

// levelOf says which level a body name or phrase names: political,
// professional_strategic or "".
func levelOf(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "fagligt strategisk") || strings.Contains(l, "fagligt-strategisk") ||
		strings.Contains(l, "fagligt, strategisk") || strings.Contains(l, "faglige strategiske") ||
		strings.Contains(l, "faglig strategisk") || strings.Contains(l, "faglig sundhedsklynge"):
		return "professional_strategic"
	case strings.Contains(l, "politisk"):
		return "political"
	}
	return ""
}

// clusterOf finds a cluster's name in s ("Sundhedsklynge X",
// "Sundhedsklyngen X", "Klynge X", "Xklyngen") and returns it as printed.
func clusterOf(s string) string {
	m := hdrClusterName.FindString(s)
	if m == "" || strings.EqualFold(m, "Sundhedsklyngen") {
		return ""
	}
	return strings.TrimRight(m, "-/")
}

// isSubBodyHeading reports whether the body a REFERAT heading names is not
// a cluster or one of its levels but a group below them ("Styregruppen for
// hjertesygdom", "Ad hoc gruppen 'X'", "Temaudvalget om Y"): what is left
// of the heading after the cluster's name, the level words and filler
// words still has words of its own.
func isSubBodyHeading(printed string) bool {
	rest := hdrParenthesis.ReplaceAllString(printed, " ")
	if c := clusterOf(rest); c != "" {
		rest = strings.Replace(rest, c, " ", 1)
	}
	rest = hdrLevelWords.ReplaceAllString(rest, " ")
	for _, w := range strings.Fields(rest) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

var hdrLevelPhrase = map[string]*regexp.Regexp{
	"political":              regexp.MustCompile(`(?i)^\s*[-–]\s*(politisk\s+niveau)\b`),
	"professional_strategic": regexp.MustCompile(`(?i)^\s*[-–]\s*(fagligt[\s,-]+strategisk\s+niveau)\b`),
}

// meetingBody names the body whose meeting the document records, in the
// answer keys' form. A REFERAT heading that names the level is the name as
// printed ("Politisk Sundhedsklynge Syd", "Sundhedsklynge Sydvestjylland -
// Fagligt strategisk niveau"); a heading that names only the cluster is
// completed with the level as the text itself most often writes it after
// the cluster name ("Sundhedsklynge Sønderjylland - Politisk Niveau").
func meetingBody(t *text, printed, cluster, level string) string {
	printed = hdrDashSpaces.ReplaceAllString(strings.TrimSpace(printed), " - ")
	if printed != "" && levelOf(printed) != "" {
		return printed
	}
	base := printed
	if cluster != "" {
		base = cluster
	}
	if base == "" {
		return ""
	}
	if level == "" {
		level = "political"
	}
	re := hdrLevelPhrase[level]
	counts := map[string]int{}
	best, bestN := "", 0
	for i := range t.lines {
		s := t.lines[i]
		for off := 0; ; {
			j := strings.Index(s[off:], base)
			if j < 0 {
				break
			}
			rest := s[off+j+len(base):]
			rest = strings.TrimPrefix(rest, "s")
			if m := re.FindStringSubmatch(rest); m != nil {
				p := strings.Join(strings.Fields(m[1]), " ")
				counts[p]++
				if counts[p] > bestN {
					best, bestN = p, counts[p]
				}
			}
			off += j + len(base)
		}
	}
	if best == "" {
		if level == "professional_strategic" {
			best = "Fagligt strategisk niveau"
		} else {
			best = "Politisk niveau"
		}
	}
	return base + " - " + best
}

var hdrDashSpaces = regexp.MustCompile(`\s+[-–—]\s+`)

// documentLevel decides the level of the meeting when the heading does not
// say: the level the recommendations ("Det indstilles, at ...") address.
func documentLevel(t *text) string {
	pol, fs := 0, 0
	for i := range t.lines {
		s := t.lines[i]
		if !strings.Contains(s, "indstille") {
			continue
		}
		switch levelOf(s) {
		case "political":
			pol++
		case "professional_strategic":
			fs++
		}
	}
	if fs > pol {
		return "professional_strategic"
	}
	if pol > 0 {
		return "political"
	}
	return ""
}
