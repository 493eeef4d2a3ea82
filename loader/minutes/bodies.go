package minutes

import (
	"regexp"
	"strings"
)

// Bodies: the cluster's levels and the groups, fora and committees named
// in the items (styregruppe, implementeringsgruppe, ad hoc gruppe,
// koordinationsforum, temaudvalg, arbejdsgruppe, forretningsudvalg,
// formandskab, sekretariat, other clusters).

// bodyPattern finds one kind of body in running text.
type bodyPattern struct {
	re     litRegexp
	kind   string
	parent string // "cluster", "strategic", "level", "region" or ""
	cut    bool   // cut the name's "for ..." tail at the first clause word
}

// nameTail is the rest of a body's name after "for"/"i": words up to
// punctuation or a word that starts a clause.
const nameTail = `(?:\s+(?:for|om|vedr\.)\s+[^.,;:()\n]+)?`

var bodyPatterns = []bodyPattern{
	{withLits(regexp.MustCompile(`\b[Ii]mplementeringsgruppe(?:n)?\s+for\s+\p{L}+(?:\s*(?:&|og)\s*(?:\p{Lu}\p{L}*|unge|ældre|pleje))*`), "mplementeringsgruppe"), BodyImplementationGroup, "cluster", false},
	{withLits(regexp.MustCompile(`\b[Aa]d[ -]hoc[ -]gruppe(?:n)?\s+(?:'[^']+'|‘[^’]+’|”[^”]+”|"[^"]+")`), "hoc"), BodyAdHocGroup, "strategic", false},
	{withLits(regexp.MustCompile(`\b(?:\p{Lu}\p{L}+\s+|[Pp]olitisk(?:e)?\s+|\p{L}+(?:ets|ens)\s+)?\p{L}*[Ss]tyregruppe(?:n)?\b`+nameTail), "tyregruppe"), BodySteeringGroup, "", true},
	{withLits(regexp.MustCompile(`(?:\p{Ll}+(?:iel|ig|isk)e?\s+){0,2}[Ff]ølgegruppe(?:n)?`), "ølgegruppe"), BodyWorkingGroup, "", false},
	{withLits(regexp.MustCompile(`\b[Kk]oordinerende niveau`), "oordinerende niveau"), BodyCoordinationForum, "strategic", false},
	{withLits(regexp.MustCompile(`\b(?:\p{Lu}\p{L}+\s+)?\p{Lu}\p{L}*forum\b|\b[Kk]oordinationsforum\b`), "forum"), BodyCoordinationForum, "", false},
	{withLits(regexp.MustCompile(`\b\p{Lu}\p{L}*arbejdsgruppe(?:n)?\b|\b[Aa]rbejdsgruppe(?:n)?\s+for\s+[^.,;:()\n]+`), "rbejdsgruppe"), BodyWorkingGroup, "", true},
	{withLits(regexp.MustCompile(`\b[Ff]orretningsudvalg(?:et)?\s+for\s+projektet\s+(?:"[^"]+"|”[^”]+”|'[^']+')`), "orretningsudvalg"), BodySteeringGroup, "cluster", false},
	{withLits(regexp.MustCompile(`\b(?:[Dd]et politiske formandskab|[Ff]ormandskabet\s+(?:i\s+Sundhedsklynge\s+\p{Lu}\p{L}+|for\s+fagligt,?\s+strategisk\s+niveau|på\s+politisk\s+niveau))`), "ormandskab"), BodyOther, "level", false},
	{withLits(regexp.MustCompile(`\b(?:[Dd]riftsgruppen|Revisionsgruppen(?:\s+for\s+[\p{L}:]+)?|Sundhedsdirektørkredsen|Sekretariatet|[Pp]rogramsekretariatet\s+for\s+`+properName+`)\b`), "riftsgruppen", "Revisionsgruppen", "Sundhedsdirektørkredsen", "Sekretariatet", "rogramsekretariatet"), BodyOther, "cluster", false},
	{withLits(regexp.MustCompile(`\b(?:\p{Lu}\p{L}*-\s+og\s+\p{L}*udvalget|\p{Lu}\p{L}*samarbejdsudvalget|[Dd]et?\s+\p{Lu}\p{L}+\s+\p{Lu}\p{L}+\s+Udvalg)\b`), "udvalget", "Udvalg"), BodyOther, "", false},
	{withLits(regexp.MustCompile(`\b[Ss]undhedsråd(?:et)?(?:[^\p{L}]|$)`), "undhedsråd"), BodyOther, "", false},
	{withLits(regexp.MustCompile(`\bSundhedsklynge\s+\p{Lu}\p{L}+`), "Sundhedsklynge"), BodyOther, "region", false},
}

