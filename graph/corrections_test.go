package graph_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
)

// A tiny graph: Anna Berg (two documents) and A. Berg (one), each with a
// seat and an attendance.
func tinyStore(t *testing.T) *graph.CorrectedStore {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	ctx := context.Background()
	doc := func(id string, people []graph.Person, ms []graph.Membership, as []graph.Attendance) {
		src := []graph.Source{{DocumentID: id, Origin: graph.OriginMinutes, LineStart: 1, LineEnd: 1}}
		for i := range people {
			people[i].Sources = src
		}
		for i := range ms {
			ms[i].Sources = src
		}
		for i := range as {
			as[i].Sources = src
		}
		f := &graph.DocumentFacts{Document: graph.Document{ID: id, FileName: id, SHA256: id, Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-01-0" + id[len(id)-1:]},
			People: people, Memberships: ms, Attendance: as}
		if _, err := s.ReplaceDocument(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	doc("document:m1", []graph.Person{{ID: "person:anna", Name: "Anna Berg"}},
		[]graph.Membership{{ID: "membership:anna-x", PersonID: "person:anna", BodyID: "body:x", Role: "member", FirstSeen: "2025-01-01"}},
		[]graph.Attendance{{ID: "attendance:anna-1", PersonID: "person:anna", MeetingID: "meeting:1", Status: "present"}})
	doc("document:m2", []graph.Person{{ID: "person:anna", Name: "Anna Berg"}, {ID: "person:aberg", Name: "A. Berg"}},
		[]graph.Membership{{ID: "membership:anna-y", PersonID: "person:anna", BodyID: "body:y", Role: "member", FirstSeen: "2025-01-02"},
			{ID: "membership:aberg-z", PersonID: "person:aberg", BodyID: "body:z", Role: "member", FirstSeen: "2025-01-02"}},
		[]graph.Attendance{{ID: "attendance:anna-2", PersonID: "person:anna", MeetingID: "meeting:2", Status: "present"},
			{ID: "attendance:aberg-2", PersonID: "person:aberg", MeetingID: "meeting:2", Status: "present", SubstituteForID: "person:anna"}})
	return graph.Corrected(s)
}

func related(t *testing.T, s graph.Store, rel graph.Relation, id string) []string {
	t.Helper()
	r, err := s.Related(context.Background(), rel, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	return r[id]
}

func TestCorrectedMergeAndRevert(t *testing.T) {
	ctx := context.Background()
	s := tinyStore(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, err := s.Apply(ctx, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: "person:anna", Absorb: "person:aberg", Actor: "alice", At: now})
	if err != nil || c.ID != "document:admin-000001" {
		t.Fatalf("Apply = %+v, %v", c, err)
	}
	got, _ := s.Get(ctx, []string{"person:anna", "person:aberg", "attendance:aberg-2"})
	anna, _ := got["person:anna"].(*graph.Person)
	if anna == nil || anna.Name != "Anna Berg" || !slices.Contains(anna.Aliases, "A. Berg") || got["person:aberg"].(*graph.Person).ID != "person:anna" {
		t.Errorf("merged person: %+v / %+v", anna, got["person:aberg"])
	}
	if a := got["attendance:aberg-2"].(*graph.Attendance); a.PersonID != "person:anna" {
		t.Errorf("attendance points at %s", a.PersonID)
	}
	if ms := related(t, s, graph.RelMembershipsOfPerson, "person:anna"); !slices.Equal(ms, []string{"membership:anna-x", "membership:aberg-z", "membership:anna-y"}) {
		t.Errorf("memberships: %v", ms) // sorted by first seen, then id
	}
	if as := related(t, s, graph.RelAttendanceOfPerson, "person:aberg"); len(as) != 3 {
		t.Errorf("attendance of the absorbed id: %v", as)
	}
	res, _ := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{First: 10})
	n, _ := s.Count(ctx, graph.KindPerson, graph.Filter{})
	if !slices.Equal(res.IDs, []string{"person:anna"}) || n != 1 {
		t.Errorf("people: %v, count %d", res.IDs, n)
	}
	hits, _ := s.Search(ctx, "berg", nil, 10)
	if len(hits) != 1 || hits[0].ID != "person:anna" {
		t.Errorf("search: %+v", hits)
	}
	// A second merge of the absorbed person is a conflict.
	if _, err := s.Apply(ctx, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: "person:anna", Absorb: "person:aberg", Actor: "alice", At: now}); graph.ErrorCode(err) != graph.ErrConflict {
		t.Errorf("second merge: %v", err)
	}

	// A fresh view over the same backend reads the same (durable).
	again := graph.Corrected(s.Backend())
	if ms := related(t, again, graph.RelMembershipsOfPerson, "person:anna"); len(ms) != 3 {
		t.Errorf("a new view: %v", ms)
	}

	if _, err := s.Revert(ctx, c.ID, "bob", "wrong", now); err != nil {
		t.Fatal(err)
	}
	if ms := related(t, s, graph.RelMembershipsOfPerson, "person:aberg"); !slices.Equal(ms, []string{"membership:aberg-z"}) {
		t.Errorf("after revert: %v", ms)
	}
	n, _ = s.Count(ctx, graph.KindPerson, graph.Filter{})
	list, _ := s.Corrections(ctx)
	if n != 2 || len(list) != 1 || !list[0].Reverted || list[0].RevertedBy != "bob" {
		t.Errorf("after revert: %d people, %+v", n, list)
	}
}

func TestCorrectedSplitAndDates(t *testing.T) {
	ctx := context.Background()
	s := tinyStore(t)
	now := time.Now()
	c, err := s.Apply(ctx, graph.Correction{Kind: graph.CorrectionSplitPerson, Person: "person:anna", Documents: []string{"document:m2"}, Name: "Anne Bergh", Actor: "alice", At: now})
	if err != nil {
		t.Fatal(err)
	}
	if ms := related(t, s, graph.RelMembershipsOfPerson, c.NewPersonID); !slices.Equal(ms, []string{"membership:anna-y"}) {
		t.Errorf("split off: %v", ms)
	}
	if ms := related(t, s, graph.RelMembershipsOfPerson, "person:anna"); !slices.Equal(ms, []string{"membership:anna-x"}) {
		t.Errorf("left: %v", ms)
	}
	if subs := related(t, s, graph.RelSubstitutionsFor, "person:anna"); len(subs) != 0 {
		t.Errorf("substitutions left: %v", subs)
	}
	if subs := related(t, s, graph.RelSubstitutionsFor, c.NewPersonID); !slices.Equal(subs, []string{"attendance:aberg-2"}) {
		t.Errorf("substitutions split off: %v", subs)
	}
	if _, err := s.Apply(ctx, graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: "membership:anna-x", StartDate: "2025-03-01", EndDate: "2025-02-01", Actor: "alice", At: now}); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("end before start: %v", err)
	}
	if _, err := s.Apply(ctx, graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: "membership:anna-x", StartDate: "2025-03-01", Actor: "alice", At: now}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, []string{"membership:anna-x"})
	if m := got["membership:anna-x"].(*graph.Membership); m.StartDate != "2025-03-01" || m.EndDate != "" {
		t.Errorf("dates: %+v", m)
	}
	if _, err := s.Apply(ctx, graph.Correction{Kind: "rename_everyone", Actor: "alice", At: now}); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("unknown kind: %v", err)
	}
}

