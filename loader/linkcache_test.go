package loader

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// TestCachedOtherClusters checks that the people cache answers
// otherClusters as reading the store does, as documents showing a
// municipality in clusters are written, replaced and withdrawn through the
// Loader; and that it leaves out a cluster only the document being loaded
// shows the municipality in.
func TestCachedOtherClusters(t *testing.T) {
	ctx := context.Background()
	s := openNoSync(t)
	l := New(s, fixedOptions())
	const mid = "municipality:575"
	version := 0
	write := func(doc string, clusters ...string) {
		t.Helper()
		version++
		f := &graph.DocumentFacts{Document: graph.Document{ID: "document:" + doc, FileName: doc + ".txt", SHA256: fmt.Sprint(doc, version),
			Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Lines: 1}}
		for i, c := range clusters {
			cid := "cluster:" + c
			f.Links = append(f.Links, graph.Link{ID: linkID(graph.LinkClusterMunicipality, mid, cid), Type: graph.LinkClusterMunicipality,
				FromID: mid, ToID: cid, Sources: []graph.Source{{DocumentID: f.Document.ID, LineStart: i + 1, LineEnd: i + 1}}})
		}
		if _, err := l.replaceDocument(ctx, f); err != nil {
			t.Fatal(err)
		}
		if l.people == nil {
			t.Fatal("the write dropped the people cache")
		}
	}
	cached := func(doc, cluster string) []string {
		t.Helper()
		got, err := l.people.otherClusters(ctx, s, mid, "cluster:"+cluster, "document:"+doc)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	check := func(step string) {
		t.Helper()
		for _, doc := range []string{"a", "b", "c"} {
			for _, c := range []string{"X", "Y", "Z"} {
				want, err := (&builder{ctx: ctx, store: s, docID: "document:" + doc}).otherClusters(mid, "cluster:"+c)
				if err != nil {
					t.Fatal(err)
				}
				if got := cached(doc, c); !slices.Equal(got, want) {
					t.Errorf("%s: document %s, cluster %s: cache says %v, the store %v", step, doc, c, got, want)
				}
			}
		}
	}
	if _, err := l.resolvingStore(ctx); err != nil {
		t.Fatal(err)
	}
	write("a", "X", "Y")
	write("b", "X")
	check("first writes")
	write("c", "Z")
	check("a new cluster")
	if got, want := cached("c", "X"), []string{"cluster:Y"}; !slices.Equal(got, want) {
		t.Errorf("document c, cluster X: %v, want %v (Z only from c)", got, want)
	}
	if got, want := cached("a", "X"), []string{"cluster:Z"}; !slices.Equal(got, want) {
		t.Errorf("document a, cluster X: %v, want %v (Y only from a)", got, want)
	}
	write("a", "X")
	check("a replaced without Y")
	write("b", "X", "Y")
	check("b replaced with Y")
	write("c")
	check("c replaced without links")
	write("a", "Z", "Y")
	check("a replaced with other clusters")
}
