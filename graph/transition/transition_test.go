package transition

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

var (
	ref     = []graph.Origin{graph.OriginReference}
	both    = []graph.Origin{graph.OriginMinutes, graph.OriginReference}
	minutes = []graph.Origin{graph.OriginMinutes}
)

func TestOverlap(t *testing.T) {
	m, err := Overlap(context.Background(), fixtureStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var rows, cols []string
	for _, c := range m.Clusters {
		rows = append(rows, c.ID)
	}
	for _, c := range m.Councils {
		cols = append(cols, c.ID)
	}
	if !slices.Equal(rows, []string{"cluster:L", "cluster:N", "cluster:S"}) || !slices.Equal(cols, []string{"council:F", "council:LB", "council:N", "council:SV"}) {
		t.Fatalf("rows %v cols %v", rows, cols)
	}
	want := [][]int{{1, 2, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 2}}
	if !reflect.DeepEqual(m.Counts, want) {
		t.Errorf("counts = %v, want %v", m.Counts, want)
	}
	l, s := m.Clusters[0], m.Clusters[2]
	if !l.Splits || l.Municipalities != 4 || !slices.Equal(l.CouncilIDs, []string{"council:F", "council:LB", "council:SV"}) {
		t.Errorf("L = %+v", l)
	}
	if s.Splits || !s.Uncertain || s.Municipalities != 2 {
		t.Errorf("S = %+v (uncertain, not split)", s)
	}
	if sv := m.Councils[3]; sv.Municipalities != 2 || !slices.Equal(sv.ClusterIDs, []string{"cluster:L", "cluster:S"}) {
		t.Errorf("SV = %+v", sv)
	}
	var vejen *Cell
	for i := range m.Cells {
		if m.Cells[i].ClusterID == "cluster:L" && m.Cells[i].CouncilID == "council:SV" {
			vejen = &m.Cells[i]
		}
	}
	if vejen == nil || vejen.Count != 1 || vejen.Municipalities[0].Name != "Vejen" || !slices.Equal(vejen.Origins, both) {
		t.Errorf("L×SV cell = %+v, want Vejen from reference and minutes", vejen)
	}
	if len(m.Cells) != 5 {
		t.Errorf("%d cells, want 5", len(m.Cells))
	}
}

func TestSuccessors(t *testing.T) {
	s := fixtureStore(t)
	got, err := Successors(context.Background(), s, "cluster:L")
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for _, sc := range got {
		pairs = append(pairs, sc.Municipality.Code+"→"+sc.CouncilID)
	}
	if !slices.Equal(pairs, []string{"410→council:F", "530→council:LB", "575→council:SV", "607→council:LB"}) {
		t.Errorf("successors = %v", pairs)
	}
	if got[2].CouncilName != "Sundhedsråd SV" || !slices.Equal(got[2].Origins, both) || got[0].Uncertain {
		t.Errorf("Vejen successor = %+v", got[2])
	}
	gs, err := Successors(context.Background(), s, "cluster:S")
	if err != nil || len(gs) != 2 || !gs[0].Uncertain {
		t.Errorf("S successors = %+v, %v (cluster S is uncertain)", gs, err)
	}
	if _, err := Successors(context.Background(), s, "cluster:NOPE"); graph.ErrorCode(err) != graph.ErrNotFound {
		t.Errorf("unknown cluster: %v", err)
	}
	if _, err := Successors(context.Background(), s, "council:SV"); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("council ID: %v", err)
	}
}

func plan(t *testing.T, s graph.Store, id, cutover string) *Plan {
	t.Helper()
	p, err := ForCouncil(context.Background(), s, id, cutover)
	if err != nil {
		t.Fatalf("ForCouncil(%s): %v", id, err)
	}
	return p
}

func initiative(p *Plan, id string) *PlanInitiative {
	for i := range p.Initiatives {
		if p.Initiatives[i].ID == id {
			return &p.Initiatives[i]
		}
	}
	return nil
}

