package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The corrections' cases wrap the store under test in graph.Corrected, the
// way the API reads it, and check what Get, List, Count, Related and Search
// answer through it. The loader writes to the backend underneath, so the
// reloads here do too.

// correctionsAt is the time every correction of the suite is made.
var correctionsAt = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)

func corrected(s graph.Store) *graph.CorrectedStore {
	c := graph.Corrected(s)
	c.MaxAge = 0
	return c
}

func apply(t *testing.T, ctx context.Context, c *graph.CorrectedStore, cr graph.Correction) graph.Correction {
	t.Helper()
	cr.Actor, cr.At = cmpOr(cr.Actor, "alice"), correctionsAt
	out, err := c.Apply(ctx, cr)
	if err != nil {
		t.Fatalf("Apply(%s): %v", cr.Summary(), err)
	}
	return out
}

func revert(t *testing.T, ctx context.Context, c *graph.CorrectedStore, id string) graph.Correction {
	t.Helper()
	out, err := c.Revert(ctx, id, "bob", "undo "+id, correctionsAt.Add(time.Hour))
	if err != nil {
		t.Fatalf("Revert(%s): %v", id, err)
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkUncorrected checks that a store whose corrections are all reverted
// reads as its documents say, correction documents included.
func checkUncorrected(t *testing.T, ctx context.Context, c *graph.CorrectedStore, docs ...*graph.DocumentFacts) {
	t.Helper()
	list, err := c.Corrections(ctx)
	if err != nil {
		t.Fatalf("Corrections: %v", err)
	}
	for _, cr := range list {
		if !cr.Reverted {
			t.Fatalf("%s is not reverted", cr.ID)
		}
		docs = append(docs, graph.CorrectionFacts(cr))
	}
	checkModelLight(t, ctx, c, newModel(docs...))
}

func getOne[T any](t *testing.T, ctx context.Context, s graph.Store, id string) T {
	t.Helper()
	got, err := s.Get(ctx, []string{id})
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	v, ok := got[id].(T)
	if !ok {
		var zero T
		t.Errorf("Get(%s) = %+v; want a %T", id, got[id], zero)
		return zero
	}
	return v
}

func wantList(t *testing.T, ctx context.Context, s graph.Store, k graph.Kind, f graph.Filter, want ...string) {
	t.Helper()
	r, err := s.List(ctx, k, f, graph.Page{})
	if err != nil || !slices.Equal(r.IDs, want) && len(r.IDs)+len(want) > 0 || r.HasNext {
		t.Errorf("List(%s, %s) = %+v, %v; want %v", k, showFilter(f), r, err, want)
	}
	n, err := s.Count(ctx, k, f)
	if err != nil || n != len(want) {
		t.Errorf("Count(%s, %s) = %d, %v; want %d", k, showFilter(f), n, err, len(want))
	}
	// Forward and backward by pages of one.
	for _, desc := range []bool{false, true} {
		var ids []string
		p := graph.Page{First: 1, Desc: desc}
		for range len(want) + 2 {
			r, err := s.List(ctx, k, f, p)
			if err != nil {
				t.Fatalf("List(%s, %s, %+v): %v", k, showFilter(f), p, err)
			}
			ids = append(ids, r.IDs...)
			if !r.HasNext {
				break
			}
			p.After = r.EndCursor
		}
		w := slices.Clone(want)
		if desc {
			slices.Reverse(w)
		}
		if !slices.Equal(ids, w) && len(ids)+len(w) > 0 {
			t.Errorf("paging List(%s, %s, Desc %v) by 1 = %v; want %v", k, showFilter(f), desc, ids, w)
		}
	}
}

func wantRelated(t *testing.T, ctx context.Context, s graph.Store, rel graph.Relation, from string, want ...string) {
	t.Helper()
	got, err := s.Related(ctx, rel, []string{from})
	if err != nil || !slices.Equal(got[from], want) && len(got[from])+len(want) > 0 {
		t.Errorf("Related(%s, %s) = %v, %v; want %v", rel, from, got[from], err, want)
	}
}

func wantSearch(t *testing.T, ctx context.Context, s graph.Store, text string, kinds []graph.Kind, want ...string) {
	t.Helper()
	hits, err := s.Search(ctx, text, kinds, 10)
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	if err != nil || !slices.Equal(ids, want) && len(ids)+len(want) > 0 {
		t.Errorf("Search(%q, %v) = %v, %v; want %v", text, kinds, ids, err, want)
	}
}

// people before any correction, in list order.
var people = []string{personAnna, personBo, personCarl, personDorte}

func testCorrectionsMerge(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	checkUncorrected(t, ctx, c, Fixtures()...) // the view changes nothing without corrections
	// The possible-same-as link says Carl may be Dorte: merge him into her.
	cr := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personDorte, Absorb: personCarl, Reason: "same person"})
	if cr.ID != graph.CorrectionDocumentID(1) || cr.Number != 1 {
		t.Errorf("the first correction is %s (%d)", cr.ID, cr.Number)
	}
	checkMerged(t, ctx, c, cr.ID)
	// A second view over the same backend reads the same.
	checkMerged(t, ctx, graph.Corrected(s), cr.ID)

	r := revert(t, ctx, c, cr.ID)
	if !r.Reverted || r.RevertedBy != "bob" || r.RevertReason != "undo "+cr.ID || r.RevertedAt == nil || !r.RevertedAt.Equal(correctionsAt.Add(time.Hour)) {
		t.Errorf("Revert = %+v", r)
	}
	checkUncorrected(t, ctx, c, Fixtures()...)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{}, people...)
	wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, personDorte, attDorteM2)
	wantSearch(t, ctx, c, "carl", nil, personCarl)
}

