package embedded

import (
	"cmp"
	"reflect"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// state is one immutable version of the store. Readers load it through an
// atomic pointer; a write builds the next version, sharing everything it
// does not touch.
type state struct {
	docs     pmap[*docEntry]
	facts    pmap[*factEntry]
	adj      pmap[adjList] // key: relation + "\x00" + from ID
	index    []*sortIndex  // by position in graph.Kinds
	contribs int
}

// kindIndex maps a kind to its position in graph.Kinds.
var kindIndex = func() map[graph.Kind]int {
	m := map[graph.Kind]int{}
	for i, k := range graph.Kinds {
		m[k] = i
	}
	return m
}()

type docEntry struct {
	facts *graph.DocumentFacts // the store's private copy
	ids   []string             // distinct fact IDs, sorted
}

// factEntry is one fact: its contributions and their merge.
//
// merged is graph.Merge of the contributions, normalised, and is never
// handed out. To save memory it is the contribution itself when a fact has
// one contribution that merges to itself (shared), and otherwise holds no
// sources: they would repeat every contribution's. full and Get put them
// back. Reads that use merged directly (graph.Matches without an Origin
// filter, graph.Score, the cluster's region) do not look at sources.
type factEntry struct {
	id       string
	kind     int32
	shared   bool
	contribs []contrib // in graph.DocumentCompare order, as Merge takes them
	merged   any
	sortKey  string
	search   string // graph.SearchText
	edges    []graph.Edge
	// one holds a single contribution, and contribs is then one[:]: most
	// facts have one, and a list of their own was one more object per
	// fact for the collector to visit.
	one [1]contrib
}

// sources returns the merged fact's sources: the contributions', in order.
func (e *factEntry) sources() []graph.Source {
	n := 0
	for _, c := range e.contribs {
		n += len(*sourcesOf(c.fact))
	}
	out := make([]graph.Source, 0, n)
	for _, c := range e.contribs {
		out = append(out, *sourcesOf(c.fact)...)
	}
	return out
}

// full returns the merged fact with its sources, for reading only.
func (e *factEntry) full() any {
	if e.shared {
		return e.merged
	}
	v := reflect.ValueOf(e.merged).Elem()
	out := reflect.New(v.Type())
	out.Elem().Set(v)
	f := out.Interface()
	*sourcesOf(f) = e.sources()
	return f
}

// sourcesField maps the pointer type of every fact struct to the index of
// its Sources field.
var sourcesField = func() map[reflect.Type]int {
	m := map[reflect.Type]int{}
	t := reflect.TypeFor[graph.DocumentFacts]()
	for i := 0; i < t.NumField(); i++ {
		ft := t.Field(i).Type
		if ft.Kind() != reflect.Slice || ft.Elem().Kind() != reflect.Struct {
			continue
		}
		if sf, ok := ft.Elem().FieldByName("Sources"); ok && sf.Type == reflect.TypeFor[[]graph.Source]() {
			m[reflect.PointerTo(ft.Elem())] = sf.Index[0]
		}
	}
	return m
}()

// sourcesOf returns a pointer to a fact's Sources field.
func sourcesOf(fact any) *[]graph.Source {
	v := reflect.ValueOf(fact)
	return v.Elem().Field(sourcesField[v.Type()]).Addr().Interface().(*[]graph.Source)
}

type contrib struct {
	doc  *graph.Document
	fact any
}

type adjRef struct {
	to string
	n  int32 // how many facts state the edge
}

func emptyState() *state {
	s := &state{index: make([]*sortIndex, len(graph.Kinds))}
	for i := range s.index {
		s.index[i] = &sortIndex{}
	}
	return s
}

// stateTx builds the next state. Changed facts are merged once, in done,
// however many documents of the transaction touch them.
type stateTx struct {
	docs     *pmapTx[*docEntry]
	facts    *pmapTx[*factEntry]
	adj      *pmapTx[adjList]
	index    []*indexTx
	base     *state
	contribs int
	pending  map[string][]contrib // fact ID → its contributions after the transaction
	// in is the writer's interner, which keeps the adjacency keys and
	// gives new entries' derived values a home (nil: each its own
	// allocation, as in tests of the state alone); key is a scratch buffer.
	in  *interner
	key []byte
}

func (s *state) tx() *stateTx {
	return &stateTx{docs: s.docs.tx(), facts: s.facts.tx(), adj: s.adj.tx(), index: make([]*indexTx, len(s.index)),
		base: s, contribs: s.contribs, pending: map[string][]contrib{}}
}

func (t *stateTx) ix(k int) *indexTx {
	if t.index[k] == nil {
		t.index[k] = t.base.index[k].tx()
	}
	return t.index[k]
}

func (t *stateTx) done() *state {
	for id, cs := range t.pending {
		prev, _ := t.facts.get(id)
		var next *factEntry
		if len(cs) > 0 {
			if next = appendedFactEntry(prev, cs); next == nil {
				// cs may share its array with prev.contribs (put), which
				// newFactEntry would sort and keep; one contribution it
				// copies into the entry.
				if len(cs) > 1 {
					cs = slices.Clone(cs)
				}
				next = newFactEntry(cs)
			}
		}
		if next != nil && t.in != nil {
			t.in.home(prev, next)
		}
		t.replaceFact(id, prev, next)
	}
	t.pending = nil
	s := &state{docs: t.docs.done(), facts: t.facts.done(), adj: t.adj.done(), index: make([]*sortIndex, len(t.index)), contribs: t.contribs}
	for k := range s.index {
		if t.index[k] != nil {
			s.index[k] = t.index[k].done()
		} else {
			s.index[k] = t.base.index[k]
		}
	}
	return s
}

// factsByID returns a document's facts by ID. A document that lists one ID
// twice contributes the merge of both (later overrides earlier).
func factsByID(d *graph.DocumentFacts) map[string]any {
	out := map[string]any{}
	if d == nil {
		return out
	}
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) {
			id := graph.IDOf(f)
			if prev, ok := out[id]; ok {
				f = graph.Merge([]graph.Contribution{{Document: d.Document, Fact: prev}, {Document: d.Document, Fact: f}})
			}
			out[id] = f
		})
	}
	return out
}

