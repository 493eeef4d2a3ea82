package graph

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file holds the meaning of the store's operations as pure functions,
// so that every backend gives the same answers: how contributions merge,
// what a fact is related to, how facts sort, match filters and rank in
// search.

// Fold normalises text for matching: lower case, Danish letters spelled out
// (æ→ae, ø→oe, å→aa), accents removed, hyphens and punctuation as spaces,
// white space collapsed.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'æ', 'ä':
			b.WriteString("ae")
		case 'ø', 'ö':
			b.WriteString("oe")
		case 'å':
			b.WriteString("aa")
		case 'é', 'è', 'ê', 'ë':
			b.WriteByte('e')
		case 'á', 'à', 'â':
			b.WriteByte('a')
		case 'ó', 'ò', 'ô':
			b.WriteByte('o')
		case 'ü', 'ú', 'ù':
			b.WriteByte('u')
		case 'í', 'ì', 'ï':
			b.WriteByte('i')
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			} else {
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
		}
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// Contribution is one document's record of a fact.
type Contribution struct {
	Document Document
	Fact     any // a pointer to one of the fact structs
}

// DocumentLess orders documents: reference first, then minutes and cases by
// date and ID, then administrative corrections, so that later contributions
// override earlier ones in Merge.
func DocumentLess(a, b Document) bool { return DocumentCompare(a, b) < 0 }

// DocumentCompare is the three-way form of DocumentLess.
func DocumentCompare(a, b Document) int {
	rank := func(d Document) int {
		switch d.Origin {
		case OriginReference:
			return 0
		case OriginAdmin:
			return 2
		}
		return 1
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Date, b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Merge combines the contributions of one fact (all with the same ID and
// kind) into the fact as read. Contributions are ordered with
// DocumentCompare first. Rules: a later non-empty scalar overrides an earlier
// one; string lists are unioned and sorted; sources are concatenated in
// document order; a bool is true if any contribution says so, except
// Meeting.Planned, which is true only if all do. Special cases: a person's
// Name is the fullest form seen (most words, then longest, then earliest) and
// the other forms become aliases (a name from an administrative correction
// wins outright, and the other forms still become aliases); a membership's StartDate and FirstSeen are
// the earliest, LastSeen the latest.
func Merge(contribs []Contribution) any {
	if len(contribs) == 0 {
		return nil
	}
	cs := slices.Clone(contribs)
	slices.SortStableFunc(cs, func(a, b Contribution) int { return DocumentCompare(a.Document, b.Document) })
	first := reflect.ValueOf(cs[0].Fact).Elem()
	out := reflect.New(first.Type())
	out.Elem().Set(first)
	// Deep-copy slices and maps of the first so the input stays untouched.
	copyContainers(out.Elem())
	for _, c := range cs[1:] {
		mergeInto(out.Elem(), reflect.ValueOf(c.Fact).Elem())
	}
	res := out.Interface()
	switch f := res.(type) {
	case *Person:
		names, adminName := []string{}, ""
		for _, c := range cs {
			p := c.Fact.(*Person)
			names = append(names, p.Name)
			if c.Document.Origin == OriginAdmin && p.Name != "" {
				adminName = p.Name // an administrator's name is final
			}
		}
		f.Name = cmp.Or(adminName, fullestName(names))
		f.Aliases = withoutFold(f.Aliases, f.Name)
		for _, n := range names {
			// A nameless contribution (an administrator's alias
			// correction carries only aliases) adds no alias.
			if n != "" && Fold(n) != Fold(f.Name) && !slices.Contains(f.Aliases, n) {
				f.Aliases = append(f.Aliases, n)
			}
		}
		slices.Sort(f.Aliases)
	case *Membership:
		for _, c := range cs {
			m := c.Fact.(*Membership)
			f.StartDate = minDate(f.StartDate, m.StartDate)
			f.FirstSeen = minDate(f.FirstSeen, m.FirstSeen)
			if m.LastSeen > f.LastSeen {
				f.LastSeen = m.LastSeen
			}
		}
	case *Meeting:
		f.Planned = true
		for _, c := range cs {
			f.Planned = f.Planned && c.Fact.(*Meeting).Planned
		}
	case *Organisation:
		f.Aliases = withoutFold(f.Aliases, f.Name)
	case *Body:
		f.Aliases = withoutFold(f.Aliases, f.Name)
	case *Initiative:
		f.Aliases = withoutFold(f.Aliases, f.Name)
	}
	return res
}

func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func withoutFold(list []string, name string) []string {
	fn := Fold(name)
	out := list[:0:0]
	for _, s := range list {
		if Fold(s) != fn {
			out = append(out, s)
		}
	}
	return out
}

func fullestName(names []string) string {
	best := ""
	for _, n := range names {
		if n == "" {
			continue
		}
		wn, wb := len(strings.Fields(n)), len(strings.Fields(best))
		if best == "" || wn > wb || (wn == wb && utf8.RuneCountInString(n) > utf8.RuneCountInString(best)) {
			best = n
		}
	}
	return best
}

func copyContainers(v reflect.Value) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Slice:
			if !f.IsNil() {
				n := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
				reflect.Copy(n, f)
				f.Set(n)
			}
		case reflect.Map:
			if !f.IsNil() {
				n := reflect.MakeMap(f.Type())
				for _, k := range f.MapKeys() {
					n.SetMapIndex(k, f.MapIndex(k))
				}
				f.Set(n)
			}
		case reflect.Pointer:
			if !f.IsNil() {
				n := reflect.New(f.Type().Elem())
				n.Elem().Set(f.Elem())
				f.Set(n)
			}
		}
	}
}

