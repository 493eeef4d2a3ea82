package minutes

import (
	"regexp"
	"strings"
)

// Initiatives: projects, agreements, funding pots and allocations named in
// the items, with the amounts and periods the items give them.

var (
	// quotedName: ”Ulighed i Sundhed”, 'Mening og Mestring', "X", “X”.
	quotedName = regexp.MustCompile(`(?:”([^”]{3,150})”|“([^”]{3,150})”|"([^"]{3,150})"|'([^']{3,150})'|‘([^’]{3,150})’)`)
	// projectName: "projektet Ulighed i sundhed", "klyngeprojektet Kom
	// trygt hjem".
	projectName = regexp.MustCompile(`\b(?:klynge)?projekt(?:et)?\s+(\p{Lu}[^.,;:()”"'\n]{2,120})`)
	// agreementName: "Sundhedsaftalen 2024-2027".
	agreementName = regexp.MustCompile(`\b(Sundhedsaftale(?:n)?\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2}))\b`)
	// fundedPurpose: "afsættes 300.000 kr. af klyngemidlerne til at
	// finansiere samarbejdet om X".
	fundedPurpose = regexp.MustCompile(`^[^.]{0,60}?\btil at (?:finansiere|understøtte|etablere)\s+([^.,;:()]+)`)
	// projectPeriod: "Projektperioden forventes at være 1. november 2024
	// til og med 31. oktober 2026".
	projectPeriod = regexp.MustCompile(`(?i)(?:projekt)?perioden?\s+(?:forventes\s+at\s+være|er|løber)\s+(?:fra\s+)?(.+?)\.?$`)
	endOfPeriod   = regexp.MustCompile(`(?i)(ved udgangen af (?:\p{L}+\s+)?\d{4})`)
	titleProject  = regexp.MustCompile(`(?i)^(?:orientering om|godkendelse af|status på|drøftelse af)?\s*((?:pilot|klynge)?projekt(?:et)?\b.*)$`)
	// agreementWord: "SAM:BO-aftalen".
	agreementWord = regexp.MustCompile(`\b\p{Lu}[\p{Lu}\d:]+-aftalen\b`)
	timeSuffix    = regexp.MustCompile(`(?:\s*-\s*\d+\s*min\.?|,\s*kl\.\s*[\d.:-]+)$`)
)

// parseInitiatives finds the initiatives named in the items.
func parseInitiatives(t *text, items []itemSpan, c *docContext) []Initiative {
	var out []Initiative
	idx := map[string]int{}
	add := func(in Initiative) int {
		k := normName(in.Name)
		if i, ok := idx[k]; ok {
			return i
		}
		if in.Organisations == nil {
			in.Organisations = []string{}
		}
		idx[k] = len(out)
		out = append(out, in)
		return len(out) - 1
	}
	year := c.year
	for _, it := range items {
		if isParticipantItem(it.title) {
			continue
		}
		num := it.number
		main := -1
		title := strings.TrimSpace(timeSuffix.ReplaceAllString(it.title, ""))
		if m := titleProject.FindStringSubmatch(title); m != nil {
			main = add(Initiative{Name: upperFirst(strings.TrimSpace(m[1])), Item: refOf(num), Pos: t.pos(it.start, it.start)})
		}
		inAppendix := false
		for n := it.start + 1; n <= it.end; n++ {
			line := t.line(n)
			if k, ok := headingKind(line); ok {
				inAppendix = k == secAppendix || k == secAbsence
				continue
			}
			if line == "" || inAppendix {
				continue
			}
			for _, m := range agreementName.FindAllStringSubmatch(line, -1) {
				in := Initiative{Name: m[1], Item: refOf(num), Pos: t.pos(n, n)}
				if s, e, ok := parsePeriod(m[2]+"-"+m[3], year); ok {
					in.PeriodStart, in.PeriodEnd = &s, &e
					// One name for "Sundhedsaftale 2024-27" and "Sundhedsaftalen 2024-2027".
					in.Name = "Sundhedsaftalen " + s[:4] + "-" + e[:4]
				}
				add(in)
			}
			for _, m := range quotedName.FindAllStringSubmatchIndex(line, -1) {
				name := ""
				for g := 1; g <= 5; g++ {
					if m[2*g] >= 0 {
						name = strings.TrimSpace(line[m[2*g]:m[2*g+1]])
					}
				}
				before := strings.ToLower(line[:m[0]])
				if strings.Contains(strings.ToLower(line), "arbejdsgrupp") {
					continue // quoted names of working groups are bodies
				}
				if name == "" || strings.HasSuffix(strings.TrimSpace(before), "gruppen") || strings.HasSuffix(strings.TrimSpace(before), "gruppe") {
					continue
				}
				r := []rune(name)
				if len(r) == 0 || !(r[0] >= 'A' && r[0] <= 'Z' || strings.ContainsRune("ÆØÅ", r[0])) {
					continue
				}
				i := add(Initiative{Name: name, Item: refOf(num), Pos: t.pos(n, n)})
				if main < 0 {
					main = i
				}
			}
			for _, m := range agreementWord.FindAllString(line, -1) {
				add(Initiative{Name: m, Item: refOf(num), Pos: t.pos(n, n)})
			}
			for _, m := range projectName.FindAllStringSubmatch(line, -1) {
				name := strings.TrimSpace(clauseWords.ReplaceAllString(m[1], ""))
				if len(name) < 3 {
					continue
				}
				i := add(Initiative{Name: name, Item: refOf(num), Pos: t.pos(n, n)})
				if main < 0 {
					main = i
				}
			}
			// Amounts: a funded purpose names its own initiative; otherwise
			// the amount belongs to the item's main initiative.
			for _, a := range findAmounts(line) {
				v := a.dkk
				after := line[a.end:]
				if m := fundedPurpose.FindStringSubmatch(after); m != nil {
					name := upperFirst(strings.TrimSpace(clauseWords.ReplaceAllString(strings.TrimSpace(m[1]), "")))
					i := add(Initiative{Name: name, Item: refOf(num), Pos: t.pos(n, n)})
					if out[i].AmountDKK == nil {
						out[i].AmountDKK = &v
					}
					if main < 0 {
						main = i
					}
					continue
				}
				if main >= 0 && out[main].AmountDKK == nil && strings.Contains(strings.ToLower(line), "projekt") {
					out[main].AmountDKK = &v
				}
			}
			if main >= 0 {
				if m := projectPeriod.FindStringSubmatch(line); m != nil {
					if s, e, ok := parsePeriod(m[1], year); ok {
						if s != "" {
							out[main].PeriodStart = &s
						}
						out[main].PeriodEnd = &e
					}
				} else if m := endOfPeriod.FindStringSubmatch(line); m != nil && out[main].PeriodEnd == nil {
					if _, e, ok := parsePeriod(m[1], year); ok {
						out[main].PeriodEnd = &e
					}
				}
			}
		}
	}
	return out
}
