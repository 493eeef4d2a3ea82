package transition

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// bodyIndex holds bodies and the cluster each belongs to (its own ClusterID
// or its nearest ancestor's).
type bodyIndex struct {
	bodies  map[string]*graph.Body
	cluster map[string]string
	ids     []string // the bodies of the predecessor clusters, sorted
}

// resolve loads bodies and their ancestors into the index.
func (bi *bodyIndex) resolve(ctx context.Context, s graph.Store, ids []string) error {
	want := slices.DeleteFunc(graph.Uniq(ids), func(id string) bool { return bi.bodies[id] != nil || graph.KindOf(id) != graph.KindBody })
	for len(want) > 0 {
		m, err := graph.GetAll(ctx, s, want)
		if err != nil {
			return err
		}
		want = nil
		for id, f := range m {
			if b, ok := f.(*graph.Body); ok {
				bi.bodies[id] = b
				if b.ParentID != "" && bi.bodies[b.ParentID] == nil && graph.KindOf(b.ParentID) == graph.KindBody {
					want = append(want, b.ParentID)
				}
			}
		}
		want = slices.DeleteFunc(graph.Uniq(want), func(id string) bool { return bi.bodies[id] != nil })
	}
	for id := range bi.bodies {
		if _, done := bi.cluster[id]; done {
			continue
		}
		c := ""
		for b, hops := bi.bodies[id], 0; b != nil && hops < 32; b, hops = bi.bodies[b.ParentID], hops+1 {
			if b.ClusterID != "" {
				c = b.ClusterID
				break
			}
		}
		bi.cluster[id] = c
	}
	return nil
}

// loadClusterBodies returns the bodies of the clusters and all their
// sub-bodies.
func loadClusterBodies(ctx context.Context, s graph.Store, clusters []string) (*bodyIndex, error) {
	bi := &bodyIndex{bodies: map[string]*graph.Body{}, cluster: map[string]string{}}
	rel, err := graph.RelatedAll(ctx, s, graph.RelBodiesOfCluster, clusters)
	if err != nil {
		return nil, err
	}
	all := graph.Flatten(rel)
	seen := map[string]bool{}
	for _, id := range all {
		seen[id] = true
	}
	frontier := all
	for len(frontier) > 0 {
		kids, err := graph.RelatedAll(ctx, s, graph.RelChildBodies, frontier)
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, k := range graph.Flatten(kids) {
			if !seen[k] {
				seen[k] = true
				frontier = append(frontier, k)
				all = append(all, k)
			}
		}
	}
	if err := bi.resolve(ctx, s, all); err != nil {
		return nil, err
	}
	bi.ids = graph.Uniq(all)
	return bi, nil
}