func mergeInto(dst, src reflect.Value) {
	for i := 0; i < dst.NumField(); i++ {
		d, s := dst.Field(i), src.Field(i)
		switch d.Kind() {
		case reflect.String:
			if s.String() != "" {
				d.SetString(s.String())
			}
		case reflect.Int, reflect.Int64:
			if s.Int() != 0 {
				d.SetInt(s.Int())
			}
		case reflect.Bool:
			d.SetBool(d.Bool() || s.Bool())
		case reflect.Pointer:
			if !s.IsNil() {
				n := reflect.New(s.Type().Elem())
				n.Elem().Set(s.Elem())
				d.Set(n)
			}
		case reflect.Map:
			if s.Len() > 0 {
				if d.IsNil() {
					d.Set(reflect.MakeMap(d.Type()))
				}
				for _, k := range s.MapKeys() {
					d.SetMapIndex(k, s.MapIndex(k))
				}
			}
		case reflect.Slice:
			switch d.Type().Elem().Kind() {
			case reflect.String:
				set := map[string]bool{}
				var out []string
				for _, l := range []reflect.Value{d, s} {
					for j := 0; j < l.Len(); j++ {
						x := l.Index(j).String()
						if !set[x] {
							set[x] = true
							out = append(out, x)
						}
					}
				}
				slices.Sort(out)
				d.Set(reflect.ValueOf(out))
			default: // []Source
				d.Set(reflect.AppendSlice(d, s))
			}
		case reflect.Struct: // time.Time in Document: later wins
			d.Set(s)
		}
	}
}

// Normalize makes a fact's zero-valued lists empty (not nil) and sorts its
// string lists, so that equal facts encode equally.
func Normalize(fact any) {
	v := reflect.ValueOf(fact).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() != reflect.Slice {
			continue
		}
		if f.IsNil() {
			f.Set(reflect.MakeSlice(f.Type(), 0, 0))
		}
		if f.Type().Elem().Kind() == reflect.String {
			s := f.Interface().([]string)
			slices.Sort(s)
		}
	}
}

// IDOf returns a fact's ID.
func IDOf(fact any) string {
	return reflect.ValueOf(fact).Elem().FieldByName("ID").String()
}

// SourcesOf returns a fact's sources (nil for a Document).
func SourcesOf(fact any) []Source {
	f := reflect.ValueOf(fact).Elem().FieldByName("Sources")
	if !f.IsValid() {
		return nil
	}
	return f.Interface().([]Source)
}

