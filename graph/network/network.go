package network

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Kind names a network projection.
type Kind string

// The network kinds.
const (
	// CoMembership links two people by the bodies both sit in; the weight
	// is the number of shared bodies.
	CoMembership Kind = "co_membership"
	// CoAttendance links two people by the meetings both attended (status
	// present or substitute) within the date window; the weight is the
	// number of shared meetings.
	CoAttendance Kind = "co_attendance"
	// OrgCoSitting links two organisations whose people sit on their behalf
	// in the same bodies; the weight is the number of shared bodies. A
	// membership that names no organisation counts for the person's own
	// organisation (Person.OrganisationID), if any.
	OrgCoSitting Kind = "org_co_sitting"
	// PersonBody is the bipartite network of people and the bodies they sit
	// in; the weight is the number of seats (roles) a person holds in a body.
	PersonBody Kind = "person_body"
)

// Kinds lists every network kind.
var Kinds = []Kind{CoMembership, CoAttendance, OrgCoSitting, PersonBody}

// Params chooses a network. From and To (YYYY-MM-DD, both optional and
// inclusive) bound the meetings of CoAttendance and the stated dates of
// memberships: a membership is left out if it ended before From or started
// after To; a membership without dates is always in. RegionID and ClusterID
// (optional) restrict the network to the bodies and meetings of one region
// or cluster; a region includes its clusters' bodies, their sub-bodies and
// the bodies of the health councils in the region.
type Params struct {
	Kind      Kind   `json:"kind"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	RegionID  string `json:"regionId,omitempty"`
	ClusterID string `json:"clusterId,omitempty"`
}

// Node is a person, organisation or body in a network with its measures.
// Betweenness is the undirected hop-count betweenness (each unordered pair
// of endpoints counted once); PageRank is edge-weighted with damping 0.85,
// rounded to 9 decimals (gonum starts from a random vector, so digits
// beyond about 1e-12 are not stable);
// Community numbers the Louvain community (0 is the community holding the
// smallest node ID, and so on). ClusterIDs and RegionIDs are the clusters
// and regions of the bodies or meetings that put the node in the network.
type Node struct {
	ID             string     `json:"id"`
	Kind           graph.Kind `json:"kind"`
	Label          string     `json:"label"`
	Degree         int        `json:"degree"`
	WeightedDegree float64    `json:"weightedDegree"`
	Betweenness    float64    `json:"betweenness"`
	PageRank       float64    `json:"pageRank"`
	Community      int        `json:"community"`
	ClusterIDs     []string   `json:"clusterIds"`
	RegionIDs      []string   `json:"regionIds"`
}

// Edge is an undirected, weighted edge; From < To. Via lists the bodies or
// meetings that connect the two ends.
type Edge struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Weight float64  `json:"weight"`
	Via    []string `json:"via"`
}

// ClusterRef names a cluster that occurs in a network.
type ClusterRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RegionID string `json:"regionId"`
}

// Network is a weighted, undirected network. Nodes are sorted by ID, edges
// by (From, To).
type Network struct {
	Params     Params       `json:"params"`
	Nodes      []Node       `json:"nodes"`
	Edges      []Edge       `json:"edges"`
	Modularity float64      `json:"modularity"` // Louvain modularity Q of the communities
	Clusters   []ClusterRef `json:"clusters"`   // the clusters named by the nodes, by ID
}

// Node returns the node with the given ID, or nil.
func (n *Network) Node(id string) *Node {
	i, ok := slices.BinarySearchFunc(n.Nodes, id, func(x Node, id string) int { return cmp.Compare(x.ID, id) })
	if !ok {
		return nil
	}
	return &n.Nodes[i]
}

func (n *Network) clusterName(id string) string {
	for _, c := range n.Clusters {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

// Build reads the facts the network needs from the store (in batches) and
// computes the network with its measures and communities.
func Build(ctx context.Context, s graph.Store, p Params) (*Network, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	pr, err := project(ctx, s, p)
	if err != nil {
		return nil, err
	}
	n := pr.network(p)
	measure(n)
	return n, nil
}

func (p Params) check() error {
	if !slices.Contains(Kinds, p.Kind) {
		return graph.Errorf(graph.ErrInvalid, "unknown network kind %q", p.Kind)
	}
	for _, d := range []string{p.From, p.To} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return graph.Errorf(graph.ErrInvalid, "date %q is not YYYY-MM-DD", d)
		}
	}
	if p.From != "" && p.To != "" && p.From > p.To {
		return graph.Errorf(graph.ErrInvalid, "from %s is after to %s", p.From, p.To)
	}
	if p.RegionID != "" && graph.KindOf(p.RegionID) != graph.KindRegion {
		return graph.Errorf(graph.ErrInvalid, "%q is not a region ID", p.RegionID)
	}
	if p.ClusterID != "" && graph.KindOf(p.ClusterID) != graph.KindCluster {
		return graph.Errorf(graph.ErrInvalid, "%q is not a cluster ID", p.ClusterID)
	}
	return nil
}