func (pl *Plan) addBodiesAndPeople(ctx context.Context, s graph.Store, bi *bodyIndex) error {
	rel, err := graph.RelatedAll(ctx, s, graph.RelMembershipsOfBody, bi.ids)
	if err != nil {
		return err
	}
	ms, err := graph.GetAll(ctx, s, graph.Flatten(rel))
	if err != nil {
		return err
	}
	var refs []string
	for _, f := range ms {
		if m, ok := f.(*graph.Membership); ok {
			refs = append(refs, m.PersonID, m.OnBehalfOfID)
		}
	}
	names, err := graph.GetAll(ctx, s, refs)
	if err != nil {
		return err
	}
	people := map[string]*PlanPerson{}
	for _, bid := range bi.ids {
		b := bi.bodies[bid]
		if b == nil {
			continue
		}
		pb := PlanBody{ID: b.ID, Name: b.Name, Kind: b.Kind, Level: b.Level, ClusterID: bi.cluster[bid], ParentID: b.ParentID, Members: []PlanMember{}, Provenance: provenanceOf(b)}
		for _, mid := range rel[bid] {
			m, ok := ms[mid].(*graph.Membership)
			if !ok {
				continue
			}
			pm := PlanMember{
				MembershipID: m.ID, PersonID: m.PersonID, Name: nameOf(names[m.PersonID], m.PersonID), Role: m.Role,
				OnBehalfOfID: m.OnBehalfOfID, Title: m.Title, StartDate: m.StartDate, EndDate: m.EndDate,
				FirstSeen: m.FirstSeen, LastSeen: m.LastSeen, Provenance: provenanceOf(m),
			}
			if m.OnBehalfOfID != "" {
				pm.OnBehalfOf = nameOf(names[m.OnBehalfOfID], m.OnBehalfOfID)
			}
			pb.Members = append(pb.Members, pm)
			pp := people[m.PersonID]
			if pp == nil {
				pp = &PlanPerson{ID: m.PersonID, Name: pm.Name, ClusterIDs: []string{}, BodyIDs: []string{}, Provenance: provenanceOf(names[m.PersonID])}
				people[m.PersonID] = pp
			}
			pp.BodyIDs = append(pp.BodyIDs, bid)
			if c := bi.cluster[bid]; c != "" {
				pp.ClusterIDs = append(pp.ClusterIDs, c)
			}
			pp.Origins = uniqOrigins(append(pp.Origins, pm.Origins...))
			pp.Uncertain = pp.Uncertain || pm.Uncertain
		}
		slices.SortFunc(pb.Members, func(a, b PlanMember) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Role, b.Role), cmp.Compare(a.MembershipID, b.MembershipID))
		})
		pl.Bodies = append(pl.Bodies, pb)
	}
	slices.SortFunc(pl.Bodies, func(a, b PlanBody) int {
		return cmp.Or(cmp.Compare(a.ClusterID, b.ClusterID), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, pp := range people {
		pp.BodyIDs = graph.Uniq(pp.BodyIDs)
		pp.ClusterIDs = graph.Uniq(pp.ClusterIDs)
		pp.SeveralClusters = len(pp.ClusterIDs) > 1
		pl.People = append(pl.People, *pp)
		if pp.SeveralClusters {
			pl.InSeveralClusters = append(pl.InSeveralClusters, pp.ID)
		}
	}
	slices.SortFunc(pl.People, func(a, b PlanPerson) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	slices.Sort(pl.InSeveralClusters)
	return nil
}

func nameOf(f any, fallback string) string {
	if f == nil {
		return fallback
	}
	if n := graph.NameOf(f); n != "" {
		return n
	}
	return fallback
}

func (pl *Plan) addInitiatives(ctx context.Context, s graph.Store, bi *bodyIndex, preds []string, cutover, dayBefore string, share map[string]float64) error {
	var ids []string
	for _, rq := range []struct {
		rel graph.Relation
		ids []string
	}{
		{graph.RelInitiativesOfCluster, preds},
		{graph.RelInitiativesOfBody, bi.ids},
		{graph.RelInitiativesOfOwner, append(slices.Clone(bi.ids), preds...)},
	} {
		rel, err := graph.RelatedAll(ctx, s, rq.rel, rq.ids)
		if err != nil {
			return err
		}
		ids = append(ids, graph.Flatten(rel)...)
	}
	facts, err := graph.GetAll(ctx, s, ids)
	if err != nil {
		return err
	}
	var refs, owners []string
	for _, f := range facts {
		if in, ok := f.(*graph.Initiative); ok {
			refs = append(refs, in.OwnerID)
			refs = append(refs, in.OrganisationIDs...)
			refs = append(refs, in.LeadPersonIDs...)
			owners = append(owners, in.OwnerID, in.BodyID)
		}
	}
	if err := bi.resolve(ctx, s, owners); err != nil {
		return err
	}
	names, err := graph.GetAll(ctx, s, refs)
	if err != nil {
		return err
	}
	isPred := map[string]bool{}
	for _, c := range preds {
		isPred[c] = true
	}
	perCluster := map[string]*ClusterMoney{}
	for _, c := range preds {
		perCluster[c] = &ClusterMoney{ClusterID: c, Share: share[c]}
	}
	for _, id := range graph.Uniq(ids) {
		in, ok := facts[id].(*graph.Initiative)
		if !ok {
			continue
		}
		st, ok := status(in.PeriodEnd, cutover, dayBefore)
		if !ok {
			continue
		}
		cluster := cmp.Or(in.ClusterID, bi.cluster[in.BodyID], bi.cluster[in.OwnerID])
		if graph.KindOf(in.OwnerID) == graph.KindCluster && cluster == "" {
			cluster = in.OwnerID
		}
		if !isPred[cluster] {
			// Reached through a body of a predecessor but filed under
			// another cluster: that cluster's council plans it.
			continue
		}
		pi := PlanInitiative{
			ID: in.ID, Name: in.Name, ClusterID: cluster, AmountDKK: in.AmountDKK,
			PeriodStart: in.PeriodStart, PeriodEnd: in.PeriodEnd, Status: st,
			OpenEnded: in.PeriodEnd == "", EndsAtCutover: st == StatusEndsAtCutover,
			OwnerID: in.OwnerID, OwnerName: in.OwnerName, OwnerKind: string(graph.KindOf(in.OwnerID)),
			Organisations: refsOf(names, in.OrganisationIDs), LeadPeople: refsOf(names, in.LeadPersonIDs),
			Provenance: provenanceOf(in),
		}
		if f := names[in.OwnerID]; f != nil {
			pi.OwnerName = cmp.Or(graph.NameOf(f), pi.OwnerName)
		}
		switch graph.KindOf(in.OwnerID) {
		case graph.KindCluster:
			pi.OwnerClusterID = in.OwnerID
			pi.OwnerEndsWithCluster = true
			pi.OrphanReason = OrphanOwnerIsCluster
		case graph.KindBody:
			if c := bi.cluster[in.OwnerID]; c != "" {
				pi.OwnerClusterID = c
				pi.OwnerEndsWithCluster = true
				pi.OrphanReason = OrphanOwnerIsClusterBody
			}
		case "":
			if in.OwnerName == "" {
				pi.OrphanReason = OrphanNoOwner
			}
		}
		if st == StatusRunning && pi.OrphanReason != "" {
			pi.Orphaned = true
			pl.Orphaned = append(pl.Orphaned, pi.ID)
		} else {
			pi.OrphanReason = ""
		}
		pl.Initiatives = append(pl.Initiatives, pi)

		cm := perCluster[cluster]
		cm.Initiatives++
		if in.AmountDKK == nil {
			pl.Money.WithoutAmount++
			continue
		}
		a := *in.AmountDKK
		pl.Money.WithAmount++
		cm.TotalDKK += a
		if st == StatusRunning {
			cm.RunningDKK += a
		} else {
			cm.EndingAtCutoverDKK += a
		}
		if pi.OwnerEndsWithCluster {
			pl.Money.ClusterOwnedDKK += a
		}
	}
	slices.SortFunc(pl.Initiatives, func(a, b PlanInitiative) int {
		return cmp.Or(cmp.Compare(a.ClusterID, b.ClusterID), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	slices.Sort(pl.Orphaned)
	for _, c := range preds {
		cm := perCluster[c]
		cm.ProRataDKK = int64(float64(cm.TotalDKK)*cm.Share + 0.5)
		pl.Money.TotalDKK += cm.TotalDKK
		pl.Money.RunningDKK += cm.RunningDKK
		pl.Money.EndingAtCutoverDKK += cm.EndingAtCutoverDKK
		pl.Money.ProRataDKK += cm.ProRataDKK
		pl.Money.PerCluster = append(pl.Money.PerCluster, *cm)
	}
	return nil
}

func refsOf(facts map[string]any, ids []string) []Ref {
	out := []Ref{}
	for _, id := range graph.Uniq(ids) {
		out = append(out, Ref{ID: id, Name: nameOf(facts[id], id), Provenance: provenanceOf(facts[id])})
	}
	return out
}

func (pl *Plan) addCouncilMembers(ctx context.Context, s graph.Store, hc *graph.HealthCouncil) error {
	if hc.BodyID == "" {
		return nil
	}
	rel, err := s.Related(ctx, graph.RelMembershipsOfBody, []string{hc.BodyID})
	if err != nil {
		return err
	}
	ms, err := graph.GetAll(ctx, s, rel[hc.BodyID])
	if err != nil {
		return err
	}
	var refs []string
	for _, f := range ms {
		if m, ok := f.(*graph.Membership); ok {
			refs = append(refs, m.PersonID, m.OnBehalfOfID)
		}
	}
	names, err := graph.GetAll(ctx, s, refs)
	if err != nil {
		return err
	}
	byID := map[string]*PlanPerson{}
	byName := map[string][]*PlanPerson{}
	for i := range pl.People {
		pp := &pl.People[i]
		byID[pp.ID] = pp
		byName[graph.Fold(pp.Name)] = append(byName[graph.Fold(pp.Name)], pp)
	}
	for _, mid := range rel[hc.BodyID] {
		m, ok := ms[mid].(*graph.Membership)
		if !ok {
			continue
		}
		cm := CouncilMember{
			MembershipID: m.ID, PersonID: m.PersonID, Name: nameOf(names[m.PersonID], m.PersonID), Role: m.Role,
			OnBehalfOfID: m.OnBehalfOfID, Party: m.Party, PredecessorClusterIDs: []string{}, Provenance: provenanceOf(m),
		}
		if m.OnBehalfOfID != "" {
			cm.OnBehalfOf = nameOf(names[m.OnBehalfOfID], m.OnBehalfOfID)
		}
		var match []*PlanPerson
		if pp := byID[m.PersonID]; pp != nil {
			match, cm.MatchedBy = []*PlanPerson{pp}, "id"
		} else {
			var forms []string
			if p, ok := names[m.PersonID].(*graph.Person); ok {
				forms = append([]string{p.Name}, p.Aliases...)
			}
			for _, n := range forms {
				match = append(match, byName[graph.Fold(n)]...)
			}
			if len(match) > 0 {
				cm.MatchedBy = "name"
			}
		}
		for _, pp := range match {
			pp.CouncilMember = true
			cm.PredecessorClusterIDs = append(cm.PredecessorClusterIDs, pp.ClusterIDs...)
		}
		cm.PredecessorClusterIDs = graph.Uniq(cm.PredecessorClusterIDs)
		cm.InPredecessors = len(match) > 0
		pl.CouncilMembers = append(pl.CouncilMembers, cm)
	}
	slices.SortFunc(pl.CouncilMembers, func(a, b CouncilMember) int {
		return cmp.Or(cmp.Compare(roleRank(a.Role), roleRank(b.Role)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.MembershipID, b.MembershipID))
	})
	return nil
}

func roleRank(r string) int {
	switch r {
	case graph.RoleChair:
		return 0
	case graph.RoleCoChair:
		return 1
	case graph.RoleViceChair:
		return 2
	case graph.RoleMember:
		return 3
	}
	return 4
}
