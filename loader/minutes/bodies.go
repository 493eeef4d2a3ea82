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
	re     *regexp.Regexp
	kind   string
	parent string // "cluster", "strategic", "level", "region" or ""
	cut    bool   // cut the name's "for ..." tail at the first clause word
}

// nameTail is the rest of a body's name after "for"/"i": words up to
// punctuation or a word that starts a clause.
const nameTail = `(?:\s+(?:for|om|vedr\.)\s+[^.,;:()\n]+)?`

var bodyPatterns = []bodyPattern{
	{regexp.MustCompile(`\b[Ii]mplementeringsgruppe(?:n)?\s+for\s+\p{L}+(?:\s*(?:&|og)\s*(?:\p{Lu}\p{L}*|unge|ældre|pleje))*`), BodyImplementationGroup, "cluster", false},
	{regexp.MustCompile(`\b[Aa]d[ -]hoc[ -]gruppe(?:n)?\s+(?:'[^']+'|‘[^’]+’|”[^”]+”|"[^"]+")`), BodyAdHocGroup, "strategic", false},
	{regexp.MustCompile(`\b(?:\p{Lu}\p{L}+\s+)?\p{L}*[Ss]tyregruppe(?:n)?\b` + nameTail), BodySteeringGroup, "", true},
	{regexp.MustCompile(`\b(?:\p{Lu}\p{L}+\s+)?\p{Lu}\p{L}*forum\b|\b[Kk]oordinationsforum\b`), BodyCoordinationForum, "", false},
	{regexp.MustCompile(`\b\p{Lu}\p{L}*arbejdsgruppe(?:n)?\b|\b[Aa]rbejdsgruppe(?:n)?\s+for\s+[^.,;:()\n]+`), BodyWorkingGroup, "", true},
	{regexp.MustCompile(`\b[Ff]orretningsudvalg(?:et)?\s+for\s+projektet\s+(?:"[^"]+"|”[^”]+”|'[^']+')`), BodySteeringGroup, "cluster", false},
	{regexp.MustCompile(`\b(?:Det politiske formandskab|[Ff]ormandskabet\s+(?:i\s+Sundhedsklynge\s+\p{Lu}\p{L}+|for\s+fagligt,?\s+strategisk\s+niveau|på\s+politisk\s+niveau))`), BodyOther, "level", false},
	{regexp.MustCompile(`\b(?:Driftsgruppen|Revisionsgruppen(?:\s+for\s+[\p{L}:]+)?|Sundhedsdirektørkredsen|Sekretariatet)\b`), BodyOther, "cluster", false},
	{regexp.MustCompile(`\b(?:\p{Lu}\p{L}*-\s+og\s+\p{L}*udvalget|\p{Lu}\p{L}*samarbejdsudvalget|Det\s+\p{Lu}\p{L}+\s+\p{Lu}\p{L}+\s+Udvalg)\b`), BodyOther, "", false},
	{regexp.MustCompile(`\bSundhedsråd\b`), BodyOther, "", false},
	{regexp.MustCompile(`\bSundhedsklynge\s+\p{Lu}\p{L}+`), BodyOther, "region", false},
}

// clauseWords end a body's name: "styregruppen for X til godkendelse".
var clauseWords = regexp.MustCompile(`\s+(?:til|som|der|og|på|vil|har|er|blev|skal|med|fra|ved|inden|hvor|hvis|at|samt|gennemgår|bakke|forslag|giver|ønsker|under|kan|bør|får|gav|arbejder|foreslår|vedrørende|vedr|mv)\b.*$`)

// genericBodyWords are words for a kind of body, not names of one.
var genericBodyWords = map[string]bool{
	"styregruppe": true, "styregruppen": true, "programstyregruppen": true, "programstyregruppe": true,
	"arbejdsgruppe": true, "arbejdsgruppen": true, "forum": true,
}

// cutName shortens a body's "for ..." tail at the first word that starts a
// clause ("styregruppen for X til godkendelse").
func cutName(name string) string {
	i := strings.Index(name, " for ")
	if i < 0 {
		return name
	}
	return name[:i+5] + clauseWords.ReplaceAllString(name[i+5:], "")
}

// bodyKey is a body name's comparison form: "styregruppen for" and
// "styregruppe for" name the same body.
func bodyKey(name string) string {
	return strings.ReplaceAll(normName(name), "gruppen ", "gruppe ")
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
			for _, p := range bodyPatterns {
				for _, m := range p.re.FindAllString(line, -1) {
					name := strings.TrimSpace(m)
					if p.cut {
						name = cutName(name)
					}
					name = strings.TrimSpace(strings.TrimRight(name, " -–"))
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
