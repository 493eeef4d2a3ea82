package resolvers

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
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
	if n := selectionDepth(opCtx.Operation.SelectionSet); n > d.max {
		err := gqlerror.Errorf("the query nests %d levels deep, more than the limit of %d", n, d.max)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	return nil
}

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

	c.Query.Documents = func(ch int, first *int, _ *string) int { return page(ch, first) }
	c.Query.Regions = func(ch int, first *int, _ *string) int { return page(ch, first) }
	c.Query.Municipalities = func(ch int, _ *model.MunicipalityFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Clusters = func(ch int, _ *model.ClusterFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.HealthCouncils = func(ch int, _ *model.HealthCouncilFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Organisations = func(ch int, _ *model.OrganisationFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.People = func(ch int, _ *model.PersonFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Bodies = func(ch int, _ *model.BodyFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Meetings = func(ch int, _ *model.MeetingFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Initiatives = func(ch int, _ *model.InitiativeFilter, first *int, _ *string) int { return page(ch, first) }
	c.Query.Search = func(ch int, _ string, _ []graph.Kind, first *int) int { return page(ch, first) }
	c.Query.Nodes = func(ch int, ids []string) int { return 1 + ch*len(ids) }

	c.Cluster.Meetings = func(ch int, _, _, _ *string, first *int, _ *string) int { return page(ch, first) }
	c.Cluster.Initiatives = func(ch int, first *int, _ *string) int { return page(ch, first) }
	c.Body.Meetings = func(ch int, _, _ *string, first *int, _ *string) int { return page(ch, first) }
	c.Person.Attendance = func(ch int, _ *string, first *int, _ *string) int { return page(ch, first) }

	c.Region.Municipalities = list(manyItems)
	c.Region.Clusters = list(fewItems)
	c.Region.HealthCouncils = list(fewItems)
	c.Municipality.Clusters = list(fewItems)
	c.Municipality.Conflicts = list(fewItems)
	c.Cluster.Municipalities = list(someItems)
	c.Cluster.Bodies = func(ch int, _, _ *string) int { return 1 + ch*someItems }
	c.HealthCouncil.Municipalities = list(someItems)
	c.HealthCouncil.Members = func(ch int, _ *string) int { return 1 + ch*manyItems }
	c.Organisation.People = list(manyItems)
	c.Organisation.Memberships = func(ch int, _ *string) int { return 1 + ch*manyItems }
	c.Organisation.Initiatives = list(someItems)
	c.Person.Memberships = func(ch int, _, _ *string) int { return 1 + ch*fewItems }
	c.Person.SubstitutedBy = list(fewItems)
	c.Body.Children = list(fewItems)
	c.Body.Members = func(ch int, _, _ *string) int { return 1 + ch*manyItems }
	c.Body.Initiatives = list(someItems)
	c.Body.CompositionChange = func(ch int, _, _ string) int { return 1 + ch*manyItems }
	c.Meeting.Items = list(someItems)
	c.Meeting.Attendance = func(ch int, _ *string) int { return 1 + ch*manyItems }
	c.Meeting.Participants = list(manyItems)
	c.Meeting.Initiatives = list(someItems)
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
	return c
}
