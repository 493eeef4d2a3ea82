package network

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	gnet "gonum.org/v1/gonum/graph/network"
)

// Fixed parameters of the measures, so that answers are reproducible.
const (
	pageRankDamping   = 0.85
	pageRankTolerance = 1e-13
	// gonum starts PageRank from a random vector, so the last digits vary
	// from run to run; values are rounded to this many decimals.
	pageRankDecimals  = 9
	louvainResolution = 1.0
	louvainSeed       = 2027
)

// measure fills in the nodes' degrees, betweenness, PageRank and
// communities, and the network's modularity.
func measure(n *Network) {
	if len(n.Nodes) == 0 {
		return
	}
	p := newProjection(n)
	index := make(map[string]int, len(n.Nodes))
	for i, nd := range n.Nodes {
		index[nd.ID] = i
	}
	for _, e := range n.Edges {
		for _, id := range []string{e.From, e.To} {
			nd := &n.Nodes[index[id]]
			nd.Degree++
			nd.WeightedDegree += e.Weight
		}
	}
	// Brandes counts ordered pairs (s, t); an undirected network counts
	// each pair once.
	for id, b := range gnet.Betweenness(unweighted{p}) {
		n.Nodes[id].Betweenness = b / 2
	}
	if len(n.Edges) > 0 {
		scale := math.Pow10(pageRankDecimals)
		for id, r := range gnet.PageRankSparse(symmetric{weighted{unweighted{p}}}, pageRankDamping, pageRankTolerance) {
			n.Nodes[id].PageRank = math.Round(r*scale) / scale
		}
	} else {
		for i := range n.Nodes {
			n.Nodes[i].PageRank = 1 / float64(len(n.Nodes))
		}
	}
	comms := communities(p)
	for c, members := range comms {
		for _, m := range members {
			n.Nodes[m.ID()].Community = c
		}
	}
	if len(n.Edges) > 0 {
		n.Modularity = community.Q(weighted{unweighted{p}}, comms, louvainResolution)
	}
}

// communities runs Louvain with a fixed seed and numbers the communities by
// their smallest node.
func communities(p *projection) [][]graph.Node {
	g := weighted{unweighted{p}}
	var comms [][]graph.Node
	if p.g.Edges().Len() == 0 {
		for _, nd := range p.nodes {
			comms = append(comms, []graph.Node{nd})
		}
	} else {
		comms = community.Modularize(g, louvainResolution, rand.NewPCG(louvainSeed, louvainSeed)).Communities()
	}
	for _, c := range comms {
		slices.SortFunc(c, func(a, b graph.Node) int { return cmp.Compare(a.ID(), b.ID()) })
	}
	comms = slices.DeleteFunc(comms, func(c []graph.Node) bool { return len(c) == 0 })
	slices.SortFunc(comms, func(a, b []graph.Node) int { return cmp.Compare(a[0].ID(), b[0].ID()) })
	return comms
}

// Measure names a node measure to rank by.
type Measure string

// The measures Rank can order by.
const (
	ByDegree         Measure = "degree"
	ByWeightedDegree Measure = "weighted_degree"
	ByBetweenness    Measure = "betweenness"
	ByPageRank       Measure = "page_rank"
)

// Rank returns up to limit nodes (all if limit <= 0) ordered by a measure,
// highest first; ties by label, then ID. kind, if not empty, keeps only
// nodes of that fact kind (e.g. people in a bipartite network).
func Rank(n *Network, by Measure, kind string, limit int) []Node {
	val := func(nd Node) float64 {
		switch by {
		case ByDegree:
			return float64(nd.Degree)
		case ByWeightedDegree:
			return nd.WeightedDegree
		case ByBetweenness:
			return nd.Betweenness
		}
		return nd.PageRank
	}
	out := make([]Node, 0, len(n.Nodes))
	for _, nd := range n.Nodes {
		if kind == "" || string(nd.Kind) == kind {
			out = append(out, nd)
		}
	}
	slices.SortStableFunc(out, func(a, b Node) int {
		return cmp.Or(cmp.Compare(val(b), val(a)), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Community is one Louvain community of a network.
type Community struct {
	ID      int      `json:"id"`
	NodeIDs []string `json:"nodeIds"` // sorted
	// Weight is the total weight of the edges inside the community.
	Weight float64 `json:"weight"`
}

// Communities lists the network's communities in community order, from the
// Community numbers Build assigned.
func Communities(n *Network) []Community {
	byID := map[int]*Community{}
	comm := map[string]int{}
	for _, nd := range n.Nodes {
		c := byID[nd.Community]
		if c == nil {
			c = &Community{ID: nd.Community}
			byID[nd.Community] = c
		}
		c.NodeIDs = append(c.NodeIDs, nd.ID)
		comm[nd.ID] = nd.Community
	}
	for _, e := range n.Edges {
		if comm[e.From] == comm[e.To] {
			byID[comm[e.From]].Weight += e.Weight
		}
	}
	out := make([]Community, 0, len(byID))
	for _, c := range byID {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Community) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
