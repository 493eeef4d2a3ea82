package embedded

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

func TestSortIndexAgainstSlice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix := &sortIndex{}
	var want []string
	type version struct {
		ix   *sortIndex
		keys []string
	}
	var versions []version
	for round := range 60 {
		tx := ix.tx()
		for range r.IntN(400) {
			k := fmt.Sprintf("k%05d", r.IntN(8000))
			i, found := slices.BinarySearch(want, k)
			if found && r.IntN(3) == 0 {
				tx.remove(k)
				want = slices.Delete(want, i, i+1)
			} else if !found {
				tx.insert(ixEntry{key: k, id: "id" + k})
				want = slices.Insert(want, i, k)
			}
		}
		ix = tx.done()
		versions = append(versions, version{ix, slices.Clone(want)})
		// Every version so far is unchanged by later transactions.
		for vi, v := range versions {
			var got []string
			v.ix.after("", func(e ixEntry) bool { got = append(got, e.key); return true })
			if !slices.Equal(got, v.keys) || v.ix.n != len(v.keys) {
				t.Fatalf("round %d: version %d has %d keys (n=%d); want %d", round, vi, len(got), v.ix.n, len(v.keys))
			}
		}
		// Iteration after any key starts right after it.
		for range 20 {
			after := fmt.Sprintf("k%05d", r.IntN(8100))
			var got []string
			ix.after(after, func(e ixEntry) bool { got = append(got, e.key); return len(got) < 5 })
			i, found := slices.BinarySearch(want, after)
			if found {
				i++
			}
			exp := want[i:min(len(want), i+5)]
			if !slices.Equal(got, exp) && !(len(got) == 0 && len(exp) == 0) {
				t.Fatalf("after %s: %v; want %v", after, got, exp)
			}
		}
		// Iteration before any key (or from the end) runs backward from
		// right below it, across chunks.
		var all []string
		ix.before("", func(e ixEntry) bool { all = append(all, e.key); return true })
		rev := slices.Clone(want)
		slices.Reverse(rev)
		if !slices.Equal(all, rev) && len(want) > 0 {
			t.Fatalf("round %d: before(\"\") visited %d keys, not the %d in reverse", round, len(all), len(want))
		}
		for range 20 {
			before := fmt.Sprintf("k%05d", r.IntN(8100))
			var got []string
			ix.before(before, func(e ixEntry) bool { got = append(got, e.key); return len(got) < 300 })
			i, _ := slices.BinarySearch(want, before) // want[:i] are < before
			exp := slices.Clone(want[max(0, i-300):i])
			slices.Reverse(exp)
			if !slices.Equal(got, exp) && !(len(got) == 0 && len(exp) == 0) {
				t.Fatalf("before %s: %v; want %v", before, got, exp)
			}
		}
	}
	if len(ix.groups) < 2 {
		t.Fatalf("test did not split groups (%d groups of %d chunks)", len(ix.groups), ix.chunkCount())
	}
}

func TestPmapCopyOnWrite(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var keys []string
	for i := range 2000 {
		keys = append(keys, fmt.Sprint(i))
	}
	vs := pmapHistory(r, 30, 500, keys, func(int) bool { return r.IntN(4) == 0 })
	checkPmapVersions(t, vs, keys)
}

// pmapVersion is one version of a pmap and what it must hold.
type pmapVersion struct {
	m    pmap[int]
	want map[string]int
}

// pmapHistory writes an empty pmap in rounds transactions of ops random
// writes to keys (a delete where del says so) and returns every version.
func pmapHistory(r *rand.Rand, rounds, ops int, keys []string, del func(round int) bool) []pmapVersion {
	var m pmap[int]
	want := map[string]int{}
	var out []pmapVersion
	for round := range rounds {
		tx := m.tx()
		for range ops {
			k := keys[r.IntN(len(keys))]
			if del(round) {
				tx.del(k)
				delete(want, k)
			} else {
				v := r.Int()
				tx.set(k, v)
				want[k] = v
			}
		}
		m = tx.done()
		out = append(out, pmapVersion{m, maps.Clone(want)})
	}
	return out
}