// put replaces (or, with d nil, deletes) the document id.
func (t *stateTx) put(id string, d *graph.DocumentFacts) {
	var old map[string]any
	if e, ok := t.docs.get(id); ok {
		old = factsByID(e.facts)
		t.contribs -= len(e.ids)
	}
	cur := factsByID(d)
	touch := func(fid string) {
		prev, ok := t.pending[fid]
		if !ok {
			if e, found := t.facts.get(fid); found {
				prev = e.contribs
			}
		}
		var cs []contrib
		if old == nil {
			// A new document: none of prev is its. Appending may write
			// past the end of prev in its array, which no state reads
			// (states read prev[:len(prev)] and earlier versions less);
			// done never reorders such a list in place.
			cs = prev
		} else {
			cs = make([]contrib, 0, len(prev)+1)
			for _, c := range prev {
				if c.doc.ID != id {
					cs = append(cs, c)
				}
			}
		}
		if f, ok := cur[fid]; ok {
			cs = append(cs, contrib{doc: &d.Document, fact: f})
		}
		t.pending[fid] = cs
	}
	for fid := range old {
		touch(fid)
	}
	for fid := range cur {
		if _, ok := old[fid]; !ok {
			touch(fid)
		}
	}
	if d == nil {
		t.docs.del(id)
		return
	}
	ids := make([]string, 0, len(cur))
	for fid := range cur {
		ids = append(ids, fid)
	}
	slices.Sort(ids)
	t.docs.set(id, &docEntry{facts: d, ids: ids})
	t.contribs += len(ids)
}

func newFactEntry(cs []contrib) *factEntry {
	gc := make([]graph.Contribution, len(cs))
	for i, c := range cs {
		gc[i] = graph.Contribution{Document: *c.doc, Fact: c.fact}
	}
	slices.SortStableFunc(cs, func(a, b contrib) int { return graph.DocumentCompare(*a.doc, *b.doc) })
	m := graph.Merge(gc)
	e := entryOf(m, cs)
	e.edges = graph.Edges(m)
	// Contributions are normalised (interner.own), so most facts stated by
	// one document merge to their contribution.
	if len(cs) == 1 && reflect.DeepEqual(m, cs[0].fact) {
		e.merged, e.shared = cs[0].fact, true
	} else {
		*sourcesOf(m) = nil
	}
	return e
}

