package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call; the suite closes it. Every subtest uses its own store.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	t.Helper()
	RunWith(t, open, Capabilities{SnapshotReads: true})
}

// Capabilities are what a backend promises beyond the common contract.
type Capabilities struct {
	// SnapshotReads: every read call sees one committed state, so a read
	// racing a document write sees the whole old or the whole new version.
	// The embedded store promises it. Neo4j does not: its isolation level
	// is read-committed, and "data retrieved by traversals is not protected
	// from modification by other transactions" (Neo4j Operations Manual,
	// Database internals), so a call racing a write may see some facts of
	// the new version and others of the old. Without it the suite checks
	// that every fact a racing reader sees is a version of that fact that
	// some state has (or its absence), and that the final state is exact.
	SnapshotReads bool
}

// RunWith runs the conformance suite for a backend with the given
// capabilities.
func RunWith(t *testing.T, open func(t *testing.T) graph.Store, caps Capabilities) {
	t.Helper()
	sub := func(name string, fn func(t *testing.T, ctx context.Context, s graph.Store)) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			s := open(t)
			t.Cleanup(func() { _ = s.Close(context.Background()) })
			if err := s.EnsureSchema(ctx); err != nil {
				t.Fatalf("EnsureSchema: %v", err)
			}
			if err := s.Ping(ctx); err != nil {
				t.Fatalf("Ping: %v", err)
			}
			fn(t, ctx, s)
		})
	}
	sub("Empty", testEmpty)
	sub("ReadBack", testReadBack)
	sub("Paging", testPaging)
	sub("Reload", testReload)
	sub("Replace", testReplace)
	sub("Delete", testDelete)
	sub("Invalid", testInvalid)
	sub("Concurrent", func(t *testing.T, ctx context.Context, s graph.Store) { testConcurrent(t, ctx, s, caps) })
	sub("CorrectionsMerge", testCorrectionsMerge)
	sub("CorrectionsSplit", testCorrectionsSplit)
	sub("CorrectionsAliases", testCorrectionsAliases)
	sub("CorrectionsMembershipDates", testCorrectionsMembershipDates)
	sub("CorrectionsReload", testCorrectionsReload)
	sub("CorrectionsInvalid", testCorrectionsInvalid)
	sub("CorrectionsTwoViews", testCorrectionsTwoViews)
}

// Load writes documents in order and fails the test on the first error.
func Load(t testing.TB, ctx context.Context, s graph.Store, docs ...*graph.DocumentFacts) []graph.WriteResult {
	t.Helper()
	var out []graph.WriteResult
	for _, d := range docs {
		r, err := s.ReplaceDocument(ctx, d)
		if err != nil {
			t.Fatalf("ReplaceDocument(%s): %v", d.Document.ID, err)
		}
		out = append(out, r)
	}
	return out
}

func testEmpty(t *testing.T, ctx context.Context, s graph.Store) {
	got, err := s.Get(ctx, []string{personAnna, RefDocID, "nonsense"})
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("Get on an empty store = %v, %v; want an empty map", got, err)
	}
	if got, err := s.Get(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("Get(nil) = %v, %v; want an empty map", got, err)
	}
	checkModelLight(t, ctx, s, newModel())
	ok, err := s.DeleteDocument(ctx, M1DocID)
	if err != nil || ok {
		t.Errorf("DeleteDocument of a missing document = %v, %v; want false, nil", ok, err)
	}
}

func testReadBack(t *testing.T, ctx context.Context, s graph.Store) {
	fx := Fixtures()
	res := Load(t, ctx, s, fx...)
	for i, r := range res {
		want := graph.WriteResult{DocumentID: fx[i].Document.ID, Facts: len(FactIDs(fx[i]))}
		if r != want {
			t.Errorf("ReplaceDocument(%s) = %+v; want %+v", fx[i].Document.ID, r, want)
		}
	}
	checkModel(t, ctx, s, newModel(Fixtures()...))
	checkSpots(t, ctx, s)
}

