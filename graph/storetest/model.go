package storetest

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// FactsOf returns pointers to every fact of a document (not the Document
// itself), kind by kind in graph.Kinds order.
func FactsOf(d *graph.DocumentFacts) []any {
	var out []any
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) { out = append(out, f) })
	}
	return out
}

// FactIDs returns the distinct IDs of a document's facts, sorted.
func FactIDs(d *graph.DocumentFacts) []string {
	var ids []string
	for _, f := range FactsOf(d) {
		ids = append(ids, graph.IDOf(f))
	}
	slices.Sort(ids)
	return slices.Compact(ids)
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

func sourcesField(fact any) *[]graph.Source {
	switch f := fact.(type) {
	case *graph.Region:
		return &f.Sources
	case *graph.Municipality:
		return &f.Sources
	case *graph.Cluster:
		return &f.Sources
	case *graph.HealthCouncil:
		return &f.Sources
	case *graph.Organisation:
		return &f.Sources
	case *graph.Person:
		return &f.Sources
	case *graph.Body:
		return &f.Sources
	case *graph.Meeting:
		return &f.Sources
	case *graph.AgendaItem:
		return &f.Sources
	case *graph.Initiative:
		return &f.Sources
	case *graph.Membership:
		return &f.Sources
	case *graph.Attendance:
		return &f.Sources
	case *graph.Link:
		return &f.Sources
	}
	panic("storetest: not a fact")
}

// AllFacts reads everything a store holds: every fact of every kind (List
// through all pages, then Get) and every Document, normalised. Pass the
// result to graph.ContentHash to compare stores or check a reload.
func AllFacts(ctx context.Context, s graph.Store) ([]any, error) {
	var out []any
	for _, k := range graph.Kinds {
		ids, err := listAll(ctx, s, k, graph.Filter{}, graph.MaxPageSize)
		if err != nil {
			return nil, err
		}
		for chunk := range slices.Chunk(ids, graph.MaxPageSize) {
			got, err := s.Get(ctx, chunk)
			if err != nil {
				return nil, err
			}
			for _, id := range chunk {
				if f, ok := got[id]; ok {
					graph.Normalize(f)
					out = append(out, f)
				}
			}
		}
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		out = append(out, &docs[i])
	}
	return out, nil
}

func listAll(ctx context.Context, s graph.Store, k graph.Kind, f graph.Filter, first int) ([]string, error) {
	var ids []string
	p := graph.Page{First: first}
	for {
		r, err := s.List(ctx, k, f, p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, r.IDs...)
		if !r.HasNext {
			return ids, nil
		}
		if len(r.IDs) == 0 || r.EndCursor == "" {
			return ids, graph.Errorf(graph.ErrInternal, "List of %s: HasNext with an empty page or no cursor", k)
		}
		p.After = r.EndCursor
	}
}

// model is the naive reference: it recomputes everything from the loaded
// documents with the shared semantics, and answers every read the way a
// backend must.
type model struct {
	docs   map[string]*graph.DocumentFacts
	facts  map[string]any // merged, normalised
	kinds  map[string]graph.Kind
	byKind map[graph.Kind][]string // sorted by SortKey
	rel    map[graph.Relation]map[string][]string
}

func newModel(docs ...*graph.DocumentFacts) *model {
	m := &model{docs: map[string]*graph.DocumentFacts{}}
	for _, d := range docs {
		m.docs[d.Document.ID] = d
	}
	m.rebuild()
	return m
}

// fact is what Get must return for id: the merged fact, the document, or
// nil if the model has neither.
func (m *model) fact(id string) any {
	if f, ok := m.facts[id]; ok {
		return f
	}
	if d, ok := m.docs[id]; ok {
		return &d.Document
	}
	return nil
}

func (m *model) put(d *graph.DocumentFacts) { m.docs[d.Document.ID] = d; m.rebuild() }
func (m *model) del(id string)              { delete(m.docs, id); m.rebuild() }

func (m *model) rebuild() {
	contribs := map[string][]graph.Contribution{}
	m.kinds = map[string]graph.Kind{}
	for _, d := range m.docs {
		for _, k := range graph.Kinds {
			forEachFact(d, k, func(f any) {
				id := graph.IDOf(f)
				contribs[id] = append(contribs[id], graph.Contribution{Document: d.Document, Fact: f})
				m.kinds[id] = k
			})
		}
	}
	m.facts = map[string]any{}
	m.byKind = map[graph.Kind][]string{}
	for id, cs := range contribs {
		f := graph.Merge(cs)
		graph.Normalize(f)
		m.facts[id] = f
		m.byKind[m.kinds[id]] = append(m.byKind[m.kinds[id]], id)
	}
	for k := range m.byKind {
		m.sortIDs(m.byKind[k])
	}
	m.rel = map[graph.Relation]map[string][]string{}
	add := func(rel graph.Relation, from, to string) {
		if m.rel[rel] == nil {
			m.rel[rel] = map[string][]string{}
		}
		if !slices.Contains(m.rel[rel][from], to) {
			m.rel[rel][from] = append(m.rel[rel][from], to)
		}
	}
	for _, f := range m.facts {
		for _, e := range graph.Edges(f) {
			if _, ok := m.facts[e.ToID]; ok {
				add(e.Rel, e.FromID, e.ToID)
			}
		}
	}
	for id, d := range m.docs {
		for _, fid := range FactIDs(d) {
			add(graph.RelFactsOfDocument, id, fid)
		}
	}
	for rel, byFrom := range m.rel {
		for from := range byFrom {
			if rel == graph.RelFactsOfDocument {
				m.sortMixed(byFrom[from])
			} else {
				m.sortIDs(byFrom[from])
			}
		}
	}
}

func (m *model) sortIDs(ids []string) {
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(graph.SortKey(m.facts[a]), graph.SortKey(m.facts[b])) })
}