func checkMerged(t *testing.T, ctx context.Context, c graph.Store, corr string) {
	t.Helper()
	link := "link:correction:" + strings.TrimPrefix(corr, "document:admin-")
	got, err := c.Get(ctx, []string{personCarl, personDorte, attCarlM1})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{personCarl, personDorte} {
		p, ok := got[id].(*graph.Person)
		if !ok || p.ID != personDorte || p.Name != "Dorte Ølgaard" || !slices.Equal(p.Aliases, []string{"Carl Ørsted"}) ||
			p.OrganisationID != orgPLO || len(p.Sources) != 2 {
			t.Errorf("Get(%s) after the merge = %+v; want Dorte, with Carl's name as an alias and both sources", id, got[id])
		}
	}
	if a, ok := got[attCarlM1].(*graph.Attendance); !ok || a.PersonID != personDorte || a.SubstituteForID != personBo {
		t.Errorf("Carl's attendance = %+v; want Dorte's, for Bo", got[attCarlM1])
	}
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{}, personAnna, personBo, personDorte)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "ØRSTED"}, personDorte)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{Origin: graph.OriginMinutes}, personAnna, personBo, personDorte)
	for _, id := range []string{personDorte, personCarl} {
		wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, id, attCarlM1, attDorteM2)
		wantRelated(t, ctx, c, graph.RelMembershipsOfPerson, id, mshipDorte)
		wantRelated(t, ctx, c, graph.RelLinksFrom, id, link, linkSameAs)
		wantRelated(t, ctx, c, graph.RelLinksTo, id, link, linkSameAs)
	}
	wantRelated(t, ctx, c, graph.RelSubstitutionsFor, personBo, attCarlM1)
	wantRelated(t, ctx, c, graph.RelPeopleOfOrganisation, orgRegionH, personBo)
	wantRelated(t, ctx, c, graph.RelPeopleOfOrganisation, orgPLO, personDorte)
	wantRelated(t, ctx, c, graph.RelFactsOfDocument, M1DocID, factsOfM1([]string{personAnna, personBo, personDorte}, mshipBo, mshipAnna)...)
	wantSearch(t, ctx, c, "carl", nil, personDorte)
	wantSearch(t, ctx, c, "ølgaard", []graph.Kind{graph.KindPerson}, personDorte)
	if l := getOne[*graph.Link](t, ctx, c, linkSameAs); l == nil || l.FromID != personDorte || l.ToID != personDorte {
		t.Errorf("the possible-same-as link after the merge = %+v; want from and to Dorte", l)
	}
	if l := getOne[*graph.Link](t, ctx, c, link); l == nil || l.FromID != personDorte || l.ToID != personCarl {
		t.Errorf("the correction's link = %+v; want from Dorte to Carl as recorded", l)
	}
}