// checkPmapVersions checks every version, listed and key by key (present
// or absent), against what it must hold.
func checkPmapVersions(t *testing.T, vs []pmapVersion, keys []string) {
	t.Helper()
	for i, v := range vs {
		got := map[string]int{}
		v.m.all(func(k string, x int) { got[k] = x })
		if !maps.Equal(got, v.want) || v.m.len() != len(v.want) {
			t.Fatalf("version %d: %d entries (len %d); want %d", i, len(got), v.m.len(), len(v.want))
		}
		for _, k := range keys {
			x, ok := v.m.get(k)
			if w, wok := v.want[k]; ok != wok || x != w {
				t.Fatalf("version %d: get(%s) = %d, %v; want %d, %v", i, k, x, ok, w, wok)
			}
		}
	}
}

// TestPmapSplitsDeepLeaves drives keys that share a shard, and keys that
// share the first levels of branches, past leafMax, so that leaves split
// (down to the last level, whose leaves grow without bound), and checks
// every version against a plain map: older versions keep their entries
// while later transactions split, change and delete.
func TestPmapSplitsDeepLeaves(t *testing.T) {
	// Keys "H-i" whose hash is H: 100 with the same 12-bit shard, 100
	// sharing 18 bits, 100 sharing 24 and 100 sharing 30 (the deepest
	// level, whose leaves grow past leafMax), so that leaves split at
	// every level.
	hashOf = func(k string) uint32 {
		h, err := strconv.ParseUint(k[:strings.IndexByte(k, '-')], 10, 32)
		if err != nil {
			t.Fatalf("key %q", k)
		}
		return uint32(h)
	}
	t.Cleanup(func() { hashOf = fnv1a })
	const base = 0x2a5a5a5a
	var keys []string
	for _, bits := range []uint{12, 18, 24, 30} {
		for i := range 100 {
			h := base>>(32-bits)<<(32-bits) | uint32(i*7919+int(bits))&(1<<(32-bits)-1)
			keys = append(keys, fmt.Sprintf("%d-%d-%d", h, bits, i))
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	vs := pmapHistory(r, 12, 150, keys, func(round int) bool { return round > 6 && r.IntN(3) == 0 })
	m := vs[len(vs)-1].m
	depth, deepest := 0, 0 // branches above the deepest leaf; its size
	var walk func(n *pnode[int], d int)
	walk = func(n *pnode[int], d int) {
		if n == nil {
			return
		}
		if n.kids != nil {
			for _, c := range n.kids {
				walk(c, d+1)
			}
			return
		}
		if d > depth || d == depth && len(n.leaf) > deepest {
			depth, deepest = d, len(n.leaf)
		}
	}
	walk(m.shard(base>>20), 0)
	if depth != 3 || deepest <= leafMax {
		t.Errorf("the deepest leaf is under %d branches with %d entries; the test wants one under 3 with more than %d", depth, deepest, leafMax)
	}
	checkPmapVersions(t, vs, keys)
}

// TestManyDocuments loads enough generated documents to split every index
// into chunks, one at a time in one store and in batches in another, and
// checks that both agree with each other and with a reopen (which replays
// the log in one transaction), and that paging and Related keep their
// order.
func TestManyDocuments(t *testing.T) {
	ctx := context.Background()
	const n = 60
	one := open(t, t.TempDir(), Options{NoSync: true})
	defer closeStore(t, one)
	storetest.Load(t, ctx, one, genRef())
	for i := range n {
		storetest.Load(t, ctx, one, genDoc(i, 1))
		if i%3 == 0 {
			storetest.Load(t, ctx, one, genDoc(i, 2))
		}
	}
	for i := 0; i < n; i += 10 {
		if ok, err := one.DeleteDocument(ctx, genDoc(i, 1).Document.ID); err != nil || !ok {
			t.Fatal(ok, err)
		}
	}
	want := contentHash(t, one)

	dir := t.TempDir()
	batch := open(t, dir, Options{NoSync: true})
	docs := []*graph.DocumentFacts{genRef()}
	for i := range n {
		if i%10 == 0 {
			continue
		}
		if i%3 == 0 {
			docs = append(docs, genDoc(i, 1)) // replaced later in the same batch
		}
		docs = append(docs, genDoc(i, 1+boolInt(i%3 == 0)))
	}
	for chunk := range slices.Chunk(docs, 25) {
		res, err := batch.ReplaceDocuments(ctx, chunk)
		if err != nil || len(res) != len(chunk) {
			t.Fatal(len(res), err)
		}
	}
	if got := contentHash(t, batch); got != want {
		t.Errorf("batched load differs from one at a time")
	}
	closeStore(t, batch)
	batch = open(t, dir, Options{NoSync: true})
	defer closeStore(t, batch)
	if got := contentHash(t, batch); got != want {
		t.Errorf("reopened store differs")
	}

	if c := batch.cur.Load().index[kindIndex[graph.KindAgendaItem]].chunkCount(); c < 3 {
		t.Fatalf("agenda items fill %d chunks; the test wants several", c)
	}
	// Paging over a kind with hundreds of facts visits each once, in
	// SortKey order.
	for _, k := range []graph.Kind{graph.KindAgendaItem, graph.KindAttendance, graph.KindPerson} {
		var ids []string
		p := graph.Page{First: 137}
		for {
			r, err := batch.List(ctx, k, graph.Filter{}, p)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.IDs...)
			if !r.HasNext {
				break
			}
			p.After = r.EndCursor
		}
		got, err := batch.Get(ctx, ids)
		if err != nil || len(got) != len(ids) {
			t.Fatalf("%s: Get %d of %d: %v", k, len(got), len(ids), err)
		}
		if !slices.IsSortedFunc(ids, func(a, b string) int { return cmp.Compare(graph.SortKey(got[a]), graph.SortKey(got[b])) }) {
			t.Errorf("%s: pages out of SortKey order", k)
		}
		if n, _ := batch.Count(ctx, k, graph.Filter{}); n != len(ids) || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != n {
			t.Errorf("%s: paged %d IDs, Count %d", k, len(ids), n)
		}
	}
	rel, err := batch.Related(ctx, graph.RelMeetingsOfCluster, []string{"cluster:g1"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := batch.Get(ctx, rel["cluster:g1"])
	if len(rel["cluster:g1"]) != n/genClusters || !slices.IsSortedFunc(rel["cluster:g1"], func(a, b string) int {
		return cmp.Compare(graph.SortKey(got[a]), graph.SortKey(got[b]))
	}) {
		t.Errorf("MeetingsOfCluster = %v", rel["cluster:g1"])
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestReplaceDocumentsAtomicValidation(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir(), Options{})
	defer closeStore(t, s)
	storetest.Load(t, ctx, s, storetest.Reference())
	before := contentHash(t, s)
	bad := storetest.Minutes2()
	bad.Links[0].ID = "nonsense"
	_, err := s.ReplaceDocuments(ctx, []*graph.DocumentFacts{storetest.Minutes1(), bad})
	if graph.ErrorCode(err) != graph.ErrInvalid {
		t.Fatalf("batch with an invalid document: %v; want ErrInvalid", err)
	}
	if contentHash(t, s) != before {
		t.Error("a rejected batch changed the store")
	}
	res, err := s.ReplaceDocuments(ctx, []*graph.DocumentFacts{storetest.Minutes1(), storetest.Minutes1(), storetest.Reference()})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Unchanged || !res[1].Unchanged || !res[2].Unchanged || res[0].Facts != len(storetest.FactIDs(storetest.Minutes1())) {
		t.Errorf("results = %+v", res)
	}
}

func TestGetReturnsCopies(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir(), Options{})
	defer closeStore(t, s)
	storetest.Load(t, ctx, s, storetest.Fixtures()...)
	before := contentHash(t, s)
	got, err := s.Get(ctx, []string{"person:anna-jensen", "initiative:laegedaekning-taarnby", "link:same-carl-dorte"})
	if err != nil || len(got) != 3 {
		t.Fatal(got, err)
	}
	p := got["person:anna-jensen"].(*graph.Person)
	p.Aliases[0] = "changed"
	p.Sources[0].Quote = "changed"
	*got["initiative:laegedaekning-taarnby"].(*graph.Initiative).AmountDKK = 1
	got["link:same-carl-dorte"].(*graph.Link).Props["reason"] = "changed"
	if contentHash(t, s) != before {
		t.Error("changing what Get returned changed the store")
	}
}