func TestForCouncil(t *testing.T) {
	s := fixtureStore(t)
	p := plan(t, s, "council:SV", "")
	if p.Cutover != DefaultCutover || p.Council.Name != "Sundhedsråd SV" || !slices.Equal(p.Council.Origins, ref) {
		t.Errorf("council = %+v, cutover %s", p.Council, p.Cutover)
	}
	// Municipalities and predecessors.
	if len(p.Municipalities) != 2 || p.Municipalities[0].Code != "561" || !slices.Equal(p.Municipalities[1].ClusterIDs, []string{"cluster:L", "cluster:S"}) {
		t.Errorf("municipalities = %+v", p.Municipalities)
	}
	if len(p.Predecessors) != 2 {
		t.Fatalf("predecessors = %+v", p.Predecessors)
	}
	l, sw := p.Predecessors[0], p.Predecessors[1]
	if l.ID != "cluster:L" || l.SharedMunicipalities != 1 || l.Municipalities != 4 || !l.Splits || !slices.Equal(l.OtherCouncilIDs, []string{"council:F", "council:LB"}) || l.Shared[0].Name != "Vejen" {
		t.Errorf("L = %+v", l)
	}
	if sw.ID != "cluster:S" || sw.SharedMunicipalities != 2 || sw.Splits || !sw.Uncertain {
		t.Errorf("S = %+v", sw)
	}
	// Bodies (with the sub-body of L) and people.
	var bodies []string
	for _, b := range p.Bodies {
		bodies = append(bodies, b.ID)
	}
	if !slices.Equal(bodies, []string{"body:L:pol", "body:L:sg", "body:S:fs"}) {
		t.Errorf("bodies = %v", bodies)
	}
	if sg := p.Bodies[1]; sg.ClusterID != "cluster:L" || len(sg.Members) != 1 || sg.Members[0].Name != "Bo Bo" || !slices.Equal(sg.Members[0].Origins, minutes) {
		t.Errorf("sub-body = %+v", sg)
	}
	if m := p.Bodies[0].Members[0]; m.OnBehalfOf != "Vejen Kommune" {
		t.Errorf("L:pol member = %+v", m)
	}
	if !slices.Equal(p.InSeveralClusters, []string{"person:kurt"}) || len(p.People) != 3 {
		t.Errorf("several = %v, people = %+v", p.InSeveralClusters, p.People)
	}
	// Initiatives.
	var ids []string
	for _, in := range p.Initiatives {
		ids = append(ids, in.ID)
	}
	if !slices.Equal(ids, []string{"initiative:i5", "initiative:i1", "initiative:i3", "initiative:i6", "initiative:i8", "initiative:i2"}) {
		t.Errorf("initiatives = %v (i4 ended, i7 is elsewhere)", ids)
	}
	i1 := initiative(p, "initiative:i1")
	if i1.Status != StatusEndsAtCutover || !i1.EndsAtCutover || *i1.AmountDKK != 300000 || i1.OwnerName != "Styregruppe L" || !i1.OwnerEndsWithCluster || i1.Orphaned || i1.OwnerClusterID != "cluster:L" {
		t.Errorf("i1 = %+v", i1)
	}
	if len(i1.LeadPeople) != 1 || i1.LeadPeople[0].Name != "Bo Bo" || i1.Organisations[0].Name != "Vejen Kommune" {
		t.Errorf("i1 people/orgs = %+v %+v", i1.LeadPeople, i1.Organisations)
	}
	if i2 := initiative(p, "initiative:i2"); !i2.Orphaned || i2.OrphanReason != OrphanOwnerIsClusterBody || !i2.OpenEnded || i2.Status != StatusRunning {
		t.Errorf("i2 = %+v", i2)
	}
	if i3 := initiative(p, "initiative:i3"); i3.Orphaned || i3.Status != StatusRunning || i3.OwnerKind != string(graph.KindOrganisation) {
		t.Errorf("i3 = %+v", i3)
	}
	if i5 := initiative(p, "initiative:i5"); i5.OrphanReason != OrphanOwnerIsCluster {
		t.Errorf("i5 = %+v", i5)
	}
	if i6 := initiative(p, "initiative:i6"); i6.OrphanReason != OrphanNoOwner {
		t.Errorf("i6 = %+v", i6)
	}
	if i8 := initiative(p, "initiative:i8"); i8.ClusterID != "cluster:S" || i8.Orphaned || i8.OwnerName != "Region Syddanmark" {
		t.Errorf("i8 = %+v (cluster through its body; owner a name only)", i8)
	}
	if !slices.Equal(p.Orphaned, []string{"initiative:i2", "initiative:i5", "initiative:i6"}) {
		t.Errorf("orphaned = %v", p.Orphaned)
	}
	// Money.
	mo := p.Money
	if mo.TotalDKK != 652000 || mo.RunningDKK != 352000 || mo.EndingAtCutoverDKK != 300000 || mo.ClusterOwnedDKK != 650000 || mo.ProRataDKK != 352000 || mo.WithAmount != 4 || mo.WithoutAmount != 2 {
		t.Errorf("money = %+v", mo)
	}
	if pc := mo.PerCluster[0]; pc.ClusterID != "cluster:L" || pc.Share != 0.25 || pc.ProRataDKK != 100000 || pc.Initiatives != 2 {
		t.Errorf("L money = %+v", pc)
	}
	// Council members.
	if len(p.CouncilMembers) != 3 {
		t.Fatalf("council members = %+v", p.CouncilMembers)
	}
	lone, kurt, xenia := p.CouncilMembers[0], p.CouncilMembers[1], p.CouncilMembers[2]
	if lone.Role != graph.RoleChair || !lone.InPredecessors || lone.MatchedBy != "name" || !slices.Equal(lone.PredecessorClusterIDs, []string{"cluster:S"}) {
		t.Errorf("Lone = %+v", lone)
	}
	if !kurt.InPredecessors || kurt.MatchedBy != "id" || !slices.Equal(kurt.PredecessorClusterIDs, []string{"cluster:L", "cluster:S"}) || !slices.Equal(kurt.Origins, ref) {
		t.Errorf("Kurt = %+v", kurt)
	}
	if xenia.InPredecessors || !xenia.Uncertain {
		t.Errorf("Xenia = %+v", xenia)
	}
	for _, pp := range p.People {
		if want := pp.ID == "person:kurt" || pp.ID == "person:lone-hansen"; pp.CouncilMember != want {
			t.Errorf("%s councilMember = %v", pp.ID, pp.CouncilMember)
		}
	}
}

