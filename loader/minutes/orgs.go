package minutes

import (
	"regexp"
	"strings"
	"unicode"
)

// Organisations: what an organisation's name looks like, its kind, and
// the scan of a document for every organisation it names.

var (
	orgMunicipality = regexp.MustCompile(`^[\p{Lu}][\p{L}]+(?:-[\p{Lu}][\p{L}]+)*\s+(?:[Kk]ommune|Regionskommune)$`)
	orgRegion       = regexp.MustCompile(`^Region\s+[\p{Lu}][\p{L}]+$`)
	orgPLO          = regexp.MustCompile(`^PLO(?:[- ][\p{Lu}][\p{L}]*)?$`)
	orgHospital     = withFoldLits(regexp.MustCompile(`(?i)(sygehus|sygehuse|sygehuset|sygehusene|hospital|hospitalet|universitetshospital|akutmodtagelse)\b`), "ygehu", "pital", "utmodtagel")
	orgPsychiatry   = withFoldLits(regexp.MustCompile(`(?i)^(psykiatrien|psykiatrisygehuset|regionspsykiatrien|psykiatrihospitalet|psykiatrien (?:i )?region \p{L}+|region \p{L}+s psykiatri)$`), "iatri")
	orgPatient      = withFoldLits(regexp.MustCompile(`(?i)(foreningen|forening|ældresagen|danske patienter|kræftens bekæmpelse|patientforening)$`), "forening", "ldre", "patienter", "mpel")
	orgResearch     = withFoldLits(regexp.MustCompile(`(?i)(universitet|forskningscenter|forskningscenter region \p{L}+|forskningsenhed)$`), "univer", "center", "enhed")
	orgOtherSuffix  = withFoldLits(regexp.MustCompile(`(?i)(sekretariat|sundhedssekretariat|sundhedshus|afdelingen|forvaltning|forvaltningen)$`), "retariat", "undhed", "fdeling", "forvaltning")
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
	// orgPlace is a place name, hyphenated ones included ("Ringkøbing-Skjern").
	orgPlace              = `[\p{Lu}][\p{L}]+(?:-[\p{Lu}][\p{L}]+)*`
	orgScanMunicipalities = withLits(regexp.MustCompile(`((?:`+orgPlace+`,\s+)*`+orgPlace+`\s+og\s+)?(`+orgPlace+`)\s+[Kk]ommune(r|rne|s)?\b`), "ommune")
	orgScanRegionMuni     = withLits(regexp.MustCompile(`\b[\p{Lu}][\p{L}]+s\s+Regionskommune\b`), "Regionskommune")
	orgScanRegion         = withLits(regexp.MustCompile(`\bRegion\s+(Syddanmark|Nordjylland|Midtjylland|Sjælland|Hovedstaden)\b`), "Region")
	orgScanPLO            = withLits(regexp.MustCompile(`\bPLO(?:[- ](?:Nordjylland|Syddanmark|Syd|Midtjylland|Sjælland|Hovedstaden|Nord|N|R)\b)?`), "PLO")
	orgScanHospital       = withLits(regexp.MustCompile(`\b(Sygehus\s+[\p{Lu}][\p{L}]+|Regionshospital(?:et)?\s+[\p{Lu}][\p{L}]+|(?:[\p{Lu}][\p{L}]+\s+og\s+)?[\p{Lu}][\p{L}]+(?:\s[\p{Lu}]\.)?\s+(?:Sygehus|Hospital)|[\p{Lu}][\p{L}]+\s+Universitetshospital|[\p{Lu}][\p{L}]+-sygehusene|Psykiatrisygehuset|Psykiatrihospitalet)(?:[^\p{L}]|$)`), "ygehus", "ospital")
	orgScanPsychiatry     = withLits(regexp.MustCompile(`\b(?:Psykiatrien(?:\s+(?:i\s+)?Region\s+[\p{Lu}][\p{L}]+)?|Region\s+[\p{Lu}][\p{L}]+s\s+Psykiatri)(?:[^\p{L}]|$)`), "Psykiatri")
	orgScanPatient        = withLits(regexp.MustCompile(`\b([\p{Lu}][\p{L}]+foreningen|Landsforeningen\s+[\p{Lu}][\p{L}]*|Ældresagen|Danske Patienter|Kræftens Bekæmpelse)(?:[^\p{L}]|$)`), "foreningen", "Ældresagen", "Danske Patienter", "Kræftens Bekæmpelse")
	orgScanResearch       = withLits(regexp.MustCompile(`\b([\p{Lu}][\p{L}]+\s+Universitet|Tværsektorielt Forskningscenter(?:\s+Region\s+[\p{Lu}][\p{L}]+)?)\b`), "Universitet", "Tværsektorielt Forskningscenter")
	// orgScanUnit: secretariats, health houses and departments with a
	// qualifying name ("Fælleskommunalt Sundhedssekretariat", "Fredericia
	// Sundhedshus", "Praksisafdelingen").
	orgScanUnit  = withLits(regexp.MustCompile(`(?:^|[^\p{L}])([\p{Lu}][\p{L}]+\s+(?:[\p{L}]*[Ss]ekretariat|[\p{L}]*[Ss]undhedshus)|[\p{Lu}][\p{L}]+afdelingen(?:\s+i\s+[\p{Lu}][\p{L}]+)?|[\p{Ll}]+afdelingen\s+i\s+[\p{Lu}][\p{L}]+)(?:[^\p{L}]|$)`), "ekretariat", "undhedshus", "afdelingen")
	orgNotPlace  = map[string]bool{"Den": true, "Det": true, "De": true, "Hver": true, "Hvis": true, "Alle": true, "Andre": true, "Øvrige": true, "Enkelte": true, "Samme": true, "Fem": true, "Fire": true, "Tre": true, "To": true, "Både": true, "Begge": true, "Hele": true, "Egen": true, "Anden": true, "Nuværende": true, "Region": true, "Regionens": true, "Klyngens": true, "Sundhedsklyngens": true}
	orgListSplit = regexp.MustCompile(`,\s*|\s+og\b`)
	// orgQualifier is what a longer name of the same organisation adds
	// after the short one: "Psykiatrien" → "Psykiatrien i Region
	// Syddanmark", "Psykiatrien Region Sjælland".
	// orgScanUnder: a body named by its acronym after "i regi af" ("i regi
	// af NordKAP").
	orgScanUnder = withLits(regexp.MustCompile(`\bi\s+regi\s+af\s+([\p{Lu}][\p{L}]*[\p{Lu}][\p{L}]*)\b`), "regi")
	// orgScanFund: "Fonden for almen praksis".
	orgScanFund   = withLits(regexp.MustCompile(`\bFonden\s+for\s+\p{L}+(?:\s+\p{L}+){0,3}`), "Fonden")
	orgClauseWord = regexp.MustCompile(`\s+(?:til|som|der|har|er|og|i|med|at|vil|blev|kan|skal)\b.*$`)
	// orgScanPartner: organisations named as partners, "samarbejde med DGI
	// og DIF", "dialog med MedComm": acronyms, camel-case names and
	// names of two or three capitalised words.
	orgScanPartner    = withLits(regexp.MustCompile(`(?:samarbejde|samarbejdet|dialog|aftale)\s+med\s+((?:`+orgPartnerName+`)(?:(?:,\s*|\s+og\s+)(?:`+orgPartnerName+`))*)`), "samarbejde", "dialog", "aftale")
	orgPartnerName    = `[\p{Lu}][\p{L}]*[\p{Lu}][\p{L}]*|[\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}][\p{Ll}]+){1,2}`
	orgAcronymLike    = regexp.MustCompile(`^[\p{Lu}][\p{L}]*[\p{Lu}][\p{L}]*$`)
	orgScanRegionWord = regexp.MustCompile(`Region\s+[\p{Lu}][\p{L}]+`)
	// orgScanUnitOf: a hospital's unit with its acronym, "Fælles
	// Akutmodtagelse (FAM), Sygehus Lillebælt".
	orgScanUnitOf = withLits(regexp.MustCompile(`((?:[\p{Lu}][\p{L}]+\s+){1,3})\(([\p{Lu}]{2,6})\),\s+`), "),")
	// orgTownAfter: ", Thisted" after a hospital's name inside a list of
	// organisations, so followed by the next one (", Morsø Kommune", " og
	// Region Nordjylland"); "Sygehus Lillebælt, Kolding." names a place.
	orgTownAfter = regexp.MustCompile(`^,\s+([\p{Lu}][\p{Ll}]+(?:-[\p{Lu}][\p{Ll}]+)*)(?:,|\s+og|\s+samt)\s+[\p{Lu}]`)
	orgTown      = regexp.MustCompile(`^[\p{Lu}][\p{L}]+(?:-[\p{Lu}][\p{L}]+)*$`)
	orgQualifier = regexp.MustCompile(`^(?:i\s+\S.*|(?:Region\s+)?[\p{Lu}][\p{L}]+)$`)
)

