package network

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// projected is what Build reads from the store: groups (a body or meeting
// and the people or organisations in it) and what each group says about
// clusters and regions.
type projected struct {
	groups      map[string][]string // body or meeting ID → participant IDs (sorted, distinct; bipartite: with repeats per seat)
	groupTags   map[string][]string // body or meeting ID → cluster IDs
	groupRegion map[string][]string // body or meeting ID → region IDs
	clusters    map[string]*graph.Cluster
	labels      map[string]string // node ID → label
	bipartite   bool
}

// scopeBodies returns the bodies in scope (nil, true when unscoped).
func scopeBodies(ctx context.Context, s graph.Store, p Params) ([]string, error) {
	var roots []string
	switch {
	case p.ClusterID != "":
		m, err := s.Get(ctx, []string{p.ClusterID})
		if err != nil {
			return nil, err
		}
		c, ok := m[p.ClusterID].(*graph.Cluster)
		if !ok {
			return nil, graph.Errorf(graph.ErrNotFound, "cluster %s not found", p.ClusterID)
		}
		if p.RegionID != "" && c.RegionID != p.RegionID {
			return []string{}, nil
		}
		rel, err := s.Related(ctx, graph.RelBodiesOfCluster, []string{p.ClusterID})
		if err != nil {
			return nil, err
		}
		roots = rel[p.ClusterID]
	case p.RegionID != "":
		m, err := s.Get(ctx, []string{p.RegionID})
		if err != nil {
			return nil, err
		}
		if _, ok := m[p.RegionID].(*graph.Region); !ok {
			return nil, graph.Errorf(graph.ErrNotFound, "region %s not found", p.RegionID)
		}
		cl, err := s.Related(ctx, graph.RelClustersOfRegion, []string{p.RegionID})
		if err != nil {
			return nil, err
		}
		bodies, err := graph.RelatedAll(ctx, s, graph.RelBodiesOfCluster, cl[p.RegionID])
		if err != nil {
			return nil, err
		}
		roots = graph.Flatten(bodies)
		co, err := s.Related(ctx, graph.RelCouncilsOfRegion, []string{p.RegionID})
		if err != nil {
			return nil, err
		}
		councils, err := graph.GetAll(ctx, s, co[p.RegionID])
		if err != nil {
			return nil, err
		}
		for _, f := range councils {
			if hc, ok := f.(*graph.HealthCouncil); ok && hc.BodyID != "" {
				roots = append(roots, hc.BodyID)
			}
		}
	default:
		return graph.ListAll(ctx, s, graph.KindBody, graph.Filter{})
	}
	// Add sub-bodies, level by level.
	all := graph.Uniq(roots)
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
	return graph.Uniq(all), nil
}

// bodyInfo resolves each body's cluster (its own or its nearest ancestor's)
// and region (the cluster's, or the health council's).
type bodyInfo struct {
	bodies   map[string]*graph.Body
	cluster  map[string]string
	region   map[string]string
	clusters map[string]*graph.Cluster
}

