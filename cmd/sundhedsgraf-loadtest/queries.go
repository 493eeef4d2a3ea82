package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// query is one request of the mix and how to check its answer against the
// store. Checks allow for the documents loaded during the run: counts that
// grow must lie between the store's counts read just before and just after
// the request; facts that the new documents do not touch must be equal.
type query struct {
	name  string
	text  string
	vars  map[string]any
	check func(ctx context.Context, r *response, before, after snapshot) string
}

// snapshot is what the store says about growing counts at one moment.
type snapshot struct{ documents int }

// fixtures are the IDs the mix asks about, read from the store before the
// run (sample-corpus facts: the new documents do not change them).
type fixtures struct {
	store    graph.Store
	people   []string
	clusters []string
	regions  string // the regions query's expected data
	words    []string
}

func newFixtures(ctx context.Context, s graph.Store) (*fixtures, error) {
	fx := &fixtures{store: s, words: []string{"sundhed", "klynge", "borger", "region", "kommune", "forebyggelse", "psykiatri", "aeldre", "samarbejde"}}
	people, err := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{First: 100})
	if err != nil {
		return nil, err
	}
	clusters, err := s.List(ctx, graph.KindCluster, graph.Filter{}, graph.Page{First: 100})
	if err != nil {
		return nil, err
	}
	regions, err := s.List(ctx, graph.KindRegion, graph.Filter{}, graph.Page{First: 100})
	if err != nil {
		return nil, err
	}
	fx.people, fx.clusters = people.IDs, clusters.IDs
	if len(fx.people) == 0 || len(fx.clusters) == 0 || len(regions.IDs) == 0 {
		return nil, fmt.Errorf("the sample corpus has %d people, %d clusters, %d regions", len(fx.people), len(fx.clusters), len(regions.IDs))
	}
	got, err := s.Get(ctx, regions.IDs)
	if err != nil {
		return nil, err
	}
	type node struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	var want struct {
		Regions struct {
			TotalCount int    `json:"totalCount"`
			Nodes      []node `json:"nodes"`
		} `json:"regions"`
	}
	want.Regions.TotalCount = len(regions.IDs)
	for _, id := range regions.IDs {
		want.Regions.Nodes = append(want.Regions.Nodes, node{id, got[id].(*graph.Region).Name})
	}
	b, _ := json.Marshal(want)
	fx.regions = string(b)
	return fx, nil
}

func (fx *fixtures) snap(ctx context.Context) snapshot {
	st, err := fx.store.Stats(ctx)
	if err != nil {
		return snapshot{documents: -1}
	}
	return snapshot{documents: st.Documents}
}

// get reads one fact from the store.
func (fx *fixtures) get(ctx context.Context, id string) any {
	m, err := fx.store.Get(ctx, []string{id})
	if err != nil {
		return nil
	}
	return m[id]
}

// pick draws a query of the mix: mostly lookups and short lists, some
// searches and nested reads, as an explorer page makes them.
func (fx *fixtures) pick(rng *rand.Rand) query {
	switch n := rng.IntN(100); {
	case n < 20:
		return fx.person(fx.people[rng.IntN(len(fx.people))])
	case n < 35:
		return fx.seats(fx.people[rng.IntN(len(fx.people))])
	case n < 50:
		return fx.cluster(fx.clusters[rng.IntN(len(fx.clusters))])
	case n < 65:
		return fx.search(fx.words[rng.IntN(len(fx.words))])
	case n < 75:
		return fx.peoplePage()
	case n < 85:
		return fx.documentsPage()
	case n < 92:
		return fx.regionsList()
	default:
		return fx.stats()
	}
}

func decode[T any](r *response) (T, string) {
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		return v, "undecodable data: " + err.Error()
	}
	return v, ""
}

func (fx *fixtures) person(id string) query {
	return query{name: "person", text: `query($id: ID!) { node(id: $id) { id ... on Person { name } } }`, vars: map[string]any{"id": id},
		check: func(ctx context.Context, r *response, _, _ snapshot) string {
			v, bad := decode[struct{ Node struct{ ID, Name string } }](r)
			if bad != "" {
				return bad
			}
			p, _ := fx.get(ctx, id).(*graph.Person)
			if p == nil || v.Node.ID != id || v.Node.Name != p.Name {
				return fmt.Sprintf("%s: got %+v, store %+v", id, v.Node, p)
			}
			return ""
		}}
}

