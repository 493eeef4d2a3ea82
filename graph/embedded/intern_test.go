package embedded

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

// TestStoredFactsMatchMerge checks what the memory savings rely on: with
// strings, sources and link properties shared, single contributions serving
// as their own merge and merged facts kept without sources, Get still
// returns graph.Merge of the documents' contributions, normalised, and the
// Origin filter still sees every source; live, after a compaction and after
// reopening (snapshot plus log).
func TestStoredFactsMatchMerge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, dir, Options{NoSync: true})
	loaded := map[string]*graph.DocumentFacts{}
	load := func(d *graph.DocumentFacts) {
		t.Helper()
		storetest.Load(t, ctx, s, d)
		loaded[d.Document.ID] = d
	}
	del := func(id string) {
		t.Helper()
		if ok, err := s.DeleteDocument(ctx, id); err != nil || !ok {
			t.Fatal(ok, err)
		}
		delete(loaded, id)
	}
	load(genRef())
	for i := range 40 {
		d := genDoc(i, 1+i%2)
		for k := range d.Links {
			// Equal properties in many documents, one map per document.
			d.Links[k].Props = map[string]string{"reason": fmt.Sprintf("same name %d", k), "confidence": "0.5"}
		}
		if i%7 == 0 {
			// A name among the aliases: the merge of this one contribution
			// drops it, so it cannot serve as its own merge.
			d.People[0].Aliases = []string{d.People[0].Name, "Another Name"}
			// An ID twice in one document.
			dup := d.People[1]
			dup.Name, dup.Sources = dup.Name+" Dup", []graph.Source{{DocumentID: d.Document.ID, FileName: d.Document.FileName, LineStart: 99, LineEnd: 99, Quote: "dup", Origin: graph.OriginMinutes}}
			d.People = append(d.People, dup)
		}
		if i%5 == 0 {
			// One fact with two sources.
			d.Meetings[0].Sources = append(d.Meetings[0].Sources, graph.Source{DocumentID: d.Document.ID, FileName: d.Document.FileName, LineStart: 2, LineEnd: 3, Quote: "second", Origin: graph.OriginAdmin})
		}
		load(d)
	}
	del(genDoc(10, 1).Document.ID)
	check := func(when string) {
		t.Helper()
		want := map[string]any{}
		byID := map[string][]graph.Contribution{}
		for _, d := range loaded {
			for id, f := range factsByIDReference(d) {
				byID[id] = append(byID[id], graph.Contribution{Document: d.Document, Fact: f})
			}
		}
		for id, cs := range byID {
			m := graph.Merge(cs)
			graph.Normalize(m)
			want[id] = m
		}
		ids := make([]string, 0, len(want))
		for id := range want {
			ids = append(ids, id)
		}
		got, err := s.Get(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for id, w := range want {
			if !reflect.DeepEqual(got[id], w) {
				if bad++; bad <= 3 {
					t.Errorf("%s: Get(%s) =\n%+v\nwant\n%+v", when, id, got[id], w)
				}
			}
		}
		st, _ := s.Stats(ctx)
		n := 0
		for _, c := range st.Facts {
			n += c
		}
		if n != len(want) {
			t.Errorf("%s: %d facts; want %d", when, n, len(want))
		}
		for _, origin := range []graph.Origin{graph.OriginAdmin, graph.OriginMinutes, graph.OriginReference} {
			for _, k := range graph.Kinds {
				f := graph.Filter{Origin: origin}
				exp := 0
				for _, w := range want {
					if graph.KindOf(graph.IDOf(w)) == k && graph.Matches(w, f, func(string) string { return "" }) {
						exp++
					}
				}
				if c, err := s.Count(ctx, k, f); err != nil || c != exp {
					t.Errorf("%s: Count(%s, origin %s) = %d, %v; want %d", when, k, origin, c, err, exp)
				}
			}
		}
	}
	check("live")
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("compacted")
	for i := 40; i < 50; i++ {
		load(genDoc(i, 1))
	}
	load(genDoc(3, 1))
	del(genDoc(4, 2).Document.ID)
	check("written after the compaction")
	closeStore(t, s)
	s = open(t, dir, Options{NoSync: true})
	defer closeStore(t, s)
	check("reopened")
}

// factsByIDReference is the reading of a document's facts that the store
// must give: a fact stated twice is the merge of both statements, in order.
func factsByIDReference(d *graph.DocumentFacts) map[string]any {
	out := map[string]any{}
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