// factsOfM1 is Related(FactsOfDocument, M1) with the given people and
// seats, each in sort order.
func factsOfM1(people []string, seats ...string) []string {
	out := append(slices.Clone(people), bodyBispPol, meetingM1, itemM1No1, itemM1No2, itemM1No10, initLaege)
	out = append(out, seats...)
	return append(out, attAnnaM1, attBoM1, attCarlM1, linkMentions, linkClusterM)
}

func testCorrectionsSplit(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	// The Anna Jensen of the first minutes is someone else.
	cr := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personAnna, Documents: []string{M1DocID}, Name: "Anna Jensen", Reason: "two people"})
	split := cr.NewPersonID
	if split != "person:anna-jensen-split-1" {
		t.Fatalf("the person split off is %q", split)
	}
	checkSplit(t, ctx, c, split)

	revert(t, ctx, c, cr.ID)
	checkUncorrected(t, ctx, c, Fixtures()...)
	if got, err := c.Get(ctx, []string{split}); err != nil || len(got) != 0 {
		t.Errorf("Get(%s) after the revert = %v, %v; want nothing", split, got, err)
	}
}

func checkSplit(t *testing.T, ctx context.Context, c graph.Store, split string) {
	t.Helper()
	got, err := c.Get(ctx, []string{personAnna, split, attAnnaM1, attAnnaM2, mshipAnna, initLaege})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := got[split].(*graph.Person); !ok || p.ID != split || p.Name != "Anna Jensen" || len(p.Aliases) != 0 ||
		len(p.Sources) != 1 || p.Sources[0].DocumentID != M1DocID {
		t.Errorf("Get(%s) = %+v; want Anna Jensen of the first minutes", split, got[split])
	}
	if p, ok := got[personAnna].(*graph.Person); !ok || p.Name != "Anna M. Jensen" || !slices.Equal(p.Aliases, []string{"A. Jensen", "Anna Marie Jensen"}) ||
		len(p.Sources) != 2 || p.Sources[0].DocumentID != M2DocID || p.Sources[1].DocumentID != AdminDocID {
		t.Errorf("Get(%s) = %+v; want Anna without the first minutes", personAnna, got[personAnna])
	}
	if a, ok := got[attAnnaM1].(*graph.Attendance); !ok || a.PersonID != split {
		t.Errorf("attendance in the first minutes = %+v; want %s's", got[attAnnaM1], split)
	}
	if a, ok := got[attAnnaM2].(*graph.Attendance); !ok || a.PersonID != personAnna {
		t.Errorf("attendance in the second minutes = %+v; want Anna's", got[attAnnaM2])
	}
	// The seat is in both documents, so it stays.
	if m, ok := got[mshipAnna].(*graph.Membership); !ok || m.PersonID != personAnna {
		t.Errorf("the seat both minutes show = %+v; want Anna's", got[mshipAnna])
	}
	if in, ok := got[initLaege].(*graph.Initiative); !ok || !slices.Equal(in.LeadPersonIDs, []string{split}) {
		t.Errorf("the initiative the first minutes lead = %+v; want led by %s", got[initLaege], split)
	}
	// Sorted by folded name: "anna jensen" before "anna m. jensen".
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{}, split, personAnna, personBo, personCarl, personDorte)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "jensen"}, split, personAnna)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "anna jensen"}, split)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{Origin: graph.OriginAdmin}, personAnna)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{Origin: graph.OriginMinutes}, split, personAnna, personBo, personCarl, personDorte)
	wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, split, attAnnaM1)
	wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, personAnna, attAnnaM2)
	wantRelated(t, ctx, c, graph.RelMembershipsOfPerson, split)
	wantRelated(t, ctx, c, graph.RelMembershipsOfPerson, personAnna, mshipAnna)
	wantRelated(t, ctx, c, graph.RelPeopleOfOrganisation, orgKK, split, personAnna)
	wantRelated(t, ctx, c, graph.RelFactsOfDocument, M1DocID, factsOfM1([]string{split, personBo, personCarl}, mshipBo, mshipAnna)...)
	wantRelated(t, ctx, c, graph.RelFactsOfDocument, M2DocID, personAnna, personDorte, bodyBispWG, bodyBispPol, meetingM2, meetingPlan, itemM2No1,
		initData, initRehab, mshipDorte, mshipAnna, attAnnaM2, attDorteM2, linkSameAs)
	wantSearch(t, ctx, c, "anna jensen", []graph.Kind{graph.KindPerson}, split, personAnna)
	wantSearch(t, ctx, c, "marie", nil, personAnna)
}

