package loader

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Organisation and cluster resolution: names as printed in minutes → the
// reference entities they stand for. All rules read the reference skeleton;
// none knows the sample documents.
//
// Organisation IDs:
//
//	org:region:1083                       a region ("Region Syddanmark", "regionen")
//	org:municipality:575                  a municipality ("Vejen Kommune", "Vejen kommune")
//	org:plo, org:plo-syddanmark           PLO and its regional branches ("PLO Syd", "PLO-Nordjylland")
//	org:region:1083:psychiatry            a region's psychiatry ("Psykiatrien", "Psykiatrisygehuset")
//	org:region:1083:sygehus-lillebaelt    hospitals and other regional organisations, scoped by
//	                                      the document's region so that generic names stay apart
//	org:kl, org:aeldresagen               national bodies and patient organisations
type orgRef struct {
	ID             string
	Name           string // canonical name
	Kind           string
	ParentID       string
	MunicipalityID string
	RegionID       string
	Region         string // code of the region it belongs to, "" if unknown
}

var kommuneSuffix = regexp.MustCompile(`\s+(regions)?kommunes?$`)

// municipalityCode finds a municipality by name, with or without "Kommune"
// and with a genitive s ("Københavns Kommune").
func (r *refData) municipalityCode(name string) (string, bool) {
	f := kommuneSuffix.ReplaceAllString(graph.Fold(name), "")
	c, ok := r.muniByName[f]
	return c, ok
}

// regionCode finds a region by its name ("Region Syddanmark").
func (r *refData) regionCode(name string) (string, bool) {
	c, ok := r.regionByName[graph.Fold(name)]
	return c, ok
}

// regionNamed returns the region whose name the text mentions ("Psykiatrien
// i Region Syddanmark").
func (r *refData) regionNamed(text string) string {
	f := " " + graph.Fold(text) + " "
	for _, g := range r.Regions {
		if strings.Contains(f, " "+graph.Fold(g.Name)+" ") {
			return g.Code
		}
	}
	return ""
}

// inferOrgKind guesses the kind of an organisation named only in a person's
// line, when the document's organisation list does not give it.
func inferOrgKind(name string) string {
	f := " " + graph.Fold(name) + " "
	switch {
	case strings.HasPrefix(f, " region "), f == " regionen ":
		return graph.OrgRegion
	case strings.Contains(f, "kommune "):
		return graph.OrgMunicipality
	case strings.HasPrefix(f, " plo "):
		return graph.OrgGPAssociation
	case strings.Contains(f, "psykiatri"):
		return graph.OrgPsychiatry
	case strings.Contains(f, "sygehus"), strings.Contains(f, "hospital"):
		return graph.OrgHospital
	}
	return graph.OrgOther
}

// resolveOrg maps an organisation's name and kind (as the parser gives them;
// kind may be empty) to its ID. docRegion is the region the document is
// about ("" if unknown); it scopes regional organisations and resolves
// "regionen".
func (r *refData) resolveOrg(name, kind, docRegion string) (orgRef, bool) {
	name = strings.TrimSpace(name)
	f := graph.Fold(name)
	if f == "" {
		return orgRef{}, false
	}
	if kind == "" {
		kind = inferOrgKind(name)
	}
	// Regions.
	if code, ok := r.regionCode(name); ok {
		return r.regionOrg(code), true
	}
	if f == "regionen" && docRegion != "" {
		return r.regionOrg(docRegion), true
	}
	if kind == graph.OrgRegion && strings.HasPrefix(f, "region ") {
		// A region not in regions.csv, e.g. Region Østdanmark (from 2027).
		return orgRef{ID: "org:" + slug(name), Name: name, Kind: graph.OrgRegion}, true
	}
	// Municipalities: "X Kommune", or a bare name where the kind says so.
	if kind == graph.OrgMunicipality || kommuneSuffix.MatchString(f) {
		if code, ok := r.municipalityCode(name); ok {
			return r.municipalityOrg(code), true
		}
	}
	// PLO and its regional branches.
	if words := strings.Fields(f); len(words) > 0 && words[0] == "plo" {
		return r.ploOrg(strings.Join(words[1:], " "), name, docRegion), true
	}
	region := r.regionNamed(name)
	if region == "" {
		region = docRegion
	}
	switch kind {
	case graph.OrgPsychiatry:
		if region != "" {
			g := r.regionByCode[region]
			return orgRef{ID: "org:region:" + region + ":psychiatry", Name: "Psykiatrien i " + g.Name, Kind: graph.OrgPsychiatry, ParentID: "org:region:" + region, Region: region}, true
		}
		return orgRef{ID: "org:" + slug(name), Name: name, Kind: kind}, true
	case graph.OrgNationalBody, graph.OrgPatientOrg:
		return orgRef{ID: "org:" + slug(name), Name: name, Kind: kind}, true
	}
	if region != "" {
		return orgRef{ID: "org:region:" + region + ":" + slug(name), Name: name, Kind: kind, Region: region}, true
	}
	return orgRef{ID: "org:" + slug(name), Name: name, Kind: kind}, true
}

