package loader

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// genDocument is one generated document, as bytes to load.
type genDocument struct {
	name string
	data []byte
}

// generatedDocs renders the first n documents of the seed-5 corpus.
func generatedDocs(t *testing.T, n int) []genDocument {
	t.Helper()
	c, err := gen.Generate(gen.Options{Seed: 5, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]genDocument, min(n, c.Len()))
	for i := range out {
		d := c.Document(i)
		out[i] = genDocument{d.Name + ".txt", []byte(d.Text)}
	}
	return out
}

// equivalenceSequence is what the equivalence tests load: 120 documents (40 under -race),
// then corrected versions (a different hash) of a few of them, so that
// resolution also runs with the replaced version's people in the store.
func equivalenceSequence(t *testing.T) []genDocument {
	n := 120
	if raceEnabled {
		n = 40
	}
	docs := generatedDocs(t, n)
	seq := slices.Clone(docs)
	for _, i := range []int{0, 7, 33, n / 2, n - 1} {
		seq = append(seq, genDocument{docs[i].name, append(slices.Clone(docs[i].data), "\n\n"...)})
	}
	// Versions that name someone else where a document named the first
	// person sending apologies, and then the original again: writes that
	// take a document away from a person and their seats, and give it back.
	var renamed []genDocument
	for i := 3; i < n && len(renamed) < 2; i++ {
		_, after, ok := bytes.Cut(docs[i].data, []byte("Afbud:\n\n"))
		name, _, _ := bytes.Cut(after, []byte("\n"))
		if ok && len(name) > 0 {
			seq = append(seq, genDocument{docs[i].name, bytes.ReplaceAll(docs[i].data, name, []byte("Bodil Testesen Nymark"))})
			renamed = append(renamed, docs[i])
			i += n / 4 // the next from a later stretch of the corpus
		}
	}
	if len(renamed) < 2 {
		t.Fatalf("only %d documents list apologies: the sequence replaces too few", len(renamed))
	}
	return append(seq, renamed[0])
}