// checkSpots checks by hand what the model computes, so that a defect the
// model shares with a backend still shows.
func checkSpots(t *testing.T, ctx context.Context, s graph.Store) {
	t.Helper()
	got, err := s.Get(ctx, []string{personAnna, mshipAnna, meetingPlan, bodyBispPol, initLaege, M1DocID})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if p, ok := got[personAnna].(*graph.Person); !ok {
		t.Errorf("Get(%s) = %T; want *graph.Person", personAnna, got[personAnna])
	} else {
		// The administrator's spelling is final; aliases are unioned, and the
		// spellings the minutes print stay as aliases.
		if p.Name != "Anna M. Jensen" || !slices.Equal(p.Aliases, []string{"A. Jensen", "Anna Jensen", "Anna Marie Jensen"}) || p.OrganisationID != orgKK ||
			!slices.Equal(p.Titles, []string{"borgmester", "formand"}) || len(p.Sources) != 3 ||
			p.Sources[0].DocumentID != M1DocID || p.Sources[1].DocumentID != M2DocID || p.Sources[2].DocumentID != AdminDocID {
			t.Errorf("merged person = %+v", p)
		}
	}
	if m, ok := got[mshipAnna].(*graph.Membership); !ok || m.FirstSeen != "2025-03-10" || m.LastSeen != "2025-06-02" || m.Title != "borgmester" || m.Party != "A" {
		t.Errorf("merged membership = %+v", got[mshipAnna])
	}
	if m, ok := got[meetingPlan].(*graph.Meeting); !ok || !m.Planned {
		t.Errorf("planned meeting = %+v", got[meetingPlan])
	}
	if b, ok := got[bodyBispPol].(*graph.Body); !ok || !slices.Equal(b.Aliases, []string{"Det politiske niveau", "Politisk niveau"}) {
		t.Errorf("merged body = %+v", got[bodyBispPol])
	}
	if in, ok := got[initLaege].(*graph.Initiative); !ok || in.AmountDKK == nil || *in.AmountDKK != 1350000 || in.PeriodEnd != "2026-12-31" {
		t.Errorf("initiative = %+v", got[initLaege])
	}
	if d, ok := got[M1DocID].(*graph.Document); !ok || d.FileName != "bisp-pol-2025-03-10.md" || d.Date != "2025-03-10" {
		t.Errorf("Get(%s) = %+v; want the document", M1DocID, got[M1DocID])
	}

	lists := []struct {
		kind graph.Kind
		f    graph.Filter
		want []string
	}{
		{graph.KindMunicipality, graph.Filter{RegionID: regionH}, []string{muniFrb, muniKbh, muniTaarnby}},
		{graph.KindMunicipality, graph.Filter{NameContains: "TAARNBY"}, []string{muniTaarnby}},
		{graph.KindMunicipality, graph.Filter{NameContains: "tårnby"}, []string{muniTaarnby}},
		{graph.KindMeeting, graph.Filter{Level: graph.LevelPolitical}, []string{meetingM1, meetingPlan}},
		{graph.KindMeeting, graph.Filter{RegionID: regionH, DateFrom: "2025-04-01", DateTo: "2025-06-30"}, []string{meetingM2}},
		{graph.KindInitiative, graph.Filter{RunningOn: "2025-07-01"}, []string{initLaege, initRehab}},
		{graph.KindInitiative, graph.Filter{AmountMin: i64(600000)}, []string{initLaege}},
		{graph.KindPerson, graph.Filter{NameContains: "jensen"}, []string{personAnna}},
		{graph.KindBody, graph.Filter{ClusterID: clusterBisp, Origin: graph.OriginMinutes}, []string{bodyBispWG, bodyBispPol}},
		{graph.KindLink, graph.Filter{Kind: graph.LinkMentions}, []string{linkMentions}},
	}
	for _, l := range lists {
		r, err := s.List(ctx, l.kind, l.f, graph.Page{})
		if err != nil || !slices.Equal(r.IDs, l.want) {
			t.Errorf("List(%s, %+v) = %v, %v; want %v", l.kind, l.f, r.IDs, err, l.want)
		}
	}

	rels := []struct {
		rel  graph.Relation
		from string
		want []string
	}{
		{graph.RelItemsOfMeeting, meetingM1, []string{itemM1No1, itemM1No2, itemM1No10}},
		{graph.RelMunicipalitiesOfCluster, clusterBisp, []string{muniFrb, muniKbh}},
		{graph.RelChildBodies, bodyBispProf, []string{bodyBispWG}},
		{graph.RelSubstitutionsFor, personBo, []string{attCarlM1}},
		{graph.RelMeetingsOfBody, bodyBispPol, []string{meetingM1, meetingPlan}},
		{graph.RelMeetingsOfDocument, M2DocID, []string{meetingM2, meetingPlan}},
		{graph.RelFactsOfDocument, AdminDocID, []string{personAnna}},
		{graph.RelInitiativesOfOwner, orgRegionH, []string{initRehab}},
		{graph.RelInitiativesOfOrg, orgKK, []string{initLaege, initRehab}},
	}
	for _, r := range rels {
		got, err := s.Related(ctx, r.rel, []string{r.from})
		if err != nil || !slices.Equal(got[r.from], r.want) {
			t.Errorf("Related(%s, %s) = %v, %v; want %v", r.rel, r.from, got[r.from], err, r.want)
		}
	}

	a, errA := s.Search(ctx, "laegedaekning", nil, 10)
	b, errB := s.Search(ctx, "Lægedækning", nil, 10)
	if errA != nil || errB != nil || len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("Search folded = %v, %v and unfolded = %v, %v; want the same, non-empty", a, errA, b, errB)
	} else if a[0].ID != initLaege {
		t.Errorf("Search(laegedaekning) ranks %s first; want %s", a[0].ID, initLaege)
	}
	docs, err := s.Documents(ctx)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if want := []string{RefDocID, M1DocID, M2DocID, AdminDocID}; err != nil || !slices.Equal(ids, want) {
		t.Errorf("Documents = %v, %v; want %v", ids, err, want)
	}
}