func loadBodies(ctx context.Context, s graph.Store, ids []string) (*bodyInfo, error) {
	bi := &bodyInfo{bodies: map[string]*graph.Body{}, cluster: map[string]string{}, region: map[string]string{}, clusters: map[string]*graph.Cluster{}}
	want := ids
	for len(want) > 0 {
		m, err := graph.GetAll(ctx, s, want)
		if err != nil {
			return nil, err
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
	var clusterIDs, councilIDs []string
	for id := range bi.bodies {
		c := ""
		for b, hops := bi.bodies[id], 0; b != nil && hops < 32; b, hops = bi.bodies[b.ParentID], hops+1 {
			if b.ClusterID != "" {
				c = b.ClusterID
				break
			}
		}
		if c != "" {
			bi.cluster[id] = c
			clusterIDs = append(clusterIDs, c)
		}
		if b := bi.bodies[id]; b.CouncilID != "" {
			councilIDs = append(councilIDs, b.CouncilID)
		}
	}
	m, err := graph.GetAll(ctx, s, append(clusterIDs, councilIDs...))
	if err != nil {
		return nil, err
	}
	for id, f := range m {
		if c, ok := f.(*graph.Cluster); ok {
			bi.clusters[id] = c
		}
	}
	for id, b := range bi.bodies {
		if c := bi.clusters[bi.cluster[id]]; c != nil {
			bi.region[id] = c.RegionID
		} else if hc, ok := m[b.CouncilID].(*graph.HealthCouncil); ok {
			bi.region[id] = hc.RegionID
		}
	}
	return bi, nil
}

func project(ctx context.Context, s graph.Store, p Params) (*projected, error) {
	bodyIDs, err := scopeBodies(ctx, s, p)
	if err != nil {
		return nil, err
	}
	pr := &projected{groups: map[string][]string{}, groupTags: map[string][]string{}, groupRegion: map[string][]string{}, labels: map[string]string{}, bipartite: p.Kind == PersonBody}
	var bi *bodyInfo
	if p.Kind == CoAttendance {
		bi, err = projectAttendance(ctx, s, p, bodyIDs, pr)
	} else {
		bi, err = projectMemberships(ctx, s, p, bodyIDs, pr)
	}
	if err != nil {
		return nil, err
	}
	pr.clusters = bi.clusters
	// Labels.
	var ids []string
	for g, ms := range pr.groups {
		ids = append(ids, ms...)
		if pr.bipartite {
			ids = append(ids, g)
		}
	}
	facts, err := graph.GetAll(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	for id, f := range facts {
		pr.labels[id] = graph.NameOf(f)
	}
	return pr, nil
}

func projectMemberships(ctx context.Context, s graph.Store, p Params, bodyIDs []string, pr *projected) (*bodyInfo, error) {
	rel, err := graph.RelatedAll(ctx, s, graph.RelMembershipsOfBody, bodyIDs)
	if err != nil {
		return nil, err
	}
	ms, err := graph.GetAll(ctx, s, graph.Flatten(rel))
	if err != nil {
		return nil, err
	}
	// A membership that names no organisation counts for the person's own.
	var people map[string]any
	if p.Kind == OrgCoSitting {
		var ids []string
		for _, f := range ms {
			if m, ok := f.(*graph.Membership); ok && m.OnBehalfOfID == "" {
				ids = append(ids, m.PersonID)
			}
		}
		if people, err = graph.GetAll(ctx, s, ids); err != nil {
			return nil, err
		}
	}
	var used []string
	for _, f := range ms {
		m, ok := f.(*graph.Membership)
		if !ok || !p.inWindow(m) {
			continue
		}
		who := m.PersonID
		if p.Kind == OrgCoSitting {
			who = m.OnBehalfOfID
			if pp, ok := people[m.PersonID].(*graph.Person); ok && who == "" {
				who = pp.OrganisationID
			}
		}
		if who == "" || m.BodyID == "" {
			continue
		}
		pr.groups[m.BodyID] = append(pr.groups[m.BodyID], who)
		used = append(used, m.BodyID)
	}
	for g, ms := range pr.groups {
		slices.Sort(ms)
		if !pr.bipartite {
			ms = slices.Compact(ms)
		}
		pr.groups[g] = ms
	}
	bi, err := loadBodies(ctx, s, graph.Uniq(used))
	if err != nil {
		return nil, err
	}
	for g := range pr.groups {
		if c := bi.cluster[g]; c != "" {
			pr.groupTags[g] = []string{c}
		}
		if r := bi.region[g]; r != "" {
			pr.groupRegion[g] = []string{r}
		}
	}
	return bi, nil
}

// inWindow reports whether a membership's stated dates overlap the window.
func (p Params) inWindow(m *graph.Membership) bool {
	if p.From != "" && m.EndDate != "" && m.EndDate < p.From {
		return false
	}
	if start := cmp.Or(m.StartDate, m.FirstSeen); p.To != "" && start != "" && start > p.To {
		return false
	}
	return true
}

func projectAttendance(ctx context.Context, s graph.Store, p Params, bodyIDs []string, pr *projected) (*bodyInfo, error) {
	var meetingIDs []string
	if p.ClusterID == "" && p.RegionID == "" {
		ids, err := graph.ListAll(ctx, s, graph.KindMeeting, graph.Filter{DateFrom: p.From, DateTo: p.To})
		if err != nil {
			return nil, err
		}
		meetingIDs = ids
	} else {
		rel, err := graph.RelatedAll(ctx, s, graph.RelMeetingsOfBody, bodyIDs)
		if err != nil {
			return nil, err
		}
		meetingIDs = graph.Flatten(rel)
	}
	mf, err := graph.GetAll(ctx, s, meetingIDs)
	if err != nil {
		return nil, err
	}
	meetings := map[string]*graph.Meeting{}
	var bodies []string
	for id, f := range mf {
		m, ok := f.(*graph.Meeting)
		if !ok || (p.From != "" && (m.Date == "" || m.Date < p.From)) || (p.To != "" && (m.Date == "" || m.Date > p.To)) {
			continue
		}
		meetings[id] = m
		bodies = append(bodies, m.BodyID)
	}
	rel, err := graph.RelatedAll(ctx, s, graph.RelAttendanceOfMeeting, slices.Sorted(mapKeys(meetings)))
	if err != nil {
		return nil, err
	}
	af, err := graph.GetAll(ctx, s, graph.Flatten(rel))
	if err != nil {
		return nil, err
	}
	for _, f := range af {
		a, ok := f.(*graph.Attendance)
		if !ok || meetings[a.MeetingID] == nil || a.PersonID == "" {
			continue
		}
		if a.Status != graph.StatusPresent && a.Status != graph.StatusSubstitute {
			continue
		}
		pr.groups[a.MeetingID] = append(pr.groups[a.MeetingID], a.PersonID)
	}
	for g, ms := range pr.groups {
		slices.Sort(ms)
		pr.groups[g] = slices.Compact(ms)
	}
	bi, err := loadBodies(ctx, s, graph.Uniq(bodies))
	if err != nil {
		return nil, err
	}
	var extra []string
	for _, m := range meetings {
		if m.ClusterID != "" && bi.clusters[m.ClusterID] == nil {
			extra = append(extra, m.ClusterID)
		}
	}
	cf, err := graph.GetAll(ctx, s, extra)
	if err != nil {
		return nil, err
	}
	for id, f := range cf {
		if c, ok := f.(*graph.Cluster); ok {
			bi.clusters[id] = c
		}
	}
	for g := range pr.groups {
		m := meetings[g]
		c := cmp.Or(m.ClusterID, bi.cluster[m.BodyID])
		if c != "" {
			pr.groupTags[g] = []string{c}
		}
		if cl := bi.clusters[c]; cl != nil && cl.RegionID != "" {
			pr.groupRegion[g] = []string{cl.RegionID}
		} else if r := bi.region[m.BodyID]; r != "" {
			pr.groupRegion[g] = []string{r}
		}
	}
	return bi, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// network turns the groups into nodes and edges.
func (pr *projected) network(p Params) *Network {
	n := &Network{Params: p, Nodes: []Node{}, Edges: []Edge{}, Clusters: []ClusterRef{}}
	type key struct{ a, b string }
	edges := map[key]*Edge{}
	tags := map[string][]string{}
	regions := map[string][]string{}
	add := func(a, b, via string, w float64) {
		if a > b {
			a, b = b, a
		}
		e := edges[key{a, b}]
		if e == nil {
			e = &Edge{From: a, To: b}
			edges[key{a, b}] = e
		}
		e.Weight += w
		if !slices.Contains(e.Via, via) {
			e.Via = append(e.Via, via)
		}
	}
	for _, g := range slices.Sorted(mapKeys(pr.groups)) {
		ms := pr.groups[g]
		for _, m := range ms {
			tags[m] = append(tags[m], pr.groupTags[g]...)
			regions[m] = append(regions[m], pr.groupRegion[g]...)
		}
		if pr.bipartite {
			tags[g] = append(tags[g], pr.groupTags[g]...)
			regions[g] = append(regions[g], pr.groupRegion[g]...)
			for _, m := range ms {
				add(m, g, g, 1)
			}
			continue
		}
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				add(ms[i], ms[j], g, 1)
			}
		}
	}
	for id := range tags {
		n.Nodes = append(n.Nodes, Node{
			ID: id, Kind: graph.KindOf(id), Label: pr.labels[id],
			ClusterIDs: graph.Uniq(tags[id]), RegionIDs: graph.Uniq(regions[id]),
		})
	}
	slices.SortFunc(n.Nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range edges {
		slices.Sort(e.Via)
		n.Edges = append(n.Edges, *e)
	}
	slices.SortFunc(n.Edges, func(a, b Edge) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	var cids []string
	for _, nd := range n.Nodes {
		cids = append(cids, nd.ClusterIDs...)
	}
	for _, id := range graph.Uniq(cids) {
		ref := ClusterRef{ID: id, Name: id}
		if c := pr.clusters[id]; c != nil {
			ref.Name, ref.RegionID = c.Name, c.RegionID
		}
		n.Clusters = append(n.Clusters, ref)
	}
	return n
}