func testCorrectionsAliases(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	add := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: "Bo Hjort"})
	rm := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionRemoveAlias, Person: personAnna, Alias: "anna MARIE jensen"})
	if p := getOne[*graph.Person](t, ctx, c, personBo); p == nil || !slices.Equal(p.Aliases, []string{"Bo Hjort"}) {
		t.Errorf("Bo with an alias = %+v", p)
	}
	if p := getOne[*graph.Person](t, ctx, c, personAnna); p == nil || !slices.Equal(p.Aliases, []string{"A. Jensen", "Anna Jensen"}) {
		t.Errorf("Anna without an alias = %+v", p)
	}
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{}, people...)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "hjort"}, personBo)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "marie"})
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{Origin: graph.OriginAdmin}, personAnna, personBo)
	wantSearch(t, ctx, c, "hjort", nil, personBo)
	wantSearch(t, ctx, c, "marie", nil)
	// An alias the person has, or lacks, is a conflict or not found.
	_, err := c.Apply(ctx, graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: "BO HJORT", Actor: "alice"})
	wantCode(t, "adding an alias twice", err, graph.ErrConflict)
	_, err = c.Apply(ctx, graph.Correction{Kind: graph.CorrectionRemoveAlias, Person: personAnna, Alias: "Anna Marie Jensen", Actor: "alice"})
	wantCode(t, "removing a removed alias", err, graph.ErrNotFound)

	revert(t, ctx, c, rm.ID)
	if p := getOne[*graph.Person](t, ctx, c, personAnna); p == nil || !slices.Contains(p.Aliases, "Anna Marie Jensen") {
		t.Errorf("Anna after the revert = %+v; want the alias back", p)
	}
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "marie"}, personAnna)
	revert(t, ctx, c, add.ID)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "hjort"})
	checkUncorrected(t, ctx, c, Fixtures()...)
}

func testCorrectionsMembershipDates(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	// Sort keys before: Bo 2024-01-01, Dorte 2025-01-01, Anna 2025-03-10.
	wantList(t, ctx, c, graph.KindMembership, graph.Filter{}, mshipBo, mshipDorte, mshipAnna)
	cr := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: mshipBo, StartDate: "2025-05-01", EndDate: "2025-12-31"})
	if m := getOne[*graph.Membership](t, ctx, c, mshipBo); m == nil || m.StartDate != "2025-05-01" || m.EndDate != "2025-12-31" || m.PersonID != personBo {
		t.Errorf("the corrected seat = %+v", m)
	}
	wantList(t, ctx, c, graph.KindMembership, graph.Filter{}, mshipDorte, mshipAnna, mshipBo)
	wantList(t, ctx, c, graph.KindMembership, graph.Filter{Origin: graph.OriginMinutes}, mshipDorte, mshipAnna, mshipBo)
	wantRelated(t, ctx, c, graph.RelMembershipsOfBody, bodyBispPol, mshipAnna, mshipBo)
	wantRelated(t, ctx, c, graph.RelMembershipsOnBehalfOf, orgRegionH, mshipBo)
	wantRelated(t, ctx, c, graph.RelMembershipsOfPerson, personBo, mshipBo)
	wantRelated(t, ctx, c, graph.RelFactsOfDocument, M1DocID, factsOfM1([]string{personAnna, personBo, personCarl}, mshipAnna, mshipBo)...)

	// A later correction of the same seat wins; clearing both dates is one.
	cr2 := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: mshipBo})
	if m := getOne[*graph.Membership](t, ctx, c, mshipBo); m == nil || m.StartDate != "" || m.EndDate != "" {
		t.Errorf("the seat with its dates cleared = %+v", m)
	}
	wantList(t, ctx, c, graph.KindMembership, graph.Filter{}, mshipDorte, mshipAnna, mshipBo) // first seen 2025-03-10, then by ID
	revert(t, ctx, c, cr2.ID)
	if m := getOne[*graph.Membership](t, ctx, c, mshipBo); m == nil || m.StartDate != "2025-05-01" {
		t.Errorf("the seat after reverting the second correction = %+v; want the first's dates", m)
	}
	revert(t, ctx, c, cr.ID)
	checkUncorrected(t, ctx, c, Fixtures()...)
}