// scanOrgs finds the organisations a document names, in order of first
// mention, with their kind and position; known adds the ones read from
// participant lines; people are the document's people, whose names are not
// organisations. Short forms of an organisation named in full are kept as
// its aliases (see mergeOrgAliases).
func scanOrgs(t *text, known []Organisation, people []Person) []Organisation {
	isPerson := map[string]bool{}
	for _, p := range people {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			isPerson[fold(n)] = true
		}
	}
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
		// Spans of longer names that contain a region's name, so that
		// "Psykiatrien Region Sjælland" does not also name the region.
		var inside [][]int
		for _, m := range orgScanMunicipalities.FindAllStringSubmatchIndex(s, -1) {
			if m[2] >= 0 && !precededByName(s, m[2]) {
				for _, part := range orgListSplit.Split(strings.TrimSpace(s[m[2]:m[3]]), -1) {
					if part = strings.TrimSpace(part); part != "" && !orgNotPlace[part] && isPlaceName(part) {
						add(part+" Kommune", OrgMunicipality, n)
					}
				}
			}
			if name := s[m[4]:m[5]]; !orgNotPlace[name] && !(m[2] < 0 && precededByRegion(s, m[4])) {
				add(name+" Kommune", OrgMunicipality, n)
			}
		}
		for _, m := range orgScanRegionMuni.FindAllString(s, -1) {
			add(m, OrgMunicipality, n)
		}
		for _, m := range orgScanPsychiatry.FindAllStringIndex(s, -1) {
			name := trimNonLetter(s[m[0]:m[1]])
			inside = append(inside, m)
			add(name, OrgPsychiatry, n)
		}
		for _, m := range orgScanResearch.FindAllStringIndex(s, -1) {
			inside = append(inside, m)
		}
		for _, m := range orgScanRegion.FindAllStringIndex(s, -1) {
			if !within(m, inside) {
				add(s[m[0]:m[1]], OrgRegion, n)
			}
		}
		for _, m := range orgScanPLO.FindAllString(s, -1) {
			add(m, OrgGPAssociation, n)
		}
		for _, mi := range orgScanHospital.FindAllStringSubmatchIndex(s, -1) {
			name := s[mi[2]:mi[3]]
			if tm := orgTownAfter.FindStringSubmatch(s[mi[3]:]); tm != nil && !isOrgName(tm[1]) {
				// "Aalborg Universitetshospital, Thisted, Morsø Kommune og
				// ...": a lone town after a hospital is its unit's place.
				full := name + ", " + tm[1]
				add(full, OrgHospital, n)
				if k, ok := seen[fold(full)]; ok && !containsFold(out[k].Aliases, name) {
					out[k].Aliases = append(out[k].Aliases, name)
				}
				continue
			}
			kind := OrgHospital
			if strings.HasPrefix(name, "Psykiatri") {
				kind = OrgPsychiatry
			}
			ws := strings.Fields(name)
			if len(ws) > 2 && ws[1] == "og" && (orgNotPlace[ws[0]] || isOrgName(ws[0]) || strings.HasSuffix(ws[0], "ommune")) {
				// "... Kommune og Nykøbing F. Sygehus": the list's last item.
				name, ws = strings.Join(ws[2:], " "), ws[2:]
			}
			if len(ws) > 0 && orgNotPlace[ws[0]] {
				continue
			}
			add(name, kind, n)
		}
		for _, m := range orgScanUnitOf.FindAllStringSubmatchIndex(s, -1) {
			rest := s[m[1]:]
			h := orgScanHospital.FindStringSubmatchIndex(rest)
			if h == nil || h[0] != 0 {
				continue
			}
			unit := strings.TrimSpace(s[m[2]:m[3]])
			if ws := strings.Fields(unit); orgNotPlace[ws[0]] {
				unit = strings.Join(ws[1:], " ")
			}
			if unit == "" {
				continue
			}
			name := unit + " (" + s[m[4]:m[5]] + "), " + rest[h[2]:h[3]]
			add(name, OrgHospital, n)
			if k, ok := seen[fold(name)]; ok && !containsFold(out[k].Aliases, s[m[4]:m[5]]) {
				out[k].Aliases = append(out[k].Aliases, s[m[4]:m[5]])
			}
		}
		for _, m := range orgScanPatient.FindAllStringSubmatch(s, -1) {
			add(m[1], OrgPatientOrg, n)
		}
		for _, m := range orgScanResearch.FindAllString(s, -1) {
			add(m, OrgResearch, n)
		}
		for _, m := range orgScanUnit.FindAllStringSubmatch(s, -1) {
			if ws := strings.Fields(m[1]); len(ws) > 0 && !orgNotPlace[ws[0]] {
				add(upperFirst(m[1]), OrgOther, n) // "praksisafdelingen i Regionshuset"
			}
		}
		for _, nb := range nationalBodies {
			if containsWord(s, nb) || containsWord(s, nb+"s") {
				add(nb, OrgNationalBody, n)
			}
		}
		for _, m := range orgScanUnder.FindAllStringSubmatch(s, -1) {
			if len(m[1]) >= 3 && orgKind(m[1]) == "" && !isPerson[fold(m[1])] {
				add(m[1], OrgOther, n)
			}
		}
		for _, m := range orgScanFund.FindAllString(s, -1) {
			add(orgClauseWord.ReplaceAllString(m, ""), OrgOther, n)
		}
		for _, m := range orgScanPartner.FindAllStringSubmatch(s, -1) {
			for _, part := range orgListSplit.Split(m[1], -1) {
				if part = strings.TrimSpace(part); isPartnerName(part) && orgKind(part) == "" && !isPerson[fold(part)] {
					add(part, OrgOther, n)
				}
			}
		}
	}
	return mergeOrgAliases(out)
}