// clauseWords end a body's name: "styregruppen for X til godkendelse".
var clauseWords = regexp.MustCompile(`\s+(?:til|som|der|og|på|vil|har|er|blev|skal|med|fra|ved|inden|hvor|hvis|at|samt|gennemgår|bakke|forslag|giver|ønsker|under|kan|bør|får|gav|arbejder|foreslår|vedrørende|vedr|mv)\b.*$`)

// genericBodyWords are words for a kind of body, not names of one.
var genericBodyWords = map[string]bool{
	"styregruppe": true, "styregruppen": true, "programstyregruppen": true, "programstyregruppe": true,
	"arbejdsgruppe": true, "arbejdsgruppen": true, "forum": true, "følgegruppe": true, "følgegruppen": true,
}

// cutName shortens a body's "for ..." tail at the first word that starts a
// clause ("styregruppen for X til godkendelse").
func cutName(name string) string {
	i := strings.Index(name, " for ")
	if i < 0 {
		return name
	}
	tail := clauseWords.ReplaceAllString(name[i+5:], "")
	return name[:i+5] + lowerIn.ReplaceAllString(tail, "")
}

// lowerIn is an " i <lower-case word>" tail ("for lægedækning i
// processen"); place names are capitalised and stay ("i Sønderjylland").
var lowerIn = regexp.MustCompile(`\s+i\s+\p{Ll}.*$`)

// bodyKey is a body name's comparison form: "styregruppen for" and
// "styregruppe for" name the same body.
func bodyKey(name string) string {
	k := strings.TrimRight(strings.ReplaceAll(normName(name), "gruppen ", "gruppe "), " ")
	k = strings.TrimSuffix(strings.TrimSuffix(k, "n"), "et")
	return strings.ReplaceAll(k, "politiske ", "politisk ")
}