// checkCorrectedFixtures checks the fixtures with a merge, a split, an
// alias removed and a seat's dates corrected (see testCorrectionsReload).
func checkCorrectedFixtures(t *testing.T, ctx context.Context, c graph.Store, split string) {
	t.Helper()
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{}, split, personAnna, personBo, personDorte)
	wantList(t, ctx, c, graph.KindPerson, graph.Filter{NameContains: "marie"})
	wantList(t, ctx, c, graph.KindMembership, graph.Filter{}, mshipDorte, mshipAnna, mshipBo)
	wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, personCarl, attCarlM1, attDorteM2)
	wantRelated(t, ctx, c, graph.RelAttendanceOfPerson, split, attAnnaM1)
	wantRelated(t, ctx, c, graph.RelSubstitutionsFor, personBo, attCarlM1)
	wantSearch(t, ctx, c, "ørsted", nil, personDorte)
	got, err := c.Get(ctx, []string{initLaege, mshipBo, attCarlM1})
	if err != nil {
		t.Fatal(err)
	}
	if in, ok := got[initLaege].(*graph.Initiative); !ok || !slices.Equal(in.LeadPersonIDs, []string{split}) {
		t.Errorf("initiative = %+v; want led by %s", got[initLaege], split)
	}
	if m, ok := got[mshipBo].(*graph.Membership); !ok || m.StartDate != "2025-05-01" {
		t.Errorf("Bo's seat = %+v", got[mshipBo])
	}
	if a, ok := got[attCarlM1].(*graph.Attendance); !ok || a.PersonID != personDorte {
		t.Errorf("Carl's attendance = %+v", got[attCarlM1])
	}
}

// answers is every read's answer through a store, as text, for comparing
// two states.
func answers(t *testing.T, ctx context.Context, s graph.Store, ids []string) string {
	t.Helper()
	var b strings.Builder
	got, err := s.Get(ctx, ids)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	for _, id := range ids {
		f := got[id]
		if d, ok := f.(*graph.Document); ok {
			c := *d
			c.LoadedAt = time.Time{}
			f = &c
		}
		j, _ := json.Marshal(f)
		fmt.Fprintf(&b, "Get %s: %s\n", id, j)
	}
	for _, k := range []graph.Kind{graph.KindPerson, graph.KindMembership, graph.KindAttendance, graph.KindLink} {
		r, err := s.List(ctx, k, graph.Filter{}, graph.Page{First: graph.MaxPageSize})
		n, err2 := s.Count(ctx, k, graph.Filter{})
		fmt.Fprintf(&b, "List %s: %v %v; Count %d %v\n", k, r.IDs, err, n, err2)
	}
	for _, rel := range []graph.Relation{graph.RelMembershipsOfPerson, graph.RelAttendanceOfPerson, graph.RelSubstitutionsFor,
		graph.RelPeopleOfOrganisation, graph.RelLinksFrom, graph.RelLinksTo, graph.RelFactsOfDocument, graph.RelMembershipsOfBody} {
		r, err := s.Related(ctx, rel, ids)
		fmt.Fprintf(&b, "Related %s: %v %v\n", rel, r, err)
	}
	for _, q := range []string{"jensen", "carl", "ølgaard"} {
		h, err := s.Search(ctx, q, nil, 10)
		fmt.Fprintf(&b, "Search %s: %+v %v\n", q, h, err)
	}
	return b.String()
}