func (fx *fixtures) seats(id string) query {
	return query{name: "seats", text: `query($id: ID!) { node(id: $id) { ... on Person { memberships { id role body { id name } } } } }`, vars: map[string]any{"id": id},
		check: func(ctx context.Context, r *response, _, _ snapshot) string {
			v, bad := decode[struct {
				Node struct {
					Memberships []struct {
						ID   string
						Body struct{ ID, Name string }
					}
				}
			}](r)
			if bad != "" {
				return bad
			}
			rel, err := fx.store.Related(ctx, graph.RelMembershipsOfPerson, []string{id})
			if err != nil {
				return "store: " + err.Error()
			}
			want := slices.Sorted(slices.Values(rel[id]))
			var got []string
			for _, m := range v.Node.Memberships {
				got = append(got, m.ID)
				ms, _ := fx.get(ctx, m.ID).(*graph.Membership)
				if ms == nil || ms.BodyID != m.Body.ID {
					return fmt.Sprintf("%s: membership %s in body %s, store %+v", id, m.ID, m.Body.ID, ms)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				return fmt.Sprintf("%s: memberships %v, store %v", id, got, want)
			}
			return ""
		}}
}

func (fx *fixtures) cluster(id string) query {
	return query{name: "cluster", text: `query($id: ID) { cluster(id: $id) { id name } }`, vars: map[string]any{"id": id},
		check: func(ctx context.Context, r *response, _, _ snapshot) string {
			v, bad := decode[struct{ Cluster struct{ ID, Name string } }](r)
			if bad != "" {
				return bad
			}
			c, _ := fx.get(ctx, id).(*graph.Cluster)
			if c == nil || v.Cluster.ID != id || v.Cluster.Name != c.Name {
				return fmt.Sprintf("%s: got %+v, store %+v", id, v.Cluster, c)
			}
			return ""
		}}
}

func (fx *fixtures) search(word string) query {
	return query{name: "search", text: `query($t: String!) { search(text: $t, first: 10) { kind snippet node { id } } }`, vars: map[string]any{"t": word},
		check: func(ctx context.Context, r *response, _, _ snapshot) string {
			v, bad := decode[struct {
				Search []struct {
					Kind string
					Node struct{ ID string }
				}
			}](r)
			if bad != "" {
				return bad
			}
			if len(v.Search) > 10 {
				return fmt.Sprintf("%q: %d hits, asked for 10", word, len(v.Search))
			}
			for _, h := range v.Search {
				if !strings.HasPrefix(h.Node.ID, graph.IDPrefix[graph.Kind(h.Kind)]) || fx.get(ctx, h.Node.ID) == nil {
					return fmt.Sprintf("%q: hit %s of kind %s is not in the store", word, h.Node.ID, h.Kind)
				}
			}
			return ""
		}}
}

func (fx *fixtures) peoplePage() query {
	return query{name: "people", text: `{ people(first: 20) { nodes { id name } } }`,
		check: func(ctx context.Context, r *response, _, _ snapshot) string {
			v, bad := decode[struct {
				People struct{ Nodes []struct{ ID, Name string } }
			}](r)
			if bad != "" {
				return bad
			}
			if len(v.People.Nodes) != 20 {
				return fmt.Sprintf("%d people, want 20", len(v.People.Nodes))
			}
			for _, n := range v.People.Nodes {
				if p, _ := fx.get(ctx, n.ID).(*graph.Person); p == nil || p.Name != n.Name {
					return fmt.Sprintf("person %+v, store %+v", n, p)
				}
			}
			return ""
		}}
}

func (fx *fixtures) documentsPage() query {
	return query{name: "documents", text: `{ documents(first: 10, order: DESC) { totalCount nodes { id fileName } } }`,
		check: func(ctx context.Context, r *response, before, after snapshot) string {
			v, bad := decode[struct {
				Documents struct {
					TotalCount int
					Nodes      []struct{ ID, FileName string }
				}
			}](r)
			if bad != "" {
				return bad
			}
			if n := v.Documents.TotalCount; n < before.documents || n > after.documents {
				return fmt.Sprintf("totalCount %d outside [%d, %d]", n, before.documents, after.documents)
			}
			for _, n := range v.Documents.Nodes {
				if d, _ := fx.get(ctx, n.ID).(*graph.Document); d == nil || d.FileName != n.FileName {
					return fmt.Sprintf("document %+v, store %+v", n, d)
				}
			}
			return ""
		}}
}

func (fx *fixtures) regionsList() query {
	return query{name: "regions", text: `{ regions { totalCount nodes { id name } } }`,
		check: func(_ context.Context, r *response, _, _ snapshot) string {
			if string(r.Data) != fx.regions {
				return fmt.Sprintf("got %s, want %s", r.Data, fx.regions)
			}
			return ""
		}}
}

func (fx *fixtures) stats() query {
	return query{name: "stats", text: `{ stats { documents } }`,
		check: func(_ context.Context, r *response, before, after snapshot) string {
			v, bad := decode[struct{ Stats struct{ Documents int } }](r)
			if bad != "" {
				return bad
			}
			if n := v.Stats.Documents; n < before.documents || n > after.documents {
				return fmt.Sprintf("documents %d outside [%d, %d]", n, before.documents, after.documents)
			}
			return ""
		}}
}
