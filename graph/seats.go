package graph

import (
	"cmp"
	"slices"
)

// Which seats are held on a date. Minutes rarely state when a seat ends, so
// a seat without a stated end is taken to end when the body's participant
// lists stop showing its holder: a pure function of the seat and its body's
// participant lists, shared by the API (package resolvers) and the
// benchmark's floors, which must give the same answers.

// ParticipantList is who a meeting of a body lists: everyone with an
// attendance record (present, absent, sent apologies or substitute) and
// everyone a substitute stood in for.
type ParticipantList struct {
	Date   string
	People map[string]bool
}

// ParticipantLists builds each body's dated participant lists, oldest
// first, from its meetings and their attendance. Meetings without a date or
// without any attendance record (no list was printed) are left out.
func ParticipantLists(meetings []*Meeting, attendance []*Attendance) map[string][]ParticipantList {
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
	out := map[string][]ParticipantList{}
	for _, m := range meetings {
		ps := byMeeting[m.ID]
		if m.Date == "" || len(ps) == 0 || m.BodyID == "" {
			continue
		}
		out[m.BodyID] = append(out[m.BodyID], ParticipantList{Date: m.Date, People: ps})
	}
	for _, ls := range out {
		slices.SortStableFunc(ls, func(a, b ParticipantList) int { return cmp.Compare(a.Date, b.Date) })
	}
	return out
}

// HeldOn reports whether a seat is held on day (YYYY-MM-DD), given its
// body's participant lists (oldest first):
//
//   - not before its stated start (or, if none, the first meeting that
//     shows it);
//   - with a stated end: not after it;
//   - without one: not superseded, that is, the latest list on or before
//     day (and not before the seat's start) includes the holder. A seat with
//     no date at all cannot be placed against the lists and is held.
func HeldOn(m *Membership, lists []ParticipantList, day string) bool {
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
		if l.Date > day {
			continue
		}
		if l.Date < start {
			break
		}
		return l.People[m.PersonID]
	}
	return true
}