// counting counts a backend's calls by method.
type counting struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func (c *counting) count(m string) {
	c.mu.Lock()
	c.calls[m]++
	c.mu.Unlock()
}

func (c *counting) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = map[string]int{}
	return out
}

func (c *counting) Get(ctx context.Context, ids []string) (map[string]any, error) {
	c.count("Get")
	return c.Store.Get(ctx, ids)
}

func (c *counting) Documents(ctx context.Context) ([]graph.Document, error) {
	c.count("Documents")
	return c.Store.Documents(ctx)
}

func (c *counting) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	c.count("Related")
	return c.Store.Related(ctx, rel, ids)
}

// TestCorrectedRevalidates: a view sees another view's corrections once
// its reading is older than MaxAge, and checking costs one Get.
func TestCorrectedRevalidates(t *testing.T) {
	ctx := context.Background()
	writer := tinyStore(t)
	backend := &counting{Store: writer.Backend(), calls: map[string]int{}}
	reader := graph.Corrected(backend)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	reader.MaxAge = time.Minute
	reader.Now = func() time.Time { return clock }

	if ms := related(t, reader, graph.RelMembershipsOfPerson, "person:anna"); len(ms) != 2 {
		t.Fatalf("before: %v", ms)
	}
	merge, err := writer.Apply(ctx, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: "person:anna", Absorb: "person:aberg", Actor: "alice", At: clock})
	if err != nil {
		t.Fatal(err)
	}
	backend.take()
	// Within MaxAge the reader trusts what it read, and asks nothing more.
	if ms := related(t, reader, graph.RelMembershipsOfPerson, "person:anna"); len(ms) != 2 {
		t.Errorf("within MaxAge: %v", ms)
	}
	if calls := backend.take(); calls["Get"]+calls["Documents"] != 0 || calls["Related"] != 1 {
		t.Errorf("a read within MaxAge made %v backend calls; want one Related", calls)
	}
	clock = clock.Add(time.Minute)
	if ms := related(t, reader, graph.RelMembershipsOfPerson, "person:anna"); len(ms) != 3 {
		t.Errorf("after MaxAge: %v; want the merge seen", ms)
	}
	backend.take()
	// Nothing changed since: the check is one Get.
	clock = clock.Add(time.Minute)
	if _, err := reader.Count(ctx, graph.KindAttendance, graph.Filter{}); err != nil {
		t.Fatal(err)
	}
	if calls := backend.take(); calls["Get"] != 1 || calls["Documents"] != 0 {
		t.Errorf("checking unchanged corrections made %v backend calls; want one Get", calls)
	}
	// A revert elsewhere changes the document's SHA256, which the check sees.
	if _, err := writer.Revert(ctx, merge.ID, "bob", "", clock); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute)
	if ms := related(t, reader, graph.RelMembershipsOfPerson, "person:anna"); len(ms) != 2 {
		t.Errorf("after the revert elsewhere: %v", ms)
	}
	// The reader numbers its own correction after the writer's, whatever
	// its reading's age.
	c, err := reader.Apply(ctx, graph.Correction{Kind: graph.CorrectionAddAlias, Person: "person:anna", Alias: "Anne", Actor: "carol"})
	if err != nil || c.Number != 2 || c.At.IsZero() {
		t.Errorf("Apply in the reader = %+v, %v; want number 2, at now", c, err)
	}
}

