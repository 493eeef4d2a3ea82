package resolvers

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// CodeDepthLimit is the code of a query rejected for nesting too deeply
// (gqlgen's complexity limit uses COMPLEXITY_LIMIT_EXCEEDED).
const CodeDepthLimit = "DEPTH_LIMIT_EXCEEDED"

// depthLimit rejects operations that nest fields deeper than max before
// anything runs. Introspection fields (__schema, __type) do not count, so
// GraphiQL's introspection query passes.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if n := opDepths.Of(opCtx.Operation, 0, func(op *ast.OperationDefinition, _ int) int { return selectionDepth(op.SelectionSet) }); n > d.max {
		err := gqlerror.Errorf("the query nests %d levels deep, more than the limit of %d", n, d.max)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	return nil
}

// opDepths remembers selectionDepth per operation.
var opDepths bind.OpMemo[int]

// selectionDepth is the deepest chain of fields in a selection set;
// fragments add no level of their own.
func selectionDepth(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// Typical sizes of the lists that have no first argument, used to estimate
// a query's cost. They are deliberately typical of the corpus; the limit
// (Config.MaxComplexity) leaves room for queries several times that size.
const (
	fewItems    = 3  // a region's clusters, a person's seats, an item's initiatives
	someItems   = 8  // a cluster's municipalities or bodies, a meeting's items
	manyItems   = 20 // a body's members, a meeting's attendance
	sourceItems = 3  // a fact's sources
)

// complexity estimates costs: a field costs 1 plus its children, a
// connection multiplies its children by the page size asked for, a list by
// its typical size.
func (r *Resolver) complexity() exec.ComplexityRoot {
	page := func(child int, first *int) int {
		n := r.cfg.DefaultPageSize
		if first != nil {
			n = max(0, min(*first, r.cfg.MaxPageSize))
		}
		return 1 + child*n
	}
	list := func(n int) func(int) int { return func(child int) int { return 1 + child*n } }
	var c exec.ComplexityRoot

	c.Query.Documents = func(ch int, first *int, _ *string, _ *model.SortDirection) int { return page(ch, first) }
	c.Query.Regions = func(ch int, first *int, _ *string, _ *model.SortDirection) int { return page(ch, first) }
	c.Query.Municipalities = func(ch int, _ *model.MunicipalityFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Clusters = func(ch int, _ *model.ClusterFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.HealthCouncils = func(ch int, _ *model.HealthCouncilFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Organisations = func(ch int, _ *model.OrganisationFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.People = func(ch int, _ *model.PersonFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Bodies = func(ch int, _ *model.BodyFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Meetings = func(ch int, _ *model.MeetingFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Initiatives = func(ch int, _ *model.InitiativeFilter, first *int, _ *string, _ *model.SortDirection) int {
		return page(ch, first)
	}
	c.Query.Search = func(ch int, _ string, _ []graph.Kind, first *int) int { return page(ch, first) }
	c.Query.Nodes = func(ch int, ids []string) int { return 1 + ch*len(ids) }

	c.Cluster.Meetings = func(ch int, _, _, _ *string, first *int, _ *string) int { return page(ch, first) }
	c.Cluster.Initiatives = func(ch int, first *int, _ *string) int { return page(ch, first) }
	c.Body.Meetings = func(ch int, _, _ *string, first *int, _ *string) int { return page(ch, first) }
	c.Person.Attendance = func(ch int, _ *string, first *int, _ *string) int { return page(ch, first) }

	c.Region.Municipalities = func(ch int, _ *model.MunicipalityOrder) int { return 1 + ch*manyItems }
	c.Region.Clusters = list(fewItems)
	c.Region.HealthCouncils = list(fewItems)
	c.Municipality.Clusters = list(fewItems)
	c.Municipality.Conflicts = list(fewItems)
	c.Cluster.Municipalities = func(ch int, _ *model.MunicipalityOrder) int { return 1 + ch*someItems }
	c.Cluster.Bodies = func(ch int, _, _ *string, _ *model.BodyOrder) int { return 1 + ch*someItems }
	c.HealthCouncil.Municipalities = func(ch int, _ *model.MunicipalityOrder) int { return 1 + ch*someItems }
	c.HealthCouncil.Members = func(ch int, _ *string, _ *model.MembershipOrder) int { return 1 + ch*manyItems }
	c.Organisation.People = list(manyItems)
	c.Organisation.Memberships = func(ch int, _ *string, _ *model.MembershipOrder) int { return 1 + ch*manyItems }
	c.Organisation.Initiatives = func(ch int, _ *model.InitiativeOrder) int { return 1 + ch*someItems }
	c.Person.Memberships = func(ch int, _, _ *string, _ *model.MembershipOrder) int { return 1 + ch*fewItems }
	c.Person.SubstitutedBy = list(fewItems)
	c.Body.Children = func(ch int, _ *model.BodyOrder) int { return 1 + ch*fewItems }
	c.Body.Members = func(ch int, _, _ *string, _ *model.MembershipOrder) int { return 1 + ch*manyItems }
	c.Body.Initiatives = func(ch int, _ *model.InitiativeOrder) int { return 1 + ch*someItems }
	c.Body.CompositionChange = func(ch int, _, _ string) int { return 1 + ch*manyItems }
	c.Meeting.Items = list(someItems)
	c.Meeting.Attendance = func(ch int, _ *string, _ *model.AttendanceOrder) int { return 1 + ch*manyItems }
	c.Meeting.Participants = list(manyItems)
	c.Meeting.Initiatives = func(ch int, _ *model.InitiativeOrder) int { return 1 + ch*someItems }
	c.AgendaItem.Initiatives = list(fewItems)
	c.AgendaItem.Mentions = list(someItems)
	c.Initiative.Organisations = list(fewItems)
	c.Initiative.Leads = list(fewItems)
	c.Document.Meetings = list(fewItems)

	src := list(sourceItems)
	c.Region.Sources, c.Municipality.Sources, c.Cluster.Sources = src, src, src
	c.HealthCouncil.Sources, c.Organisation.Sources, c.Person.Sources = src, src, src
	c.Body.Sources, c.Meeting.Sources, c.AgendaItem.Sources = src, src, src
	c.Initiative.Sources, c.Membership.Sources, c.Attendance.Sources = src, src, src
	c.Conflict.Sources, c.MunicipalityCluster.Sources = src, src

	r.networkComplexity(&c)
	return c
}

// Costs of the computations of issue 5. Building a network reads every
// membership (or attendance) in scope and runs betweenness, PageRank and
// Louvain over it; a plan or the overlap matrix reads the reference
// skeleton and the predecessors' bodies, seats and initiatives. A field that
// builds one costs the fixed amount below on top of its children, so that
// a handful fit under the default limit (200,000) and a query asking for
// many (e.g. every council's transition) is refused. A network built once
// is reused by the other fields of the same request.
const (
	networkCost    = 20_000
	transitionCost = 10_000
	overlapCost    = 5_000
	successorsCost = 2_000
	// Typical sizes of a network's lists.
	networkNodes = 200
	networkEdges = 500
)

func (r *Resolver) networkComplexity(c *exec.ComplexityRoot) {
	upTo := func(first *int, typical int) int {
		if first != nil {
			return max(0, min(*first, typical))
		}
		return typical
	}
	list := func(n int) func(int) int { return func(ch int) int { return 1 + ch*n } }

	c.Query.Network = func(ch int, _ network.Kind, _, _, _, _ *string) int { return networkCost + ch }
	c.Query.Rank = func(ch int, _ network.Measure, _ *network.Kind, _ *model.NetworkScope, _ *graph.Kind, first *int) int {
		return networkCost + 1 + ch*upTo(first, networkNodes)
	}
	c.Query.Brokers = func(ch int, _ *network.Kind, _ *model.NetworkScope, first *int) int {
		return networkCost + 1 + ch*upTo(first, manyItems)
	}
	c.Query.Communities = func(ch int, _ *network.Kind, _ *model.NetworkScope) int { return networkCost + 1 + ch*manyItems }
	c.Query.Path = func(ch int, _, _ string, _ *network.Kind, _ *model.NetworkScope) int { return networkCost + ch }
	c.Query.TransitionOverlap = func(ch int) int { return overlapCost + ch }
	c.HealthCouncil.Transition = func(ch int, _ *string) int { return transitionCost + ch }
	c.Cluster.Successors = func(ch int) int { return successorsCost + 1 + ch*someItems }

	c.Network.Nodes = func(ch int, _ *graph.Kind, _ *model.NetworkNodeOrder, first *int) int {
		return 1 + ch*upTo(first, networkNodes)
	}
	c.Network.Edges = func(ch int, _ *float64, first *int) int { return 1 + ch*upTo(first, networkEdges) }
	c.Network.Rank = func(ch int, _ network.Measure, _ *graph.Kind, first *int) int {
		return 1 + ch*upTo(first, networkNodes)
	}
	c.Network.Brokers = func(ch int, first *int) int { return 1 + ch*upTo(first, manyItems) }
	c.Network.Communities = list(manyItems)
	c.Network.Clusters = list(someItems)
	c.NetworkCommunity.Nodes = list(manyItems)
	c.NetworkNode.Clusters, c.NetworkNode.Regions = list(fewItems), list(fewItems)
	c.NetworkEdge.Via, c.NetworkEdge.Bodies, c.NetworkEdge.Meetings = list(fewItems), list(fewItems), list(fewItems)
	c.Broker.Clusters, c.Broker.LinkedClusters = list(fewItems), list(fewItems)
	c.Broker.SplitsClusters, c.Broker.SplitsRegions = list(fewItems), list(fewItems)
	c.NetworkPath.Steps = list(fewItems)
	c.PathStep.Bodies, c.PathStep.Meetings = list(fewItems), list(fewItems)

	c.Transition.Municipalities = list(manyItems)
	c.Transition.Predecessors = list(fewItems)
	c.Transition.Bodies = list(manyItems)
	c.Transition.People = func(ch int, _ *bool, _ *model.TransitionPersonOrder) int { return 1 + ch*networkNodes }
	c.Transition.InSeveralClusters = list(someItems)
	c.Transition.Initiatives = func(ch int, _ *string, _ *model.InitiativeOrder) int { return 1 + ch*manyItems }
	c.Transition.Orphaned = func(ch int, _ *model.InitiativeOrder) int { return 1 + ch*someItems }
	c.Transition.CouncilMembers = list(manyItems)
	c.TransitionBody.Members = func(ch int, _ *model.MembershipOrder) int { return 1 + ch*manyItems }
	c.TransitionPerson.Clusters, c.TransitionPerson.Bodies = list(fewItems), list(fewItems)
	c.TransitionInitiative.Organisations, c.TransitionInitiative.Leads = list(fewItems), list(fewItems)
	c.TransitionOverlap.Clusters, c.TransitionOverlap.Councils = list(manyItems), list(manyItems)
	c.TransitionOverlap.Cells = list(manyItems * 2)
	c.OverlapCell.Municipalities = list(someItems)
}

// CodeTooManyFields is the code of a query rejected for selecting more
// fields than Config.MaxFields (alias and fragment bombs).
const CodeTooManyFields = "TOO_MANY_FIELDS"

// fieldLimit rejects operations that select more than max fields, counting
// a fragment's fields each time it is spread. It runs before the depth and
// complexity limits, which walk the expanded query, and stops counting at
// max+1, so a fragment bomb (2^n fields in n lines) costs it little.
type fieldLimit struct {
	max    int
	within *bind.OpMemo[bool] // whether an operation's fields are at most max
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = fieldLimit{}

func (fieldLimit) ExtensionName() string                   { return "FieldLimit" }
func (fieldLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (f fieldLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if !f.within.Of(opCtx.Operation, f.max, withinFields) {
		err := gqlerror.Errorf("the query selects more than %d fields (counting each use of a fragment)", f.max)
		errcode.Set(err, CodeTooManyFields)
		return err
	}
	return nil
}

// withinFields reports whether op selects at most max fields.
func withinFields(op *ast.OperationDefinition, max int) bool {
	n := 0
	return countFields(op.SelectionSet, max, &n)
}

// countFields adds the fields of set to *n and reports whether *n stayed at
// most max; it stops as soon as it does not.
func countFields(set ast.SelectionSet, max int, n *int) bool {
	for _, sel := range set {
		var sub ast.SelectionSet
		switch s := sel.(type) {
		case *ast.Field:
			if *n++; *n > max {
				return false
			}
			sub = s.SelectionSet
		case *ast.InlineFragment:
			sub = s.SelectionSet
		case *ast.FragmentSpread:
			if s.Definition != nil {
				sub = s.Definition.SelectionSet
			}
		}
		if !countFields(sub, max, n) {
			return false
		}
	}
	return true
}

// checkSearchText and checkIDs reject arguments too large to be sensible
// before the resolver reads the store: search text longer than
// MaxSearchLength characters and more than MaxIDs ids in one nodes query.
// The resolvers call them first thing; a field middleware would do the same
// at the cost of a closure and a call for every field of every response.
func (r *Resolver) checkSearchText(text string) error {
	if max := r.cfg.MaxSearchLength; utf8.RuneCountInString(text) > max {
		return graph.Errorf(graph.ErrInvalid, "search text is longer than %d characters", max)
	}
	return nil
}

func (r *Resolver) checkIDs(ids []string) error {
	if max := r.cfg.MaxIDs; len(ids) > max {
		return graph.Errorf(graph.ErrInvalid, "nodes asks for %d ids, more than the limit of %d", len(ids), max)
	}
	return nil
}

// complexityLimit is gqlgen's fixed complexity limit (the same error, code
// and statistics, under the same extension name) with each operation's
// complexity remembered by its query text, operation name and variables in
// a bounded cache. Frontends send the same few queries again and again,
// and the walk over the query (gqlgen makes an execution context for every
// field it prices) cost a tenth of a small query's time in the handler.
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
	cache *lru.LRU[int]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*complexityLimit)(nil)

func newComplexityLimit(limit, cacheSize int) *complexityLimit {
	return &complexityLimit{limit: limit, cache: lru.New[int](cacheSize)}
}

func (*complexityLimit) ExtensionName() string { return "ComplexityLimit" }

func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *complexityLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	key, keyed := complexityKey(opCtx)
	n, known := 0, false
	if keyed {
		n, known = c.cache.Get(ctx, key)
	}
	if !known {
		n = complexity.Calculate(ctx, c.es, opCtx.Doc.Operations.ForName(opCtx.OperationName), opCtx.Variables)
		if keyed {
			c.cache.Add(ctx, key, n)
		}
	}
	opCtx.Stats.SetExtension("ComplexityLimit", &extension.ComplexityStats{Complexity: n, ComplexityLimit: c.limit})
	if n > c.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", n, c.limit)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	return nil
}

// complexityKey is what an operation's complexity depends on: the query
// text (length-prefixed), the operation's name and the variables (as JSON,
// whose object keys are sorted). An operation whose variables do not
// encode is not cached.
func complexityKey(opCtx *graphql.OperationContext) (string, bool) {
	vars, err := json.Marshal(opCtx.Variables)
	if err != nil {
		return "", false
	}
	return strconv.Itoa(len(opCtx.RawQuery)) + ":" + opCtx.RawQuery + opCtx.OperationName + "\x00" + string(vars), true
}