func openNoSync(t *testing.T) *embedded.Store {
	t.Helper()
	s, err := embedded.OpenWith(t.TempDir(), embedded.Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func fixedOptions() Options {
	return Options{Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}
}

// allFacts reads every fact in the store.
func allFacts(t *testing.T, s graph.Store) []any {
	t.Helper()
	ctx := context.Background()
	var out []any
	for _, k := range graph.Kinds {
		var ids []string
		for p := (graph.Page{First: graph.MaxPageSize}); ; {
			res, err := s.List(ctx, k, graph.Filter{}, p)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, res.IDs...)
			if !res.HasNext || len(res.IDs) == 0 {
				break
			}
			p.After = res.EndCursor
		}
		got, err := getAll(ctx, s, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range slices.Sorted(maps.Keys(got)) {
			out = append(out, got[id])
		}
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		out = append(out, &docs[i])
	}
	return out
}

// assertSameGraph compares two stores' facts (ContentHash) and Stats.
func assertSameGraph(t *testing.T, got, want graph.Store) {
	t.Helper()
	ctx := context.Background()
	sg, err := got.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := want.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameStats(sg, sw) {
		t.Errorf("stats differ:\n got  %+v\n want %+v", sg, sw)
	}
	fg, fw := allFacts(t, got), allFacts(t, want)
	if hg, hw := graph.ContentHash(fg), graph.ContentHash(fw); hg != hw {
		t.Errorf("content hash differs: %s vs %s", hg, hw)
		// Name a few differing people, to start from.
		wm := map[string]string{}
		for _, f := range fw {
			wm[graph.IDOf(f)] = graph.ContentHash([]any{f})
		}
		n := 0
		for _, f := range fg {
			if id := graph.IDOf(f); wm[id] != graph.ContentHash([]any{f}) && n < 5 {
				t.Errorf("differs: %s", id)
				n++
			}
		}
	}
	if sg.Facts[graph.KindPerson] == 0 {
		t.Fatal("no people loaded: the comparison proves nothing")
	}
}

func loadAll(t *testing.T, l *Loader, docs []genDocument) {
	t.Helper()
	ctx := context.Background()
	for _, d := range docs {
		if _, err := l.LoadBytes(ctx, d.name, d.data); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
	}
}

// TestPeopleCacheDecidesAsTheStore loads the same documents with the
// people cache and resolving each from the whole store, and expects the
// same graph.
func TestPeopleCacheDecidesAsTheStore(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 125 documents twice")
	}
	seq := equivalenceSequence(t)
	cached, scratch := openNoSync(t), openNoSync(t)
	lc := New(cached, fixedOptions())
	ls := New(scratch, fixedOptions())
	ls.noPeopleCache = true
	loadAll(t, lc, seq)
	loadAll(t, ls, seq)
	if lc.people == nil || len(lc.people.people) == 0 {
		t.Fatal("the cached loader holds no people cache")
	}
	if ls.people != nil {
		t.Fatal("the scratch loader built a cache")
	}
	assertSameGraph(t, cached, scratch)

	// The cache, kept up to date document by document, equals one built
	// afresh from the final store.
	fresh, err := buildPeopleCache(context.Background(), cached, reference())
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh.people) != len(lc.people.people) {
		t.Fatalf("cache holds %d people, the store %d", len(lc.people.people), len(fresh.people))
	}
	for id, fp := range fresh.people {
		cp := lc.people.people[id]
		if cp == nil {
			t.Errorf("%s missing from the cache", id)
			continue
		}
		if !entitiesEqual(cp.full, fp.full) {
			t.Errorf("%s: cached entity %+v, from the store %+v", id, *cp.full, *fp.full)
		}
		// The documents kept write by write are those the store's sources name.
		if !slices.Equal(cp.pdocs, fp.pdocs) || !maps.Equal(cp.docs, fp.docs) {
			t.Errorf("%s: cached documents %v (counts %v), from the store %v (%v)", id, cp.pdocs, cp.docs, fp.pdocs, fp.docs)
		}
	}
	if !maps.EqualFunc(lc.people.memberDocs, fresh.memberDocs, slices.Equal) {
		t.Error("the cache's documents of memberships differ from the store's")
	}
	// So do its indexes.
	sets := func(m map[string][]string) map[string]map[string]bool {
		out := map[string]map[string]bool{}
		for k, ids := range m {
			for _, id := range ids {
				addTo(out, k, id)
			}
		}
		return out
	}
	setsEqual := func(a, b map[string]map[string]bool) bool { return maps.EqualFunc(a, b, maps.Equal) }
	for _, ix := range []struct {
		name       string
		kept, read map[string]map[string]bool
	}{
		{"name keys", sets(lc.people.byKey), sets(fresh.byKey)},
		{"bodies", lc.people.bodyPeople, fresh.bodyPeople},
		{"organisations", lc.people.orgPeople, fresh.orgPeople},
	} {
		if len(ix.read) == 0 {
			t.Errorf("no index of %s: the comparison proves nothing", ix.name)
		}
		if !setsEqual(ix.kept, ix.read) {
			t.Errorf("the cache's index of %s differs from one built from the store", ix.name)
		}
	}
	for k, ids := range lc.people.byKey {
		if len(ids) != len(sets(map[string][]string{k: ids})[k]) {
			t.Errorf("name key %s lists a person twice: %v", k, ids)
		}
	}
	if !maps.EqualFunc(lc.people.members, fresh.members, func(a, b *graph.Membership) bool { return a.ID == b.ID && a.BodyID == b.BodyID }) {
		t.Error("the cache's memberships differ from the store's")
	}
	// So do the municipalities' cluster_municipality links.
	if len(lc.people.muniLinks) == 0 {
		t.Fatal("the cache holds no municipality's links")
	}
	for mid, links := range lc.people.muniLinks {
		if _, err := fresh.otherClusters(context.Background(), cached, mid, "", ""); err != nil {
			t.Fatal(err)
		}
		want := fresh.muniLinks[mid]
		if len(links) != len(want) {
			t.Errorf("%s: %d links cached, %d in the store", mid, len(links), len(want))
		}
		for id, w := range want {
			if got := links[id]; got == nil || got.to != w.to || !slices.Equal(got.docs, w.docs) {
				t.Errorf("%s: cached link %s is %+v, in the store %+v", mid, id, got, w)
			}
		}
	}
}