func (r *refData) regionOrg(code string) orgRef {
	return orgRef{ID: "org:region:" + code, Name: r.regionByCode[code].Name, Kind: graph.OrgRegion, RegionID: regionID(code), Region: code}
}

func (r *refData) municipalityOrg(code string) orgRef {
	m := r.muniByCode[code]
	return orgRef{ID: "org:municipality:" + code, Name: municipalityOrgName(m), Kind: graph.OrgMunicipality, MunicipalityID: municipalityID(code), Region: m.RegionCode}
}

// ploOrg resolves "PLO" followed by a branch suffix. A suffix names the
// region whose name it starts ("Syd" → Syddanmark, "N" → Nordjylland); when
// several regions fit, the document's region decides; otherwise the branch
// keeps its printed name.
func (r *refData) ploOrg(suffix, printed, docRegion string) orgRef {
	plo := orgRef{ID: "org:plo", Name: "PLO", Kind: graph.OrgGPAssociation}
	if suffix == "" {
		return plo
	}
	var fits []string
	for _, g := range r.Regions {
		if strings.HasPrefix(r.regionSlug[g.Code], strings.ReplaceAll(suffix, " ", "-")) {
			fits = append(fits, g.Code)
		}
	}
	code := ""
	switch {
	case len(fits) == 1:
		code = fits[0]
	case slices.Contains(fits, docRegion):
		code = docRegion
	}
	if code == "" {
		return orgRef{ID: "org:plo-" + slug(suffix), Name: printed, Kind: graph.OrgGPAssociation, ParentID: plo.ID}
	}
	return orgRef{ID: "org:plo-" + r.regionSlug[code], Name: "PLO " + strings.TrimPrefix(r.regionByCode[code].Name, "Region "),
		Kind: graph.OrgGPAssociation, ParentID: plo.ID, Region: code}
}

// regionOfOrg returns the region an organisation ID belongs to, from the ID
// alone ("" if it does not say).
func (r *refData) regionOfOrg(id string) string {
	switch {
	case strings.HasPrefix(id, "org:region:"):
		rest := strings.TrimPrefix(id, "org:region:")
		code, _, _ := strings.Cut(rest, ":")
		if r.regionByCode[code] != nil {
			return code
		}
	case strings.HasPrefix(id, "org:municipality:"):
		if m := r.muniByCode[strings.TrimPrefix(id, "org:municipality:")]; m != nil {
			return m.RegionCode
		}
	case strings.HasPrefix(id, "org:plo-"):
		s := strings.TrimPrefix(id, "org:plo-")
		for code, rs := range r.regionSlug {
			if rs == s {
				return code
			}
		}
	}
	return ""
}