// TestCorrectedListPages: with people merged, split and renamed, every
// page size in both directions visits the corrected people in SortKey
// order, as Get of each answers them.
func TestCorrectedListPages(t *testing.T) {
	ctx := context.Background()
	s := tinyStore(t)
	for _, p := range []string{"Bo", "Ea", "Åse", "Carl", "Anker", "Zoe"} {
		id := "person:" + graph.Fold(p)
		f := &graph.DocumentFacts{Document: graph.Document{ID: "document:" + graph.Fold(p), FileName: p, SHA256: p, Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-02-01"},
			People: []graph.Person{{ID: id, Name: p, Sources: []graph.Source{{DocumentID: "document:" + graph.Fold(p), Origin: graph.OriginMinutes}}}}}
		if _, err := s.Backend().ReplaceDocument(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	for _, c := range []graph.Correction{
		{Kind: graph.CorrectionSplitPerson, Person: "person:anna", Documents: []string{"document:m2"}, Name: "Zara Berg"},
		{Kind: graph.CorrectionMergePeople, Keep: "person:zoe", Absorb: "person:bo"},
		{Kind: graph.CorrectionMergePeople, Keep: "person:carl", Absorb: "person:aberg"},
		{Kind: graph.CorrectionAddAlias, Person: "person:ea", Alias: "Eva"},
	} {
		c.Actor, c.At = "alice", now
		if _, err := s.Apply(ctx, c); err != nil {
			t.Fatalf("Apply(%s): %v", c.Summary(), err)
		}
	}
	want := []string{"person:aase", "person:anker", "person:anna", "person:carl", "person:ea", "person:zara-berg-split-1", "person:zoe"}
	got, err := s.Get(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(want); i++ {
		if graph.SortKey(got[want[i-1]]) >= graph.SortKey(got[want[i]]) {
			t.Fatalf("%s sorts before %s", want[i], want[i-1])
		}
	}
	for _, f := range []graph.Filter{{}, {NameContains: "berg"}, {Origin: graph.OriginAdmin}} {
		var w []string
		for _, id := range want {
			if graph.Matches(got[id], f, nil) {
				w = append(w, id)
			}
		}
		if n, err := s.Count(ctx, graph.KindPerson, f); err != nil || n != len(w) {
			t.Errorf("Count(%+v) = %d, %v; want %d", f, n, err, len(w))
		}
		for size := 1; size <= len(want)+1; size++ {
			for _, desc := range []bool{false, true} {
				var ids []string
				p := graph.Page{First: size, Desc: desc}
				for range len(want) + 1 {
					r, err := s.List(ctx, graph.KindPerson, f, p)
					if err != nil {
						t.Fatal(err)
					}
					ids = append(ids, r.IDs...)
					if !r.HasNext {
						break
					}
					p.After = r.EndCursor
				}
				ww := slices.Clone(w)
				if desc {
					slices.Reverse(ww)
				}
				if !slices.Equal(ids, ww) {
					t.Errorf("List(%+v) by %d, desc %v = %v; want %v", f, size, desc, ids, ww)
				}
			}
		}
	}
}
