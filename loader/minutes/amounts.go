package minutes

import (
	"regexp"
	"strconv"
	"strings"
)

// thousandsSep removes the thousands separators of an amount's integer
// part. Replacers are made once: building one per amount (and per pot
// period, potPeriodDash) was 1.4% of what a load allocated.
var thousandsSep = strings.NewReplacer(".", "", " ", "")

// Danish amounts of money: "1,350 mio. kr.", "1.350.000 kr.", "kr. 8.310.111",
// "20 mio. kr.", "0,5 mio.", "500 t.kr.", "2 mia. kr.". "." groups
// thousands and "," is the decimal comma.

// maxAmount bounds what parseAmount accepts (10^15 DKK): anything larger is
// not an amount in a health-cluster budget and would risk overflow.
const maxAmount = int64(1e15)

var (
	amountNumber = `(\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,(\d{1,6}|-{1,2}))?`
	amountScale  = `(mio\.?|mill\.?|millioner|million|mia\.?|mrd\.?|milliarder|milliard|t\.\s?kr\.?|tkr\.?|tusind|tusinde)`
	amountCur    = `(?:kr\.?|kroner|dkk)`
	// amountFull is one whole amount; the currency may come first or last.
	amountFull = regexp.MustCompile(`(?i)^(?:` + amountCur + `\s*)?` + amountNumber + `\s*(?:` + amountScale + `\s*)?(?:` + amountCur + `)?$`)
	// amountDotDecimal is the English decimal point before a scale
	// ("1.5 mio."), which Danish texts sometimes use.
	amountDotDecimal = regexp.MustCompile(`(?i)^(?:` + amountCur + `\s*)?(\d+)\.(\d{1,2})\s*` + amountScale + `\s*(?:` + amountCur + `)?$`)
	// amountInText finds amounts in running text: a number with a scale or
	// currency after it, or "kr." before it.
	amountInText = withLits(regexp.MustCompile(`(?i)(?:^|[^\p{L}\d.,])((?:`+amountCur+`\s*\d[\d.]*(?:,\d+)?(?:\s*`+amountScale+`)?)|(?:\d[\d.]*(?: \d{3})*(?:,(?:\d+|-{1,2}))?\s*(?:`+amountScale+`\.?\s*(?:`+amountCur+`)?|`+amountCur+`)))(?:[^\p{L}\d]|$)`), "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
)

// parseAmount reads a Danish amount and returns it in whole kroner. It
// rejects text that is not an amount, malformed digit grouping, negative
// and absurdly large amounts.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ",;:)"))
	if s == "" || len(s) > 60 {
		return 0, false
	}
	var intPart, frac, scale string
	if m := amountFull.FindStringSubmatch(s); m != nil {
		intPart, frac, scale = m[1], m[2], m[3]
	} else if m := amountDotDecimal.FindStringSubmatch(s); m != nil {
		intPart, frac, scale = m[1], m[2], m[3]
	} else {
		return 0, false
	}
	if strings.HasPrefix(frac, "-") {
		frac = "" // "500,-"
	}
	mult := scaleOf(scale)
	if frac != "" && mult == 1 {
		// Øre: only ",00" style fractions are allowed without a scale.
		if strings.Trim(frac, "0") != "" || len(frac) != 2 {
			return 0, false
		}
		frac = ""
	}
	digits := thousandsSep.Replace(intPart)
	if len(digits) > 16 {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > maxAmount/mult {
		return 0, false
	}
	total := n * mult
	if frac != "" {
		f, err := strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return 0, false
		}
		div := int64(1)
		for range len(frac) {
			div *= 10
		}
		total += f * mult / div
	}
	if total > maxAmount {
		return 0, false
	}
	return total, true
}

// scaleOf returns the multiplier a scale word stands for.
func scaleOf(scale string) int64 {
	s := strings.ToLower(strings.ReplaceAll(scale, " ", ""))
	switch {
	case s == "":
		return 1
	case strings.HasPrefix(s, "mia"), strings.HasPrefix(s, "mrd"), strings.HasPrefix(s, "milliard"):
		return 1_000_000_000
	case strings.HasPrefix(s, "mio"), strings.HasPrefix(s, "mill"):
		return 1_000_000
	default: // t.kr., tkr., tusind
		return 1_000
	}
}

// foundAmount is an amount found in text with the byte offsets of its
// match.
type foundAmount struct {
	dkk        int64
	start, end int
}

// findAmounts returns the amounts in running text, in order.
func findAmounts(s string) []foundAmount {
	var out []foundAmount
	for _, m := range amountInText.FindAllStringSubmatchIndex(s, -1) {
		raw, end := s[m[2]:m[3]], m[3]
		v, ok := parseAmount(raw)
		if !ok && strings.HasSuffix(raw, ".") {
			// "udgør kr. 3.966.591." : the full stop ends the sentence.
			raw, end = raw[:len(raw)-1], end-1
			v, ok = parseAmount(raw)
		}
		if ok {
			out = append(out, foundAmount{dkk: v, start: m[2], end: end})
		}
	}
	return out
}
