package resolvers

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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

// noWindow runs a query with an hour-long batching window and fails if it
// does not answer within a minute: the reads under test must not wait for
// the window (the guard only keeps a regression from hanging the run).
func noWindow(t *testing.T, cs *countingStore, q string, vars map[string]any, out any) {
	t.Helper()
	h := newTestHandler(t, cs, Config{LoaderWait: time.Hour})
	done := make(chan struct{})
	go func() {
		defer close(done)
		query(t, h, q, vars, out)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the query waited for the batching window")
	}
}

// TestLookAheadReadsLevelsAtOnce: a query's only root field reads its fact
// and what the query selects below it level by level, one Get per level
// and one Related per relation, without waiting for the batching window;
// the per-object resolvers of the lower levels (member.person, member.body,
// person.organisation) then read nothing: body, Related memberships,
// memberships, people (the body is cached), organisations, each ID once.
func TestLookAheadReadsLevelsAtOnce(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	body := seatedBody(t, cs.Store)
	var out struct {
		Body struct {
			Members []struct {
				Person struct {
					Name         string
					Organisation *struct{ Name string }
				}
				Body struct{ Name string }
			}
		}
	}
	noWindow(t, cs, `query($id: ID!) { body(id: $id) { members { person { name organisation { name } } body { name } } } }`,
		map[string]any{"id": body}, &out)
	orgs := 0
	for _, m := range out.Body.Members {
		if m.Person.Name == "" || m.Body.Name == "" {
			t.Errorf("member without person or body: %+v", m)
		}
		if m.Person.Organisation != nil {
			orgs++
		}
	}
	if len(out.Body.Members) == 0 || orgs == 0 {
		t.Fatalf("want members with organisations: %+v", out)
	}
	if got := cs.calls.Load(); got != 5 {
		t.Errorf("%d store calls %v; want 5", got, cs.ops())
	}
	// Every member refers to the one body, and people share
	// organisations: each is asked for once.
	if n := cs.repeats.Load(); n != 0 {
		t.Errorf("%d IDs asked for again in the same store call", n)
	}
}

// TestLookAheadFollowsNestedLists: below a list the look-ahead reads a
// relation for every parent of the level at once (body.children twice),
// so the nested lists wait for no window either: cluster, Related bodies,
// bodies, then Related and Get per level of children.
func TestLookAheadFollowsNestedLists(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	var out struct {
		Cluster struct {
			Bodies []struct {
				Children []struct {
					Children []struct{ Name string }
				}
			}
		}
	}
	noWindow(t, cs, `query($id: ID) { cluster(id: $id) { name bodies { name children { name children { name } } } } }`,
		map[string]any{"id": "cluster:SD-SONDERJYLLAND"}, &out)
	if len(out.Cluster.Bodies) == 0 {
		t.Fatalf("cluster has no bodies: %+v", out)
	}
	if got := cs.calls.Load(); got > 7 {
		t.Errorf("%d store calls %v; want at most 7", got, cs.ops())
	}
}