// filterCases returns, per kind, filters over every field the kind honours,
// including ones that match nothing.
func filterCases() map[graph.Kind][]graph.Filter {
	return map[graph.Kind][]graph.Filter{
		graph.KindRegion:        {{Origin: graph.OriginReference}, {Origin: graph.OriginMinutes}},
		graph.KindMunicipality:  {{NameContains: "Tårnby"}, {NameContains: "frederiks"}, {RegionID: regionS}, {ClusterID: clusterBisp}, {RegionID: regionH, ClusterID: clusterAmag}, {Origin: graph.OriginMinutes}},
		graph.KindCluster:       {{NameContains: "bispebjerg-klyngen"}, {NameContains: "køge"}, {RegionID: regionH}, {RegionID: "region:none"}},
		graph.KindHealthCouncil: {{NameContains: "byen"}, {RegionID: regionH}, {RegionID: regionS}},
		graph.KindOrganisation:  {{NameContains: "plo hovedstaden"}, {NameContains: "kk"}, {Kind: graph.OrgMunicipality}, {Kind: graph.OrgHospital}},
		graph.KindPerson:        {{NameContains: "jensen"}, {NameContains: "ØRSTED"}, {NameContains: "a. jensen"}, {Origin: graph.OriginAdmin}},
		graph.KindBody: {{NameContains: "politisk"}, {Kind: graph.BodyWorkingGroup}, {ClusterID: clusterBisp}, {Level: graph.LevelPolitical},
			{Kind: graph.BodyPolitical, ClusterID: clusterAmag}, {Origin: graph.OriginMinutes}},
		graph.KindMeeting: {{RegionID: regionH}, {RegionID: regionS}, {ClusterID: clusterBisp}, {BodyID: bodyBispPol}, {Level: graph.LevelProfessionalStrategic},
			{DateFrom: "2025-06-01"}, {DateTo: "2025-06-02"}, {DateFrom: "2025-03-11", DateTo: "2025-09-14"}},
		graph.KindAgendaItem: {{Origin: graph.OriginMinutes}},
		graph.KindInitiative: {{NameContains: "laegedaekning"}, {NameContains: "Lægedækningsprojektet"}, {RegionID: regionH}, {RegionID: regionS}, {ClusterID: clusterAmag},
			{OwnerID: orgKK}, {AmountMin: i64(500000)}, {AmountMax: i64(500000)}, {AmountMin: i64(1), AmountMax: i64(2)},
			{RunningOn: "2024-06-01"}, {RunningOn: "2030-01-01"}},
		graph.KindMembership: {{Origin: graph.OriginMinutes}},
		graph.KindAttendance: {{Origin: graph.OriginReference}},
		graph.KindLink:       {{Kind: graph.LinkPossibleSameAs}, {Kind: graph.LinkConflict}},
	}
}

var searchCases = []struct {
	text  string
	kinds []graph.Kind
	limit int
}{
	{"laegedaekning", nil, 10},
	{"LÆGEDÆKNING", nil, 10},
	{"jensen", nil, 10},
	{"anna jensen", []graph.Kind{graph.KindPerson}, 10},
	{"sundhedsklynge", nil, 2},
	{"frederiksberg", nil, 20},
	{"godkendt", []graph.Kind{graph.KindAgendaItem}, 10},
	{"ingenting her", nil, 10},
}

// checkModel compares every read method with the model, with every filter
// case and search case.
func checkModel(t *testing.T, ctx context.Context, s graph.Store, m *model) {
	t.Helper()
	compareModel(t, ctx, s, m, true)
}

// checkModelLight compares every read method with the model, with fewer
// filters and searches, to keep the number of round trips down.
func checkModelLight(t *testing.T, ctx context.Context, s graph.Store, m *model) {
	t.Helper()
	compareModel(t, ctx, s, m, false)
}

