package embedded

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// TestAppendedFactEntry writes random histories of documents (new ones,
// mostly in date order but also out of order and on the same date,
// replaced and deleted ones, reference and (in some histories) administrator
// documents, several
// per transaction) stating a few facts of every kind, so that facts gather
// many contributions, and checks after every transaction that every fact
// is what merging all its contributions with graph.Merge gives
// (newFactEntry), whether the write took appendedFactEntry's path or not.
func TestAppendedFactEntry(t *testing.T) {
	fast, full := 0, 0
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		in := newInterner()
		st := emptyState()
		var live []string // document IDs in the store
		next, day := 0, 0
		for step := range 60 {
			// What the state's facts hold, which no later write may change.
			liveBefore, nextBefore, dayBefore := slices.Clone(live), next, day
			held := map[string][]contrib{}
			st.facts.all(func(id string, e *factEntry) { held[id] = slices.Clone(e.contribs) })
			tx := st.tx()
			for range 1 + r.IntN(3) {
				switch x := r.IntN(20); {
				case x == 0 && len(live) > 0: // delete
					i := r.IntN(len(live))
					tx.put(live[i], nil)
					live = slices.Delete(live, i, i+1)
				case x <= 2 && len(live) > 0: // replace an existing document
					id := live[r.IntN(len(live))]
					d := randomDoc(r, id, randomDay(r, day), seed%4 == 0)
					in.own(d, false)
					tx.put(id, d)
				default: // a new document, usually the latest
					if r.IntN(8) > 0 {
						day += r.IntN(3)
					}
					id := fmt.Sprintf("document:d%04d", next)
					next++
					d := randomDoc(r, id, randomDay(r, day), seed%4 == 0)
					in.own(d, false)
					tx.put(id, d)
					live = append(live, id)
				}
			}
			var touched []string
			for id, cs := range tx.pending {
				prev, _ := tx.facts.get(id)
				if len(cs) > 0 && appendedFactEntry(prev, slices.Clone(cs)) != nil {
					fast++
				} else {
					full++
				}
				touched = append(touched, id)
			}
			base := st
			st = tx.done()
			base.facts.all(func(id string, e *factEntry) {
				if !slices.Equal(e.contribs, held[id]) {
					t.Fatalf("seed %d step %d: the write changed the contributions of %s in the state before it", seed, step, id)
				}
			})
			if r.IntN(8) == 0 {
				// A write whose commit failed: the store keeps the state
				// before it, and the next write starts from there again.
				st, live, next, day = base, liveBefore, nextBefore, dayBefore
				continue
			}
			for _, id := range touched {
				e, ok := st.facts.get(id)
				if !ok {
					continue
				}
				want := newFactEntry(slices.Clone(e.contribs))
				if !reflect.DeepEqual(e.full(), want.full()) || e.shared != want.shared || e.sortKey != want.sortKey ||
					e.search != want.search || !reflect.DeepEqual(e.edges, want.edges) || e.kind != want.kind || e.id != want.id {
					t.Fatalf("seed %d step %d: %s is\n%#v %v %q %q %v\nmerging all %d contributions gives\n%#v %v %q %q %v", seed, step, id,
						e.full(), e.shared, e.sortKey, e.search, e.edges, len(e.contribs), want.full(), want.shared, want.sortKey, want.search, want.edges)
				}
			}
		}
	}
	t.Logf("%d facts merged incrementally, %d in full", fast, full)
	if fast < 1000 || full < 1000 {
		t.Errorf("the histories should take both paths often: %d incremental, %d full", fast, full)
	}
}

func randomDay(r *rand.Rand, day int) string {
	if r.IntN(10) == 0 { // out of order
		day = max(0, day-r.IntN(10))
	}
	return fmt.Sprintf("2025-%02d-%02d", 1+day/28%12, 1+day%28)
}

