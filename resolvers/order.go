package resolvers

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/graph/transition"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// orderBy for lists a resolver holds in memory. Every order is stable and
// ends in a tie-break on the list's default key, so equal inputs give
// equal outputs. Names compare folded (case and Danish letters ignored), as
// graph.SortKey does. Values that are missing (no amount, no date) come
// last in either direction.
//
// Root connections are not sorted here: they page with keyset cursors over
// the store's own order (graph.SortKey), reversed by their order argument
// (graph.Page.Desc); doc.go says what sorting them by other fields needs.

func descending(d *model.SortDirection) bool { return d != nil && *d == model.SortDirectionDesc }

// sortOrdered sorts xs stably by by (reversed when desc), with missing
// values last and tie breaking the remaining ties.
func sortOrdered[T any](xs []T, desc bool, by func(a, b T) int, missing func(T) bool, tie func(a, b T) int) {
	slices.SortStableFunc(xs, func(a, b T) int {
		if missing != nil {
			ma, mb := missing(a), missing(b)
			switch {
			case ma && mb:
				if tie != nil {
					return tie(a, b)
				}
				return 0
			case ma:
				return 1
			case mb:
				return -1
			}
		}
		c := by(a, b)
		if desc {
			c = -c
		}
		if c == 0 && tie != nil {
			c = tie(a, b)
		}
		return c
	})
}

func bySortKey[T any](a, b T) int { return cmp.Compare(graph.SortKey(a), graph.SortKey(b)) }

// roleOrder ranks roles from the chair down.
var roleOrder = []string{graph.RoleChair, graph.RoleCoChair, graph.RoleViceChair, graph.RoleMember, graph.RoleObserver,
	graph.RoleSubstitute, graph.RoleGuest, graph.RoleSecretary, graph.RoleAdmin}

func roleRank(r string) int {
	if i := slices.Index(roleOrder, r); i >= 0 {
		return i
	}
	return len(roleOrder)
}

// statusOrder ranks attendance statuses from there to not there.
var statusOrder = []string{graph.StatusPresent, graph.StatusSubstitute, graph.StatusSentApologies, graph.StatusAbsent}

func statusRank(s string) int {
	if i := slices.Index(statusOrder, s); i >= 0 {
		return i
	}
	return len(statusOrder)
}

// foldedNames loads facts by ID (one batched Get) and returns their folded
// names.
func foldedNames(ctx context.Context, ids []string) (map[string]string, error) {
	facts, err := loadAny(ctx, unique(ids), nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(facts))
	for _, f := range facts {
		if f != nil {
			out[graph.IDOf(f)] = graph.Fold(graph.NameOf(f))
		}
	}
	return out, nil
}

// seatKeys are what a list of seats can be ordered by.
type seatKeys struct {
	person, body, role, start, end string
}

func seatKeysOf(m *graph.Membership, names map[string]string) seatKeys {
	return seatKeys{person: names[m.PersonID], body: names[m.BodyID], role: m.Role,
		start: cmp.Or(m.StartDate, m.FirstSeen), end: cmp.Or(m.EndDate, m.LastSeen)}
}

// seatOrder compares two seats by the order's field; the bool says
// whether the field's value is missing.
func seatOrder(f model.MembershipOrderField) (func(a, b seatKeys) int, func(seatKeys) bool) {
	switch f {
	case model.MembershipOrderFieldPersonName:
		return func(a, b seatKeys) int { return cmp.Compare(a.person, b.person) }, nil
	case model.MembershipOrderFieldBodyName:
		return func(a, b seatKeys) int { return cmp.Compare(a.body, b.body) }, nil
	case model.MembershipOrderFieldRole:
		return func(a, b seatKeys) int { return cmp.Compare(roleRank(a.role), roleRank(b.role)) }, nil
	case model.MembershipOrderFieldEndDate:
		return func(a, b seatKeys) int { return cmp.Compare(a.end, b.end) }, func(k seatKeys) bool { return k.end == "" }
	}
	return func(a, b seatKeys) int { return cmp.Compare(a.start, b.start) }, func(k seatKeys) bool { return k.start == "" }
}

