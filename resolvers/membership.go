package resolvers

import (
	"context"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// Which seats are held on a date. Minutes rarely state when a seat ends,
// so a seat without a stated end is taken to end when the body's
// participant lists stop showing its holder. The rule is a pure function of
// the seat and its body's participant lists (graph.HeldOn, shared with the
// benchmark's floors); seatsHeld loads the lists through the per-request
// loaders, one batched call per step for all the bodies of a query level.

// seatsHeld keeps the seats held on asOf (nil: all) with the given role
// (nil: all). It loads the participant lists of the seats' bodies only when
// a seat without a stated end needs them.
func seatsHeld(ctx context.Context, ms []*graph.Membership, asOf, role *string) ([]*graph.Membership, error) {
	out := make([]*graph.Membership, 0, len(ms))
	for _, m := range ms {
		if role == nil || m.Role == *role {
			out = append(out, m)
		}
	}
	if asOf == nil {
		return out, nil
	}
	lists, err := bodyLists(ctx, out)
	if err != nil {
		return nil, err
	}
	held := out[:0]
	for _, m := range out {
		if graph.HeldOn(m, lists[m.BodyID], *asOf) {
			held = append(held, m)
		}
	}
	return held, nil
}

// bodyLists loads the participant lists of the bodies of the seats that
// have no stated end: their meetings (one batched Related), the meetings
// (one batched Get), their attendance (one batched Related and one Get).
func bodyLists(ctx context.Context, ms []*graph.Membership) (map[string][]graph.ParticipantList, error) {
	var bodies []string
	for _, m := range ms {
		if m.EndDate == "" {
			bodies = append(bodies, m.BodyID)
		}
	}
	if len(bodies) == 0 {
		return nil, nil
	}
	meetings, err := relatedFactsAll[*graph.Meeting](ctx, graph.RelMeetingsOfBody, unique(bodies))
	if err != nil {
		return nil, err
	}
	meetingIDs := make([]string, len(meetings))
	for i, m := range meetings {
		meetingIDs[i] = m.ID
	}
	att, err := relatedFactsAll[*graph.Attendance](ctx, graph.RelAttendanceOfMeeting, meetingIDs)
	if err != nil {
		return nil, err
	}
	return graph.ParticipantLists(meetings, att), nil
}

// compositionChange compares a body's seats on two days (see graph.HeldOn).
func compositionChange(ms []*graph.Membership, lists []graph.ParticipantList, from, to string) (*model.CompositionChange, error) {
	if to < from {
		return nil, graph.Errorf(graph.ErrInvalid, "from (%s) must not be after to (%s)", from, to)
	}
	c := &model.CompositionChange{From: from, To: to,
		Joined: []*graph.Membership{}, Left: []*graph.Membership{}, Stayed: []*graph.Membership{}}
	for _, m := range ms {
		a, b := graph.HeldOn(m, lists, from), graph.HeldOn(m, lists, to)
		switch {
		case a && b:
			c.Stayed = append(c.Stayed, m)
		case b:
			c.Joined = append(c.Joined, m)
		case a:
			c.Left = append(c.Left, m)
		}
	}
	return c, nil
}
