package resolvers

import (
	"context"
	"math/bits"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// seatedBody finds a body of the sample whose members include a person who
// belongs to an organisation, so that both prefetch levels have work.
func seatedBody(t *testing.T, s graph.Store) string {
	t.Helper()
	ctx := context.Background()
	page, err := s.List(ctx, graph.KindMembership, graph.Filter{}, graph.Page{First: 500})
	if err != nil {
		t.Fatal(err)
	}
	facts, err := s.Get(ctx, page.IDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range page.IDs {
		m, ok := facts[id].(*graph.Membership)
		if !ok || m.PersonID == "" || m.BodyID == "" {
			continue
		}
		people, err := s.Get(ctx, []string{m.PersonID})
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := people[m.PersonID].(*graph.Person); ok && p.OrganisationID != "" {
			return m.BodyID
		}
	}
	t.Fatal("no member of any body belongs to an organisation in the sample")
	return ""
}

// TestRelatedFactsPrefetchCachesReferences loads a body's memberships with
// their people, bodies and the people's organisations prefetched, and
// checks that the per-object reads a query's next levels make afterwards
// (membership.person, membership.body, person.organisation) reach no store:
// they were read in the same batch, one Get per level.
func TestRelatedFactsPrefetchCachesReferences(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	body := seatedBody(t, cs.Store)
	ctx := withLoaders(context.Background(), newLoaders(cs, time.Millisecond))

	var p prefetch
	p.first = refPerson | refBody
	p.second[bits.TrailingZeros16(uint16(refPerson))] = refOrganisation
	ms, err := relatedFactsPrefetch[*graph.Membership](ctx, graph.RelMembershipsOfBody, body, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatalf("body %s has no memberships", body)
	}
	// Related, Get memberships, Get people and bodies, Get organisations.
	if got := cs.calls.Load(); got != 4 {
		t.Fatalf("loading with prefetch took %d store calls %v; want 4", got, cs.ops())
	}
	orgs := 0
	for _, m := range ms {
		person, err := mustLoad[*graph.Person](ctx, m.PersonID)
		if err != nil {
			t.Fatalf("membership %s: person: %v", m.ID, err)
		}
		if _, err := mustLoad[*graph.Body](ctx, m.BodyID); err != nil {
			t.Fatalf("membership %s: body: %v", m.ID, err)
		}
		org, err := load[*graph.Organisation](ctx, person.OrganisationID)
		if err != nil {
			t.Fatal(err)
		}
		if org != nil {
			orgs++
		}
	}
	if orgs == 0 {
		t.Fatal("no member's organisation was found")
	}
	// The same relation again, without prefetch, is cached too.
	again, err := relatedFacts[*graph.Membership](ctx, graph.RelMembershipsOfBody, body)
	if err != nil || len(again) != len(ms) {
		t.Fatalf("memberships again: %d, %v; want %d", len(again), err, len(ms))
	}
	if ids, err := related(ctx, graph.RelMembershipsOfBody, body); err != nil || len(ids) < len(ms) {
		t.Fatalf("related IDs again: %v, %v", ids, err)
	}
	if got := cs.calls.Load(); got != 4 {
		t.Errorf("reading the prefetched facts took %d more store calls %v; want none", got-4, cs.ops())
	}
}

// TestRelatedFactsAllOneBatch follows a relation from several IDs at once:
// one Related and one Get however many IDs, each fact once, and the same
// facts as reading them one ID at a time.
func TestRelatedFactsAllOneBatch(t *testing.T) {
	s := sample(t)
	page, err := s.List(context.Background(), graph.KindBody, graph.Filter{}, graph.Page{First: 500})
	if err != nil || len(page.IDs) < 2 {
		t.Fatalf("bodies: %v, %v", page.IDs, err)
	}
	cs := &countingStore{Store: s}
	ctx := withLoaders(context.Background(), newLoaders(cs, time.Millisecond))
	all, err := relatedFactsAll[*graph.Membership](ctx, graph.RelMembershipsOfBody, append(page.IDs, page.IDs[0], "no-such-id"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cs.calls.Load(); got != 2 {
		t.Errorf("%d store calls %v; want 2 (one Related, one Get)", got, cs.ops())
	}
	seen := map[string]bool{}
	for _, m := range all {
		if seen[m.ID] {
			t.Errorf("membership %s twice", m.ID)
		}
		seen[m.ID] = true
	}
	want := 0
	one := withLoaders(context.Background(), newLoaders(s, time.Millisecond))
	for _, b := range page.IDs {
		ms, err := relatedFacts[*graph.Membership](one, graph.RelMembershipsOfBody, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if !seen[m.ID] {
				t.Errorf("membership %s of body %s missing from the batch", m.ID, b)
			}
		}
		want += len(ms)
	}
	if want == 0 || len(all) != want {
		t.Errorf("batch has %d memberships; one body at a time %d", len(all), want)
	}
}

// TestSoleQueryFieldReadsAtOnce: the only root field of a query has no
// siblings to batch with, so its read goes to the store without waiting
// for the batching window (here an hour: the guard below only keeps a
// regression from hanging the test run).
func TestSoleQueryFieldReadsAtOnce(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	h := newTestHandler(t, cs, Config{LoaderWait: time.Hour})
	done := make(chan string, 1)
	go func() {
		var out struct{ Person struct{ Name string } }
		query(t, h, `query($id: ID!) { person(id: $id) { name } }`, map[string]any{"id": "person:jette-damsoe-henriksen"}, &out)
		done <- out.Person.Name
	}()
	select {
	case name := <-done:
		if name == "" {
			t.Fatal("no person found")
		}
	case <-time.After(time.Minute):
		t.Fatal("the sole root field waited for the batching window")
	}
	if got := cs.ops()["Get"]; got != 1 {
		t.Errorf("%d Get calls; want 1", got)
	}
}

// TestSeveralQueryFieldsShareABatch: two root fields still share one Get.
func TestSeveralQueryFieldsShareABatch(t *testing.T) {
	s := sample(t)
	page, err := s.List(context.Background(), graph.KindPerson, graph.Filter{}, graph.Page{First: 2})
	if err != nil || len(page.IDs) != 2 {
		t.Fatalf("people: %v, %v", page.IDs, err)
	}
	cs := &countingStore{Store: s}
	h := newTestHandler(t, cs, Config{LoaderWait: 50 * time.Millisecond})
	var out struct{ A, B struct{ Name string } }
	query(t, h, `query($a: ID!, $b: ID!) { a: person(id: $a) { name } b: person(id: $b) { name } }`,
		map[string]any{"a": page.IDs[0], "b": page.IDs[1]}, &out)
	if out.A.Name == "" || out.B.Name == "" {
		t.Fatalf("people not found: %+v", out)
	}
	if got := cs.calls.Load(); got != 1 {
		t.Errorf("%d store calls %v; want one batched Get", got, cs.ops())
	}
}

// TestSingleLoadJoinsRelatedFactsBatch: a person's organisation (a single
// load waiting in the Get window) is read with the person's memberships in
// the related-facts batch's Get, not in a store call of its own: person,
// Related, memberships and organisation, bodies, clusters.
func TestSingleLoadJoinsRelatedFactsBatch(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	h := newTestHandler(t, cs, Config{LoaderWait: 50 * time.Millisecond})
	var out struct {
		Person struct {
			Organisation *struct{ Name string }
			Memberships  []struct {
				Body struct{ Cluster *struct{ Name string } }
			}
		}
	}
	query(t, h, `query($id: ID!) { person(id: $id) { organisation { name }
  memberships { body { cluster { name } } } } }`, map[string]any{"id": "person:jette-damsoe-henriksen"}, &out)
	if out.Person.Organisation == nil || len(out.Person.Memberships) == 0 {
		t.Fatalf("want an organisation and memberships: %+v", out)
	}
	if got := cs.calls.Load(); got != 5 {
		t.Errorf("%d store calls %v; want 5", got, cs.ops())
	}
}
