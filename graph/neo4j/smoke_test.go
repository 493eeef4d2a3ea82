package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func smokeSources(d graph.Document, line int, quote string) []graph.Source {
	return []graph.Source{{DocumentID: d.ID, FileName: d.FileName, SHA256: d.SHA256, LineStart: line, LineEnd: line, Quote: quote, Origin: d.Origin}}
}

// smokeReference is a tiny reference skeleton: one region, one cluster,
// two municipalities.
func smokeReference() *graph.DocumentFacts {
	d := graph.Document{ID: "document:smoke-reference", FileName: "smoke-reference", SHA256: "ref-1",
		Kind: graph.DocReference, Origin: graph.OriginReference, Lines: 4}
	return &graph.DocumentFacts{
		Document: d,
		Regions:  []graph.Region{{ID: "region:1083", Code: "1083", Name: "Region Syddanmark", Sources: smokeSources(d, 1, "1083")}},
		Municipalities: []graph.Municipality{
			{ID: "municipality:461", Code: "461", Name: "Odense", RegionID: "region:1083", ClusterIDs: []string{"cluster:fyn"}, Sources: smokeSources(d, 2, "461 Odense")},
			{ID: "municipality:479", Code: "479", Name: "Svendborg", RegionID: "region:1083", ClusterIDs: []string{"cluster:fyn"}, Sources: smokeSources(d, 3, "479 Svendborg")},
		},
		Clusters: []graph.Cluster{{ID: "cluster:fyn", Code: "FYN", Name: "Sundhedsklynge Fyn", RegionID: "region:1083",
			MunicipalityIDs: []string{"municipality:461", "municipality:479", "municipality:999"}, Sources: smokeSources(d, 4, "Fyn")}},
	}
}

// smokeMinutes is one short minutes document.
func smokeMinutes(version string) *graph.DocumentFacts {
	d := graph.Document{ID: "document:smoke-minutes.txt", FileName: "smoke-minutes.txt", SHA256: "minutes-" + version,
		Kind: graph.DocMinutes, Origin: graph.OriginMinutes, Date: "2025-02-28", Title: "Referat", Lines: 40}
	amount := int64(1_350_000)
	return &graph.DocumentFacts{
		Document: d,
		People: []graph.Person{
			{ID: "person:søren-ærø", Name: "Søren Ærø", Titles: []string{"borgmester"}, Sources: smokeSources(d, 3, "Søren Ærø (formand)")},
			{ID: "person:bo-bach", Name: "Bo Bach", Sources: smokeSources(d, 4, "Bo Bach")},
		},
		Bodies: []graph.Body{{ID: "body:fyn-pol", Name: "Politisk niveau, Fyn", Kind: graph.BodyPolitical, Level: graph.LevelPolitical, ClusterID: "cluster:fyn", Sources: smokeSources(d, 1, "Politisk niveau")}},
		Meetings: []graph.Meeting{{ID: "meeting:fyn-pol-2025-02-28", BodyID: "body:fyn-pol", ClusterID: "cluster:fyn", Level: graph.LevelPolitical,
			Date: "2025-02-28", Location: "Odense Rådhus, " + version, Sources: smokeSources(d, 2, "28. februar 2025")}},
		AgendaItems: []graph.AgendaItem{{ID: "item:fyn-pol-2025-02-28-1", MeetingID: "meeting:fyn-pol-2025-02-28", Number: 1,
			Title: "Lægedækning på Sydfyn", DecisionText: "Godkendt.", Outcome: graph.OutcomeApproved, Sources: smokeSources(d, 10, "1. Lægedækning")}},
		Initiatives: []graph.Initiative{{ID: "initiative:laeger-sydfyn", Name: "Læger på Sydfyn", AmountDKK: &amount, PeriodStart: "2025-01-01",
			PeriodEnd: "2026-12-31", ClusterID: "cluster:fyn", ItemID: "item:fyn-pol-2025-02-28-1", Sources: smokeSources(d, 12, "1.350.000 kr.")}},
		Memberships: []graph.Membership{{ID: "membership:soeren-fyn-pol-chair", PersonID: "person:søren-ærø", BodyID: "body:fyn-pol",
			Role: graph.RoleChair, FirstSeen: "2025-02-28", LastSeen: "2025-02-28", Sources: smokeSources(d, 3, "formand")}},
		Attendance: []graph.Attendance{
			{ID: "attendance:fyn-pol-2025-02-28-soeren", PersonID: "person:søren-ærø", MeetingID: "meeting:fyn-pol-2025-02-28", Status: graph.StatusPresent, Sources: smokeSources(d, 3, "Søren Ærø")},
			{ID: "attendance:fyn-pol-2025-02-28-bo", PersonID: "person:bo-bach", MeetingID: "meeting:fyn-pol-2025-02-28", Status: graph.StatusSubstitute, SubstituteForID: "person:søren-ærø", Sources: smokeSources(d, 4, "Bo Bach")},
		},
	}
}