func entitiesEqual(a, b *entity) bool {
	sorted := func(x []string) []string { y := slices.Clone(x); slices.Sort(y); return y }
	return a.ID == b.ID && slices.Equal(a.Names, b.Names) && a.Party == b.Party && a.OrgID == b.OrgID &&
		a.OrgKind == b.OrgKind && slices.Equal(a.Titles, b.Titles) && a.Category == b.Category &&
		slices.Equal(sorted(a.Regions), sorted(b.Regions)) && slices.Equal(sorted(a.Clusters), sorted(b.Clusters))
}

// TestPeopleCacheSeesOtherWriters has two Loaders (two instances) write
// one store in turns; each must notice the other's documents and decide
// as a single Loader resolving from the store would.
func TestPeopleCacheSeesOtherWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 80 documents twice")
	}
	docs := generatedDocs(t, 80)
	shared, scratch := openNoSync(t), openNoSync(t)
	a, b := New(shared, fixedOptions()), New(shared, fixedOptions())
	ls := New(scratch, fixedOptions())
	ls.noPeopleCache = true
	for i, d := range docs {
		l := a
		if (i/5)%2 == 1 {
			l = b
		}
		loadAll(t, l, []genDocument{d})
	}
	loadAll(t, ls, docs)
	assertSameGraph(t, shared, scratch)
}