func compareModel(t *testing.T, ctx context.Context, s graph.Store, m *model, full bool) {
	t.Helper()
	ids := m.allIDs()
	// Get answers the same whether or not the caller reads only (the
	// backend may then share values between readers).
	for _, read := range []struct {
		name string
		ctx  context.Context
		// WithoutSources: every field but Sources is the same.
		noSources bool
	}{{"Get", ctx, false}, {"Get(ReadOnly)", graph.ReadOnly(ctx), false},
		{"Get(WithoutSources)", graph.WithoutSources(ctx), true},
		{"Get(ReadOnly, WithoutSources)", graph.ReadOnly(graph.WithoutSources(ctx)), true}} {
		got, err := s.Get(read.ctx, ids)
		if err != nil {
			t.Fatalf("%s: %v", read.name, err)
		}
		for _, id := range ids {
			want := m.fact(id)
			g, ok := got[id]
			switch {
			case want == nil && ok:
				t.Errorf("%s of %s = %+v; want absent", read.name, id, g)
			case want != nil && !ok:
				t.Errorf("%s of %s is absent; want %+v", read.name, id, want)
			case want != nil:
				if reflect.TypeOf(g) != reflect.TypeOf(want) {
					t.Errorf("%s of %s = %T; want %T", read.name, id, g, want)
					continue
				}
				if read.noSources {
					g, want = withoutSources(g), withoutSources(want)
				}
				sameFact(t, read.name+" of "+id, g, want)
			}
		}
		if len(got) > len(ids) {
			t.Errorf("%s returned %d facts for %d IDs", read.name, len(got), len(ids))
		}
		// The map is the caller's: changing it changes no later answer.
		var one string
		for id := range got {
			one = id
			break
		}
		clear(got)
		got[one] = nil
		if again, err := s.Get(read.ctx, []string{one}); one != "" && (err != nil || again[one] == nil) {
			t.Errorf("%s of %s after the caller changed the map it returned = %v, %v", read.name, one, again, err)
		}
	}

	cases := filterCases()
	if !full {
		for k, fs := range cases {
			cases[k] = fs[:1]
		}
	}
	for _, k := range graph.Kinds {
		for _, f := range append([]graph.Filter{{}}, cases[k]...) {
			want := m.list(k, f)
			r, err := s.List(ctx, k, f, graph.Page{First: graph.MaxPageSize})
			if err != nil {
				t.Errorf("List(%s, %+v): %v", k, f, err)
				continue
			}
			if !slices.Equal(r.IDs, want) && !(len(r.IDs) == 0 && len(want) == 0) {
				t.Errorf("List(%s, %s) = %v; want %v", k, showFilter(f), r.IDs, want)
			}
			if r.HasNext {
				t.Errorf("List(%s, %s) HasNext with everything on one page", k, showFilter(f))
			}
			n, err := s.Count(ctx, k, f)
			if err != nil || n != len(want) {
				t.Errorf("Count(%s, %s) = %d, %v; want %d", k, showFilter(f), n, err, len(want))
			}
		}
	}

	for _, rel := range graph.Relations {
		got, err := s.Related(ctx, rel, ids)
		if err != nil {
			t.Errorf("Related(%s): %v", rel, err)
			continue
		}
		want := m.rel[rel]
		for from, tos := range got {
			if !slices.Equal(tos, want[from]) {
				t.Errorf("Related(%s, %s) = %v; want %v", rel, from, tos, want[from])
			}
		}
		for from, tos := range want {
			if _, ok := got[from]; !ok && slices.Contains(ids, from) {
				t.Errorf("Related(%s, %s) is absent; want %v", rel, from, tos)
			}
		}
	}

	searches := searchCases
	if !full {
		searches = searches[:2]
	}
	for _, c := range searches {
		hits, err := s.Search(ctx, c.text, c.kinds, c.limit)
		if err != nil {
			t.Errorf("Search(%q): %v", c.text, err)
			continue
		}
		if want := m.search(c.text, c.kinds, c.limit); !reflect.DeepEqual(hits, want) && !(len(hits) == 0 && len(want) == 0) {
			t.Errorf("Search(%q, %v, %d) = %+v; want %+v", c.text, c.kinds, c.limit, hits, want)
		}
	}

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	sameStats(t, st, m.stats())

	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	want := m.documents()
	if len(docs) != len(want) {
		t.Errorf("Documents = %d documents; want %d", len(docs), len(want))
	} else {
		for i := range docs {
			sameFact(t, "Documents["+fmt.Sprint(i)+"]", &docs[i], &want[i])
		}
	}
}

func sameStats(t *testing.T, got, want graph.Stats) {
	t.Helper()
	ok := got.Documents == want.Documents && got.Contributions == want.Contributions
	for _, k := range graph.Kinds {
		ok = ok && got.Facts[k] == want.Facts[k]
	}
	for k, n := range got.Facts {
		ok = ok && (n == 0 || slices.Contains(graph.Kinds, k))
	}
	if !ok {
		t.Errorf("Stats = %+v; want %+v", got, want)
	}
}

// sameFact compares two facts after normalising them (and ignoring a
// Document's LoadedAt).
// withoutSources is a copy of fact with empty Sources (a document has
// none and is returned as it is).
func withoutSources(fact any) any {
	v := reflect.ValueOf(fact)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fact
	}
	f := v.Elem().FieldByName("Sources")
	if !f.IsValid() {
		return fact
	}
	c := reflect.New(v.Elem().Type())
	c.Elem().Set(v.Elem())
	c.Elem().FieldByName("Sources").Set(reflect.Zero(f.Type()))
	return c.Interface()
}

func sameFact(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := canon(got), canon(want)
	if g != w {
		t.Errorf("%s =\n  %s\nwant\n  %s", what, g, w)
	}
}

