package loader

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// TestPeopleCacheKeepsBodiesAndOrganisations writes random documents
// through the Loader's replaceDocument (new ones in and out of date order,
// replaced ones) stating bodies and organisations with random kinds,
// clusters and councils, and checks after every write that the people
// cache holds what the store merges for every field an entity reads,
// although refresh skips those mayHaveChanged says the write left alone.
func TestPeopleCacheKeepsBodiesAndOrganisations(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 11))
		s := openNoSync(t)
		l := New(s, fixedOptions())
		if _, err := l.resolvingStore(ctx); err != nil {
			t.Fatal(err)
		}
		pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
		skipped := 0
		for step := range 150 {
			n := step
			if step > 10 && r.IntN(5) == 0 {
				n = r.IntN(step) // replace an earlier document
			}
			d := graph.Document{ID: fmt.Sprintf("document:t%03d", n), FileName: fmt.Sprintf("t%03d", n), SHA256: fmt.Sprint(r.Uint64()),
				Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: fmt.Sprintf("2025-01-%02d", 1+r.IntN(28))}
			f := &graph.DocumentFacts{Document: d}
			for range r.IntN(4) {
				f.Bodies = append(f.Bodies, graph.Body{ID: fmt.Sprintf("body:%d", r.IntN(4)), Name: "Udvalg",
					Kind: pick("", "", graph.BodyPolitical, graph.BodyHealthCouncil), ClusterID: pick("", "", "cluster:A", "cluster:B"), CouncilID: pick("", "", "council:X")})
			}
			for range r.IntN(4) {
				f.Organisations = append(f.Organisations, graph.Organisation{ID: fmt.Sprintf("org:%d", r.IntN(4)), Name: "Org", Kind: pick("", "", graph.OrgMunicipality, graph.OrgRegion)})
			}
			rel, err := s.Related(ctx, graph.RelFactsOfDocument, []string{d.ID})
			if err != nil {
				t.Fatal(err)
			}
			_, bo := l.people.touched(f, rel[d.ID])
			skipped += len(bo) - len(l.people.mayHaveChanged(f, rel[d.ID], bo))
			if _, err := l.replaceDocument(ctx, f); err != nil {
				t.Fatal(err)
			}
			if l.people == nil {
				t.Fatal("the cache was dropped")
			}
			var ids []string
			for i := range 4 {
				ids = append(ids, fmt.Sprintf("body:%d", i), fmt.Sprintf("org:%d", i))
			}
			got, err := s.Get(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				switch f := got[id].(type) {
				case *graph.Body:
					cb := l.people.bodies[id]
					if cb == nil || cb.Kind != f.Kind || cb.ClusterID != f.ClusterID || cb.CouncilID != f.CouncilID {
						t.Fatalf("seed %d step %d: %s is %+v in the store, %+v in the cache", seed, step, id, f, cb)
					}
				case *graph.Organisation:
					if co := l.people.orgs[id]; co == nil || co.Kind != f.Kind {
						t.Fatalf("seed %d step %d: %s is %+v in the store, %+v in the cache", seed, step, id, f, co)
					}
				default:
					if l.people.bodies[id] != nil || l.people.orgs[id] != nil {
						t.Fatalf("seed %d step %d: %s is not in the store but in the cache", seed, step, id)
					}
				}
			}
		}
		if skipped == 0 {
			t.Errorf("seed %d: refresh never skipped a body or organisation", seed)
		}
	}
}