// mergeOrgAliases folds a short form of an organisation into the full
// name of the same kind that the document also prints: a name followed by
// a place ("Psykiatrien" / "Psykiatrien i Region Syddanmark"), one of two
// towns of a hospital ("Esbjerg Sygehus" / "Esbjerg og Grindsted
// Sygehus"), an abbreviated branch ("PLO-N" / "PLO-Nordjylland"). The
// full name is kept, in the place of the first mention of either.
func mergeOrgAliases(in []Organisation) []Organisation {
	into := make([]int, len(in))
	for i := range in {
		into[i] = -1
		if in[i].Kind == OrgMunicipality || in[i].Kind == OrgRegion {
			continue
		}
		for j := range in {
			if i != j && in[j].Kind == in[i].Kind && isShortOrgForm(in[i].Name, in[j].Name) {
				into[i] = j
				break
			}
		}
	}
	// One unit with one acronym named at two hospitals' names ("Fælles
	// Akutmodtagelse (FAM), Sygehus Lillebælt" / "..., Kolding Sygehus").
	for i := range in {
		if into[i] >= 0 {
			continue
		}
		ui := strings.Index(in[i].Name, "), ")
		for j := 0; j < i && ui > 0; j++ {
			if uj := strings.Index(in[j].Name, "), "); uj == ui && in[j].Name[:uj] == in[i].Name[:ui] && into[j] < 0 {
				into[i] = j
				break
			}
		}
	}
	// A region has one psychiatry: "Psykiatrisygehuset", "Psykiatrien" and
	// "Psykiatrien i Region Syddanmark" in one document are one
	// organisation, named by the form that names the region, unless the
	// document names the psychiatry of two regions.
	full, regions := -1, map[string]bool{}
	for i, o := range in {
		if o.Kind != OrgPsychiatry {
			continue
		}
		if r := orgScanRegionWord.FindString(o.Name); r != "" {
			regions[strings.TrimSuffix(r, "s")] = true
			if full < 0 {
				full = i
			}
		}
	}
	if len(regions) <= 1 {
		if full < 0 {
			for i, o := range in {
				if o.Kind == OrgPsychiatry && (full < 0 || len(o.Name) > len(in[full].Name)) {
					full = i
				}
			}
		}
		for i, o := range in {
			if o.Kind == OrgPsychiatry && i != full && into[i] < 0 {
				into[i] = full
			}
		}
	}
	root := func(i int) int {
		for k := 0; into[i] >= 0 && k < len(in); k++ {
			i = into[i]
		}
		return i
	}
	out := make([]Organisation, 0, len(in))
	at := map[int]int{} // root → index in out
	for i := range in {
		r := root(i)
		k, ok := at[r]
		if !ok {
			o := in[r]
			o.Aliases = append([]string(nil), in[r].Aliases...)
			if in[i].Pos.Line > 0 && (o.Pos.Line == 0 || in[i].Pos.Line < o.Pos.Line) {
				o.Pos = in[i].Pos
			}
			at[r] = len(out)
			out = append(out, o)
			k = at[r]
		}
		if i != r {
			o := &out[k]
			for _, a := range append([]string{in[i].Name}, in[i].Aliases...) {
				if fold(a) != fold(o.Name) && !containsFold(o.Aliases, a) {
					o.Aliases = append(o.Aliases, a)
				}
			}
		}
	}
	return out
}

