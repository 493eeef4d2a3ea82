package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Corrections are administrators' changes to what the documents say: merge
// two people, split a wrong merge, add or remove an alias, correct a
// membership's dates, and the record of a document loaded through the API.
//
// # Storage
//
// Each correction is one OriginAdmin document, "document:admin-NNNNNN"
// (numbered from 1, zero-padded so that ID order is the order made), holding
// a Link of type LinkCorrection ("link:correction:NNNNNN") whose Props
// "correction" is the Correction as JSON: who, when, what and why. So
// corrections are durable in both backends, ordered after every minutes
// document (DocumentCompare), and a reload of a minutes document never
// touches them. An alias added is also a plain admin contribution to the
// person (Aliases), so that both backends' search and name filters find it.
// Reverting a correction rewrites its document with Reverted set and
// without the contribution; the record stays for the audit list.
//
// # Merges and splits: a read-side view
//
// A merge re-points facts from the absorbed person to the kept one, and a
// split re-points the facts of some documents from a person to a new one.
// Neither rewrites the minutes' contributions: CorrectedStore is a Store
// that wraps a backend and applies the active corrections to every read
// (Get, Related, List, Count, Search), whatever the backend. The loader
// writes through the backend itself, unwrapped, so it resolves people as
// the documents say; the view then maps the resolver's IDs. That is why a
// reload of a source document keeps a merge (the document again contributes
// to the absorbed ID, which the view maps to the kept one), and why a
// revert restores both people at once (nothing was rewritten). Reads of an
// absorbed ID answer the kept person. Every relation that points at a
// person follows the corrections: memberships, attendance (person and
// substitute), links' ends (but not the correction links themselves,
// which record what was done) and initiatives' lead people point at the
// kept person, and a split moves those whose sources are all in its
// documents to the person split off. Lists, counts and search answer the
// corrected people: the absorbed are left out, the person split off is in,
// and names, aliases and sort keys are those of the corrected facts; a
// corrected membership's dates give its sort key. Lists merge the backend's
// page with the few facts the corrections change, so cursors stay keyset
// cursors (EncodeCursor of SortKey) that either store accepts.
//
// # Cache
//
// The active corrections are read once and kept. A read checks them again
// when they are older than MaxAge (DefaultCorrectionsMaxAge): one Get of
// the known correction documents and of the next number's, which sees a
// correction made or reverted by another process or server replica on the
// same database. Only if a document is new, gone or changed (its SHA256) are
// the corrections read again. Apply and Revert always check first, so that
// numbers continue from the newest correction. Two processes applying
// corrections at the same instant may still pick the same number; the later
// write then replaces the earlier (the stores have no conditional write).

// LinkCorrection is the link type that records a correction (From the
// corrected fact, To the other fact involved, if any; Props "correction").
const LinkCorrection = "correction"

// Kinds of correction.
const (
	CorrectionMergePeople     = "merge_people"
	CorrectionSplitPerson     = "split_person"
	CorrectionAddAlias        = "add_alias"
	CorrectionRemoveAlias     = "remove_alias"
	CorrectionMembershipDates = "correct_membership"
	CorrectionLoadDocument    = "load_document"
)

// adminPrefix starts the ID of every correction's document.
const adminPrefix = "document:admin-"