// TestNameKeysFindEveryMatch checks that for every pair of names that
// compareNames relates closely enough for resolve to act on (spelling
// variant or closer) the lookup keys of each share a name key with the
// index keys of the other, on hand-picked pairs for each rule and on every
// pair of names of the people of generated documents; and that names
// sharing only a last name, or a first letter and a last name, share no
// key (the index would bring a share of the store's people that grows with
// it).
func TestNameKeysFindEveryMatch(t *testing.T) {
	pairs := [][2]string{
		{"Anne-Mette Dalgaard", "Anne Mette Dalgaard"},       // exact
		{"Agnete", "Agnete"},                                 // exact, one word
		{"Trine M. Hansen", "Trine Malling Hansen"},          // initial in the middle
		{"T. Hansen", "Trine Hansen"},                        // initial first name
		{"Anne Krøjer", "Anne Krøjer Jacobsen"},              // last name omitted
		{"Stephenie Olsen", "Stephanie Olsen"},               // first name one letter off
		{"Trine Lundsryd", "Trine Lundsfryd"},                // last name one letter off
		{"T. Lundsryd", "Trine Lundsfryd"},                   // initial and a last name one letter off
		{"T. Lundsfryd", "Trine Lundsfyrd"},                  // initial and a transposition
		{"K. Bækgaard", "Karen Bækgård"},                     // initial and a folded letter
		{"J. Mortensen", "Jens Peter Mortensn"},              // initial, middle name, deletion
		{"Hans Christian Holm Sørensen", "Hans C. Sørensen"}, // initial and omitted middle names
		{"Anne Marie", "Anne Marie Jensen"},                  // last name omitted, two words left
		{"Anne Marie Holm", "Anne Marie Holm Jensen"},        // last name omitted, three words left
		{"Kim Brogaard", "Kim Agerholm Brogaard"},            // middle name omitted
		{"Kristina Holm", "Kristine Holm"},                   // first name one letter off, short last name
		{"Henrik Jensen", "Henrk Jensen"},                    // a letter deleted from the first name
		{"Henrik Jensen", "Hernik Jensen"},                   // first name transposition
		{"T. Jensen", "T. Jensen"},                           // exact, initial
		{"T. Jensen", "T. Jensn"},                            // initials and a last name one letter off
		{"Jensen Hansen", "J. Hansen"},                       // initial for a first name that is a last name elsewhere
	}
	for _, p := range pairs {
		if m, _ := compareNames(p[0], p[1]); m < matchTypo {
			t.Errorf("%q / %q: compareNames says %v; the table is wrong", p[0], p[1], m)
			continue
		}
		if !keysRelate(p[0], p[1]) {
			t.Errorf("%q / %q share no name key", p[0], p[1])
		}
	}
	for _, p := range [][2]string{
		{"Trine Hansen", "Ole Jensen"},
		{"Trine Jensen", "Ole Jensen"},   // a last name
		{"Trine Jensen", "Tove Jensen"},  // a first letter and a last name
		{"Trine Jensen", "Trine Hansen"}, // a first name
		{"Anne Marie Jensen", "Anne Marie Hansen"},
		{"Trine Malling Jensen", "Ole Malling Jensen"},
	} {
		if m, _ := compareNames(p[0], p[1]); m >= matchTypo {
			t.Errorf("%q / %q: compareNames says %v; the table is wrong", p[0], p[1], m)
		}
		if shareKey(nameKeys([]string{p[0]}, true), nameKeys([]string{p[1]}, false)) ||
			shareKey(nameKeys([]string{p[1]}, true), nameKeys([]string{p[0]}, false)) {
			t.Errorf("%q / %q share a key: the index would not narrow anything", p[0], p[1])
		}
	}

	c, err := gen.Generate(gen.Options{Seed: 5, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for i := range min(c.Len(), 200) {
		d := c.Document(i)
		for _, p := range d.Key.People {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				if !seen[n] {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d names generated", len(names))
	}
	index, lookup := make([][]string, len(names)), make([][]string, len(names))
	for i, n := range names {
		index[i], lookup[i] = nameKeys([]string{n}, false), nameKeys([]string{n}, true)
	}
	related := 0
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if m, _ := compareNames(names[i], names[j]); m >= matchTypo {
				related++
				if !shareKey(lookup[i], index[j]) || !shareKey(lookup[j], index[i]) {
					t.Errorf("%q / %q (%v) share no name key", names[i], names[j], m)
				}
			}
		}
	}
	if related == 0 {
		t.Error("no related pairs among the generated names: the check proves nothing")
	}
	t.Logf("%d names, %d related pairs", len(names), related)
}

// keysRelate says whether the people cache finds a person named b for a
// mention named a, and one named a for a mention named b: the lookup keys
// of each share a key with the index keys of the other.
func keysRelate(a, b string) bool {
	return shareKey(nameKeys([]string{a}, true), nameKeys([]string{b}, false)) &&
		shareKey(nameKeys([]string{b}, true), nameKeys([]string{a}, false))
}

func shareKey(a, b []string) bool {
	for _, k := range a {
		if _, ok := slices.BinarySearch(b, k); ok {
			return true
		}
	}
	return false
}

// membershipReads records the people whose memberships Related is asked
// for, while on.
type membershipReads struct {
	graph.Store
	on    bool
	asked map[string]bool
}

func (s *membershipReads) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	if s.on && rel == graph.RelMembershipsOfPerson {
		for _, id := range ids {
			s.asked[id] = true
		}
	}
	return s.Store.Related(ctx, rel, ids)
}

// TestPeopleCacheKeepsUnchangedSeats: a write that names people the cache
// already holds does not read their memberships again (their seats the
// write did not change stay as cached, TestPeopleCacheDecidesAsTheStore
// checks the result), so that a person with many seats costs a write no
// more than one with few; people new to the cache are read.
func TestPeopleCacheKeepsUnchangedSeats(t *testing.T) {
	docs := generatedDocs(t, 80)
	s := &membershipReads{Store: openNoSync(t)}
	l := New(s, fixedOptions())
	loadAll(t, l, docs[:60])
	named, seats, fresh := 0, 0, 0
	for _, d := range docs[60:] {
		type was struct{ seats, docs int }
		before := map[string]was{}
		for id, cp := range l.people.people {
			before[id] = was{len(cp.seats), len(cp.pdocs)}
		}
		s.on, s.asked = true, map[string]bool{}
		loadAll(t, l, []genDocument{d})
		s.on = false
		for id := range s.asked {
			if b, cached := before[id]; cached {
				t.Errorf("%s: the memberships of %s (cached, %d seats) were read again", d.name, id, b.seats)
			} else {
				fresh++
			}
		}
		for id, cp := range l.people.people {
			if b, cached := before[id]; cached && len(cp.pdocs) > b.docs { // the document names them
				named++
				seats += b.seats
			}
		}
	}
	if named == 0 || seats == 0 || fresh == 0 {
		t.Fatalf("the documents name %d cached people with %d seats and %d new people: the test does not see both paths", named, seats, fresh)
	}
	t.Logf("%d cached people with %d seats named, %d new people read", named, seats, fresh)
}

// TestPeopleCacheSeesBodyOfUnchangedSeat: a write that names a cached
// person with the same seats (only their documents change) keeps the
// person's entity unless it changes what the entity reads: here the body
// of the seat gains its cluster in the same write, and the cached entity
// must show it, as one built from the store does.
func TestPeopleCacheSeesBodyOfUnchangedSeat(t *testing.T) {
	ctx := context.Background()
	s := openNoSync(t)
	l := New(s, fixedOptions())
	doc := func(n int, cluster string) *graph.DocumentFacts {
		d := graph.Document{ID: fmt.Sprintf("document:seat-%d.txt", n), FileName: fmt.Sprintf("seat-%d.txt", n),
			SHA256: fmt.Sprintf("%064d", n), Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: fmt.Sprintf("2024-01-%02d", n)}
		src := []graph.Source{{DocumentID: d.ID, FileName: d.FileName, SHA256: d.SHA256, LineStart: 1, LineEnd: 1, Quote: "Test Testesen", Origin: graph.OriginMinutes}}
		return &graph.DocumentFacts{Document: d,
			People: []graph.Person{{ID: "person:test-testesen", Name: "Test Testesen", Sources: src}},
			Bodies: []graph.Body{{ID: "body:testgruppen", Name: "Testgruppen", Kind: graph.BodyAdHocGroup, ClusterID: cluster, Sources: src}},
			Memberships: []graph.Membership{{ID: "membership:test-testesen-testgruppen", PersonID: "person:test-testesen",
				BodyID: "body:testgruppen", Role: "member", Sources: src}}}
	}
	if _, err := s.ReplaceDocument(ctx, doc(1, "")); err != nil {
		t.Fatal(err)
	}
	if _, err := l.resolvingStore(ctx); err != nil {
		t.Fatal(err)
	}
	before := l.people.people["person:test-testesen"]
	if before == nil || len(before.seats) != 1 || len(before.full.Clusters) != 0 {
		t.Fatalf("cached before the write: %+v", before)
	}
	if _, err := l.replaceDocument(ctx, doc(2, "cluster:SD-LILLEBAELT")); err != nil {
		t.Fatal(err)
	}
	after := l.people.people["person:test-testesen"]
	fresh, err := buildPeopleCache(ctx, s, reference())
	if err != nil {
		t.Fatal(err)
	}
	want := fresh.people["person:test-testesen"].full
	if !slices.Equal(want.Clusters, []string{"SD-LILLEBAELT"}) {
		t.Fatalf("the store's entity has clusters %v: the write did not give the body its cluster", want.Clusters)
	}
	if !entitiesEqual(after.full, want) {
		t.Errorf("cached entity %+v, from the store %+v", *after.full, *want)
	}
}