// isShortOrgForm reports whether short is a short form of the organisation
// full names.
func isShortOrgForm(short, full string) bool {
	if fold(short) == fold(full) {
		return false
	}
	if rest, ok := strings.CutPrefix(full, short+" "); ok {
		// (Not "PLO" / "PLO Syddanmark": the association and its branch.)
		return orgQualifier.MatchString(rest) && orgKind(short) != OrgGPAssociation
	}
	if rest, ok := strings.CutPrefix(full, short+", "); ok {
		// "Aalborg Universitetshospital" / "Aalborg Universitetshospital, Thisted".
		return orgTown.MatchString(rest)
	}
	sw, fw := strings.Fields(short), strings.Fields(full)
	// "Esbjerg Sygehus" / "Esbjerg og Grindsted Sygehus".
	if len(sw) == 2 && len(fw) == 4 && fw[1] == "og" && sw[1] == fw[3] && (sw[0] == fw[0] || sw[0] == fw[2]) {
		return true
	}
	// "PLO-N" / "PLO-Nordjylland".
	if sh, sb, ok := strings.Cut(short, "-"); ok {
		if fh, fb, ok := strings.Cut(full, "-"); ok && sh == fh && len(sb) < len(fb) && strings.HasPrefix(fb, sb) && !strings.Contains(fb, " ") {
			return true
		}
	}
	return false
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if fold(x) == fold(s) {
			return true
		}
	}
	return false
}