// NameOf returns a fact's display name: Name, Title or Date as it has one.
func NameOf(fact any) string {
	switch f := fact.(type) {
	case *AgendaItem:
		return f.Title
	case *Meeting:
		return f.Date
	case *Document:
		return f.FileName
	case *Membership, *Attendance, *Link:
		return ""
	}
	if n := reflect.ValueOf(fact).Elem().FieldByName("Name"); n.IsValid() {
		return n.String()
	}
	return ""
}

// SortKey is the key a fact sorts by in List and Related; keyset cursors are
// built from it. It is unique because it ends with the ID.
func SortKey(fact any) string {
	id := IDOf(fact)
	switch f := fact.(type) {
	case *Region:
		return f.Code + "\x00" + id
	case *Meeting:
		return f.Date + "\x00" + id
	case *AgendaItem:
		return f.MeetingID + "\x00" + fmt.Sprintf("%06d", f.Number) + "\x00" + id
	case *Membership:
		return cmp.Or(f.StartDate, f.FirstSeen) + "\x00" + id
	case *Attendance, *Link:
		return id
	case *Document:
		return f.Date + "\x00" + id
	}
	return Fold(NameOf(fact)) + "\x00" + id
}

// Edge says that a fact is related: Related(Rel, From) includes To.
type Edge struct {
	Rel    Relation
	FromID string
	ToID   string
}

// Edges lists the relations a merged fact takes part in as the related end
// (To is the fact itself, except for facts that point outward, such as a
// Cluster's municipalities). Backends index these to answer Related.
// RelFactsOfDocument is not listed: it follows contributions, not fields.
func Edges(fact any) []Edge {
	var es []Edge
	add := func(rel Relation, from, to string) {
		if from != "" && to != "" {
			es = append(es, Edge{rel, from, to})
		}
	}
	switch f := fact.(type) {
	case *Municipality:
		add(RelMunicipalitiesOfRegion, f.RegionID, f.ID)
		add(RelMunicipalitiesOfCouncil, f.CouncilID, f.ID)
		for _, c := range f.ClusterIDs {
			add(RelMunicipalitiesOfCluster, c, f.ID)
		}
	case *Cluster:
		add(RelClustersOfRegion, f.RegionID, f.ID)
		for _, m := range f.MunicipalityIDs {
			add(RelMunicipalitiesOfCluster, f.ID, m)
		}
	case *HealthCouncil:
		add(RelCouncilsOfRegion, f.RegionID, f.ID)
		for _, m := range f.MunicipalityIDs {
			add(RelMunicipalitiesOfCouncil, f.ID, m)
		}
	case *Organisation:
	case *Person:
		add(RelPeopleOfOrganisation, f.OrganisationID, f.ID)
	case *Body:
		add(RelBodiesOfCluster, f.ClusterID, f.ID)
		add(RelChildBodies, f.ParentID, f.ID)
	case *Meeting:
		add(RelMeetingsOfBody, f.BodyID, f.ID)
		add(RelMeetingsOfCluster, f.ClusterID, f.ID)
		for _, s := range f.Sources {
			add(RelMeetingsOfDocument, s.DocumentID, f.ID)
		}
	case *AgendaItem:
		add(RelItemsOfMeeting, f.MeetingID, f.ID)
	case *Initiative:
		add(RelInitiativesOfCluster, f.ClusterID, f.ID)
		add(RelInitiativesOfBody, f.BodyID, f.ID)
		add(RelInitiativesOfItem, f.ItemID, f.ID)
		add(RelInitiativesOfOwner, f.OwnerID, f.ID)
		for _, o := range f.OrganisationIDs {
			add(RelInitiativesOfOrg, o, f.ID)
		}
	case *Membership:
		add(RelMembershipsOfPerson, f.PersonID, f.ID)
		add(RelMembershipsOfBody, f.BodyID, f.ID)
		add(RelMembershipsOnBehalfOf, f.OnBehalfOfID, f.ID)
	case *Attendance:
		add(RelAttendanceOfPerson, f.PersonID, f.ID)
		add(RelAttendanceOfMeeting, f.MeetingID, f.ID)
		add(RelSubstitutionsFor, f.SubstituteForID, f.ID)
	case *Link:
		add(RelLinksFrom, f.FromID, f.ID)
		add(RelLinksTo, f.ToID, f.ID)
	}
	// Deduplicate (a cluster lists a municipality that also lists it).
	slices.SortFunc(es, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.Rel, b.Rel), cmp.Compare(a.FromID, b.FromID), cmp.Compare(a.ToID, b.ToID))
	})
	return slices.Compact(es)
}