// appendedFactEntry is newFactEntry(cs) for the common case of a fact
// whose new contributions only add to prev's, after them in
// graph.DocumentCompare order (documents loaded in date order): it merges
// each new contribution into the previous merge instead of merging them
// all again, so the write costs the same however many documents state the
// fact. It returns nil when it cannot, and the caller merges in full.
//
// Merging the previous merge M with a contribution c equals merging all
// the contributions because graph.Merge folds them left to right (a later
// non-empty scalar wins, lists are unioned, maps joined) and its
// post-processing only needs M and c when:
//   - no contribution is an administrator's (c sorts last, so it is enough
//     that c is not): an administrator's person name is final, a case kept
//     out to keep this reasoning short;
//   - the fact's Name (people, organisations, bodies, initiatives) keeps
//     its fold: their aliases leave out spellings of the name, which M has
//     already dropped; a person's name is the fullest of all, which is the
//     fullest of M's and c's;
//   - the rest holds as is: a membership's first start and first seen date
//     are the least of M's and c's, its last seen date the greatest, a
//     meeting is planned if M and c are.
//
// TestAppendedFactEntry compares it with newFactEntry on random histories.
func appendedFactEntry(prev *factEntry, cs []contrib) *factEntry {
	if prev == nil {
		return nil
	}
	n := len(prev.contribs)
	if n == 0 || len(cs) <= n {
		return nil
	}
	for i, c := range prev.contribs {
		if cs[i].doc != c.doc || cs[i].fact != c.fact {
			return nil
		}
	}
	m := prev.merged
	for i := n; i < len(cs); i++ {
		last, c := cs[i-1].doc, cs[i]
		if c.doc.Origin == graph.OriginAdmin || graph.DocumentCompare(*last, *c.doc) > 0 {
			return nil
		}
		next := graph.Merge([]graph.Contribution{{Document: *last, Fact: m}, {Document: *c.doc, Fact: c.fact}})
		if name, ok := nameOf(next); ok {
			if old, _ := nameOf(m); graph.Fold(old) != graph.Fold(name) {
				return nil
			}
		}
		*sourcesOf(next) = nil
		m = next
	}
	e := entryOf(m, cs)
	if _, ok := m.(*graph.Meeting); ok {
		// A meeting's documents are edges (graph.Edges reads its sources);
		// meetings have few contributions.
		*sourcesOf(m) = e.sources()
		e.edges = graph.Edges(m)
		*sourcesOf(m) = nil
	} else {
		e.edges = graph.Edges(m)
	}
	return e
}

// nameOf returns the Name of the facts whose merge leaves spellings of
// their name out of their aliases.
func nameOf(f any) (string, bool) {
	switch f := f.(type) {
	case *graph.Person:
		return f.Name, true
	case *graph.Organisation:
		return f.Name, true
	case *graph.Body:
		return f.Name, true
	case *graph.Initiative:
		return f.Name, true
	}
	return "", false
}

func (t *stateTx) replaceFact(id string, prev, next *factEntry) {
	switch {
	case next == nil:
		t.facts.del(id)
	default:
		t.facts.set(id, next)
	}
	if prev != nil && (next == nil || prev.sortKey != next.sortKey) {
		t.ix(int(prev.kind)).remove(prev.sortKey)
	}
	if next != nil && (prev == nil || prev.sortKey != next.sortKey) {
		t.ix(int(next.kind)).insert(ixEntry{key: next.sortKey, id: id})
	}
	var pe, ne []graph.Edge
	if prev != nil {
		pe = prev.edges
	}
	if next != nil {
		ne = next.edges
	}
	for _, e := range pe {
		if !slices.Contains(ne, e) {
			t.edge(e, -1)
		}
	}
	for _, e := range ne {
		if !slices.Contains(pe, e) {
			t.edge(e, +1)
		}
	}
}

// adjKey is the adjacency map's key of a relation from a fact.
func adjKey(rel graph.Relation, from string) string { return string(appendAdjKey(nil, rel, from)) }

func appendAdjKey(b []byte, rel graph.Relation, from string) []byte {
	return append(append(append(b, rel...), 0), from...)
}

func (t *stateTx) edge(e graph.Edge, delta int32) {
	t.key = appendAdjKey(t.key[:0], e.Rel, e.FromID)
	var k string
	if t.in != nil {
		k = t.in.bytes(t.key)
	} else {
		k = string(t.key)
	}
	list, _ := t.adj.get(k)
	list, changed := list.add(e.ToID, delta)
	switch {
	case !changed:
	case list.len() == 0:
		t.adj.del(k)
	default:
		t.adj.set(k, list)
	}
}

// clusterRegion returns a cluster's region, for filters.
func (s *state) clusterRegion(id string) string {
	if e, ok := s.facts.get(id); ok {
		if c, ok := e.merged.(*graph.Cluster); ok {
			return c.RegionID
		}
	}
	return ""
}

// related returns the IDs related to from, sorted by kind and sort key.
func (s *state) related(rel graph.Relation, from string) []string {
	var es []*factEntry
	var ids []string
	if rel == graph.RelFactsOfDocument {
		d, ok := s.docs.get(from)
		if !ok {
			return nil
		}
		ids = d.ids
	} else {
		refs, _ := s.adj.get(adjKey(rel, from))
		ids = make([]string, 0, refs.len())
		refs.each(func(r adjRef) { ids = append(ids, r.to) })
	}
	for _, id := range ids {
		if e, ok := s.facts.get(id); ok {
			es = append(es, e)
		}
	}
	if len(es) == 0 {
		return nil
	}
	slices.SortFunc(es, func(a, b *factEntry) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.sortKey, b.sortKey))
	})
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.id
	}
	return out
}

