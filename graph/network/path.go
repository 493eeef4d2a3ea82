package network

import (
	"cmp"
	"context"
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Step is one edge of a path with what connects its ends.
type Step struct {
	From       string   `json:"from"`
	FromLabel  string   `json:"fromLabel"`
	To         string   `json:"to"`
	ToLabel    string   `json:"toLabel"`
	Weight     float64  `json:"weight"`
	BodyIDs    []string `json:"bodyIds"`    // bodies both ends sit in (or the body itself in a bipartite network)
	MeetingIDs []string `json:"meetingIds"` // meetings both ends attended
}

// PathResult is the answer to Path. Found is false when the two are not
// connected in the network, or one of them is not in it (Reason says
// which); that is an answer, not an error.
type PathResult struct {
	Params Params `json:"params"`
	From   string `json:"from"`
	To     string `json:"to"`
	Found  bool   `json:"found"`
	// Hops is the number of steps of the shortest path (fewest hops).
	Hops   int    `json:"hops"`
	Steps  []Step `json:"steps"`
	Reason string `json:"reason,omitempty"`
}

// Reasons for Found == false.
const (
	ReasonNotConnected = "not_connected"  // both are in the network, in different components
	ReasonNotInNetwork = "not_in_network" // one of them sits in no body (or meeting) of the network
)

// Path finds a shortest path (fewest hops) between two people or
// organisations in the network chosen by p. Among several shortest paths it
// picks the one with the greatest total weight, then the lexically smallest
// sequence of IDs, so that the answer is stable. An ID that is not a person,
// organisation or body is ErrInvalid; one that is not in the store is
// ErrNotFound.
func Path(ctx context.Context, s graph.Store, p Params, fromID, toID string) (*PathResult, error) {
	for _, id := range []string{fromID, toID} {
		switch graph.KindOf(id) {
		case graph.KindPerson, graph.KindOrganisation, graph.KindBody:
		default:
			return nil, graph.Errorf(graph.ErrInvalid, "%q is not a person, organisation or body ID", id)
		}
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	facts, err := s.Get(ctx, []string{fromID, toID})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{fromID, toID} {
		if facts[id] == nil {
			return nil, graph.Errorf(graph.ErrNotFound, "%s not found", id)
		}
	}
	n, err := Build(ctx, s, p)
	if err != nil {
		return nil, err
	}
	res := PathIn(n, fromID, toID)
	if p.Kind == CoMembership && res.Found {
		if err := addSharedMeetings(ctx, s, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// addSharedMeetings adds to each step of a co-membership path the meetings
// of its bodies that both people attended (present or substitute).
func addSharedMeetings(ctx context.Context, s graph.Store, res *PathResult) error {
	var bodies []string
	for _, st := range res.Steps {
		bodies = append(bodies, st.BodyIDs...)
	}
	mrel, err := graph.RelatedAll(ctx, s, graph.RelMeetingsOfBody, bodies)
	if err != nil {
		return err
	}
	arel, err := graph.RelatedAll(ctx, s, graph.RelAttendanceOfMeeting, graph.Flatten(mrel))
	if err != nil {
		return err
	}
	att, err := graph.GetAll(ctx, s, graph.Flatten(arel))
	if err != nil {
		return err
	}
	present := map[[2]string]bool{} // (meeting, person)
	for _, f := range att {
		if a, ok := f.(*graph.Attendance); ok && (a.Status == graph.StatusPresent || a.Status == graph.StatusSubstitute) {
			present[[2]string{a.MeetingID, a.PersonID}] = true
		}
	}
	for i := range res.Steps {
		st := &res.Steps[i]
		for _, b := range st.BodyIDs {
			for _, m := range mrel[b] {
				if present[[2]string{m, st.From}] && present[[2]string{m, st.To}] {
					st.MeetingIDs = append(st.MeetingIDs, m)
				}
			}
		}
		st.MeetingIDs = graph.Uniq(st.MeetingIDs)
	}
	return nil
}

// PathIn finds a shortest path in a network already built (see Path).
func PathIn(n *Network, fromID, toID string) *PathResult {
	res := &PathResult{Params: n.Params, From: fromID, To: toID, Steps: []Step{}}
	index := make(map[string]int64, len(n.Nodes))
	for i, nd := range n.Nodes {
		index[nd.ID] = int64(i)
	}
	u, okU := index[fromID]
	v, okV := index[toID]
	if !okU || !okV {
		res.Reason = ReasonNotInNetwork
		return res
	}
	if u == v {
		res.Found = true
		return res
	}
	p := newProjection(n)
	g := unweighted{p}
	paths, _ := path.DijkstraAllFrom(g.Node(u), g).AllTo(v)
	if len(paths) == 0 {
		res.Reason = ReasonNotConnected
		return res
	}
	edge := make(map[[2]int64]*Edge, len(n.Edges))
	for i := range n.Edges {
		e := &n.Edges[i]
		a, b := index[e.From], index[e.To]
		edge[[2]int64{a, b}], edge[[2]int64{b, a}] = e, e
	}
	weight := func(ps []gg.Node) float64 {
		w := 0.0
		for i := 1; i < len(ps); i++ {
			w += edge[[2]int64{ps[i-1].ID(), ps[i].ID()}].Weight
		}
		return w
	}
	best := slices.MinFunc(paths, func(a, b []gg.Node) int {
		if c := cmp.Compare(weight(b), weight(a)); c != 0 {
			return c
		}
		for i := range min(len(a), len(b)) {
			if c := cmp.Compare(n.Nodes[a[i].ID()].ID, n.Nodes[b[i].ID()].ID); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(a), len(b))
	})
	res.Found = true
	res.Hops = len(best) - 1
	for i := 1; i < len(best); i++ {
		a, b := &n.Nodes[best[i-1].ID()], &n.Nodes[best[i].ID()]
		e := edge[[2]int64{best[i-1].ID(), best[i].ID()}]
		st := Step{From: a.ID, FromLabel: a.Label, To: b.ID, ToLabel: b.Label, Weight: e.Weight, BodyIDs: []string{}, MeetingIDs: []string{}}
		for _, via := range e.Via {
			switch graph.KindOf(via) {
			case graph.KindMeeting:
				st.MeetingIDs = append(st.MeetingIDs, via)
			default:
				st.BodyIDs = append(st.BodyIDs, via)
			}
		}
		res.Steps = append(res.Steps, st)
	}
	return res
}