func testCorrectionsReload(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personDorte, Absorb: personCarl})
	split := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personAnna, Documents: []string{M1DocID}, Name: "Anna Jensen"}).NewPersonID
	apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionRemoveAlias, Person: personAnna, Alias: "Anna Marie Jensen"})
	apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: mshipBo, StartDate: "2025-05-01"})
	checkCorrectedFixtures(t, ctx, c, split)
	ids := append(newModel(Fixtures()...).allIDs(), split)
	before := answers(t, ctx, c, ids)

	// The loader writes the minutes again to the backend: unchanged, then
	// deleted and loaded anew, in the other order.
	for i, r := range Load(t, ctx, s, Minutes1(), Minutes2()) {
		if !r.Unchanged {
			t.Errorf("reloading minutes %d = %+v; want Unchanged", i+1, r)
		}
	}
	for _, id := range []string{M2DocID, M1DocID} {
		if ok, err := s.DeleteDocument(ctx, id); err != nil || !ok {
			t.Fatalf("DeleteDocument(%s) = %v, %v", id, ok, err)
		}
	}
	Load(t, ctx, s, Minutes2(), Minutes1())
	if after := answers(t, ctx, c, ids); after != before {
		t.Errorf("the corrected answers changed on a reload of the minutes:\n%s", diffLines(before, after))
	}
	// A fresh view (a restarted server) reads the same.
	if after := answers(t, ctx, corrected(s), ids); after != before {
		t.Errorf("a new view answers differently:\n%s", diffLines(before, after))
	}
	// A new version of the first minutes still has Anna Jensen, Carl and
	// Bo's seat: the corrections still apply to it.
	v2 := Minutes1Corrected()
	v2.People = append(v2.People, Minutes1().People[2])
	v2.People[2].Sources = src(v2.Document, 8, 8, "Carl Ørsted")
	v2.Attendance = Minutes1().Attendance
	for i := range v2.Attendance {
		v2.Attendance[i].Sources = src(v2.Document, 5+i, 5+i, "")
	}
	Load(t, ctx, s, v2)
	checkCorrectedFixtures(t, ctx, c, split)
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range max(len(al), len(bl)) {
		x, y := "", ""
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}

func testCorrectionsInvalid(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	c := corrected(s)
	good := apply(t, ctx, c, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personDorte, Absorb: personCarl, Reason: "same"})
	before := hashAll(t, ctx, s)
	bad := []struct {
		name string
		cr   graph.Correction
		code string
	}{
		{"an unknown kind", graph.Correction{Kind: "rename_everyone"}, graph.ErrInvalid},
		{"a merge with oneself", graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personBo, Absorb: personBo}, graph.ErrInvalid},
		{"a merge into the person absorbed", graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personCarl, Absorb: personDorte}, graph.ErrInvalid},
		{"a merge of a body", graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personBo, Absorb: bodyBispPol}, graph.ErrInvalid},
		{"a merge of nobody", graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personBo, Absorb: "person:nobody"}, graph.ErrNotFound},
		{"a merge of the absorbed again", graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personBo, Absorb: personCarl}, graph.ErrConflict},
		{"a split without a name", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personAnna, Documents: []string{M1DocID}, Name: "  "}, graph.ErrInvalid},
		{"a split without documents", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personAnna, Name: "X"}, graph.ErrInvalid},
		{"a split of a document that does not mention", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personBo, Documents: []string{M2DocID}, Name: "X"}, graph.ErrInvalid},
		{"a split of every document", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personBo, Documents: []string{M1DocID}, Name: "X"}, graph.ErrInvalid},
		{"a split of a meeting", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: meetingM1, Documents: []string{M1DocID}, Name: "X"}, graph.ErrInvalid},
		{"a split of the absorbed", graph.Correction{Kind: graph.CorrectionSplitPerson, Person: personCarl, Documents: []string{M1DocID}, Name: "X"}, graph.ErrConflict},
		{"an empty alias", graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: " "}, graph.ErrInvalid},
		{"an alias that is the name", graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: "BO HANSEN"}, graph.ErrInvalid},
		{"an alias of an item", graph.Correction{Kind: graph.CorrectionAddAlias, Person: itemM1No1, Alias: "x"}, graph.ErrInvalid},
		{"dates that end before they start", graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: mshipBo, StartDate: "2025-03-01", EndDate: "2025-02-01"}, graph.ErrInvalid},
		{"a date that is not one", graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: mshipBo, StartDate: "2025-13-01"}, graph.ErrInvalid},
		{"dates of a person", graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: personBo, StartDate: "2025-03-01"}, graph.ErrInvalid},
		{"dates of no seat", graph.Correction{Kind: graph.CorrectionMembershipDates, Membership: "membership:none", StartDate: "2025-03-01"}, graph.ErrNotFound},
		{"no actor", graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: "Bo H.", Actor: "-"}, graph.ErrUnauthorized},
	}
	for _, b := range bad {
		cr := b.cr
		cr.At = correctionsAt
		if cr.Actor == "" {
			cr.Actor = "alice"
		} else if cr.Actor == "-" {
			cr.Actor = ""
		}
		_, err := c.Apply(ctx, cr)
		wantCode(t, "Apply of "+b.name, err, b.code)
	}
	_, err := c.Revert(ctx, "document:admin-999999", "bob", "", correctionsAt)
	wantCode(t, "Revert of no correction", err, graph.ErrNotFound)
	_, err = c.Revert(ctx, good.ID, "", "", correctionsAt)
	wantCode(t, "Revert without an actor", err, graph.ErrUnauthorized)
	if after := hashAll(t, ctx, s); after != before {
		t.Errorf("rejected corrections changed the store: content hash %s → %s", before, after)
	}
	list, err := c.Corrections(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Corrections = %+v, %v; want the one made", list, err)
	}

	// The record: who, when, what and why, as a new view reads it back.
	revert(t, ctx, c, good.ID)
	_, err = c.Revert(ctx, good.ID, "bob", "", correctionsAt)
	wantCode(t, "reverting twice", err, graph.ErrConflict)
	got, err := corrected(s).Correction(ctx, good.ID)
	want := good
	at := correctionsAt.Add(time.Hour)
	want.Reverted, want.RevertedBy, want.RevertedAt, want.RevertReason = true, "bob", &at, "undo "+good.ID
	if err != nil || !reflect.DeepEqual(canon(&got), canon(&want)) || got.Actor != "alice" || !got.At.Equal(correctionsAt) || got.Reason != "same" {
		t.Errorf("the record read back = %+v, %v; want %+v", got, err, want)
	}
	checkUncorrected(t, ctx, c, Fixtures()...)
}

