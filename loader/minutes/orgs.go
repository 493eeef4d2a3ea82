package minutes

import (
	"regexp"
	"strings"
)

// Organisations: what an organisation's name looks like, its kind, and
// the scan of a document for every organisation it names.

var (
	orgMunicipality = regexp.MustCompile(`^[\p{Lu}][\p{L}]+(?:-[\p{Lu}][\p{L}]+)*\s+[Kk]ommune$`)
	orgRegion       = regexp.MustCompile(`^Region\s+[\p{Lu}][\p{L}]+$`)
	orgPLO          = regexp.MustCompile(`^PLO(?:[- ][\p{Lu}][\p{L}]*)?$`)
	orgHospital     = regexp.MustCompile(`(?i)(sygehus|sygehuse|sygehuset|sygehusene|hospital|hospitalet|universitetshospital|akutmodtagelse)\b`)
	orgPsychiatry   = regexp.MustCompile(`(?i)^(psykiatrien|psykiatrisygehuset|regionspsykiatrien|psykiatrihospitalet|psykiatrien i region \p{L}+)$`)
	orgPatient      = regexp.MustCompile(`(?i)(foreningen|forening|ældresagen|danske patienter|kræftens bekæmpelse|patientforening)$`)
	orgResearch     = regexp.MustCompile(`(?i)(universitet|forskningscenter|forskningscenter region \p{L}+|forskningsenhed)$`)
	orgOtherSuffix  = regexp.MustCompile(`(?i)(sekretariat|sundhedssekretariat|sundhedshus|afdelingen|forvaltning|forvaltningen)$`)
)

// nationalBodies are national institutions the minutes name.
var nationalBodies = []string{"KL", "Danske Regioner", "Sundhedsministeriet", "Indenrigs- og Sundhedsministeriet",
	"Sundhedsstyrelsen", "Regeringen", "Folketinget", "Behandlingsrådet", "Sundhedsdatastyrelsen", "Lægemiddelstyrelsen",
	"Styrelsen for Patientsikkerhed", "Digitaliseringsstyrelsen"}

// orgKind classifies an organisation name; "" if it does not look like an
// organisation.
func orgKind(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case orgMunicipality.MatchString(s):
		return OrgMunicipality
	case orgRegion.MatchString(s):
		return OrgRegion
	case orgPLO.MatchString(s):
		return OrgGPAssociation
	case orgPsychiatry.MatchString(s):
		return OrgPsychiatry
	case orgHospital.MatchString(s) && startsUpper(s):
		return OrgHospital
	case orgPatient.MatchString(s) && startsUpper(s):
		return OrgPatientOrg
	case orgResearch.MatchString(s) && startsUpper(s):
		return OrgResearch
	case orgOtherSuffix.MatchString(s) && startsUpper(s):
		return OrgOther
	}
	for _, n := range nationalBodies {
		if s == n {
			return OrgNationalBody
		}
	}
	return ""
}

// isOrgName reports whether s names an organisation.
func isOrgName(s string) bool { return orgKind(s) != "" }

// normaliseOrg writes "Rebild kommune" as "Rebild Kommune".
func normaliseOrg(s string) string {
	s = strings.Join(strings.Fields(strings.Trim(s, " .,;:")), " ")
	if strings.HasSuffix(s, " kommune") {
		s = strings.TrimSuffix(s, "kommune") + "Kommune"
	}
	return s
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r == 'Æ' || r == 'Ø' || r == 'Å'
	}
	return false
}