func canon(f any) string {
	if d, ok := f.(*graph.Document); ok {
		c := *d
		c.LoadedAt = time.Time{}
		f = &c
	} else {
		graph.Normalize(f)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return "!" + err.Error()
	}
	return string(b)
}

func showFilter(f graph.Filter) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	var ge *graph.Error
	if err == nil || !errors.As(err, &ge) || graph.ErrorCode(err) != code {
		t.Errorf("%s: error %v (code %q); want a *graph.Error with code %q", what, err, graph.ErrorCode(err), code)
	}
}

func testPaging(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	m := newModel(Fixtures()...)
	for _, k := range graph.Kinds {
		f := graph.Filter{}
		if k == graph.KindMeeting {
			f.ClusterID = clusterBisp
		}
		want := m.list(k, f)
		var ids []string
		p := graph.Page{First: 2}
		for pages := 0; ; pages++ {
			r, err := s.List(ctx, k, f, p)
			if err != nil {
				t.Fatalf("List(%s, %+v): %v", k, p, err)
			}
			if len(r.IDs) > 2 {
				t.Errorf("List(%s, First 2) returned %d IDs", k, len(r.IDs))
			}
			ids = append(ids, r.IDs...)
			if len(r.IDs) > 0 && r.EndCursor == "" {
				t.Errorf("List(%s) page without EndCursor", k)
			}
			if !r.HasNext || pages > len(want) {
				break
			}
			p.After = r.EndCursor
		}
		if !slices.Equal(ids, want) && !(len(ids) == 0 && len(want) == 0) {
			t.Errorf("paging %s by 2 visited %v; want %v", k, ids, want)
		}
	}

	// Desc pages through every kind in exactly reverse sort order, with
	// and without filters.
	for _, k := range graph.Kinds {
		filters := []graph.Filter{{}, {Origin: graph.OriginMinutes}, {Origin: graph.OriginReference}}
		if k == graph.KindMeeting {
			filters = append(filters, graph.Filter{ClusterID: clusterBisp})
		}
		for _, f := range filters {
			want := slices.Clone(m.list(k, f))
			slices.Reverse(want)
			checkPagesDesc(t, ctx, s, k, f, want)
		}
	}

	// First 0 means the default page size; everything fits.
	r, err := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{})
	if err != nil || len(r.IDs) != len(m.byKind[graph.KindPerson]) || r.HasNext {
		t.Errorf("List(Person, First 0) = %+v, %v", r, err)
	}

	// Keyset cursors are stable while facts are added before them.
	r, err = s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{First: 2})
	if err != nil || len(r.IDs) != 2 || !r.HasNext {
		t.Fatalf("List(Person, First 2) = %+v, %v", r, err)
	}
	first := r.IDs
	people := m.list(graph.KindPerson, graph.Filter{})
	if len(people) < 4 {
		t.Fatalf("the fixtures have %d people; the cursor checks need 4", len(people))
	}
	// A Desc page after a cursor continues below it; cursors are the same
	// in both directions, so a Desc page's EndCursor continues upward in
	// ascending order.
	d, err := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{After: r.EndCursor, First: 5, Desc: true})
	if err != nil || !slices.Equal(d.IDs, []string{people[0]}) || d.HasNext {
		t.Errorf("List(Person, Desc, after %s) = %+v, %v; want [%s] and no next", first[1], d, err, people[0])
	}
	d, err = s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{First: 2, Desc: true})
	if err != nil || !slices.Equal(d.IDs, []string{people[3], people[2]}) || !d.HasNext {
		t.Fatalf("List(Person, First 2, Desc) = %+v, %v; want [%s %s] and a next page", d, err, people[3], people[2])
	}
	up, err := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{After: d.EndCursor, First: 5})
	if err != nil || !slices.Equal(up.IDs, []string{people[3]}) || up.HasNext {
		t.Errorf("List(Person, after the Desc page's EndCursor) = %+v, %v; want [%s]", up, err, people[3])
	}
	extra := &graph.DocumentFacts{Document: graph.Document{ID: "document:extra", FileName: "extra", SHA256: sum("extra"), Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-10-01"}}
	extra.People = []graph.Person{{ID: "person:aage-aaberg", Name: "Aage Aaberg", Sources: src(extra.Document, 1, 1, "Aage Aaberg")}}
	Load(t, ctx, s, extra)
	rest, err := listAllAfter(ctx, s, graph.KindPerson, r.EndCursor)
	if err != nil {
		t.Fatal(err)
	}
	if want := m.list(graph.KindPerson, graph.Filter{})[2:]; !slices.Equal(rest, want) {
		t.Errorf("after cursor %v and an insert before it: %v; want %v", first, rest, want)
	}

	// ... and in reverse: the new person sorts first, so it comes last
	// below a cursor.
	d, err = s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{After: r.EndCursor, First: 5, Desc: true})
	if want := []string{people[0], "person:aage-aaberg"}; err != nil || !slices.Equal(d.IDs, want) || d.HasNext {
		t.Errorf("List(Person, Desc, after %s) after an insert below it = %+v, %v; want %v", first[1], d, err, want)
	}

	_, err = s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{After: "not a cursor!"})
	wantCode(t, "List with a malformed cursor", err, graph.ErrInvalid)
	_, err = s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{After: "not a cursor!", Desc: true})
	wantCode(t, "List Desc with a malformed cursor", err, graph.ErrInvalid)
}