// orderMemberships orders seats; nil keeps the store's order. Ordering by
// person or body name loads the names in one batched Get.
func orderMemberships(ctx context.Context, ms []*graph.Membership, o *model.MembershipOrder) ([]*graph.Membership, error) {
	if o == nil || len(ms) < 2 {
		return ms, nil
	}
	var ids []string
	for _, m := range ms {
		switch o.Field {
		case model.MembershipOrderFieldPersonName:
			ids = append(ids, m.PersonID)
		case model.MembershipOrderFieldBodyName:
			ids = append(ids, m.BodyID)
		}
	}
	names, err := foldedNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	by, missing := seatOrder(o.Field)
	keys := make(map[*graph.Membership]seatKeys, len(ms))
	for _, m := range ms {
		keys[m] = seatKeysOf(m, names)
	}
	sortOrdered(ms, descending(o.Direction),
		func(a, b *graph.Membership) int { return by(keys[a], keys[b]) },
		wrapMissing(missing, func(m *graph.Membership) seatKeys { return keys[m] }),
		bySortKey[*graph.Membership])
	return ms, nil
}

// orderPlanMembers orders the members of a transition body.
func orderPlanMembers(ms []transition.PlanMember, o *model.MembershipOrder) []*transition.PlanMember {
	out := make([]*transition.PlanMember, len(ms))
	for i := range ms {
		out[i] = &ms[i]
	}
	if o == nil {
		return out
	}
	key := func(m *transition.PlanMember) seatKeys {
		return seatKeys{person: graph.Fold(m.Name), role: m.Role, start: cmp.Or(m.StartDate, m.FirstSeen), end: cmp.Or(m.EndDate, m.LastSeen)}
	}
	by, missing := seatOrder(o.Field)
	sortOrdered(out, descending(o.Direction), func(a, b *transition.PlanMember) int { return by(key(a), key(b)) },
		wrapMissing(missing, key), func(a, b *transition.PlanMember) int { return cmp.Compare(a.MembershipID, b.MembershipID) })
	return out
}

func wrapMissing[T, K any](missing func(K) bool, key func(T) K) func(T) bool {
	if missing == nil {
		return nil
	}
	return func(x T) bool { return missing(key(x)) }
}

// initiativeKeys are what a list of initiatives can be ordered by.
type initiativeKeys struct {
	name       string
	amount     *int64
	start, end string
	id         string
}

func orderInitiativesBy[T any](xs []T, o *model.InitiativeOrder, keys func(T) initiativeKeys) []T {
	if o == nil || len(xs) < 2 {
		return xs
	}
	var (
		by      func(a, b initiativeKeys) int
		missing func(initiativeKeys) bool
	)
	switch o.Field {
	case model.InitiativeOrderFieldAmount:
		by = func(a, b initiativeKeys) int { return cmp.Compare(*a.amount, *b.amount) }
		missing = func(k initiativeKeys) bool { return k.amount == nil }
	case model.InitiativeOrderFieldStartDate:
		by = func(a, b initiativeKeys) int { return cmp.Compare(a.start, b.start) }
		missing = func(k initiativeKeys) bool { return k.start == "" }
	case model.InitiativeOrderFieldEndDate:
		by = func(a, b initiativeKeys) int { return cmp.Compare(a.end, b.end) }
		missing = func(k initiativeKeys) bool { return k.end == "" }
	default:
		by = func(a, b initiativeKeys) int { return cmp.Compare(a.name, b.name) }
	}
	sortOrdered(xs, descending(o.Direction), func(a, b T) int { return by(keys(a), keys(b)) }, wrapMissing(missing, keys),
		func(a, b T) int {
			ka, kb := keys(a), keys(b)
			return cmp.Or(cmp.Compare(ka.name, kb.name), cmp.Compare(ka.id, kb.id))
		})
	return xs
}

// orderInitiatives orders initiatives; nil keeps the given order.
func orderInitiatives(is []*graph.Initiative, o *model.InitiativeOrder) []*graph.Initiative {
	return orderInitiativesBy(is, o, func(i *graph.Initiative) initiativeKeys {
		return initiativeKeys{name: graph.Fold(i.Name), amount: i.AmountDKK, start: i.PeriodStart, end: i.PeriodEnd, id: i.ID}
	})
}

// orderPlanInitiatives orders a transition's initiatives.
func orderPlanInitiatives(is []*transition.PlanInitiative, o *model.InitiativeOrder) []*transition.PlanInitiative {
	return orderInitiativesBy(is, o, func(i *transition.PlanInitiative) initiativeKeys {
		return initiativeKeys{name: graph.Fold(i.Name), amount: i.AmountDKK, start: i.PeriodStart, end: i.PeriodEnd, id: i.ID}
	})
}