var (
	orgScanMunicipalities = regexp.MustCompile(`((?:[\p{Lu}][\p{L}]+,\s+)*[\p{Lu}][\p{L}]+\s+og\s+)?([\p{Lu}][\p{L}]+)\s+[Kk]ommune(r|rne|s)?\b`)
	orgScanRegion         = regexp.MustCompile(`\bRegion\s+(Syddanmark|Nordjylland|Midtjylland|Sjælland|Hovedstaden)\b`)
	orgScanPLO            = regexp.MustCompile(`\bPLO(?:[- ](?:Nordjylland|Syddanmark|Syd|Midtjylland|Sjælland|Hovedstaden|Nord|N|R)\b)?`)
	orgScanHospital       = regexp.MustCompile(`\b(Sygehus\s+[\p{Lu}][\p{L}]+|(?:[\p{Lu}][\p{L}]+\s+og\s+)?[\p{Lu}][\p{L}]+\s+Sygehus|[\p{Lu}][\p{L}]+\s+Universitetshospital|[\p{Lu}][\p{L}]+-sygehusene|Psykiatrisygehuset|Psykiatrihospitalet)\b`)
	orgScanPsychiatry     = regexp.MustCompile(`\bPsykiatrien(?:\s+i\s+Region\s+[\p{Lu}][\p{L}]+)?\b`)
	orgScanPatient        = regexp.MustCompile(`\b([\p{Lu}][\p{L}]+foreningen|Ældresagen|Danske Patienter|Kræftens Bekæmpelse)\b`)
	orgScanResearch       = regexp.MustCompile(`\b([\p{Lu}][\p{L}]+\s+Universitet|Tværsektorielt Forskningscenter(?:\s+Region\s+[\p{Lu}][\p{L}]+)?)\b`)
	orgNotPlace           = map[string]bool{"Den": true, "Det": true, "De": true, "Hver": true, "Hvis": true, "Alle": true, "Andre": true, "Øvrige": true, "Enkelte": true, "Samme": true, "Fem": true, "Fire": true, "Tre": true, "To": true, "Både": true, "Begge": true, "Hele": true, "Egen": true, "Anden": true, "Nuværende": true}
	orgListSplit          = regexp.MustCompile(`,\s*|\s+og\b`)
)

// scanOrgs finds the organisations a document names, in order of first
// mention, with their kind and position; known adds the ones read from
// participant lines.
func scanOrgs(t *text, known []Organisation) []Organisation {
	var out []Organisation
	seen := map[string]int{}
	add := func(name, kind string, n int) {
		name = normaliseOrg(name)
		if name == "" || kind == "" {
			return
		}
		k := fold(name)
		if _, ok := seen[k]; ok {
			return
		}
		seen[k] = len(out)
		out = append(out, Organisation{Name: name, Kind: kind, Pos: t.pos(n, n)})
	}
	for _, o := range known {
		if _, ok := seen[fold(o.Name)]; !ok {
			seen[fold(o.Name)] = len(out)
			out = append(out, o)
		}
	}
	for i := range t.lines {
		n := i + 1
		s := t.line(n)
		if s == "" {
			continue
		}
		for _, m := range orgScanMunicipalities.FindAllStringSubmatch(s, -1) {
			if m[1] != "" {
				for _, part := range orgListSplit.Split(strings.TrimSpace(m[1]), -1) {
					if part = strings.TrimSpace(part); part != "" && !orgNotPlace[part] {
						add(part+" Kommune", OrgMunicipality, n)
					}
				}
			}
			if !orgNotPlace[m[2]] {
				add(m[2]+" Kommune", OrgMunicipality, n)
			}
		}
		for _, m := range orgScanRegion.FindAllString(s, -1) {
			add(m, OrgRegion, n)
		}
		for _, m := range orgScanPLO.FindAllString(s, -1) {
			add(m, OrgGPAssociation, n)
		}
		for _, m := range orgScanPsychiatry.FindAllString(s, -1) {
			add(m, OrgPsychiatry, n)
		}
		for _, m := range orgScanHospital.FindAllString(s, -1) {
			kind := OrgHospital
			if strings.HasPrefix(m, "Psykiatri") {
				kind = OrgPsychiatry
			}
			if ws := strings.Fields(m); len(ws) > 0 && orgNotPlace[ws[0]] {
				continue
			}
			add(m, kind, n)
		}
		for _, m := range orgScanPatient.FindAllString(s, -1) {
			add(m, OrgPatientOrg, n)
		}
		for _, m := range orgScanResearch.FindAllString(s, -1) {
			add(m, OrgResearch, n)
		}
		for _, nb := range nationalBodies {
			if containsWord(s, nb) {
				add(nb, OrgNationalBody, n)
			}
		}
	}
	return out
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before := i == 0 || !isLetterByte(s, i-1, true)
		j := i + len(w)
		after := j >= len(s) || !isLetterByte(s, j, false)
		if before && after {
			return true
		}
		off = i + 1
	}
}

func isLetterByte(s string, i int, backwards bool) bool {
	if backwards {
		for i > 0 && s[i]&0xC0 == 0x80 {
			i--
		}
	}
	r := []rune(s[i:min(len(s), i+4)])
	if len(r) == 0 {
		return false
	}
	c := r[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0xC0
}