// checkPagesDesc pages through a kind by 2 in Desc order and checks that
// it visits want (the matching IDs in reverse sort order) exactly, with
// full pages, an EndCursor on every non-empty page and HasNext on every
// page but the last.
func checkPagesDesc(t *testing.T, ctx context.Context, s graph.Store, k graph.Kind, f graph.Filter, want []string) {
	t.Helper()
	var ids []string
	p := graph.Page{First: 2, Desc: true}
	for pages := 1; ; pages++ {
		r, err := s.List(ctx, k, f, p)
		if err != nil {
			t.Fatalf("List(%s, %+v, %+v): %v", k, f, p, err)
		}
		ids = append(ids, r.IDs...)
		if r.HasNext && len(r.IDs) != 2 {
			t.Errorf("List(%s, %+v, First 2, Desc): page %d has %d IDs and a next page", k, f, pages, len(r.IDs))
		}
		if (len(r.IDs) > 0) != (r.EndCursor != "") {
			t.Errorf("List(%s, %+v, Desc): page %d of %d IDs has EndCursor %q", k, f, pages, len(r.IDs), r.EndCursor)
		}
		if !r.HasNext || pages > len(want) {
			break
		}
		p.After = r.EndCursor
	}
	if !slices.Equal(ids, want) && !(len(ids) == 0 && len(want) == 0) {
		t.Errorf("paging %s %+v by 2, Desc, visited %v; want %v", k, f, ids, want)
	}
}

func listAllAfter(ctx context.Context, s graph.Store, k graph.Kind, after string) ([]string, error) {
	var ids []string
	p := graph.Page{First: 1, After: after}
	for i := 0; i < 100; i++ {
		r, err := s.List(ctx, k, graph.Filter{}, p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, r.IDs...)
		if !r.HasNext {
			break
		}
		p.After = r.EndCursor
	}
	return ids, nil
}

func hashAll(t *testing.T, ctx context.Context, s graph.Store) string {
	t.Helper()
	all, err := AllFacts(ctx, s)
	if err != nil {
		t.Fatalf("AllFacts: %v", err)
	}
	return graph.ContentHash(all)
}

func testReload(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	st1, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h1 := hashAll(t, ctx, s)
	if want := graph.ContentHash(newModel(Fixtures()...).allFacts()); h1 != want {
		t.Errorf("content hash %s; the model's is %s", h1, want)
	}
	for i, r := range Load(t, ctx, s, Fixtures()...) {
		if !r.Unchanged || r.Replaced || r.DocumentID != Fixtures()[i].Document.ID {
			t.Errorf("reloading %s = %+v; want Unchanged", Fixtures()[i].Document.ID, r)
		}
	}
	st2, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameStats(t, st2, st1)
	if h2 := hashAll(t, ctx, s); h2 != h1 {
		t.Errorf("content hash changed on reload: %s → %s", h1, h2)
	}
}

func testReplace(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	v2 := Minutes1Corrected()
	r, err := s.ReplaceDocument(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.WriteResult{DocumentID: M1DocID, Replaced: true, Facts: len(FactIDs(v2))}); r != want {
		t.Errorf("ReplaceDocument(corrected) = %+v; want %+v", r, want)
	}
	m := newModel(Reference(), Minutes1Corrected(), Minutes2(), Admin())
	checkModel(t, ctx, s, m)

	got, err := s.Get(ctx, []string{personAnna, personCarl, attCarlM1, itemM1No10, linkMentions, initLaege, personBo, bodyBispPol})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{personCarl, attCarlM1, itemM1No10, linkMentions} {
		if _, ok := got[id]; ok {
			t.Errorf("%s is still there after the only document that had it was corrected", id)
		}
	}
	if p, ok := got[personAnna].(*graph.Person); !ok || !slices.Equal(p.Aliases, []string{"Anna Jensen", "Anna Marie Jensen"}) || len(p.Sources) != 3 || p.Sources[0].SHA256 != v2.Document.SHA256 {
		t.Errorf("Anna after the correction = %+v; want the alias only the old version had gone, and the new version's source", got[personAnna])
	}
	if in, ok := got[initLaege].(*graph.Initiative); !ok || in.AmountDKK == nil || *in.AmountDKK != 1400000 {
		t.Errorf("initiative after the correction = %+v", got[initLaege])
	}
	if b, ok := got[bodyBispPol].(*graph.Body); !ok || len(b.Sources) != 3 {
		t.Errorf("body shared by three documents = %+v", got[bodyBispPol])
	}
	rel, err := s.Related(ctx, graph.RelSubstitutionsFor, []string{personBo})
	if err != nil || len(rel) != 0 {
		t.Errorf("Related(SubstitutionsFor, Bo) = %v, %v; want empty", rel, err)
	}

	// Putting the first version back gives the first state again.
	Load(t, ctx, s, Minutes1())
	if h, want := hashAll(t, ctx, s), graph.ContentHash(newModel(Fixtures()...).allFacts()); h != want {
		t.Errorf("content hash after restoring the first version %s; want %s", h, want)
	}
}

