package resolvers

import (
	"bytes"
	"context"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// sourcesStore counts the Gets made with and without sources.
type sourcesStore struct {
	graph.Store
	with, without atomic.Int64
}

func (s *sourcesStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	if graph.IsWithoutSources(ctx) {
		s.without.Add(1)
	} else {
		s.with.Add(1)
	}
	return s.Store.Get(ctx, ids)
}

// TestSourcelessReads: a query that reads no sources has its facts read
// without them; one that selects a sources field, or a field whose
// resolver judges by them (a municipality's clusters), or a root field
// that is not a load by ID, reads them with.
func TestSourcelessReads(t *testing.T) {
	for _, c := range []struct {
		query     string
		sourceful bool
	}{
		{`{ person(id: "person:bo-libergren") { id name organisation { name } memberships { role body { name cluster { name } } } } }`, false},
		{`{ meeting(id: "meeting:cluster:SD-SONDERJYLLAND:political:2024-06-19") { date attendance { status participant { name organisation { name } } } } }`, false},
		// Seats held on a date: judged by the body's participant lists.
		{`{ body(id: "body:cluster:SD-SONDERJYLLAND:political") { members(asOf: "2024-07-15") { role person { name } } } }`, false},
		{`{ person(id: "person:bo-libergren") { name memberships { body { name sources { fileName } } } } }`, true},
		{`{ person(id: "person:bo-libergren") { ... on Person { sources { quote } } } }`, true},
		// Three sources, from two documents: none may be lost.
		{`{ person(id: "person:jette-damsoe-henriksen") { name sources { fileName lines { start end } } } }`, true},
		{`{ municipality(id: "municipality:540") { name clusters { cluster { name } } } }`, true},
		{`{ people(first: 2) { nodes { name } } }`, true},
	} {
		s := &sourcesStore{Store: sample(t)}
		r := post(t, newTestHandler(t, s, Config{}), map[string]any{"query": c.query})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", c.query, r.Errors)
		}
		with, without := s.with.Load(), s.without.Load()
		if c.sourceful && without > 0 || !c.sourceful && (with > 0 || without == 0) {
			t.Errorf("%s: %d Gets with sources, %d without", c.query, with, without)
		}
		if full := post(t, newTestHandler(t, sample(t), Config{keepSources: true}), map[string]any{"query": c.query}); !bytes.Equal(r.raw, full.raw) {
			t.Errorf("%s:\n%s\nwith sources kept:\n%s", c.query, r.raw, full.raw)
		}
	}
}

// TestSourcelessAnswersAsWithSources: 400 queries made at random (root
// fields of one fact, every field with optional arguments, sources and
// the resolvers that judge by them included) get the same answers, byte
// for byte, whether the loaders read facts without sources where the
// query reads none or always with them; and some of them (at least 20:
// most random queries select a sources field somewhere) were read without.
func TestSourcelessAnswersAsWithSources(t *testing.T) {
	s := &sourcesStore{Store: sample(t)}
	lean := newTestHandler(t, s, Config{})
	full := newTestHandler(t, sample(t), Config{keepSources: true})
	next := randomQueries(t, lean, testSchema(t), rand.New(rand.NewPCG(3, 5)))
	sourceless, n := 0, 0
	for range 400 {
		q, op := next()
		if op == nil {
			continue
		}
		n++
		before := s.without.Load()
		a := post(t, lean, map[string]any{"query": q})
		b := post(t, full, map[string]any{"query": q})
		if a.status != b.status || !bytes.Equal(a.raw, b.raw) {
			t.Errorf("%s:\nwithout sources %d %s\nwith sources    %d %s", q, a.status, a.raw, b.status, b.raw)
		}
		if s.without.Load() > before {
			sourceless++
		}
	}
	t.Logf("%d queries, %d of them read without sources", n, sourceless)
	if sourceless < 20 || sourceless == n {
		t.Errorf("%d of %d queries read without sources: the test compares too little", sourceless, n)
	}
}