// entryOf normalises a merged fact and returns its entry with the derived
// keys, without edges (the callers set them).
func entryOf(m any, cs []contrib) *factEntry {
	graph.Normalize(m)
	id := graph.IDOf(m)
	e := &factEntry{
		id:      id,
		kind:    int32(kindIndex[graph.KindOf(id)]),
		merged:  m,
		sortKey: graph.SortKey(m),
		search:  graph.SearchText(m),
	}
	if len(cs) == 1 {
		e.one[0] = cs[0]
		e.contribs = e.one[:]
	} else {
		e.contribs = cs
	}
	return e
}

// clone returns a copy of a merged fact that shares no slices, maps or
// pointers with it, so callers may change what Get returns.
func clone(f any) any {
	v := reflect.ValueOf(f).Elem()
	out := reflect.New(v.Type())
	out.Elem().Set(v)
	o := out.Elem()
	for i := 0; i < o.NumField(); i++ {
		fv := o.Field(i)
		switch fv.Kind() {
		case reflect.Slice:
			if !fv.IsNil() {
				n := reflect.MakeSlice(fv.Type(), fv.Len(), fv.Len())
				reflect.Copy(n, fv)
				fv.Set(n)
			}
		case reflect.Map:
			if !fv.IsNil() {
				n := reflect.MakeMapWithSize(fv.Type(), fv.Len())
				iter := fv.MapRange()
				for iter.Next() {
					n.SetMapIndex(iter.Key(), iter.Value())
				}
				fv.Set(n)
			}
		case reflect.Pointer:
			if !fv.IsNil() {
				n := reflect.New(fv.Type().Elem())
				n.Elem().Set(fv.Elem())
				fv.Set(n)
			}
		}
	}
	return out.Interface()
}

// validate checks what the store relies on: a document ID and, for every
// fact, a non-empty ID with its kind's prefix.
func validate(d *graph.DocumentFacts) error {
	if d == nil {
		return graph.Errorf(graph.ErrInvalid, "no document facts given")
	}
	if err := checkID(d.Document.ID, graph.KindDocument); err != nil {
		return err
	}
	var bad error
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) {
			if bad == nil {
				bad = checkID(graph.IDOf(f), k)
			}
		})
	}
	return bad
}

func checkID(id string, k graph.Kind) error {
	p := graph.IDPrefix[k]
	switch {
	case id == "":
		return graph.Errorf(graph.ErrInvalid, "a %s has an empty ID", k)
	case !strings.HasPrefix(id, p) || len(id) == len(p):
		return graph.Errorf(graph.ErrInvalid, "%s ID %q must start with %q", k, id, p)
	case strings.IndexByte(id, 0) >= 0:
		return graph.Errorf(graph.ErrInvalid, "%s ID %q contains a NUL byte", k, id)
	}
	return nil
}

func forEachFact(d *graph.DocumentFacts, k graph.Kind, fn func(any)) {
	switch k {
	case graph.KindRegion:
		for i := range d.Regions {
			fn(&d.Regions[i])
		}
	case graph.KindMunicipality:
		for i := range d.Municipalities {
			fn(&d.Municipalities[i])
		}
	case graph.KindCluster:
		for i := range d.Clusters {
			fn(&d.Clusters[i])
		}
	case graph.KindHealthCouncil:
		for i := range d.HealthCouncils {
			fn(&d.HealthCouncils[i])
		}
	case graph.KindOrganisation:
		for i := range d.Organisations {
			fn(&d.Organisations[i])
		}
	case graph.KindPerson:
		for i := range d.People {
			fn(&d.People[i])
		}
	case graph.KindBody:
		for i := range d.Bodies {
			fn(&d.Bodies[i])
		}
	case graph.KindMeeting:
		for i := range d.Meetings {
			fn(&d.Meetings[i])
		}
	case graph.KindAgendaItem:
		for i := range d.AgendaItems {
			fn(&d.AgendaItems[i])
		}
	case graph.KindInitiative:
		for i := range d.Initiatives {
			fn(&d.Initiatives[i])
		}
	case graph.KindMembership:
		for i := range d.Memberships {
			fn(&d.Memberships[i])
		}
	case graph.KindAttendance:
		for i := range d.Attendance {
			fn(&d.Attendance[i])
		}
	case graph.KindLink:
		for i := range d.Links {
			fn(&d.Links[i])
		}
	}
}