var (
	randNames  = []string{"", "Anne Hansen", "anne hansen", "ANNE HANSEN", "Anne M. Hansen", "Anne Marie Hansen", "A. Hansen", "Anne Hansén", "Hansen"}
	randWords  = []string{"", "a", "b", "B", "c", "Region Syd", "region syd"}
	randDates  = []string{"", "2024-01-01", "2024-06-01", "2025-01-01", "2025-03-15"}
	randOrigin = []graph.Origin{graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginMinutes, graph.OriginReference, graph.OriginAdmin}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickSome(r *rand.Rand, xs []string) []string {
	var out []string
	for range r.IntN(3) {
		out = append(out, pick(r, xs))
	}
	if out == nil && r.IntN(2) == 0 {
		out = []string{}
	}
	return out
}

// randomDoc returns a document with random facts; only with admin may it
// be an administrator's (which makes the facts it states merge in full
// from then on).
func randomDoc(r *rand.Rand, id, date string, admin bool) *graph.DocumentFacts {
	o := pick(r, randOrigin)
	if o == graph.OriginAdmin && !admin {
		o = graph.OriginMinutes
	}
	d := graph.Document{ID: id, FileName: id[len("document:"):], SHA256: fmt.Sprint(r.Uint64()), Kind: graph.DocMinutes, Origin: o, Date: date}
	f := &graph.DocumentFacts{Document: d}
	src := func() []graph.Source {
		return []graph.Source{{DocumentID: id, FileName: d.FileName, SHA256: d.SHA256, LineStart: 1 + r.IntN(9), Origin: o}}
	}
	amount := func() *int64 {
		if r.IntN(2) == 0 {
			return nil
		}
		a := int64(r.IntN(3))
		return &a
	}
	for range r.IntN(3) {
		f.Regions = append(f.Regions, graph.Region{ID: fmt.Sprintf("region:%d", r.IntN(2)), Name: pick(r, randWords), Sources: src()})
	}
	for range r.IntN(3) {
		f.Clusters = append(f.Clusters, graph.Cluster{ID: fmt.Sprintf("cluster:%d", r.IntN(3)), Name: pick(r, randWords), Variants: pickSome(r, randWords),
			RegionID: fmt.Sprintf("region:%d", r.IntN(2)), MunicipalityIDs: pickSome(r, []string{"municipality:1", "municipality:2"}), Uncertain: r.IntN(3) == 0, Sources: src()})
	}
	for range r.IntN(4) {
		f.Organisations = append(f.Organisations, graph.Organisation{ID: fmt.Sprintf("org:%d", r.IntN(3)), Name: pick(r, randWords), Kind: pick(r, []string{"", graph.OrgMunicipality, graph.OrgRegion}),
			Aliases: pickSome(r, randWords), RegionID: pick(r, []string{"", "region:0", "region:1"}), Sources: src()})
	}
	for range r.IntN(6) {
		f.People = append(f.People, graph.Person{ID: fmt.Sprintf("person:%d", r.IntN(4)), Name: pick(r, randNames), Aliases: pickSome(r, randNames),
			Party: pick(r, []string{"", "A", "V"}), Titles: pickSome(r, randWords), OrganisationID: pick(r, []string{"", "org:0", "org:1"}), Sources: src()})
	}
	for range r.IntN(3) {
		f.Bodies = append(f.Bodies, graph.Body{ID: fmt.Sprintf("body:%d", r.IntN(3)), Name: pick(r, randWords), Kind: pick(r, []string{"", graph.BodyPolitical}),
			Aliases: pickSome(r, randWords), ClusterID: pick(r, []string{"", "cluster:0", "cluster:1"}), Sources: src()})
	}
	for range r.IntN(3) {
		f.Meetings = append(f.Meetings, graph.Meeting{ID: fmt.Sprintf("meeting:%d", r.IntN(3)), BodyID: fmt.Sprintf("body:%d", r.IntN(3)), Date: pick(r, randDates),
			Location: pick(r, randWords), Planned: r.IntN(4) > 0, Sources: src()})
	}
	for range r.IntN(3) {
		f.AgendaItems = append(f.AgendaItems, graph.AgendaItem{ID: fmt.Sprintf("item:%d", r.IntN(3)), MeetingID: fmt.Sprintf("meeting:%d", r.IntN(3)), Number: r.IntN(3),
			Title: pick(r, randWords), Sources: src()})
	}
	for range r.IntN(3) {
		f.Initiatives = append(f.Initiatives, graph.Initiative{ID: fmt.Sprintf("initiative:%d", r.IntN(3)), Name: pick(r, randWords), Aliases: pickSome(r, randWords),
			AmountDKK: amount(), PeriodStart: pick(r, randDates), OrganisationIDs: pickSome(r, []string{"org:0", "org:1", "org:2"}), Sources: src()})
	}
	for range r.IntN(5) {
		f.Memberships = append(f.Memberships, graph.Membership{ID: fmt.Sprintf("membership:%d", r.IntN(4)), PersonID: fmt.Sprintf("person:%d", r.IntN(4)),
			BodyID: fmt.Sprintf("body:%d", r.IntN(3)), Role: pick(r, []string{"", "member", "chair"}), StartDate: pick(r, randDates), EndDate: pick(r, randDates),
			FirstSeen: pick(r, randDates), LastSeen: pick(r, randDates), Sources: src()})
	}
	for range r.IntN(3) {
		f.Attendance = append(f.Attendance, graph.Attendance{ID: fmt.Sprintf("attendance:%d", r.IntN(3)), PersonID: fmt.Sprintf("person:%d", r.IntN(4)),
			MeetingID: fmt.Sprintf("meeting:%d", r.IntN(3)), Status: pick(r, []string{"", "present", "absent"}), Sources: src()})
	}
	for range r.IntN(3) {
		var props map[string]string
		if r.IntN(2) == 0 {
			props = map[string]string{pick(r, []string{"k", "l"}): pick(r, randWords)}
		}
		f.Links = append(f.Links, graph.Link{ID: fmt.Sprintf("link:%d", r.IntN(3)), Type: graph.LinkMentions, FromID: fmt.Sprintf("item:%d", r.IntN(3)),
			ToID: fmt.Sprintf("org:%d", r.IntN(3)), Props: props, Sources: src()})
	}
	return f
}