// TestRelatedFactsCached: facts read once are served from the request's
// cache: the same relation again, its IDs and its facts one by one reach
// no store.
func TestRelatedFactsCached(t *testing.T) {
	cs := &countingStore{Store: sample(t)}
	body := seatedBody(t, cs.Store)
	ctx := withLoaders(context.Background(), newLoaders(cs, time.Millisecond))
	ms, err := relatedFacts[*graph.Membership](ctx, graph.RelMembershipsOfBody, body)
	if err != nil || len(ms) == 0 {
		t.Fatalf("memberships of %s: %d, %v", body, len(ms), err)
	}
	if got := cs.calls.Load(); got != 2 {
		t.Fatalf("%d store calls %v; want 2 (Related, Get)", got, cs.ops())
	}
	again, err := relatedFacts[*graph.Membership](ctx, graph.RelMembershipsOfBody, body)
	if err != nil || len(again) != len(ms) {
		t.Fatalf("memberships again: %d, %v; want %d", len(again), err, len(ms))
	}
	if ids, err := related(ctx, graph.RelMembershipsOfBody, body); err != nil || len(ids) < len(ms) {
		t.Fatalf("related IDs again: %v, %v", ids, err)
	}
	for _, m := range ms {
		if _, err := mustLoad[*graph.Membership](ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got := cs.calls.Load(); got != 2 {
		t.Errorf("reading cached facts took %d more store calls %v; want none", got-2, cs.ops())
	}
}

// TestWindowMergesSiblingsBelowList: a list field the look-ahead does not
// follow (cluster.meetings, a connection) is read by each element's
// resolver; the batching window merges them, and the look-ahead of the
// batch (attendance, participant) still serves the levels below, so one
// cluster and all clusters take the same store calls.
func TestWindowMergesSiblingsBelowList(t *testing.T) {
	run := func(filter map[string]any) (int64, map[string]int64, int) {
		cs := &countingStore{Store: sample(t)}
		h := newTestHandler(t, cs, Config{LoaderWait: 50 * time.Millisecond})
		var out struct {
			Clusters struct {
				Nodes []struct {
					Meetings struct {
						Nodes []struct {
							Attendance []struct{ Participant struct{ Name string } }
						}
					}
				}
			}
		}
		query(t, h, `query($f: ClusterFilter) { clusters(filter: $f) { nodes { meetings { nodes { attendance { participant { name } } } } } } }`,
			map[string]any{"f": filter}, &out)
		n := 0
		for _, c := range out.Clusters.Nodes {
			for _, m := range c.Meetings.Nodes {
				n += len(m.Attendance)
			}
		}
		return cs.calls.Load(), cs.ops(), n
	}
	oneCalls, oneOps, one := run(map[string]any{"nameContains": "Sønderjylland"})
	allCalls, allOps, all := run(nil)
	t.Logf("one cluster: %d calls %v, %d attendance; all: %d calls %v, %d attendance", oneCalls, oneOps, one, allCalls, allOps, all)
	if one == 0 {
		t.Fatal("no attendance found in one cluster")
	}
	if oneCalls != allCalls || allCalls > 8 {
		t.Errorf("store calls: %d for one cluster, %d for all; want equal and at most 8", oneCalls, allCalls)
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

// TestImplementorsAsGenerated: the read-ahead collects a fact's fields for
// the types the generated executor collects its object's fields for (its
// implementors: the type, its interfaces and the unions it belongs to,
// Body and Organisation: Owner), read here from the generated code, and
// hands out the same slice every time.
func TestImplementorsAsGenerated(t *testing.T) {
	files, err := filepath.Glob("internal/exec/*.generated.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated code: %v", err)
	}
	decl := regexp.MustCompile(`(?m)^var \w+Implementors = \[\]string\{(.*)\}$`)
	generated := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			var names []string
			for _, n := range strings.Split(m[1], ",") {
				names = append(names, strings.Trim(strings.TrimSpace(n), `"`))
			}
			generated[names[0]] = names
		}
	}
	facts := []any{&graph.Person{}, &graph.Membership{}, &graph.Body{}, &graph.Meeting{}, &graph.Attendance{}, &graph.AgendaItem{},
		&graph.Cluster{}, &graph.Region{}, &graph.Municipality{}, &graph.HealthCouncil{}, &graph.Organisation{}}
	for _, f := range facts {
		name := typeName(f)
		got, want := implementors[name], generated[name]
		if name == "" || len(want) == 0 {
			t.Fatalf("%T: type %q, generated implementors %v", f, name, want)
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) || got[0] != name {
			t.Errorf("%s: the read-ahead collects for %v, the executor for %v", name, got, want)
		}
	}
	if got := implementors["Body"]; !slices.Contains(got, "Owner") {
		t.Errorf("Body's fragments on the union Owner are not read ahead: %v", got)
	}
	if typeName(&graph.Initiative{}) != "" {
		t.Error("the read-ahead follows initiatives")
	}
}
