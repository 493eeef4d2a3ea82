package resolvers

import (
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
)

// Reads that combine a few loader calls; each step is one batched store call
// per query level.

// meetingsIn keeps meetings of a level (nil: any) in a date range.
func meetingsIn(ms []*graph.Meeting, level, from, to *string) []*graph.Meeting {
	out := make([]*graph.Meeting, 0, len(ms))
	for _, m := range ms {
		if (level == nil || m.Level == *level) && inRange(m.Date, from, to) {
			out = append(out, m)
		}
	}
	return out
}

// bodyAttendance is the attendance at a body's meetings in a date range.
func bodyAttendance(ctx context.Context, bodyID string, from, to *string) ([]*graph.Attendance, error) {
	ms, err := relatedFacts[*graph.Meeting](ctx, graph.RelMeetingsOfBody, bodyID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, m := range meetingsIn(ms, nil, from, to) {
		ids = append(ids, m.ID)
	}
	return relatedFactsAll[*graph.Attendance](ctx, graph.RelAttendanceOfMeeting, ids)
}

// personAttendance is a person's attendance, optionally at one body's
// meetings and in a date range.
func personAttendance(ctx context.Context, personID string, bodyID, from, to *string) ([]*graph.Attendance, error) {
	as, err := relatedFacts[*graph.Attendance](ctx, graph.RelAttendanceOfPerson, personID)
	if err != nil || (bodyID == nil && from == nil && to == nil) {
		return as, err
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.MeetingID
	}
	ms, err := loadAll[*graph.Meeting](ctx, unique(ids))
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, m := range ms {
		if (bodyID == nil || m.BodyID == *bodyID) && inRange(m.Date, from, to) {
			keep[m.ID] = true
		}
	}
	out := as[:0]
	for _, a := range as {
		if keep[a.MeetingID] {
			out = append(out, a)
		}
	}
	return out, nil
}

// attendancePage pages a person's attendance in meeting order (oldest
// first): the cursor is the meeting's sort key followed by the attendance
// ID.
func (r *Resolver) attendancePage(ctx context.Context, as []*graph.Attendance, first *int, after *string) (*bind.Connection, error) {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.MeetingID
	}
	ms, err := loadAll[*graph.Meeting](ctx, unique(ids))
	if err != nil {
		return nil, err
	}
	date := map[string]string{}
	for _, m := range ms {
		date[m.ID] = m.Date
	}
	key := func(f any) string {
		a := f.(*graph.Attendance)
		return date[a.MeetingID] + "\x00" + graph.SortKey(a)
	}
	return r.factPage(toAny(as), key, first, after, false)
}

// byName finds a fact of a kind whose name or an alias folds to name.
func byName[T any](ctx context.Context, r *Resolver, kind graph.Kind, name string) (T, error) {
	var zero T
	want := graph.Fold(name)
	if want == "" {
		return zero, graph.Errorf(graph.ErrInvalid, "give an id or a name")
	}
	res, err := r.store.List(ctx, kind, graph.Filter{NameContains: name}, graph.Page{First: r.cfg.MaxPageSize})
	if err != nil {
		return zero, err
	}
	facts, err := loadAll[T](ctx, res.IDs)
	if err != nil {
		return zero, err
	}
	for _, f := range facts {
		if slices.ContainsFunc(graph.NameTexts(f), func(n string) bool { return graph.Fold(n) == want }) {
			return f, nil
		}
	}
	return zero, nil
}

// unique drops repeated IDs, keeping the first.
func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func int64Ptr(p *int) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}
