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

// TestCompactionRebuildsInternerAfterDrops: a compaction builds a new
// interner, without the values only replaced or deleted documents held,
// when documents were replaced or deleted since the last one was built (or
// the store was opened), and keeps the interner when documents were only
// added: it holds every value of theirs already.
func TestCompactionRebuildsInternerAfterDrops(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir(), Options{NoSync: true})
	defer closeStore(t, s)
	interned := func() *interner {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.strs
	}
	compact := func() *interner {
		t.Helper()
		if err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		return interned()
	}
	holds := func(in *interner, v string) bool { _, ok := in.strs[v]; return ok }
	for i := range 10 {
		storetest.Load(t, ctx, s, genDoc(i, 1))
	}
	opened := interned()
	first := compact()
	if first == opened {
		t.Error("the first compaction of an opened store kept the interner")
	}
	for i := 10; i < 20; i++ {
		storetest.Load(t, ctx, s, genDoc(i, 1))
	}
	if compact() != first {
		t.Error("a compaction after documents were only added built a new interner")
	}
	if !holds(first, genDoc(15, 1).Document.SHA256) {
		t.Error("the kept interner lacks an added document's values")
	}
	replaced, deleted := genDoc(3, 1).Document.SHA256, genDoc(5, 1).Document.SHA256
	if !holds(first, replaced) || !holds(first, deleted) {
		t.Fatal("the documents' hashes were never interned: the test proves nothing")
	}
	storetest.Load(t, ctx, s, genDoc(3, 2))
	second := compact()
	if second == first || holds(second, replaced) || !holds(second, genDoc(3, 2).Document.SHA256) {
		t.Errorf("after a replacement: new interner %v, holds the old version's hash %v", second != first, holds(second, replaced))
	}
	if ok, err := s.DeleteDocument(ctx, genDoc(5, 1).Document.ID); err != nil || !ok {
		t.Fatal(ok, err)
	}
	third := compact()
	if third == second || holds(third, deleted) {
		t.Errorf("after a deletion: new interner %v, holds the deleted document's hash %v", third != second, holds(third, deleted))
	}
	if compact() != third {
		t.Error("a compaction with nothing replaced or deleted since the last built a new interner")
	}
}
