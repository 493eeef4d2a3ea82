package network

import (
	"cmp"
	"context"
	"fmt"
	gg "gonum.org/v1/gonum/graph"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/topo"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Pair is an unordered pair of cluster or region IDs, A < B.
type Pair struct {
	A string `json:"a"`
	B string `json:"b"`
}

// Broker is a person or organisation that links clusters or regions.
type Broker struct {
	ID    string     `json:"id"`
	Kind  graph.Kind `json:"kind"`
	Label string     `json:"label"`
	// ClusterIDs are the clusters whose bodies (or meetings) the broker is
	// in; SeveralClusters is set when there is more than one.
	ClusterIDs      []string `json:"clusterIds"`
	SeveralClusters bool     `json:"severalClusters"`
	// SplitsClusters and SplitsRegions are the pairs of clusters (regions)
	// that are connected in the network through other nodes and fall apart
	// when the broker is removed: the broker is an articulation point
	// between them.
	SplitsClusters []Pair `json:"splitsClusters"`
	SplitsRegions  []Pair `json:"splitsRegions"`
	// LinkedClusterIDs is every cluster named above, sorted.
	LinkedClusterIDs []string `json:"linkedClusterIds"`
	Betweenness      float64  `json:"betweenness"`
	// Why says in words why the node is a broker, one sentence per reason.
	Why []string `json:"why"`
}

// Brokers builds the network and returns its brokers (see BrokersOf).
func Brokers(ctx context.Context, s graph.Store, p Params) ([]Broker, error) {
	n, err := Build(ctx, s, p)
	if err != nil {
		return nil, err
	}
	return BrokersOf(n), nil
}

// BrokersOf returns the people and organisations of a network that sit in
// bodies of several clusters or whose removal disconnects clusters or
// regions that the rest of the network connects. Order: most linked
// clusters first, then betweenness, label and ID.
func BrokersOf(n *Network) []Broker {
	var out []Broker
	if len(n.Nodes) == 0 {
		return []Broker{}
	}
	p := newProjection(n)
	base := topo.ConnectedComponents(unweighted{p})
	compOf := make([]int, len(n.Nodes))
	for ci, c := range base {
		for _, nd := range c {
			compOf[nd.ID()] = ci
		}
	}
	for i, nd := range n.Nodes {
		if nd.Kind != graph.KindPerson && nd.Kind != graph.KindOrganisation {
			continue
		}
		b := Broker{ID: nd.ID, Kind: nd.Kind, Label: nd.Label, ClusterIDs: slices.Clone(nd.ClusterIDs), Betweenness: nd.Betweenness}
		b.SeveralClusters = len(nd.ClusterIDs) > 1
		if nd.Degree >= 2 {
			after := topo.ConnectedComponents(unweighted{p.without(int64(i))})
			b.SplitsClusters = splits(n, base[compOf[i]], after, int64(i), func(x Node) []string { return x.ClusterIDs })
			b.SplitsRegions = splits(n, base[compOf[i]], after, int64(i), func(x Node) []string { return x.RegionIDs })
		}
		if !b.SeveralClusters && len(b.SplitsClusters) == 0 && len(b.SplitsRegions) == 0 {
			continue
		}
		linked := slices.Clone(nd.ClusterIDs)
		for _, pr := range b.SplitsClusters {
			linked = append(linked, pr.A, pr.B)
		}
		if !b.SeveralClusters && len(b.SplitsClusters) == 0 {
			linked = nil
		}
		b.LinkedClusterIDs = graph.Uniq(linked)
		if b.SeveralClusters {
			b.Why = append(b.Why, "sits in bodies of "+names(n, nd.ClusterIDs))
		}
		for _, pr := range b.SplitsClusters {
			b.Why = append(b.Why, fmt.Sprintf("the only link between %s and %s in this network", n.clusterName(pr.A), n.clusterName(pr.B)))
		}
		for _, pr := range b.SplitsRegions {
			b.Why = append(b.Why, fmt.Sprintf("the only link between regions %s and %s in this network", pr.A, pr.B))
		}
		if b.SplitsClusters == nil {
			b.SplitsClusters = []Pair{}
		}
		if b.SplitsRegions == nil {
			b.SplitsRegions = []Pair{}
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Broker) int {
		return cmp.Or(cmp.Compare(len(b.LinkedClusterIDs), len(a.LinkedClusterIDs)), cmp.Compare(b.Betweenness, a.Betweenness),
			cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	if out == nil {
		out = []Broker{}
	}
	return out
}

// splits returns the pairs of tags carried by nodes of comp other than v
// that no component of the graph without v carries together.
func splits(n *Network, comp []gg.Node, after [][]gg.Node, v int64, tags func(Node) []string) []Pair {
	var before []string
	for _, nd := range comp {
		if nd.ID() != v {
			before = append(before, tags(n.Nodes[nd.ID()])...)
		}
	}
	before = graph.Uniq(before)
	if len(before) < 2 {
		return nil
	}
	together := map[Pair]bool{}
	for _, c := range after {
		var ts []string
		for _, nd := range c {
			ts = append(ts, tags(n.Nodes[nd.ID()])...)
		}
		ts = graph.Uniq(ts)
		for i := range ts {
			for j := i + 1; j < len(ts); j++ {
				together[Pair{ts[i], ts[j]}] = true
			}
		}
	}
	var out []Pair
	for i := range before {
		for j := i + 1; j < len(before); j++ {
			if pr := (Pair{before[i], before[j]}); !together[pr] {
				out = append(out, pr)
			}
		}
	}
	return out
}

func names(n *Network, ids []string) string {
	ns := make([]string, len(ids))
	for i, id := range ids {
		ns[i] = n.clusterName(id)
	}
	if len(ns) <= 1 {
		return strings.Join(ns, "")
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}
