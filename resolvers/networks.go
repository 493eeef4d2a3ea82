package resolvers

import (
	"context"
	"sync"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/graph/transition"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// The heavy computations of issue 5 (networks, transition plans, the
// overlap matrix) read many facts straight from the store in their own
// batches. Within one request each is computed once per set of arguments
// and shared by every field that asks for it: a query that selects a
// network's nodes, rankings and brokers builds the network once.

// memo computes values once per key; concurrent callers of the same key
// wait for the first. It lives in the per-request loaders.
type memo struct {
	mu    sync.Mutex
	calls map[any]*memoCall
}

type memoCall struct {
	done chan struct{}
	val  any
	err  error
}

func (m *memo) do(key any, f func() (any, error)) (any, error) {
	m.mu.Lock()
	if m.calls == nil {
		m.calls = map[any]*memoCall{}
	}
	if c, ok := m.calls[key]; ok {
		m.mu.Unlock()
		<-c.done
		return c.val, c.err
	}
	c := &memoCall{done: make(chan struct{})}
	m.calls[key] = c
	m.mu.Unlock()
	c.val, c.err = f()
	close(c.done)
	return c.val, c.err
}

func memoized[T any](ctx context.Context, key any, f func() (T, error)) (T, error) {
	v, err := loadersFrom(ctx).memo.do(key, func() (any, error) { return f() })
	t, _ := v.(T)
	return t, err
}

type (
	overlapKey    struct{}
	planKey       struct{ council, cutover string }
	successorsKey struct{ cluster string }
)

// buildNetwork builds a network once per request and parameters.
func (r *Resolver) buildNetwork(ctx context.Context, p network.Params) (*network.Network, error) {
	return memoized(ctx, p, func() (*network.Network, error) { return network.Build(ctx, r.store, p) })
}

func (r *Resolver) plan(ctx context.Context, councilID, cutover string) (*transition.Plan, error) {
	return memoized(ctx, planKey{councilID, cutover}, func() (*transition.Plan, error) {
		return transition.ForCouncil(ctx, r.store, councilID, cutover)
	})
}

func (r *Resolver) overlap(ctx context.Context) (*transition.Matrix, error) {
	return memoized(ctx, overlapKey{}, func() (*transition.Matrix, error) { return transition.Overlap(ctx, r.store) })
}

func (r *Resolver) successors(ctx context.Context, clusterID string) ([]transition.Successor, error) {
	return memoized(ctx, successorsKey{clusterID}, func() ([]transition.Successor, error) {
		return transition.Successors(ctx, r.store, clusterID)
	})
}

// networkParams converts a root field's arguments.
func networkParams(kind *network.Kind, within *model.NetworkScope) network.Params {
	p := network.Params{Kind: network.CoMembership}
	if kind != nil {
		p.Kind = *kind
	}
	if within != nil {
		p.From, p.To, p.RegionID, p.ClusterID = deref(within.From), deref(within.To), deref(within.Region), deref(within.Cluster)
	}
	return p
}

// nodesOf returns pointers to a network's nodes, optionally of one kind,
// without touching the shared network.
func nodesOf(n *network.Network, kind *graph.Kind) []*network.Node {
	out := make([]*network.Node, 0, len(n.Nodes))
	for i := range n.Nodes {
		if kind == nil || n.Nodes[i].Kind == *kind {
			out = append(out, &n.Nodes[i])
		}
	}
	return out
}

// cut keeps the first n elements (nil: all); a negative n is an error.
func cut[T any](xs []T, first *int) ([]T, error) {
	if first == nil {
		return xs, nil
	}
	if *first < 0 {
		return nil, graph.Errorf(graph.ErrInvalid, "first must not be negative")
	}
	return xs[:min(*first, len(xs))], nil
}

// ranked ranks a network's nodes (see network.Rank).
func ranked(n *network.Network, by network.Measure, only *graph.Kind, first *int) ([]*network.Node, error) {
	limit := 10
	if first != nil {
		if *first < 0 {
			return nil, graph.Errorf(graph.ErrInvalid, "first must not be negative")
		}
		limit = *first
	}
	if limit == 0 {
		return []*network.Node{}, nil
	}
	rs := network.Rank(n, by, string(deref(only)), limit)
	out := make([]*network.Node, len(rs))
	for i := range rs {
		out[i] = n.Node(rs[i].ID)
	}
	return out, nil
}

// communitiesOf lists a network's communities with their nodes.
func communitiesOf(n *network.Network) []*model.NetworkCommunity {
	cs := network.Communities(n)
	out := make([]*model.NetworkCommunity, len(cs))
	for i, c := range cs {
		mc := &model.NetworkCommunity{ID: c.ID, Size: len(c.NodeIDs), Weight: c.Weight, Nodes: make([]*network.Node, 0, len(c.NodeIDs))}
		for _, id := range c.NodeIDs {
			if nd := n.Node(id); nd != nil {
				mc.Nodes = append(mc.Nodes, nd)
			}
		}
		out[i] = mc
	}
	return out
}

func brokersOf(n *network.Network, first *int) ([]*network.Broker, error) {
	bs := network.BrokersOf(n)
	out := make([]*network.Broker, len(bs))
	for i := range bs {
		out[i] = &bs[i]
	}
	return cut(out, first)
}

// idsOfKind keeps the IDs of one kind of fact.
func idsOfKind(ids []string, kind graph.Kind) []string {
	var out []string
	for _, id := range ids {
		if graph.KindOf(id) == kind {
			out = append(out, id)
		}
	}
	return out
}

func ptrs[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// memberMatch converts transition's MatchedBy ("id", "name", "").
func memberMatch(by string) *model.MemberMatch {
	var m model.MemberMatch
	switch by {
	case "id":
		m = model.MemberMatchID
	case "name":
		m = model.MemberMatchName
	default:
		return nil
	}
	return &m
}

func refIDs(rs []transition.Ref) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}