func factsOf(d *graph.DocumentFacts) map[string]any {
	out := map[string]any{}
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) {
			b, _ := json.Marshal(f)
			c := newFact(k)
			_ = json.Unmarshal(b, c)
			graph.Normalize(c)
			out[graph.IDOf(c)] = c
		})
	}
	return out
}

// TestSmoke connects, applies the schema twice, writes one small document
// and reads its facts back through every read method; then reloads,
// replaces and deletes it.
func TestSmoke(t *testing.T) {
	s := openTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("EnsureSchema again: %v", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}

	ref, min := smokeReference(), smokeMinutes("v1")
	for _, d := range []*graph.DocumentFacts{ref, min} {
		res, err := s.ReplaceDocument(ctx, d)
		if err != nil {
			t.Fatalf("ReplaceDocument(%s): %v", d.Document.ID, err)
		}
		if want := len(factsOf(d)); res.Facts != want || res.Unchanged || res.Replaced {
			t.Errorf("ReplaceDocument(%s) = %+v, want %d new facts", d.Document.ID, res, want)
		}
	}

	// Get: every fact as written (one contribution each), and the documents.
	want := factsOf(ref)
	for id, f := range factsOf(min) {
		want[id] = f
	}
	ids := append(slices.Sorted(mapsKeys(want)), "person:nobody", "nonsense", ref.Document.ID)
	got, err := s.Get(ctx, ids)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	for id, w := range want {
		if !reflect.DeepEqual(got[id], w) {
			t.Errorf("Get(%s) =\n %#v\nwant\n %#v", id, got[id], w)
		}
	}
	if _, ok := got["person:nobody"]; ok {
		t.Error("Get returned a missing ID")
	}
	if d, ok := got[ref.Document.ID].(*graph.Document); !ok || d.SHA256 != "ref-1" || d.LoadedAt.IsZero() {
		t.Errorf("Get(document) = %#v", got[ref.Document.ID])
	}

	// List and Count, with filters, in sort order, across pages.
	page, err := s.List(ctx, graph.KindMunicipality, graph.Filter{}, graph.Page{First: 1})
	if err != nil || !slices.Equal(page.IDs, []string{"municipality:461"}) || !page.HasNext {
		t.Fatalf("List(Municipality, first 1) = %+v, %v", page, err)
	}
	page, err = s.List(ctx, graph.KindMunicipality, graph.Filter{}, graph.Page{First: 1, After: page.EndCursor})
	if err != nil || !slices.Equal(page.IDs, []string{"municipality:479"}) || page.HasNext {
		t.Fatalf("List(Municipality, page 2) = %+v, %v", page, err)
	}
	amin := int64(1_000_000)
	for _, c := range []struct {
		kind graph.Kind
		f    graph.Filter
		want []string
	}{
		{graph.KindPerson, graph.Filter{}, []string{"person:bo-bach", "person:søren-ærø"}},
		{graph.KindPerson, graph.Filter{NameContains: "soeren AERØ"}, []string{"person:søren-ærø"}},
		{graph.KindMeeting, graph.Filter{RegionID: "region:1083", DateFrom: "2025-01-01"}, []string{"meeting:fyn-pol-2025-02-28"}},
		{graph.KindMeeting, graph.Filter{DateTo: "2025-01-01"}, []string{}},
		{graph.KindInitiative, graph.Filter{AmountMin: &amin, RunningOn: "2026-06-30"}, []string{"initiative:laeger-sydfyn"}},
		{graph.KindMunicipality, graph.Filter{ClusterID: "cluster:fyn", Origin: graph.OriginReference}, []string{"municipality:461", "municipality:479"}},
		{graph.KindBody, graph.Filter{Origin: graph.OriginReference}, []string{}},
	} {
		page, err := s.List(ctx, c.kind, c.f, graph.Page{})
		if err != nil || !slices.Equal(page.IDs, c.want) {
			t.Errorf("List(%s, %+v) = %v, %v; want %v", c.kind, c.f, page.IDs, err, c.want)
		}
		n, err := s.Count(ctx, c.kind, c.f)
		if err != nil || n != len(c.want) {
			t.Errorf("Count(%s, %+v) = %d, %v; want %d", c.kind, c.f, n, err, len(c.want))
		}
	}
	if _, err := s.List(ctx, graph.KindPerson, graph.Filter{Level: "political"}, graph.Page{}); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("List with a filter the kind does not honour: %v, want ErrInvalid", err)
	}

	// Related follows the relationships; dangling ends are not returned.
	for _, c := range []struct {
		rel  graph.Relation
		from string
		want []string
	}{
		{graph.RelMembershipsOfPerson, "person:søren-ærø", []string{"membership:soeren-fyn-pol-chair"}},
		{graph.RelMembershipsOfBody, "body:fyn-pol", []string{"membership:soeren-fyn-pol-chair"}},
		{graph.RelSubstitutionsFor, "person:søren-ærø", []string{"attendance:fyn-pol-2025-02-28-bo"}},
		{graph.RelMunicipalitiesOfCluster, "cluster:fyn", []string{"municipality:461", "municipality:479"}},
		{graph.RelMeetingsOfCluster, "cluster:fyn", []string{"meeting:fyn-pol-2025-02-28"}},
		{graph.RelMeetingsOfDocument, min.Document.ID, []string{"meeting:fyn-pol-2025-02-28"}},
		{graph.RelInitiativesOfItem, "item:fyn-pol-2025-02-28-1", []string{"initiative:laeger-sydfyn"}},
		{graph.RelFactsOfDocument, ref.Document.ID, []string{"region:1083", "municipality:461", "municipality:479", "cluster:fyn"}},
	} {
		rel, err := s.Related(ctx, c.rel, []string{c.from, "person:nobody"})
		if err != nil || !slices.Equal(rel[c.from], c.want) || len(rel) != 1 {
			t.Errorf("Related(%s, %s) = %v, %v; want %v", c.rel, c.from, rel, err, c.want)
		}
	}

	hits, err := s.Search(ctx, "ærø", nil, 10)
	if err != nil || len(hits) != 1 || hits[0].ID != "person:søren-ærø" || hits[0].Kind != graph.KindPerson {
		t.Errorf("Search(ærø) = %+v, %v", hits, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 2 || st.Facts[graph.KindAttendance] != 2 || st.Facts[graph.KindLink] != 0 || st.Contributions != len(want) {
		t.Errorf("Stats = %+v, %v", st, err)
	}

	// The same content again writes nothing; a new version replaces.
	if res, err := s.ReplaceDocument(ctx, smokeMinutes("v1")); err != nil || !res.Unchanged {
		t.Errorf("reload = %+v, %v; want Unchanged", res, err)
	}
	v2 := smokeMinutes("v2")
	v2.People = v2.People[:1]
	v2.Attendance = v2.Attendance[:1]
	if res, err := s.ReplaceDocument(ctx, v2); err != nil || !res.Replaced || res.Unchanged {
		t.Errorf("replace = %+v, %v; want Replaced", res, err)
	}
	got, err = s.Get(ctx, []string{"person:bo-bach", "meeting:fyn-pol-2025-02-28"})
	if err != nil || got["person:bo-bach"] != nil || got["meeting:fyn-pol-2025-02-28"].(*graph.Meeting).Location != "Odense Rådhus, v2" {
		t.Errorf("after replace: %v, %v", got, err)
	}
	if rel, err := s.Related(ctx, graph.RelSubstitutionsFor, []string{"person:søren-ærø"}); err != nil || len(rel) != 0 {
		t.Errorf("Related(SubstitutionsFor) after replace = %v, %v; want none", rel, err)
	}

	// Deleting the reference document and loading it again keeps the
	// minutes' relationships to its cluster.
	if ok, err := s.DeleteDocument(ctx, ref.Document.ID); err != nil || !ok {
		t.Fatalf("DeleteDocument = %v, %v", ok, err)
	}
	if rel, err := s.Related(ctx, graph.RelMeetingsOfCluster, []string{"cluster:fyn"}); err != nil || len(rel["cluster:fyn"]) != 1 {
		t.Errorf("Related(MeetingsOfCluster) of a deleted cluster = %v, %v; the from side need not exist", rel, err)
	}
	if n, err := s.Count(ctx, graph.KindCluster, graph.Filter{}); err != nil || n != 0 {
		t.Errorf("Count(Cluster) after delete = %d, %v", n, err)
	}
	if _, err := s.ReplaceDocument(ctx, smokeReference()); err != nil {
		t.Fatal(err)
	}
	if rel, err := s.Related(ctx, graph.RelBodiesOfCluster, []string{"cluster:fyn"}); err != nil || !slices.Equal(rel["cluster:fyn"], []string{"body:fyn-pol"}) {
		t.Errorf("Related(BodiesOfCluster) after reloading the reference = %v, %v", rel, err)
	}
	if ok, err := s.DeleteDocument(ctx, "document:never-loaded"); err != nil || ok {
		t.Errorf("DeleteDocument(never loaded) = %v, %v", ok, err)
	}
	for _, id := range []string{v2.Document.ID, ref.Document.ID} {
		if _, err := s.DeleteDocument(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	st, err = s.Stats(ctx)
	if err != nil || st.Documents != 0 || st.Contributions != 0 || st.Facts[graph.KindPerson] != 0 {
		t.Errorf("Stats after deleting everything = %+v, %v", st, err)
	}
	var nodes []record
	if nodes, err = s.read(ctx, stmtWipeCheck, nil); err != nil || len(nodes) != 0 {
		t.Errorf("nodes left after deleting every document: %v, %v", nodes, err)
	}
}

// TestUnavailable checks that an unreachable server is ErrUnavailable, fast.
func TestUnavailable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := Open(ctx, Config{URI: "bolt://127.0.0.1:1", User: "x", Password: "y"})
	if graph.ErrorCode(err) != graph.ErrUnavailable {
		t.Fatalf("Open(unreachable) = %v, want ErrUnavailable", err)
	}
	var ge *graph.Error
	if !errors.As(err, &ge) {
		t.Fatalf("not a *graph.Error: %v", err)
	}
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
