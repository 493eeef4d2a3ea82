package embedded

import (
	"context"
	"reflect"
	"runtime"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

// A body contributed by many documents: a ReadOnly Get hands every reader
// the same value, equal to what a copying Get returns, and a write that
// changes the body is seen at once, with no old version kept alive.
func TestReadOnlyGetSharesAndFollowsWrites(t *testing.T) {
	ctx := context.Background()
	ro := graph.ReadOnly(ctx)
	s := open(t, t.TempDir(), Options{NoSync: true})
	defer closeStore(t, s)
	storetest.Load(t, ctx, s, genRef())
	for i := range 60 {
		storetest.Load(t, ctx, s, genDoc(i, 1))
	}
	const id = "body:g3-pol" // the reference's and three documents'
	read := func(c context.Context) *graph.Body {
		t.Helper()
		got, err := s.Get(c, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		b, ok := got[id].(*graph.Body)
		if !ok {
			t.Fatalf("Get(%s) = %v", id, got)
		}
		return b
	}
	a, b, own := read(ro), read(ro), read(ctx)
	if len(own.Sources) < minCachedSources {
		t.Fatalf("%s has %d sources; the test wants at least %d", id, len(own.Sources), minCachedSources)
	}
	if a != b {
		t.Error("two ReadOnly reads of a fact with many sources got two values")
	}
	if own == a {
		t.Error("a read without ReadOnly got the shared value")
	}
	if !reflect.DeepEqual(a, own) {
		t.Errorf("ReadOnly read differs from a copying read:\n%+v\n%+v", a, own)
	}
	if cap(a.Sources) != len(a.Sources) {
		t.Error("shared sources have room to append in place")
	}

	// Another document's contribution: the next read sees it.
	storetest.Load(t, ctx, s, genDoc(63, 1))
	after, own2 := read(ro), read(ctx)
	if len(after.Sources) != len(own.Sources)+1 || !reflect.DeepEqual(after, own2) {
		t.Errorf("after a write: ReadOnly read has %d sources, copying read %d, before %d",
			len(after.Sources), len(own2.Sources), len(own.Sources))
	}
	if after == a {
		t.Error("a ReadOnly read after the write got the old value")
	}
	// The cache holds the new version only; the old entry is not kept alive.
	runtime.GC()
	s.reads.mu.Lock()
	it, ok := s.reads.m[id]
	s.reads.mu.Unlock()
	if !ok || it.fact != after || it.entry.Value() == nil {
		t.Errorf("cache entry for %s: present %v, current %v", id, ok, ok && it.fact == after)
	}
}

// The cache stays within its budget however much is read, and a store with
// the cache off answers ReadOnly reads all the same.
func TestReadCacheBudget(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, dir, Options{NoSync: true, ReadCacheBytes: 8 << 10})
	storetest.Load(t, ctx, s, genRef())
	for i := range 200 {
		storetest.Load(t, ctx, s, genDoc(i, 1))
	}
	var ids []string
	for _, k := range []graph.Kind{graph.KindPerson, graph.KindBody, graph.KindOrganisation, graph.KindMembership} {
		all, err := graph.ListAll(ctx, s, k, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, all...)
	}
	shared, err := s.Get(graph.ReadOnly(ctx), ids)
	if err != nil {
		t.Fatal(err)
	}
	n, bytes := s.reads.size()
	if n == 0 || bytes > 8<<10 {
		t.Errorf("cache holds %d facts in %d bytes; budget 8 KiB", n, bytes)
	}
	closeStore(t, s)

	off := open(t, dir, Options{NoSync: true, ReadCacheBytes: -1})
	defer closeStore(t, off)
	if off.reads != nil {
		t.Fatal("ReadCacheBytes -1 left a cache")
	}
	again, err := off.Get(graph.ReadOnly(ctx), ids)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shared, again) {
		t.Error("ReadOnly reads with and without the cache differ")
	}
}