// orgFamily groups organisations whose people may be the same person: a
// region with its hospitals and psychiatry; PLO with its branches. Two
// organisations of different families contradict each other as a person's
// employer; a municipality is its own family.
func orgFamily(id string) string {
	switch {
	case id == "org:plo", strings.HasPrefix(id, "org:plo-"):
		return "plo"
	case strings.HasPrefix(id, "org:region:"):
		rest := strings.TrimPrefix(id, "org:region:")
		code, _, _ := strings.Cut(rest, ":")
		return "region:" + code
	}
	return id
}

// orgsCompatible reports whether two organisation IDs can be the same
// person's: equal, or of one family. Unknown (empty) is compatible with
// anything.
func orgsCompatible(a, b string) bool {
	return a == "" || b == "" || orgFamily(a) == orgFamily(b)
}

// Clusters.

var parenthesised = regexp.MustCompile(`\([^)]*\)`)

var clusterStopWords = map[string]bool{
	"politisk": true, "politiske": true, "fagligt": true, "faglig": true, "faglige": true,
	"strategisk": true, "strategiske": true, "niveau": true, "niveauet": true,
	"det": true, "den": true, "i": true, "for": true, "somatik": true,
	"klynge": true, "klyngen": true, "klynges": true, "klyngens": true, "klynger": true,
	"moede": true, "moedet": true, "referat": true,
}

// clusterKey reduces a cluster or level name to the words that tell
// clusters apart: "Politisk Sundhedsklynge Syd" → "syd", "Det politiske
// niveau i Slagelse Klyngen" → "slagelse", "Aarhusklyngen" → "aarhus".
func clusterKey(s string) string {
	s = parenthesised.ReplaceAllString(s, " ")
	var out []string
	for _, w := range strings.Fields(graph.Fold(s)) {
		if clusterStopWords[w] || strings.HasPrefix(w, "sundhedsklynge") {
			continue
		}
		for _, suf := range []string{"klyngen", "klynges", "klynge"} {
			if t, ok := strings.CutSuffix(w, suf); ok && t != "" {
				w = t
				break
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// clusterCandidates returns the clusters whose name or a variant has the
// same key as s (a genitive s ignored), in the reference's order. The
// reference's keys are computed once (refData.index): computing them for
// every name a document mentions was a tenth of what a load allocated.
func (r *refData) clusterCandidates(s string) []string {
	k := clusterKey(s)
	if k == "" {
		return nil
	}
	is := r.clusterKeys[k]
	if t, ok := strings.CutSuffix(k, "s"); ok && t != "" {
		is = append(slices.Clone(is), r.clusterKeys[t]...)
		slices.Sort(is)
		is = slices.Compact(is)
	}
	out := make([]string, 0, len(is))
	for _, i := range is {
		out = append(out, r.Clusters[i].Code)
	}
	return out
}

// resolveCluster maps a cluster name (or a level's name that contains it) to
// a reference cluster. When the name fits clusters in several regions
// ("Sundhedsklynge Syd"), the document's region decides, then the overlap
// with the municipalities the document names. It reports false when the
// name fits none or the evidence cannot decide.
func (r *refData) resolveCluster(s, docRegion string, munis []string) (string, bool) {
	cands := r.clusterCandidates(s)
	if docRegion != "" {
		cands = slices.DeleteFunc(cands, func(c string) bool { return r.clusterByCode[c].RegionCode != docRegion })
	}
	switch len(cands) {
	case 0:
		return "", false
	case 1:
		return cands[0], true
	}
	best, bestN, tie := "", 0, false
	for _, c := range cands {
		n := 0
		for _, m := range munis {
			if slices.Contains(r.clusterByCode[c].Municipalities, m) {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = c, n, false
		case n == bestN:
			tie = true
		}
	}
	if best == "" || tie {
		return "", false
	}
	return best, true
}

// levelOf reads a cluster level from a body's name.
func levelOf(s string) string {
	f := " " + graph.Fold(s) + " "
	switch {
	case strings.Contains(f, " politisk"):
		return graph.LevelPolitical
	case strings.Contains(f, " faglig") && strings.Contains(f, " strategisk"):
		return graph.LevelProfessionalStrategic
	}
	return ""
}