func TestForCouncilCutover(t *testing.T) {
	s := fixtureStore(t)
	p := plan(t, s, "council:SV", "2026-01-01")
	if i4 := initiative(p, "initiative:i4"); i4 == nil || i4.Status != StatusEndsAtCutover {
		t.Errorf("with cut-over 2026-01-01, i4 (ends 2025-12-31) ends at the cut-over: %+v", i4)
	}
	if i1 := initiative(p, "initiative:i1"); i1 == nil || i1.Status != StatusRunning || i1.Orphaned != true {
		t.Errorf("i1 runs past 2026-01-01 and its owner ends: %+v", i1)
	}
	n := plan(t, s, "council:N", "")
	if len(n.Predecessors) != 1 || len(n.Initiatives) != 1 || n.Money.TotalDKK != 5 || len(n.CouncilMembers) != 0 {
		t.Errorf("council N = %+v", n)
	}
	f := plan(t, s, "council:F", "")
	if len(f.Predecessors) != 1 || f.Predecessors[0].SharedMunicipalities != 1 || f.Money.ProRataDKK != 100000 {
		t.Errorf("council F = %+v", f.Money)
	}
	for _, tc := range []struct{ id, cut, code string }{
		{"cluster:L", "", graph.ErrInvalid},
		{"council:NOPE", "", graph.ErrNotFound},
		{"council:SV", "2027-13-01", graph.ErrInvalid},
	} {
		if _, err := ForCouncil(context.Background(), s, tc.id, tc.cut); graph.ErrorCode(err) != tc.code {
			t.Errorf("ForCouncil(%s, %q) = %v, want %s", tc.id, tc.cut, err, tc.code)
		}
	}
}