// Correction is one administrative change, as recorded.
type Correction struct {
	ID     string    `json:"id"` // the correction's document, "document:admin-NNNNNN"
	Number int       `json:"number"`
	Kind   string    `json:"kind"`
	Actor  string    `json:"actor"` // the name of the token that made it
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`

	Keep   string `json:"keep,omitempty"`   // merge: the person kept
	Absorb string `json:"absorb,omitempty"` // merge: the person absorbed

	Person      string   `json:"person,omitempty"`      // split, aliases: the person
	Alias       string   `json:"alias,omitempty"`       // aliases
	Documents   []string `json:"documents,omitempty"`   // split: documents whose mentions are another person
	Name        string   `json:"name,omitempty"`        // split: that person's name
	NewPersonID string   `json:"newPersonId,omitempty"` // split: that person's ID

	Membership string `json:"membership,omitempty"` // membership dates
	StartDate  string `json:"startDate,omitempty"`
	EndDate    string `json:"endDate,omitempty"`

	Document string `json:"document,omitempty"` // load: the document loaded
	Replaced bool   `json:"replaced,omitempty"` // load: it replaced an earlier version

	Reverted     bool       `json:"reverted,omitempty"`
	RevertedBy   string     `json:"revertedBy,omitempty"`
	RevertedAt   *time.Time `json:"revertedAt,omitempty"`
	RevertReason string     `json:"revertReason,omitempty"`
}

// CorrectionDocumentID is the ID of correction number n's document.
func CorrectionDocumentID(n int) string { return fmt.Sprintf("%s%06d", adminPrefix, n) }

func correctionLinkID(docID string) string {
	return "link:correction:" + strings.TrimPrefix(docID, adminPrefix)
}

// IsCorrectionDocument reports whether a document ID is a correction's.
func IsCorrectionDocument(id string) bool { return strings.HasPrefix(id, adminPrefix) }

// CorrectionFacts is what a correction's document contributes.
func CorrectionFacts(c Correction) *DocumentFacts {
	body, _ := json.Marshal(c)
	sum := sha256.Sum256(body)
	name := strings.TrimPrefix(c.ID, "document:")
	src := Source{DocumentID: c.ID, FileName: name, SHA256: hex.EncodeToString(sum[:]),
		Origin: OriginAdmin, Quote: c.Summary(), Note: "by " + c.Actor + ": " + c.Reason}
	from, to := c.Keep, c.Absorb
	switch c.Kind {
	case CorrectionSplitPerson:
		from, to = c.Person, c.NewPersonID
	case CorrectionAddAlias, CorrectionRemoveAlias:
		from, to = c.Person, ""
	case CorrectionMembershipDates:
		from, to = c.Membership, ""
	case CorrectionLoadDocument:
		from, to = c.Document, ""
	}
	f := &DocumentFacts{
		Document: Document{ID: c.ID, FileName: name, SHA256: src.SHA256, Kind: DocAdmin,
			Origin: OriginAdmin, Title: c.Summary(), LoadedAt: c.At},
		Links: []Link{{ID: correctionLinkID(c.ID), Type: LinkCorrection, FromID: from, ToID: to,
			Props: map[string]string{"correction": string(body)}, Sources: []Source{src}}},
	}
	if c.Kind == CorrectionAddAlias && !c.Reverted {
		f.People = []Person{{ID: c.Person, Aliases: []string{c.Alias}, Titles: []string{}, Sources: []Source{src}}}
	}
	return f
}

// Summary says in one line what the correction does.
func (c Correction) Summary() string {
	switch c.Kind {
	case CorrectionMergePeople:
		return fmt.Sprintf("merge %s into %s", c.Absorb, c.Keep)
	case CorrectionSplitPerson:
		return fmt.Sprintf("split %s out of %s (%s)", c.NewPersonID, c.Person, strings.Join(c.Documents, ", "))
	case CorrectionAddAlias:
		return fmt.Sprintf("add alias %q to %s", c.Alias, c.Person)
	case CorrectionRemoveAlias:
		return fmt.Sprintf("remove alias %q from %s", c.Alias, c.Person)
	case CorrectionMembershipDates:
		return fmt.Sprintf("dates of %s: %s to %s", c.Membership, c.StartDate, c.EndDate)
	case CorrectionLoadDocument:
		return "load " + c.Document
	}
	return c.Kind
}

// corrState is the active corrections, indexed for reads.
type corrState struct {
	list        []Correction               // all, by number (reverted too)
	keptOf      map[string]string          // absorbed person → the person that absorbed it
	absorbed    map[string][]string        // kept person (final) → every person it absorbed
	splits      map[string][]*Correction   // person → active splits out of it
	splitPerson map[string]*Correction     // person split off → its split
	removed     map[string]map[string]bool // person → folded aliases removed
	dates       map[string]*Correction     // membership → its last date correction
	added       map[string]bool            // people with an alias added

	sums map[string]string // correction document → its SHA256, as read
	next string            // the document the next correction will have

	people      []string        // people whose facts the corrections change (absorbed too), sorted
	memberships []string        // memberships whose dates are corrected, sorted
	changed     map[string]bool // people and memberships
}

func newCorrState(list []Correction, sums map[string]string) *corrState {
	s := &corrState{list: list, keptOf: map[string]string{}, absorbed: map[string][]string{},
		splits: map[string][]*Correction{}, splitPerson: map[string]*Correction{},
		removed: map[string]map[string]bool{}, dates: map[string]*Correction{}, added: map[string]bool{},
		sums: sums, next: CorrectionDocumentID(1), changed: map[string]bool{}}
	if n := len(list); n > 0 {
		s.next = CorrectionDocumentID(list[n-1].Number + 1)
	}
	for i := range list {
		c := &list[i]
		if c.Reverted {
			continue
		}
		switch c.Kind {
		case CorrectionMergePeople:
			s.keptOf[c.Absorb] = c.Keep
		case CorrectionSplitPerson:
			s.splits[c.Person] = append(s.splits[c.Person], c)
			s.splitPerson[c.NewPersonID] = c
		case CorrectionAddAlias:
			delete(s.removed[c.Person], Fold(c.Alias))
			s.added[c.Person] = true
		case CorrectionRemoveAlias:
			if s.removed[c.Person] == nil {
				s.removed[c.Person] = map[string]bool{}
			}
			s.removed[c.Person][Fold(c.Alias)] = true
		case CorrectionMembershipDates:
			s.dates[c.Membership] = c
		}
	}
	for a := range s.keptOf {
		k := s.canon(a)
		s.absorbed[k] = append(s.absorbed[k], a)
	}
	for _, as := range s.absorbed {
		slices.Sort(as)
	}
	for _, m := range []map[string]bool{keys(s.keptOf), keys(s.absorbed), keys(s.splits), keys(s.splitPerson), keys(s.removed), s.added} {
		for id := range m {
			if !s.changed[id] {
				s.changed[id] = true
				s.people = append(s.people, id)
			}
		}
	}
	for id := range s.dates {
		s.changed[id] = true
		s.memberships = append(s.memberships, id)
	}
	slices.Sort(s.people)
	slices.Sort(s.memberships)
	return s
}

func keys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// changedOf lists the facts of a kind whose corrected fact may sort, match
// a filter or score differently from the backend's: people and dated
// memberships. Absorbed people are included (they are to be left out).
func (s *corrState) changedOf(kind Kind) []string {
	switch kind {
	case KindPerson:
		return s.people
	case KindMembership:
		return s.memberships
	}
	return nil
}

// hidden reports whether an ID is an absorbed person, which lists leave out.
func (s *corrState) hidden(id string) bool { _, ok := s.keptOf[id]; return ok }

// active reports whether any correction changes reads.
func (s *corrState) active() bool {
	return len(s.keptOf)+len(s.splits)+len(s.removed)+len(s.dates)+len(s.added) > 0
}

// canon follows merges from a person to the one that finally absorbed it.
func (s *corrState) canon(id string) string {
	for range len(s.keptOf) + 1 {
		k, ok := s.keptOf[id]
		if !ok {
			return id
		}
		id = k
	}
	return id
}

// personOf is the person a membership or attendance of rawID with these
// sources belongs to after splits and merges.
func (s *corrState) personOf(rawID string, sources []Source) string {
	if rawID == "" {
		return ""
	}
	id := rawID
	for _, sp := range s.splits[rawID] {
		if allFrom(sources, sp.Documents) {
			id = sp.NewPersonID
			break
		}
	}
	return s.canon(id)
}

func allFrom(sources []Source, docs []string) bool {
	for _, src := range sources {
		if !slices.Contains(docs, src.DocumentID) {
			return false
		}
	}
	return len(sources) > 0
}

// rawPeople lists the backend's person IDs that make up a person as read.
func (s *corrState) rawPeople(id string) []string {
	k := s.canon(id)
	var out []string
	for _, m := range append([]string{k}, s.absorbed[k]...) {
		if sp := s.splitPerson[m]; sp != nil {
			m = sp.Person
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// personOne is one person as read before merges: a person split off, or a
// person without the documents split off it.
func (s *corrState) personOne(id string, raw map[string]any) *Person {
	if sp := s.splitPerson[id]; sp != nil {
		p, ok := raw[sp.Person].(*Person)
		if !ok {
			return nil
		}
		c := *p
		c.ID, c.Name, c.Aliases = id, sp.Name, []string{}
		c.Sources = filterSources(p.Sources, func(src Source) bool { return slices.Contains(sp.Documents, src.DocumentID) })
		return &c
	}
	p, ok := raw[id].(*Person)
	if !ok {
		return nil
	}
	c := *p
	for _, sp := range s.splits[id] {
		c.Sources = filterSources(c.Sources, func(src Source) bool { return !slices.Contains(sp.Documents, src.DocumentID) })
		c.Aliases = filterStrings(c.Aliases, func(a string) bool { return Fold(a) != Fold(sp.Name) })
	}
	return &c
}

// person is a person as read: the kept person merged with every person it
// absorbed (the kept person's name wins), without removed aliases.
func (s *corrState) person(id string, raw map[string]any) *Person {
	k := s.canon(id)
	p := s.personOne(k, raw)
	if p == nil {
		return nil
	}
	if abs := s.absorbed[k]; len(abs) > 0 {
		var cs []Contribution
		for _, a := range abs {
			if v := s.personOne(a, raw); v != nil {
				cs = append(cs, Contribution{Document: Document{ID: a, Origin: OriginMinutes}, Fact: v})
			}
		}
		cs = append(cs, Contribution{Document: Document{ID: k, Origin: OriginAdmin}, Fact: p})
		p = Merge(cs).(*Person)
		p.ID = k
	}
	// An alias's contribution has no name, which Merge takes for one more
	// spelling: an empty alias.
	rm := s.removed[k]
	p.Aliases = filterStrings(p.Aliases, func(a string) bool { return a != "" && !rm[Fold(a)] })
	return p
}

func filterSources(in []Source, keep func(Source) bool) []Source {
	out := make([]Source, 0, len(in))
	for _, s := range in {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

func filterStrings(in []string, keep func(string) bool) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// fact applies the corrections to one fact that is not a person; it copies
// before changing, so the backend's values stay untouched.
func (s *corrState) fact(f any) any {
	switch x := f.(type) {
	case *Membership:
		c := *x
		c.PersonID = s.personOf(x.PersonID, x.Sources)
		if d := s.dates[x.ID]; d != nil {
			c.StartDate, c.EndDate = d.StartDate, d.EndDate
		}
		return &c
	case *Attendance:
		c := *x
		c.PersonID = s.personOf(x.PersonID, x.Sources)
		c.SubstituteForID = s.personOf(x.SubstituteForID, x.Sources)
		return &c
	case *Initiative:
		if len(x.LeadPersonIDs) == 0 || len(s.keptOf)+len(s.splits) == 0 {
			return x
		}
		c := *x
		c.LeadPersonIDs = make([]string, 0, len(x.LeadPersonIDs))
		for _, id := range x.LeadPersonIDs {
			if k := s.personOf(id, x.Sources); !slices.Contains(c.LeadPersonIDs, k) {
				c.LeadPersonIDs = append(c.LeadPersonIDs, k)
			}
		}
		slices.Sort(c.LeadPersonIDs)
		return &c
	case *Link:
		// A correction's link records what was done, by the IDs given.
		if x.Type == LinkCorrection || KindOf(x.FromID) != KindPerson && KindOf(x.ToID) != KindPerson {
			return x
		}
		c := *x
		if KindOf(x.FromID) == KindPerson {
			c.FromID = s.personOf(x.FromID, x.Sources)
		}
		if KindOf(x.ToID) == KindPerson {
			c.ToID = s.personOf(x.ToID, x.Sources)
		}
		return &c
	}
	return f
}

// DefaultCorrectionsMaxAge is how long a CorrectedStore trusts the
// corrections it has read before a read checks them again.
const DefaultCorrectionsMaxAge = time.Second

// CorrectedStore is a Store that applies corrections to reads (see the
// comment at the top of this file) and writes them (Apply, Revert).
type CorrectedStore struct {
	Store // the backend

	// MaxAge is how long the corrections read are trusted before a read
	// checks them again (one Get of the correction documents); zero checks
	// on every read. Set it before the first read.
	MaxAge time.Duration
	// Now is the clock of MaxAge; nil means time.Now.
	Now func() time.Time

	write   sync.Mutex // serialises Apply and Revert
	mu      sync.Mutex // guards state, gen and checked
	state   *corrState
	gen     int
	checked time.Time // when state was last read or checked
}

// Corrected wraps a backend.
func Corrected(s Store) *CorrectedStore {
	return &CorrectedStore{Store: s, MaxAge: DefaultCorrectionsMaxAge}
}

// Backend returns the wrapped store, for writers that must see the
// documents as they are (the loader).
func (c *CorrectedStore) Backend() Store { return c.Store }

func (c *CorrectedStore) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *CorrectedStore) invalidate() {
	c.mu.Lock()
	c.state, c.gen = nil, c.gen+1
	c.mu.Unlock()
}

// corrections returns the corrections' state, checking it if it is older
// than MaxAge.
func (c *CorrectedStore) corrections(ctx context.Context) (*corrState, error) {
	return c.correctionsAsOf(ctx, false)
}

// correctionsAsOf returns the corrections' state; force checks it whatever
// its age.
func (c *CorrectedStore) correctionsAsOf(ctx context.Context, force bool) (*corrState, error) {
	now := c.now()
	c.mu.Lock()
	st, gen := c.state, c.gen
	if st != nil && !force && now.Sub(c.checked) < c.MaxAge {
		c.mu.Unlock()
		return st, nil
	}
	if st != nil {
		// This reader checks; the others meanwhile use st.
		c.checked = now
	}
	c.mu.Unlock()
	if st != nil {
		same, err := c.unchanged(ctx, st)
		if err != nil {
			return nil, err
		}
		if same {
			return st, nil
		}
	}
	st, err := c.read(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.state, c.checked = st, now
	}
	c.mu.Unlock()
	return st, nil
}

// unchanged reports whether the correction documents are those st was read
// from: the same documents with the same SHA256, and no next one.
func (c *CorrectedStore) unchanged(ctx context.Context, st *corrState) (bool, error) {
	ids := make([]string, 0, len(st.sums)+1)
	for id := range st.sums {
		ids = append(ids, id)
	}
	ids = append(ids, st.next)
	got, err := GetAll(ctx, c.Store, ids)
	if err != nil {
		return false, err
	}
	if _, ok := got[st.next]; ok || len(got) != len(st.sums) {
		return false, nil
	}
	for id, sum := range st.sums {
		d, ok := got[id].(*Document)
		if !ok || d.SHA256 != sum {
			return false, nil
		}
	}
	return true, nil
}

// read reads the corrections from the backend.
func (c *CorrectedStore) read(ctx context.Context) (*corrState, error) {
	docs, err := c.Store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	sums := map[string]string{}
	for _, d := range docs {
		if d.Origin == OriginAdmin && IsCorrectionDocument(d.ID) {
			ids = append(ids, correctionLinkID(d.ID))
			sums[d.ID] = d.SHA256
		}
	}
	var list []Correction
	if len(ids) > 0 {
		facts, err := GetAll(ctx, c.Store, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			l, ok := facts[id].(*Link)
			if !ok {
				continue
			}
			var cr Correction
			if err := json.Unmarshal([]byte(l.Props["correction"]), &cr); err != nil {
				return nil, Wrap(ErrInternal, "a correction cannot be read", err)
			}
			list = append(list, cr)
		}
	}
	slices.SortFunc(list, func(a, b Correction) int { return a.Number - b.Number })
	return newCorrState(list, sums), nil
}

// ReplaceDocument writes through; a correction's document refreshes the
// corrections.
func (c *CorrectedStore) ReplaceDocument(ctx context.Context, f *DocumentFacts) (WriteResult, error) {
	res, err := c.Store.ReplaceDocument(ctx, f)
	if f != nil && IsCorrectionDocument(f.Document.ID) {
		c.invalidate()
	}
	return res, err
}

// DeleteDocument deletes through; a correction's document refreshes the
// corrections.
func (c *CorrectedStore) DeleteDocument(ctx context.Context, id string) (bool, error) {
	ok, err := c.Store.DeleteDocument(ctx, id)
	if IsCorrectionDocument(id) {
		c.invalidate()
	}
	return ok, err
}

// Get reads facts with the corrections applied. An absorbed person's ID
// answers the person that absorbed it.
func (c *CorrectedStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return nil, err
	}
	if !st.active() {
		return c.Store.Get(ctx, ids)
	}
	return c.get(ctx, st, ids)
}

func (c *CorrectedStore) get(ctx context.Context, st *corrState, ids []string) (map[string]any, error) {
	need := make([]string, 0, len(ids))
	for _, id := range ids {
		if KindOf(id) == KindPerson {
			need = append(need, st.rawPeople(id)...)
		} else {
			need = append(need, id)
		}
	}
	slices.Sort(need)
	raw, err := GetAll(ctx, c.Store, slices.Compact(need))
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(ids))
	for _, id := range ids {
		if KindOf(id) == KindPerson {
			if p := st.person(id, raw); p != nil {
				out[id] = p
			}
			continue
		}
		if f, ok := raw[id]; ok {
			out[id] = st.fact(f)
		}
	}
	return out, nil
}

// Related follows relations with the corrections applied: it answers what
// Edges of the corrected facts say, sorted by their SortKey.
func (c *CorrectedStore) Related(ctx context.Context, rel Relation, ids []string) (map[string][]string, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return nil, err
	}
	if !st.active() {
		return c.Store.Related(ctx, rel, ids)
	}
	switch rel {
	case RelMembershipsOfPerson, RelAttendanceOfPerson, RelSubstitutionsFor, RelLinksFrom, RelLinksTo:
		return c.relatedOfPeople(ctx, st, rel, ids)
	case RelPeopleOfOrganisation:
		return c.peopleOf(ctx, st, ids)
	}
	res, err := c.Store.Related(ctx, rel, ids)
	if err != nil {
		return nil, err
	}
	switch rel {
	case RelFactsOfDocument:
		// The document's mentions of a person split off or absorbed are
		// the person as corrected.
		for doc, xs := range res {
			out := make([]string, 0, len(xs))
			for _, x := range xs {
				if KindOf(x) == KindPerson {
					x = st.mentionOf(x, doc)
				}
				if !slices.Contains(out, x) {
					out = append(out, x)
				}
			}
			res[doc] = out
		}
	case RelMembershipsOfBody, RelMembershipsOnBehalfOf:
	default:
		return res, nil
	}
	return res, c.resort(ctx, st, res)
}

// mentionOf is the person a document's mention of person id is, after
// splits and merges.
func (s *corrState) mentionOf(id, doc string) string {
	for _, sp := range s.splits[id] {
		if slices.Contains(sp.Documents, doc) {
			return s.canon(sp.NewPersonID)
		}
	}
	return s.canon(id)
}

// resort sorts again, by kind (in Kinds order) and SortKey of the corrected
// facts, the lists of res that hold a fact the corrections change.
func (c *CorrectedStore) resort(ctx context.Context, st *corrState, res map[string][]string) error {
	var want []string
	for _, xs := range res {
		if slices.ContainsFunc(xs, func(x string) bool { return st.changed[x] }) {
			want = append(want, xs...)
		}
	}
	if len(want) == 0 {
		return nil
	}
	slices.Sort(want)
	facts, err := c.get(ctx, st, slices.Compact(want))
	if err != nil {
		return err
	}
	for from, xs := range res {
		if slices.ContainsFunc(xs, func(x string) bool { return st.changed[x] }) {
			res[from] = sortFacts(xs, facts)
		}
	}
	return nil
}

// sortFacts sorts IDs by kind (in Kinds order), then SortKey of their facts.
func sortFacts(ids []string, facts map[string]any) []string {
	key := func(id string) string {
		f, ok := facts[id]
		if !ok {
			return id
		}
		return fmt.Sprintf("%02d\x00%s", slices.Index(Kinds, KindOf(id)), SortKey(f))
	}
	slices.SortFunc(ids, func(a, b string) int { return strings.Compare(key(a), key(b)) })
	return ids
}

// relatedOfPeople follows a relation from people (or anything, for links):
// it asks the backend from every person that makes up each person as read,
// and keeps what the corrected facts' Edges relate to it.
func (c *CorrectedStore) relatedOfPeople(ctx context.Context, st *corrState, rel Relation, ids []string) (map[string][]string, error) {
	rawOf := map[string][]string{}
	var all []string
	for _, id := range ids {
		if KindOf(id) != KindPerson {
			rawOf[id] = []string{id}
		} else {
			rawOf[id] = st.rawPeople(id)
		}
		all = append(all, rawOf[id]...)
	}
	slices.Sort(all)
	res, err := c.Store.Related(ctx, rel, slices.Compact(all))
	if err != nil {
		return nil, err
	}
	cands := map[string][]string{}
	var want []string
	for _, id := range ids {
		for _, r := range rawOf[id] {
			for _, x := range res[r] {
				if !slices.Contains(cands[id], x) {
					cands[id] = append(cands[id], x)
					want = append(want, x)
				}
			}
		}
	}
	slices.Sort(want)
	facts, err := c.get(ctx, st, slices.Compact(want))
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, id := range ids {
		k := id
		if KindOf(id) == KindPerson {
			k = st.canon(id)
		}
		var keep []string
		for _, x := range cands[id] {
			f, ok := facts[x]
			if !ok {
				continue
			}
			if l, ok := f.(*Link); (!ok || l.Type != LinkCorrection) && !slices.Contains(Edges(f), Edge{rel, k, x}) {
				continue
			}
			keep = append(keep, x)
		}
		if len(keep) == 0 {
			continue
		}
		out[id] = sortFacts(keep, facts)
	}
	return out, nil
}

// peopleOf answers RelPeopleOfOrganisation: the backend's people that the
// corrections leave alone, and the corrected people of the organisation.
func (c *CorrectedStore) peopleOf(ctx context.Context, st *corrState, ids []string) (map[string][]string, error) {
	res, err := c.Store.Related(ctx, RelPeopleOfOrganisation, ids)
	if err != nil {
		return nil, err
	}
	own, err := c.get(ctx, st, st.people)
	if err != nil {
		return nil, err
	}
	for _, org := range ids {
		xs := filterStrings(res[org], func(x string) bool { return !st.changed[x] })
		n := len(xs)
		for _, p := range st.people {
			if f, ok := own[p].(*Person); ok && !st.hidden(p) && f.OrganisationID == org && org != "" {
				xs = append(xs, p)
			}
		}
		switch {
		case len(xs) == 0:
			delete(res, org)
		case len(xs) == n:
			res[org] = xs
		default:
			res[org] = xs
			if err := c.resort(ctx, st, map[string][]string{org: xs}); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

// ownEntry is a fact the corrections change, as a list sees it.
type ownEntry struct{ id, key string }

// own lists the facts of a kind that the corrections change and that match
// the filter, as corrected, with their sort keys, sorted.
func (c *CorrectedStore) own(ctx context.Context, st *corrState, kind Kind, f Filter) ([]ownEntry, error) {
	ids := st.changedOf(kind)
	if len(ids) == 0 {
		return nil, nil
	}
	facts, err := c.get(ctx, st, ids)
	if err != nil {
		return nil, err
	}
	var out []ownEntry
	for _, id := range ids {
		fact, ok := facts[id]
		if !ok || st.hidden(id) || !Matches(fact, f, func(string) string { return "" }) {
			continue
		}
		out = append(out, ownEntry{id, SortKey(fact)})
	}
	slices.SortFunc(out, func(a, b ownEntry) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

// List lists the corrected facts: for people and memberships, the
// backend's pages without the facts the corrections change, merged in sort
// order with those facts as corrected.
func (c *CorrectedStore) List(ctx context.Context, kind Kind, f Filter, p Page) (PageResult, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return PageResult{}, err
	}
	if len(st.changedOf(kind)) == 0 {
		return c.Store.List(ctx, kind, f, p)
	}
	if err := CheckFilter(kind, f); err != nil {
		return PageResult{}, err
	}
	after := ""
	if p.After != "" {
		if after, err = DecodeCursor(p.After); err != nil {
			return PageResult{}, err
		}
	}
	size := PageSize(p.First)
	own, err := c.own(ctx, st, kind, f)
	if err != nil {
		return PageResult{}, err
	}
	var cands []ownEntry
	for _, e := range own {
		if after == "" || (!p.Desc && e.key > after) || (p.Desc && e.key < after) {
			cands = append(cands, e)
		}
	}
	// The backend's facts that the corrections leave alone, size+1 of them
	// if there are as many.
	var rest []string
	more := true
	q := Page{After: p.After, Desc: p.Desc, First: min(size+1+len(st.changedOf(kind)), MaxPageSize)}
	for len(rest) <= size && more {
		res, err := c.Store.List(ctx, kind, f, q)
		if err != nil {
			return PageResult{}, err
		}
		rest = append(rest, filterStrings(res.IDs, func(id string) bool { return !st.changed[id] })...)
		more, q.After = res.HasNext && len(res.IDs) > 0, res.EndCursor
	}
	return c.page(ctx, rest, cands, size, more, p.Desc)
}

// page merges the backend's IDs (in page order, unchanged by corrections)
// with the changed facts and cuts the page.
func (c *CorrectedStore) page(ctx context.Context, rest []string, own []ownEntry, size int, more, desc bool) (PageResult, error) {
	all := make([]ownEntry, 0, len(rest)+len(own))
	if len(rest) > 0 {
		facts, err := GetAll(ctx, c.Store, rest)
		if err != nil {
			return PageResult{}, err
		}
		for _, id := range rest {
			if f, ok := facts[id]; ok {
				all = append(all, ownEntry{id, SortKey(f)})
			}
		}
	}
	all = append(all, own...)
	if len(own) > 0 {
		slices.SortStableFunc(all, func(a, b ownEntry) int {
			if desc {
				return strings.Compare(b.key, a.key)
			}
			return strings.Compare(a.key, b.key)
		})
	}
	res := PageResult{HasNext: more || len(all) > size}
	for _, e := range all[:min(size, len(all))] {
		res.IDs = append(res.IDs, e.id)
		res.EndCursor = EncodeCursor(e.key)
	}
	return res, nil
}

// Count counts the corrected facts.
func (c *CorrectedStore) Count(ctx context.Context, kind Kind, f Filter) (int, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return 0, err
	}
	ids := st.changedOf(kind)
	if len(ids) == 0 {
		return c.Store.Count(ctx, kind, f)
	}
	n, err := c.Store.Count(ctx, kind, f)
	if err != nil {
		return 0, err
	}
	raw, err := GetAll(ctx, c.Store, ids)
	if err != nil {
		return 0, err
	}
	for _, fact := range raw {
		if Matches(fact, f, func(string) string { return "" }) {
			n--
		}
	}
	own, err := c.own(ctx, st, kind, f)
	if err != nil {
		return 0, err
	}
	return n + len(own), nil
}

// Search ranks the corrected facts: the backend's hits for facts the
// corrections leave alone, and the people they change, scored as
// corrected.
func (c *CorrectedStore) Search(ctx context.Context, text string, kinds []Kind, limit int) ([]SearchHit, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return nil, err
	}
	if len(st.people) == 0 || len(kinds) > 0 && !slices.Contains(kinds, KindPerson) {
		return c.Store.Search(ctx, text, kinds, limit)
	}
	more := limit
	if limit > 0 {
		more += len(st.people) // the backend's hits for them are dropped
	}
	hits, err := c.Store.Search(ctx, text, kinds, more)
	if err != nil {
		return nil, err
	}
	out := filterHits(hits, func(h SearchHit) bool { return h.Kind != KindPerson || !st.changed[h.ID] })
	folded := Fold(text)
	if len(strings.Fields(folded)) == 0 {
		return RankHits(out, limit), nil
	}
	facts, err := c.get(ctx, st, st.people)
	if err != nil {
		return nil, err
	}
	for _, id := range st.people {
		f, ok := facts[id]
		if !ok || st.hidden(id) {
			continue
		}
		if score, snippet := Score(f, folded); score > 0 {
			out = append(out, SearchHit{ID: id, Kind: KindPerson, Score: score, Snippet: snippet})
		}
	}
	return RankHits(out, limit), nil
}

func filterHits(in []SearchHit, keep func(SearchHit) bool) []SearchHit {
	out := make([]SearchHit, 0, len(in))
	for _, h := range in {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}

// Corrections lists every correction, reverted ones too, by number.
func (c *CorrectedStore) Corrections(ctx context.Context) ([]Correction, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Clone(st.list), nil
}

// Correction returns one correction by its ID.
func (c *CorrectedStore) Correction(ctx context.Context, id string) (Correction, error) {
	st, err := c.corrections(ctx)
	if err != nil {
		return Correction{}, err
	}
	for _, cr := range st.list {
		if cr.ID == id {
			return cr, nil
		}
	}
	return Correction{}, Errorf(ErrNotFound, "no correction %q", id)
}

// Apply checks a correction against the graph as corrected so far, numbers
// it, and writes it. Kind, Actor, At, Reason and the fields of its kind are
// the caller's; ID, Number and (for a split) NewPersonID are set here.
func (c *CorrectedStore) Apply(ctx context.Context, cr Correction) (Correction, error) {
	c.write.Lock()
	defer c.write.Unlock()
	if cr.Actor == "" {
		return Correction{}, Errorf(ErrUnauthorized, "a correction needs an actor")
	}
	st, err := c.correctionsAsOf(ctx, true)
	if err != nil {
		return Correction{}, err
	}
	if cr.At.IsZero() {
		cr.At = c.now().UTC()
	}
	cr.Number = 1
	if n := len(st.list); n > 0 {
		cr.Number = st.list[n-1].Number + 1
	}
	cr.ID = CorrectionDocumentID(cr.Number)
	cr.Reverted, cr.RevertedBy, cr.RevertedAt, cr.RevertReason = false, "", nil, ""
	if err := c.check(ctx, st, &cr); err != nil {
		return Correction{}, err
	}
	if _, err := c.ReplaceDocument(ctx, CorrectionFacts(cr)); err != nil {
		return Correction{}, err
	}
	return cr, nil
}

// person reads one person as corrected, or an ErrNotFound error.
func (c *CorrectedStore) person(ctx context.Context, st *corrState, id string) (*Person, error) {
	if KindOf(id) != KindPerson {
		return nil, Errorf(ErrInvalid, "%q is not a person ID", id)
	}
	got, err := c.get(ctx, st, []string{id})
	if err != nil {
		return nil, err
	}
	p, ok := got[id].(*Person)
	if !ok {
		return nil, Errorf(ErrNotFound, "no person %q", id)
	}
	return p, nil
}

func (c *CorrectedStore) check(ctx context.Context, st *corrState, cr *Correction) error {
	switch cr.Kind {
	case CorrectionMergePeople:
		keep, err := c.person(ctx, st, cr.Keep)
		if err != nil {
			return err
		}
		if _, err := c.person(ctx, st, cr.Absorb); err != nil {
			return err
		}
		if _, gone := st.keptOf[cr.Absorb]; gone {
			return Errorf(ErrConflict, "%s is already merged into %s", cr.Absorb, st.canon(cr.Absorb))
		}
		cr.Keep = keep.ID
		if cr.Keep == cr.Absorb {
			return Errorf(ErrInvalid, "a person cannot be merged with themself")
		}
	case CorrectionSplitPerson:
		if KindOf(cr.Person) != KindPerson {
			return Errorf(ErrInvalid, "%q is not a person ID", cr.Person)
		}
		if st.canon(cr.Person) != cr.Person || st.splitPerson[cr.Person] != nil {
			return Errorf(ErrConflict, "%s is merged or split off; revert that correction instead", cr.Person)
		}
		got, err := c.Store.Get(ctx, []string{cr.Person})
		if err != nil {
			return err
		}
		p, ok := got[cr.Person].(*Person)
		if !ok {
			return Errorf(ErrNotFound, "no person %q", cr.Person)
		}
		cr.Name = strings.TrimSpace(cr.Name)
		if cr.Name == "" || len(cr.Documents) == 0 {
			return Errorf(ErrInvalid, "a split needs a name and at least one document")
		}
		for _, d := range cr.Documents {
			if !slices.ContainsFunc(p.Sources, func(s Source) bool { return s.DocumentID == d }) {
				return Errorf(ErrInvalid, "%s does not mention %s", d, cr.Person)
			}
		}
		if allFrom(p.Sources, cr.Documents) {
			return Errorf(ErrInvalid, "every document of %s would be split off", cr.Person)
		}
		cr.NewPersonID = "person:" + strings.ReplaceAll(Fold(cr.Name), " ", "-") + "-split-" + strconv.Itoa(cr.Number)
	case CorrectionAddAlias, CorrectionRemoveAlias:
		p, err := c.person(ctx, st, cr.Person)
		if err != nil {
			return err
		}
		cr.Person, cr.Alias = p.ID, strings.TrimSpace(cr.Alias)
		if cr.Alias == "" || Fold(cr.Alias) == Fold(p.Name) {
			return Errorf(ErrInvalid, "the alias must be a name other than the person's")
		}
		has := slices.ContainsFunc(p.Aliases, func(a string) bool { return Fold(a) == Fold(cr.Alias) })
		if cr.Kind == CorrectionAddAlias && has {
			return Errorf(ErrConflict, "%s already has the alias %q", p.ID, cr.Alias)
		}
		if cr.Kind == CorrectionRemoveAlias && !has {
			return Errorf(ErrNotFound, "%s has no alias %q", p.ID, cr.Alias)
		}
	case CorrectionMembershipDates:
		if KindOf(cr.Membership) != KindMembership {
			return Errorf(ErrInvalid, "%q is not a membership ID", cr.Membership)
		}
		for _, d := range []string{cr.StartDate, cr.EndDate} {
			if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
				return Errorf(ErrInvalid, "%q is not a date (YYYY-MM-DD)", d)
			}
		}
		got, err := c.Store.Get(ctx, []string{cr.Membership})
		if err != nil {
			return err
		}
		if _, ok := got[cr.Membership].(*Membership); !ok {
			return Errorf(ErrNotFound, "no membership %q", cr.Membership)
		}
		if cr.StartDate != "" && cr.EndDate != "" && cr.EndDate < cr.StartDate {
			return Errorf(ErrInvalid, "the end date %s is before the start date %s", cr.EndDate, cr.StartDate)
		}
	case CorrectionLoadDocument:
		if cr.Document == "" {
			return Errorf(ErrInvalid, "a load names its document")
		}
	default:
		return Errorf(ErrInvalid, "unknown kind of correction %q", cr.Kind)
	}
	return nil
}

// Revert undoes a correction: its document is rewritten as reverted, so the
// record stays. Reverting a load deletes the document loaded, unless it
// replaced an earlier version (which cannot be restored).
func (c *CorrectedStore) Revert(ctx context.Context, id, actor, reason string, at time.Time) (Correction, error) {
	c.write.Lock()
	defer c.write.Unlock()
	if actor == "" {
		return Correction{}, Errorf(ErrUnauthorized, "a revert needs an actor")
	}
	st, err := c.correctionsAsOf(ctx, true)
	if err != nil {
		return Correction{}, err
	}
	i := slices.IndexFunc(st.list, func(cr Correction) bool { return cr.ID == id })
	if i < 0 {
		return Correction{}, Errorf(ErrNotFound, "no correction %q", id)
	}
	cr := st.list[i]
	if cr.Reverted {
		return Correction{}, Errorf(ErrConflict, "%s is already reverted", id)
	}
	if at.IsZero() {
		at = c.now().UTC()
	}
	switch cr.Kind {
	case CorrectionMergePeople:
		// A later merge into the absorbed person would be left dangling.
		for a, k := range st.keptOf {
			if k == cr.Absorb {
				return Correction{}, Errorf(ErrConflict, "%s has since absorbed %s; revert that first", cr.Absorb, a)
			}
		}
	case CorrectionSplitPerson:
		for _, l := range st.list[i+1:] {
			if !l.Reverted && (l.Keep == cr.NewPersonID || l.Absorb == cr.NewPersonID || l.Person == cr.NewPersonID) {
				return Correction{}, Errorf(ErrConflict, "%s names %s, which %s split off; revert that first", l.ID, cr.NewPersonID, id)
			}
		}
	case CorrectionLoadDocument:
		if cr.Replaced {
			return Correction{}, Errorf(ErrConflict, "%s replaced an earlier version, which cannot be restored; load that version instead", cr.Document)
		}
		if _, err := c.Store.DeleteDocument(ctx, cr.Document); err != nil {
			return Correction{}, err
		}
	}
	cr.Reverted, cr.RevertedBy, cr.RevertedAt, cr.RevertReason = true, actor, &at, reason
	if _, err := c.ReplaceDocument(ctx, CorrectionFacts(cr)); err != nil {
		return Correction{}, err
	}
	return cr, nil
}
