package graph_test

import (
	"context"
	"slices"
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