// testCorrectionsTwoViews checks that a view sees the corrections another
// view (another process, another server replica) makes on the same store.
func testCorrectionsTwoViews(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	a, b := corrected(s), corrected(s)
	// A view that trusts what it read for an hour.
	late := graph.Corrected(s)
	late.MaxAge = time.Hour
	wantList(t, ctx, b, graph.KindPerson, graph.Filter{}, people...)
	wantList(t, ctx, late, graph.KindPerson, graph.Filter{}, people...)
	cr := apply(t, ctx, a, graph.Correction{Kind: graph.CorrectionMergePeople, Keep: personDorte, Absorb: personCarl})
	wantList(t, ctx, b, graph.KindPerson, graph.Filter{}, personAnna, personBo, personDorte)
	if p := getOne[*graph.Person](t, ctx, b, personCarl); p == nil || p.ID != personDorte {
		t.Errorf("the other view's Carl = %+v; want Dorte", p)
	}
	// A view numbers its correction after the newest, however old its own
	// reading is.
	cr2 := apply(t, ctx, late, graph.Correction{Kind: graph.CorrectionAddAlias, Person: personBo, Alias: "Bo Hjort", Actor: "carol"})
	if cr2.ID != graph.CorrectionDocumentID(2) {
		t.Errorf("the other view's correction is %s; want number 2", cr2.ID)
	}
	wantList(t, ctx, a, graph.KindPerson, graph.Filter{NameContains: "hjort"}, personBo)
	wantList(t, ctx, b, graph.KindPerson, graph.Filter{NameContains: "hjort"}, personBo)
	revert(t, ctx, b, cr.ID)
	wantList(t, ctx, a, graph.KindPerson, graph.Filter{}, people...)
	list, err := a.Corrections(ctx)
	if err != nil || len(list) != 2 || !list[0].Reverted || list[1].Actor != "carol" {
		t.Errorf("Corrections in the first view = %+v, %v", list, err)
	}
}