func testDelete(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	ok, err := s.DeleteDocument(ctx, M2DocID)
	if err != nil || !ok {
		t.Fatalf("DeleteDocument(M2) = %v, %v; want true", ok, err)
	}
	ok, err = s.DeleteDocument(ctx, M2DocID)
	if err != nil || ok {
		t.Errorf("deleting M2 again = %v, %v; want false", ok, err)
	}
	checkModelLight(t, ctx, s, newModel(Reference(), Minutes1(), Admin()))

	// Deleting the reference leaves the minutes' facts that point at it.
	if ok, err := s.DeleteDocument(ctx, RefDocID); err != nil || !ok {
		t.Fatalf("DeleteDocument(reference) = %v, %v", ok, err)
	}
	checkModelLight(t, ctx, s, newModel(Minutes1(), Admin()))

	for _, id := range []string{M1DocID, AdminDocID} {
		if ok, err := s.DeleteDocument(ctx, id); err != nil || !ok {
			t.Fatalf("DeleteDocument(%s) = %v, %v", id, ok, err)
		}
	}
	checkModelLight(t, ctx, s, newModel())
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 0 || st.Contributions != 0 {
		t.Errorf("Stats after deleting everything = %+v, %v", st, err)
	}
	// And it loads again.
	Load(t, ctx, s, Fixtures()...)
	checkModelLight(t, ctx, s, newModel(Fixtures()...))
}

func testInvalid(t *testing.T, ctx context.Context, s graph.Store) {
	Load(t, ctx, s, Fixtures()...)
	before := hashAll(t, ctx, s)

	// Filters a kind does not honour.
	fields := reflect.VisibleFields(reflect.TypeFor[graph.Filter]())
	counted := map[graph.Kind]bool{}
	for _, k := range graph.Kinds {
		for _, fld := range fields {
			if fld.Name == "Origin" || slices.Contains(graph.FilterFields[k], fld.Name) {
				continue
			}
			var f graph.Filter
			v := reflect.ValueOf(&f).Elem().FieldByIndex(fld.Index)
			switch v.Kind() {
			case reflect.String:
				v.SetString("x")
			case reflect.Pointer:
				v.Set(reflect.ValueOf(i64(1)))
			}
			_, err := s.List(ctx, k, f, graph.Page{})
			wantCode(t, fmt.Sprintf("List(%s, %s)", k, fld.Name), err, graph.ErrInvalid)
			if !counted[k] {
				_, err = s.Count(ctx, k, f)
				wantCode(t, fmt.Sprintf("Count(%s, %s)", k, fld.Name), err, graph.ErrInvalid)
				counted[k] = true
			}
		}
	}
	_, err := s.List(ctx, graph.Kind("Nonsense"), graph.Filter{}, graph.Page{})
	wantCode(t, "List of an unknown kind", err, graph.ErrInvalid)

	// Malformed facts leave the store as it was, even when they come after
	// valid ones or would replace a loaded document.
	bad := []struct {
		name string
		mod  func(d *graph.DocumentFacts)
	}{
		{"empty document ID", func(d *graph.DocumentFacts) { d.Document.ID = "" }},
		{"document ID without prefix", func(d *graph.DocumentFacts) { d.Document.ID = "bisp-pol-2025-03-10.md" }},
		{"empty person ID", func(d *graph.DocumentFacts) { d.People[1].ID = "" }},
		{"link ID with a person prefix", func(d *graph.DocumentFacts) { d.Links[1].ID = "person:x" }},
		{"attendance ID that is only the prefix", func(d *graph.DocumentFacts) { d.Attendance[2].ID = "attendance:" }},
		{"meeting ID with an item prefix", func(d *graph.DocumentFacts) { d.Meetings[0].ID = "item:bisp-pol-2025-03-10" }},
	}
	for _, b := range bad {
		// Once as a new version of a loaded document, once as a new document.
		replacing := Minutes1()
		replacing.Document.SHA256 = sum("m1 bad")
		for _, d := range []*graph.DocumentFacts{replacing, newDoc()} {
			b.mod(d)
			_, err := s.ReplaceDocument(ctx, d)
			wantCode(t, "ReplaceDocument with "+b.name, err, graph.ErrInvalid)
		}
	}
	_, err = s.ReplaceDocument(ctx, nil)
	wantCode(t, "ReplaceDocument(nil)", err, graph.ErrInvalid)
	if after := hashAll(t, ctx, s); after != before {
		t.Errorf("rejected writes changed the store: content hash %s → %s", before, after)
	}
	checkModelLight(t, ctx, s, newModel(Fixtures()...))
}