// isPartnerName reports whether a name in a partner list can be an
// organisation: not a cluster, a body or a project (people are the
// caller's to exclude).
func isPartnerName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || orgNotPlace[ws[0]] {
		return false
	}
	if len(ws) == 1 {
		return orgAcronymLike.MatchString(s) && len(s) >= 3 && !isParty(s)
	}
	for _, w := range ws {
		l := strings.ToLower(w)
		if nameStopWords[l] || strings.Contains(l, "klynge") {
			return false
		}
		for _, suf := range []string{"projekt", "projektet", "aftale", "aftalen", "indsats", "indsatsen", "program", "programmet", "gruppe", "gruppen", "udvalg", "udvalget", "forum", "pulje", "puljen"} {
			if strings.HasSuffix(l, suf) {
				return false
			}
		}
	}
	return true
}

// isPlaceName reports whether a word of a list before "Kommune(r)" can be
// a town ("Middelfart, Vejen og Fredericia kommune") and not a unit or an
// institution ("Praksisafdelingen og Sønderborg Kommune").
func isPlaceName(w string) bool {
	l := strings.ToLower(w)
	for _, suf := range nameStopSuffixes {
		if strings.HasSuffix(l, suf) && len(suf) >= 5 {
			return false
		}
	}
	return !nameStopWords[l]
}

// precededByName reports whether the text before offset i ends in a
// capitalised word ("Region Nordjylland og Aalborg Kommune": the list
// before "og" is not a list of municipalities).
func precededByName(s string, i int) bool {
	ws := strings.Fields(s[:i])
	if len(ws) == 0 {
		return false
	}
	return startsUpper(ws[len(ws)-1])
}

// precededByRegion reports whether the word before offset i is "Region".
func precededByRegion(s string, i int) bool {
	ws := strings.Fields(s[:i])
	return len(ws) > 0 && ws[len(ws)-1] == "Region"
}

// within reports whether span m lies inside one of spans.
func within(m []int, spans [][]int) bool {
	for _, sp := range spans {
		if m[0] >= sp[0] && m[1] <= sp[1] {
			return true
		}
	}
	return false
}

// trimNonLetter cuts a trailing non-letter that a pattern consumed.
func trimNonLetter(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
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