// sameGroup reports whether two names of groups (not levels or clusters)
// name one group: the stems of one name's words all occur in the
// other's ("Arbejdsgruppe for forløbsprogrammet", "arbejdsgruppen for
// udarbejdelsen af forløbsprogrammet"; "Ad hoc gruppen 'Den sidste tid'",
// "Ad hoc gruppen 'Vi rykker sammen om borgere i den sidste tid'").
func sameGroup(a, b Body) bool {
	if a.Kind != b.Kind || a.Kind == BodyOther {
		return false
	}
	x, y := nameStems(a.Name), nameStems(b.Name)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) < 2 || x[0] != y[0] {
		return false // the same head word: "Arbejdsgruppe", "Ad hoc gruppen"
	}
	for _, w := range x {
		found := false
		for _, v := range y {
			if w == v || len(w) >= 3 && len(v) >= 3 && (strings.HasPrefix(v, w) || strings.HasPrefix(w, v)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// parseBodies finds the bodies named in the items, with their kind, parent
// and the first item that names them.
func parseBodies(t *text, items []itemSpan, c *docContext) []Body {
	var out []Body
	idx := map[string]int{}
	add := func(b Body) {
		k := bodyKey(b.Name)
		if _, ok := idx[k]; ok {
			return
		}
		for i := range out {
			if sameGroup(out[i], b) {
				if !contains(out[i].Aliases, b.Name) {
					out[i].Aliases = append(out[i].Aliases, b.Name)
				}
				idx[k] = i
				return
			}
		}
		idx[k] = len(out)
		out = append(out, b)
	}
	strategic, political := levelBodies(c)
	for _, it := range items {
		num := it.number
		participants := isParticipantItem(it.title)
		for n := it.start; n <= it.end; n++ {
			line := t.line(n)
			if line == "" || participants || strings.Contains(strings.ToLower(line), "formand for") {
				continue
			}
			low := strings.ToLower(line)
			if c.body != "" {
				b := Body{Name: c.body, Kind: BodyOther, Item: refOf(num), Pos: t.pos(n, n)}
				if c.cluster != "" {
					b.Parent = refOf(c.cluster)
				}
				add(b)
			}
			if other := otherLevel(c, strategic, political); other != "" && mentionsOtherLevel(low, c) {
				b := Body{Name: other, Kind: BodyOther, Item: refOf(num), Pos: t.pos(n, n)}
				if c.cluster != "" {
					b.Parent = refOf(c.cluster)
				}
				add(b)
			}
			for _, name := range sharedTailGroups(line) {
				add(Body{Name: name, Kind: groupKind(name), Item: refOf(num), Pos: t.pos(n, n)})
			}
			if namedGroupsIntro.MatchString(line) {
				for _, m := range quotedName.FindAllStringSubmatch(line, -1) {
					for _, g := range m[1:] {
						if g != "" {
							add(Body{Name: strings.TrimSpace(g), Kind: BodyWorkingGroup, Item: refOf(num), Pos: t.pos(n, n)})
						}
					}
				}
			}
			for _, p := range bodyPatterns {
				for _, m := range p.re.FindAllString(line, -1) {
					name := strings.TrimSpace(m)
					if p.cut {
						name = cutName(name)
					}
					name = strings.TrimSpace(strings.TrimRight(name, " -–.,;:"))
					ln := strings.ToLower(name)
					if name == "" || genericBodyWords[ln] || len(name) < 5 {
						continue
					}
					if lc := strings.ToLower(c.cluster); lc != "" && (strings.HasPrefix(lc, ln) || ln == lc+"s") {
						continue // the document's own cluster, or a short or genitive form of it
					}
					b := Body{Name: upperFirst(name), Kind: p.kind, Item: refOf(num), Pos: t.pos(n, n)}
					switch p.parent {
					case "cluster":
						if c.cluster != "" {
							b.Parent = refOf(c.cluster)
						}
					case "strategic":
						b.Parent = refOf(strategic)
					case "level":
						if strings.Contains(strings.ToLower(name), "politisk") {
							b.Parent = refOf(political)
						} else if strings.Contains(strings.ToLower(name), "strategisk") {
							b.Parent = refOf(strategic)
						} else if c.cluster != "" {
							b.Parent = refOf(c.cluster)
						}
					}
					add(b)
				}
			}
		}
	}
	return out
}

var (
	// sharedTail: "den nedsatte styregruppe- og arbejdsgruppe for
	// lægedækning" names two groups with one tail.
	sharedTail = withLits(regexp.MustCompile(`\b(\p{L}*gruppe)-\s+og\s+(\p{L}*gruppe)\s+(for\s+[^.,;:()\n]+)`), "gruppe-")
	// namedGroupsIntro: "Der er i regionen nedsat fire arbejdsgrupper:
	// 'A', 'B' samt 'C'".
	namedGroupsIntro = withFoldLits(regexp.MustCompile(`(?i)\b\p{L}*arbejdsgrupper\s*:`), "grupper")
)

// sharedTailGroups returns the groups of a "styregruppe- og
// arbejdsgruppe for X" phrase: "Styregruppe for X", "Arbejdsgruppe for X".
func sharedTailGroups(line string) []string {
	var out []string
	for _, m := range sharedTail.FindAllStringSubmatch(line, -1) {
		tail := cutName("x " + m[3])[2:]
		out = append(out, upperFirst(m[1])+" "+tail, upperFirst(m[2])+" "+tail)
	}
	return out
}

// groupKind is the kind of a group by its head word.
func groupKind(name string) string {
	if strings.Contains(strings.ToLower(name), "styregruppe") {
		return BodySteeringGroup
	}
	return BodyWorkingGroup
}

// levelBodies names the strategic and political levels of the document's
// cluster, keeping the spelling of the document's own body.
func levelBodies(c *docContext) (strategic, political string) {
	return levelBody(c, levelNameStrategic), levelBody(c, levelNamePolitical)
}

// otherLevel is the cluster level that is not the document's own.
func otherLevel(c *docContext, strategic, political string) string {
	switch c.level {
	case "political":
		return strategic
	case "professional_strategic":
		return political
	}
	return ""
}

var (
	strategicMention = regexp.MustCompile(`faglig(?:t|e)?,?\s*(?:-\s*)?strategisk(?:e)?\s+niveau`)
	politicalMention = regexp.MustCompile(`politisk(?:e)?\s+niveau`)
)

// mentionsOtherLevel reports whether a lower-cased line names the level
// that is not the document's own.
func mentionsOtherLevel(low string, c *docContext) bool {
	if c.level == "political" {
		return strategicMention.MatchString(low)
	}
	return politicalMention.MatchString(low)
}

var participantTitle = regexp.MustCompile(`(?i)^(?:deltagerliste|mødedeltagere|deltagere|fremmødte)\b`)

// isParticipantItem reports whether an item only lists participants.
func isParticipantItem(title string) bool { return participantTitle.MatchString(title) }
