package resolvers

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// Which seats are held on a date. Minutes rarely state when a seat ends,
// so a seat without a stated end is taken to end when the body's
// participant lists stop showing its holder. The rule is a pure function of
// the seat and its body's participant lists (activeOn); seatsHeld loads the
// lists through the per-request loaders, one batched call per step for all
// the bodies of a query level.

// participantList is who a meeting of a body lists: everyone with an
// attendance record (present, absent, sent apologies or substitute) and
// everyone a substitute stood in for.
type participantList struct {
	date   string
	people map[string]bool
}

// participantLists builds each body's dated participant lists, oldest
// first, from its meetings and their attendance. Meetings without a date or
// without any attendance record (no list was printed) are left out.
func participantLists(meetings []*graph.Meeting, attendance []*graph.Attendance) map[string][]participantList {
	byMeeting := map[string]map[string]bool{}
	for _, a := range attendance {
		ps := byMeeting[a.MeetingID]
		if ps == nil {
			ps = map[string]bool{}
			byMeeting[a.MeetingID] = ps
		}
		if a.PersonID != "" {
			ps[a.PersonID] = true
		}
		if a.SubstituteForID != "" {
			ps[a.SubstituteForID] = true
		}
	}
	out := map[string][]participantList{}
	for _, m := range meetings {
		ps := byMeeting[m.ID]
		if m.Date == "" || len(ps) == 0 || m.BodyID == "" {
			continue
		}
		out[m.BodyID] = append(out[m.BodyID], participantList{date: m.Date, people: ps})
	}
	for _, ls := range out {
		slices.SortStableFunc(ls, func(a, b participantList) int { return cmp.Compare(a.date, b.date) })
	}
	return out
}

// activeOn reports whether a seat is held on day (YYYY-MM-DD), given its
// body's participant lists (oldest first):
//
//   - not before its stated start (or, if none, the first meeting that
//     shows it);
//   - with a stated end: not after it;
//   - without one: not superseded, that is, the latest list on or before
//     day (and not before the seat's start) includes the holder. A seat with
//     no date at all cannot be placed against the lists and is held.
func activeOn(m *graph.Membership, lists []participantList, day string) bool {
	start := cmp.Or(m.StartDate, m.FirstSeen)
	if start != "" && start > day {
		return false
	}
	if m.EndDate != "" {
		return day <= m.EndDate
	}
	if start == "" && m.LastSeen == "" {
		return true
	}
	for i := len(lists) - 1; i >= 0; i-- {
		l := lists[i]
		if l.date > day {
			continue
		}
		if l.date < start {
			break
		}
		return l.people[m.PersonID]
	}
	return true
}

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
		if activeOn(m, lists[m.BodyID], *asOf) {
			held = append(held, m)
		}
	}
	return held, nil
}

// bodyLists loads the participant lists of the bodies of the seats that
// have no stated end: their meetings (one batched Related), the meetings
// (one batched Get), their attendance (one batched Related and one Get).
func bodyLists(ctx context.Context, ms []*graph.Membership) (map[string][]participantList, error) {
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
	return participantLists(meetings, att), nil
}

// compositionChange compares a body's seats on two days (see activeOn).
func compositionChange(ms []*graph.Membership, lists []participantList, from, to string) (*model.CompositionChange, error) {
	if to < from {
		return nil, graph.Errorf(graph.ErrInvalid, "from (%s) must not be after to (%s)", from, to)
	}
	c := &model.CompositionChange{From: from, To: to,
		Joined: []*graph.Membership{}, Left: []*graph.Membership{}, Stayed: []*graph.Membership{}}
	for _, m := range ms {
		a, b := activeOn(m, lists, from), activeOn(m, lists, to)
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