// newDoc returns a document not yet loaded with the same shape as Minutes1.
func newDoc() *graph.DocumentFacts {
	d := Minutes1()
	d.Document.ID = "document:new"
	d.Document.SHA256 = sum("new")
	return d
}

func testConcurrent(t *testing.T, ctx context.Context, s graph.Store, caps Capabilities) {
	Load(t, ctx, s, Reference(), Minutes1(), Minutes2())
	// The states a reader may see: M1 in either version, M2 present or not.
	states := [][]*graph.DocumentFacts{
		{Reference(), Minutes1(), Minutes2()},
		{Reference(), Minutes1Corrected(), Minutes2()},
		{Reference(), Minutes1(), Minutes2Changed()},
		{Reference(), Minutes1Corrected(), Minutes2Changed()},
	}
	watched := slices.Sorted(slices.Values(slices.Compact(slices.Sorted(slices.Values(append(append(FactIDs(Minutes1()), FactIDs(Minutes2())...), M1DocID, M2DocID))))))
	hashes := map[string]bool{}
	stats := map[string]bool{}
	versions := map[string]map[string]bool{} // fact ID → hashes of its versions ("" = absent)
	for _, id := range watched {
		versions[id] = map[string]bool{}
	}
	for _, st := range states {
		m := newModel(st...)
		var facts []any
		for _, id := range watched {
			f := m.fact(id)
			if f == nil {
				versions[id][""] = true
				continue
			}
			facts = append(facts, f)
			versions[id][graph.ContentHash([]any{f})] = true
		}
		hashes[graph.ContentHash(facts)] = true
		b, _ := json.Marshal(m.stats())
		stats[string(b)] = true
	}

	const writes = 8
	var done atomic.Bool
	var wg sync.WaitGroup
	var reads atomic.Int64
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				got, err := s.Get(ctx, watched)
				if err != nil {
					t.Errorf("Get during writes: %v", err)
					return
				}
				var facts []any
				for _, id := range watched {
					if f, ok := got[id]; ok {
						if _, isDoc := f.(*graph.Document); !isDoc {
							graph.Normalize(f)
						}
						facts = append(facts, f)
					}
				}
				if !caps.SnapshotReads {
					// Read-committed: each fact must be some version of itself.
					for _, id := range watched {
						h := ""
						if f, ok := got[id]; ok {
							h = graph.ContentHash([]any{f})
						}
						if !versions[id][h] {
							t.Errorf("a reader saw %s in a version no state has: %+v", id, got[id])
							return
						}
					}
					reads.Add(1)
					continue
				}
				if h := graph.ContentHash(facts); !hashes[h] {
					t.Errorf("a reader saw a state that is neither the old nor the new version of a document (%d facts)", len(facts))
					return
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Errorf("Stats during writes: %v", err)
					return
				}
				norm := graph.Stats{Documents: st.Documents, Contributions: st.Contributions, Facts: map[graph.Kind]int{}}
				for _, k := range graph.Kinds {
					norm.Facts[k] = st.Facts[k]
				}
				if b, _ := json.Marshal(norm); !stats[string(b)] {
					t.Errorf("a reader saw Stats %s, which is no state of the documents", b)
					return
				}
				reads.Add(1)
			}
		}()
	}
	for i := 0; i < writes; i++ {
		m1, m2 := Minutes1(), Minutes2()
		if i%2 == 0 {
			m1 = Minutes1Corrected()
		}
		if i%4 < 2 {
			m2 = Minutes2Changed()
		}
		Load(t, ctx, s, m1, m2)
	}
	// Let the readers see the final state at least once.
	for start := reads.Load(); reads.Load() < start+3 && !t.Failed(); {
		time.Sleep(time.Millisecond)
	}
	done.Store(true)
	wg.Wait()
	// Whatever the isolation, once the writes have returned the store holds
	// exactly the last versions.
	m1, m2 := Minutes1(), Minutes2()
	if (writes-1)%2 == 0 {
		m1 = Minutes1Corrected()
	}
	if (writes-1)%4 < 2 {
		m2 = Minutes2Changed()
	}
	checkModel(t, ctx, s, newModel(Reference(), m1, m2))
}

// Minutes2Changed returns Minutes2 with its professional-level meeting,
// item and attendance removed and a new version's SHA256.
func Minutes2Changed() *graph.DocumentFacts {
	f := Minutes2()
	f.Document.SHA256 = sum("m2 v2")
	f.Meetings = f.Meetings[1:]
	f.AgendaItems = nil
	f.Attendance = nil
	f.Initiatives[0].ItemID = ""
	for _, k := range graph.Kinds {
		forEachFact(f, k, func(fact any) {
			s := sourcesField(fact)
			for i := range *s {
				(*s)[i].SHA256 = f.Document.SHA256
			}
		})
	}
	return f
}