// NameTexts returns the names a fact is found by (name and aliases).
func NameTexts(fact any) []string {
	names := []string{NameOf(fact)}
	switch f := fact.(type) {
	case *Person:
		names = append(names, f.Aliases...)
	case *Organisation:
		names = append(names, f.Aliases...)
	case *Body:
		names = append(names, f.Aliases...)
	case *Initiative:
		names = append(names, f.Aliases...)
	case *Cluster:
		names = append(names, f.Variants...)
	}
	return names
}

// BodyTexts returns the longer texts a fact is found by (an item's case
// number, summary, proposal and decision).
func BodyTexts(fact any) []string {
	if it, ok := fact.(*AgendaItem); ok {
		return []string{it.CaseNumber, it.Summary, it.Proposal, it.DecisionText}
	}
	return nil
}

// SearchText is the folded text Search matches against: names and texts
// joined. Backends may store it to find candidates; ranking is Score's.
func SearchText(fact any) string {
	parts := append(NameTexts(fact), BodyTexts(fact)...)
	return Fold(strings.Join(parts, " | "))
}

// Score ranks a fact for a query (already folded). It returns 0 when some
// word of the query is missing from SearchText. An exact name match scores
// highest, then a name that starts with the query, then a name that
// contains it, then a match in the longer texts.
func Score(fact any, folded string) (float64, string) {
	words := strings.Fields(folded)
	if len(words) == 0 {
		return 0, ""
	}
	all := SearchText(fact)
	for _, w := range words {
		if !strings.Contains(all, w) {
			return 0, ""
		}
	}
	best, snippet := 0.0, ""
	for _, n := range NameTexts(fact) {
		fn := Fold(n)
		s := 0.0
		switch {
		case fn == folded:
			s = 10
		case strings.HasPrefix(fn, folded):
			s = 6
		case strings.Contains(fn, folded):
			s = 4
		default:
			hits := 0
			for _, w := range words {
				if strings.Contains(fn, w) {
					hits++
				}
			}
			s = 3 * float64(hits) / float64(len(words))
		}
		if s > best {
			best, snippet = s, n
		}
	}
	if best < 1 {
		for _, t := range BodyTexts(fact) {
			if t == "" || !strings.Contains(Fold(t), words[0]) {
				continue
			}
			best = 1
			snippet = excerpt(t, words[0])
			break
		}
	}
	if best == 0 {
		best, snippet = 0.5, NameOf(fact)
	}
	return best, snippet
}

// excerpt returns up to about 120 characters of t around the first word that
// folds to contain w.
func excerpt(t, w string) string {
	fs := strings.Fields(t)
	for i, f := range fs {
		if strings.Contains(Fold(f), w) {
			lo, hi := max(0, i-8), min(len(fs), i+12)
			s := strings.Join(fs[lo:hi], " ")
			if lo > 0 {
				s = "… " + s
			}
			if hi < len(fs) {
				s += " …"
			}
			return s
		}
	}
	return ""
}