func (m *model) sortMixed(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(slices.Index(graph.Kinds, m.kinds[a]), slices.Index(graph.Kinds, m.kinds[b])),
			cmp.Compare(graph.SortKey(m.facts[a]), graph.SortKey(m.facts[b])))
	})
}

func (m *model) clusterRegion(id string) string {
	if c, ok := m.facts[id].(*graph.Cluster); ok {
		return c.RegionID
	}
	return ""
}

func (m *model) list(k graph.Kind, f graph.Filter) []string {
	out := []string{}
	for _, id := range m.byKind[k] {
		if graph.Matches(m.facts[id], f, m.clusterRegion) {
			out = append(out, id)
		}
	}
	return out
}

func (m *model) search(text string, kinds []graph.Kind, limit int) []graph.SearchHit {
	q := graph.Fold(text)
	if len(kinds) == 0 {
		kinds = graph.SearchKinds
	}
	hits := []graph.SearchHit{}
	for _, k := range kinds {
		for _, id := range m.byKind[k] {
			if s, snip := graph.Score(m.facts[id], q); s > 0 {
				hits = append(hits, graph.SearchHit{ID: id, Kind: k, Score: s, Snippet: snip})
			}
		}
	}
	return graph.RankHits(hits, limit)
}

func (m *model) stats() graph.Stats {
	st := graph.Stats{Documents: len(m.docs), Facts: map[graph.Kind]int{}}
	for _, k := range graph.Kinds {
		st.Facts[k] = len(m.byKind[k])
	}
	for _, d := range m.docs {
		st.Contributions += len(FactIDs(d))
	}
	return st
}

func (m *model) documents() []graph.Document {
	out := []graph.Document{}
	for _, d := range m.docs {
		out = append(out, d.Document)
	}
	slices.SortFunc(out, graph.DocumentCompare)
	return out
}

// allIDs returns every fact ID and document ID the model knows, plus IDs
// that exist nowhere.
func (m *model) allIDs() []string {
	ids := []string{"person:nobody", "municipality:999", "document:nothing", "nonsense"}
	for id := range m.facts {
		ids = append(ids, id)
	}
	for id := range m.docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (m *model) allFacts() []any {
	var out []any
	for _, f := range m.facts {
		out = append(out, f)
	}
	for _, d := range m.documents() {
		out = append(out, &d)
	}
	return out
}
