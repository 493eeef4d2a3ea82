package network

// A minimal in-memory graph.Store over the shared semantics, used only
// until graph/embedded lands. It is deliberately naive.

import (
	"context"
	"reflect"
	"slices"
	"sort"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

type memStore struct {
	docs  map[string]*graph.DocumentFacts
	facts map[string]any
	rel   map[graph.Relation]map[string][]string
}

func newMemStore() *memStore { return &memStore{docs: map[string]*graph.DocumentFacts{}} }

func (m *memStore) EnsureSchema(context.Context) error { return nil }
func (m *memStore) Ping(context.Context) error         { return nil }
func (m *memStore) Close(context.Context) error        { return nil }

func (m *memStore) ReplaceDocument(_ context.Context, f *graph.DocumentFacts) (graph.WriteResult, error) {
	m.docs[f.Document.ID] = f
	m.rebuild()
	return graph.WriteResult{DocumentID: f.Document.ID}, nil
}

func (m *memStore) DeleteDocument(_ context.Context, id string) (bool, error) {
	_, ok := m.docs[id]
	delete(m.docs, id)
	m.rebuild()
	return ok, nil
}

func (m *memStore) rebuild() {
	contribs := map[string][]graph.Contribution{}
	for _, d := range m.docs {
		v := reflect.ValueOf(d).Elem()
		for i := 1; i < v.NumField(); i++ {
			l := v.Field(i)
			for j := 0; j < l.Len(); j++ {
				f := l.Index(j).Addr().Interface()
				id := graph.IDOf(f)
				contribs[id] = append(contribs[id], graph.Contribution{Document: d.Document, Fact: f})
			}
		}
	}
	m.facts = map[string]any{}
	m.rel = map[graph.Relation]map[string][]string{}
	for id, cs := range contribs {
		f := graph.Merge(cs)
		graph.Normalize(f)
		m.facts[id] = f
	}
	for _, f := range m.facts {
		for _, e := range graph.Edges(f) {
			if m.rel[e.Rel] == nil {
				m.rel[e.Rel] = map[string][]string{}
			}
			if !slices.Contains(m.rel[e.Rel][e.FromID], e.ToID) {
				m.rel[e.Rel][e.FromID] = append(m.rel[e.Rel][e.FromID], e.ToID)
			}
		}
	}
	for _, r := range m.rel {
		for k, ids := range r {
			ids = slices.DeleteFunc(ids, func(id string) bool { return m.facts[id] == nil })
			sort.Slice(ids, func(i, j int) bool { return graph.SortKey(m.facts[ids[i]]) < graph.SortKey(m.facts[ids[j]]) })
			r[k] = ids
		}
	}
}

func (m *memStore) Get(_ context.Context, ids []string) (map[string]any, error) {
	out := map[string]any{}
	for _, id := range ids {
		if f, ok := m.facts[id]; ok {
			out[id] = f
		}
	}
	return out, nil
}

func (m *memStore) match(kind graph.Kind, f graph.Filter) ([]string, error) {
	if err := graph.CheckFilter(kind, f); err != nil {
		return nil, err
	}
	region := func(c string) string {
		if cl, ok := m.facts[c].(*graph.Cluster); ok {
			return cl.RegionID
		}
		return ""
	}
	var keys []string
	for id, fact := range m.facts {
		if graph.KindOf(id) == kind && graph.Matches(fact, f, region) {
			keys = append(keys, graph.SortKey(fact))
		}
	}
	slices.Sort(keys)
	return keys, nil
}

func (m *memStore) List(_ context.Context, kind graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	keys, err := m.match(kind, f)
	if err != nil {
		return graph.PageResult{}, err
	}
	after, err := graph.DecodeCursor(p.After)
	if err != nil {
		return graph.PageResult{}, err
	}
	var res graph.PageResult
	n := graph.PageSize(p.First)
	for _, k := range keys {
		if p.After != "" && k <= after {
			continue
		}
		if len(res.IDs) == n {
			res.HasNext = true
			break
		}
		res.IDs = append(res.IDs, k[len(k)-len(k)+lastNUL(k):])
		res.EndCursor = graph.EncodeCursor(k)
	}
	return res, nil
}

func lastNUL(k string) int {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == 0 {
			return i + 1
		}
	}
	return 0
}

func (m *memStore) Count(_ context.Context, kind graph.Kind, f graph.Filter) (int, error) {
	keys, err := m.match(kind, f)
	return len(keys), err
}

func (m *memStore) Related(_ context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, id := range ids {
		if r := m.rel[rel][id]; len(r) > 0 {
			out[id] = slices.Clone(r)
		}
	}
	return out, nil
}

func (m *memStore) Search(context.Context, string, []graph.Kind, int) ([]graph.SearchHit, error) {
	return nil, nil
}
func (m *memStore) Stats(context.Context) (graph.Stats, error)          { return graph.Stats{}, nil }
func (m *memStore) Documents(context.Context) ([]graph.Document, error) { return nil, nil }

var _ graph.Store = (*memStore)(nil)