// RankHits sorts hits by score (high first), then kind, then ID, and cuts
// them to limit.
func RankHits(hits []SearchHit, limit int) []SearchHit {
	slices.SortFunc(hits, func(a, b SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// Matches reports whether a merged fact passes a filter. Call CheckFilter
// first to reject fields the kind does not honour. clusterRegion maps a
// cluster ID to its region ID (for the RegionID filter of meetings and
// initiatives).
func Matches(fact any, f Filter, clusterRegion func(string) string) bool {
	if f.Origin != "" {
		found := false
		for _, s := range SourcesOf(fact) {
			if s.Origin == f.Origin {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if f.NameContains != "" {
		q := Fold(f.NameContains)
		found := false
		for _, n := range NameTexts(fact) {
			if strings.Contains(Fold(n), q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	eq := func(want, have string) bool { return want == "" || want == have }
	switch x := fact.(type) {
	case *Municipality:
		return eq(f.RegionID, x.RegionID) && (f.ClusterID == "" || slices.Contains(x.ClusterIDs, f.ClusterID))
	case *Cluster:
		return eq(f.RegionID, x.RegionID)
	case *HealthCouncil:
		return eq(f.RegionID, x.RegionID)
	case *Organisation:
		return eq(f.Kind, x.Kind)
	case *Body:
		return eq(f.Kind, x.Kind) && eq(f.ClusterID, x.ClusterID) && eq(f.Level, x.Level)
	case *Meeting:
		return eq(f.ClusterID, x.ClusterID) && eq(f.BodyID, x.BodyID) && eq(f.Level, x.Level) &&
			(f.DateFrom == "" || (x.Date != "" && x.Date >= f.DateFrom)) &&
			(f.DateTo == "" || (x.Date != "" && x.Date <= f.DateTo)) &&
			(f.RegionID == "" || (x.ClusterID != "" && clusterRegion(x.ClusterID) == f.RegionID))
	case *Initiative:
		return eq(f.ClusterID, x.ClusterID) && eq(f.OwnerID, x.OwnerID) &&
			(f.RegionID == "" || (x.ClusterID != "" && clusterRegion(x.ClusterID) == f.RegionID)) &&
			(f.AmountMin == nil || (x.AmountDKK != nil && *x.AmountDKK >= *f.AmountMin)) &&
			(f.AmountMax == nil || (x.AmountDKK != nil && *x.AmountDKK <= *f.AmountMax)) &&
			(f.RunningOn == "" || ((x.PeriodStart == "" || x.PeriodStart <= f.RunningOn) && (x.PeriodEnd == "" || x.PeriodEnd >= f.RunningOn)))
	case *Link:
		return eq(f.Kind, x.Type)
	}
	return true
}

// CheckFilter returns an ErrInvalid error if the filter sets a field that
// the kind does not honour.
func CheckFilter(kind Kind, f Filter) error {
	allowed, ok := FilterFields[kind]
	if !ok {
		return Errorf(ErrInvalid, "cannot list facts of kind %q", kind)
	}
	v := reflect.ValueOf(f)
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		if name == "Origin" || v.Field(i).IsZero() || slices.Contains(allowed, name) {
			continue
		}
		return Errorf(ErrInvalid, "filter %s does not apply to %s", name, kind)
	}
	return nil
}

// EncodeCursor and DecodeCursor turn a sort key into an opaque cursor and
// back.
func EncodeCursor(sortKey string) string { return hex.EncodeToString([]byte(sortKey)) }

// DecodeCursor reverses EncodeCursor; a malformed cursor is ErrInvalid.
func DecodeCursor(c string) (string, error) {
	b, err := hex.DecodeString(c)
	if err != nil {
		return "", Errorf(ErrInvalid, "malformed cursor")
	}
	return string(b), nil
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// PageSize returns the page size to use for a requested First.
func PageSize(first int) int {
	switch {
	case first <= 0:
		return DefaultPageSize
	case first > MaxPageSize:
		return MaxPageSize
	}
	return first
}

// ContentHash hashes a list of merged facts canonically (sorted by ID,
// normalised, JSON-encoded), for tests that compare stores or check that a
// reload changed nothing. LoadedAt times are left out.
func ContentHash(facts []any) string {
	type entry struct {
		id string
		b  []byte
	}
	es := make([]entry, 0, len(facts))
	for _, f := range facts {
		if d, ok := f.(*Document); ok {
			c := *d
			c.LoadedAt = time.Time{}
			f = &c
		}
		b, _ := json.Marshal(f)
		es = append(es, entry{IDOf(f), b})
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
	h := sha256.New()
	for _, e := range es {
		h.Write([]byte(e.id))
		h.Write([]byte{0})
		h.Write(e.b)
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FormatAmount formats whole DKK with Danish thousands separators, e.g.
// "1.350.000".
func FormatAmount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
