package network

import (
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// projection is a Network as a gonum graph: node i of Network.Nodes has
// gonum ID i. The gonum simple graph holds the data; the views below
// iterate nodes and neighbours in ID order, so that every algorithm run
// over them (Brandes, PageRank, Louvain, Dijkstra) sees the same order on
// every run and gives bit-identical results.
type projection struct {
	g         *simple.WeightedUndirectedGraph
	nodes     []graph.Node   // by ID
	neighbors [][]graph.Node // by ID, sorted
	removed   int64          // a node hidden from the views, or -1
}

func newProjection(n *Network) *projection {
	p := &projection{g: simple.NewWeightedUndirectedGraph(0, 0), removed: -1}
	index := make(map[string]int64, len(n.Nodes))
	for i, nd := range n.Nodes {
		index[nd.ID] = int64(i)
		gn := simple.Node(i)
		p.g.AddNode(gn)
		p.nodes = append(p.nodes, gn)
	}
	p.neighbors = make([][]graph.Node, len(n.Nodes))
	for _, e := range n.Edges {
		u, v := index[e.From], index[e.To]
		p.g.SetWeightedEdge(p.g.NewWeightedEdge(simple.Node(u), simple.Node(v), e.Weight))
		p.neighbors[u] = append(p.neighbors[u], simple.Node(v))
		p.neighbors[v] = append(p.neighbors[v], simple.Node(u))
	}
	for _, ns := range p.neighbors {
		slices.SortFunc(ns, func(a, b graph.Node) int { return int(a.ID() - b.ID()) })
	}
	return p
}

// without returns a view of the projection with one node hidden.
func (p *projection) without(id int64) *projection {
	q := *p
	q.removed = id
	return &q
}

// unweighted is the hop-count view (for betweenness and shortest paths).
type unweighted struct{ p *projection }

func (u unweighted) Node(id int64) graph.Node {
	if id == u.p.removed {
		return nil
	}
	return u.p.g.Node(id)
}

func (u unweighted) Nodes() graph.Nodes {
	if u.p.removed < 0 {
		return iterator.NewOrderedNodes(u.p.nodes)
	}
	ns := make([]graph.Node, 0, len(u.p.nodes))
	for _, n := range u.p.nodes {
		if n.ID() != u.p.removed {
			ns = append(ns, n)
		}
	}
	return iterator.NewOrderedNodes(ns)
}

func (u unweighted) From(id int64) graph.Nodes {
	if id < 0 || id >= int64(len(u.p.neighbors)) || id == u.p.removed {
		return graph.Empty
	}
	ns := u.p.neighbors[id]
	if u.p.removed >= 0 {
		ns = slices.DeleteFunc(slices.Clone(ns), func(n graph.Node) bool { return n.ID() == u.p.removed })
	}
	if len(ns) == 0 {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(ns)
}

func (u unweighted) HasEdgeBetween(x, y int64) bool {
	if x == u.p.removed || y == u.p.removed {
		return false
	}
	return u.p.g.HasEdgeBetween(x, y)
}

func (u unweighted) Edge(x, y int64) graph.Edge {
	if !u.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: simple.Node(x), T: simple.Node(y)}
}

func (u unweighted) EdgeBetween(x, y int64) graph.Edge { return u.Edge(x, y) }

// weighted is the weighted undirected view (for Louvain).
type weighted struct{ unweighted }

func (w weighted) Weight(x, y int64) (float64, bool) {
	if x == w.p.removed || y == w.p.removed {
		return 0, false
	}
	return w.p.g.Weight(x, y)
}

func (w weighted) WeightedEdge(x, y int64) graph.WeightedEdge {
	if !w.HasEdgeBetween(x, y) {
		return nil
	}
	return w.p.g.WeightedEdge(x, y)
}

func (w weighted) WeightedEdgeBetween(x, y int64) graph.WeightedEdge { return w.WeightedEdge(x, y) }

func (w weighted) Edge(x, y int64) graph.Edge {
	if e := w.WeightedEdge(x, y); e != nil {
		return e
	}
	return nil
}

func (w weighted) EdgeBetween(x, y int64) graph.Edge { return w.Edge(x, y) }

// symmetric is the weighted graph seen as directed with an arc each way
// (for edge-weighted PageRank).
type symmetric struct{ weighted }

func (s symmetric) HasEdgeFromTo(u, v int64) bool { return s.HasEdgeBetween(u, v) }
func (s symmetric) To(id int64) graph.Nodes       { return s.From(id) }

var (
	_ graph.Undirected         = unweighted{}
	_ graph.WeightedUndirected = weighted{}
	_ graph.WeightedDirected   = symmetric{}
)