// orderBodies orders bodies; nil keeps the given order.
func orderBodies(bs []*graph.Body, o *model.BodyOrder) []*graph.Body {
	if o == nil {
		return bs
	}
	by := func(a, b *graph.Body) int { return cmp.Compare(graph.Fold(a.Name), graph.Fold(b.Name)) }
	if o.Field == model.BodyOrderFieldKind {
		by = func(a, b *graph.Body) int { return cmp.Compare(a.Kind, b.Kind) }
	}
	sortOrdered(bs, descending(o.Direction), by, nil, bySortKey[*graph.Body])
	return bs
}

// orderMunicipalities orders municipalities; nil keeps the given order.
func orderMunicipalities(ms []*graph.Municipality, o *model.MunicipalityOrder) []*graph.Municipality {
	if o == nil {
		return ms
	}
	by := func(a, b *graph.Municipality) int { return cmp.Compare(graph.Fold(a.Name), graph.Fold(b.Name)) }
	if o.Field == model.MunicipalityOrderFieldCode {
		by = func(a, b *graph.Municipality) int { return cmp.Compare(a.Code, b.Code) }
	}
	sortOrdered(ms, descending(o.Direction), by, nil, func(a, b *graph.Municipality) int { return cmp.Compare(a.ID, b.ID) })
	return ms
}

// orderAttendance orders a meeting's attendance; nil keeps the store's
// order. Both orders load the participants' names in one batched Get.
func orderAttendance(ctx context.Context, as []*graph.Attendance, o *model.AttendanceOrder) ([]*graph.Attendance, error) {
	if o == nil || len(as) < 2 {
		return as, nil
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.PersonID
	}
	names, err := foldedNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	byName := func(a, b *graph.Attendance) int {
		return cmp.Or(cmp.Compare(names[a.PersonID], names[b.PersonID]), cmp.Compare(a.ID, b.ID))
	}
	by := byName
	if o.Field == model.AttendanceOrderFieldStatus {
		by = func(a, b *graph.Attendance) int { return cmp.Compare(statusRank(a.Status), statusRank(b.Status)) }
	}
	sortOrdered(as, descending(o.Direction), by, nil, byName)
	return as, nil
}

// orderNetworkNodes orders a network's nodes (given by ID); nil keeps them
// by ID. Ties go by label, then ID.
func orderNetworkNodes(ns []*network.Node, o *model.NetworkNodeOrder) []*network.Node {
	if o == nil {
		return ns
	}
	var by func(a, b *network.Node) int
	switch o.Field {
	case model.NetworkNodeOrderFieldDegree:
		by = func(a, b *network.Node) int { return cmp.Compare(a.Degree, b.Degree) }
	case model.NetworkNodeOrderFieldWeightedDegree:
		by = func(a, b *network.Node) int { return cmp.Compare(a.WeightedDegree, b.WeightedDegree) }
	case model.NetworkNodeOrderFieldBetweenness:
		by = func(a, b *network.Node) int { return cmp.Compare(a.Betweenness, b.Betweenness) }
	case model.NetworkNodeOrderFieldPagerank:
		by = func(a, b *network.Node) int { return cmp.Compare(a.PageRank, b.PageRank) }
	case model.NetworkNodeOrderFieldCommunity:
		by = func(a, b *network.Node) int { return cmp.Compare(a.Community, b.Community) }
	default:
		by = func(a, b *network.Node) int { return cmp.Compare(graph.Fold(a.Label), graph.Fold(b.Label)) }
	}
	sortOrdered(ns, descending(o.Direction), by, nil, func(a, b *network.Node) int {
		return cmp.Or(cmp.Compare(graph.Fold(a.Label), graph.Fold(b.Label)), cmp.Compare(a.ID, b.ID))
	})
	return ns
}

// orderPlanPeople orders a transition's people; nil keeps them by name.
func orderPlanPeople(ps []*transition.PlanPerson, o *model.TransitionPersonOrder) []*transition.PlanPerson {
	if o == nil {
		return ps
	}
	byName := func(a, b *transition.PlanPerson) int {
		return cmp.Or(cmp.Compare(graph.Fold(a.Name), graph.Fold(b.Name)), cmp.Compare(a.ID, b.ID))
	}
	by := byName
	if o.Field == model.TransitionPersonOrderFieldClusters {
		by = func(a, b *transition.PlanPerson) int { return cmp.Compare(len(a.ClusterIDs), len(b.ClusterIDs)) }
	}
	sortOrdered(ps, descending(o.Direction), by, nil, byName)
	return ps
}
