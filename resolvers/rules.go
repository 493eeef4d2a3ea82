package resolvers

import (
	"cmp"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// The rules the API adds on top of the store's facts. They are pure
// functions of merged facts so that they are easy to test and the same for
// every backend. Which seats are held on a date is in membership.go.

// inRange reports whether a date lies in [from, to]; nil bounds are open,
// and an unknown date is in range only if both bounds are open.
func inRange(date string, from, to *string) bool {
	if from == nil && to == nil {
		return true
	}
	if date == "" {
		return false
	}
	return (from == nil || date >= *from) && (to == nil || date <= *to)
}

// attendanceRate counts attendance records (see the AttendanceRate type).
func attendanceRate(as []*graph.Attendance) *model.AttendanceRate {
	r := &model.AttendanceRate{}
	meetings := map[string]bool{}
	for _, a := range as {
		meetings[a.MeetingID] = true
		switch a.Status {
		case graph.StatusPresent:
			r.Present++
		case graph.StatusSubstitute:
			r.Substitute++
		case graph.StatusAbsent:
			r.Absent++
		case graph.StatusSentApologies:
			r.SentApologies++
		}
	}
	r.Meetings = len(meetings)
	r.Attended = r.Present + r.Substitute
	r.Missed = r.Absent + r.SentApologies
	if n := r.Attended + r.Missed; n > 0 {
		rate := float64(r.Attended) / float64(n)
		r.Rate = &rate
	}
	return r
}

// municipalityClusters joins what the reference data says (the
// municipality's ClusterIDs) with what the minutes show (links of type
// cluster_municipality from the municipality, with a minutes source). It
// returns the cluster IDs in first-seen order and the entries by cluster.
func municipalityClusters(m *graph.Municipality, links []*graph.Link) ([]string, map[string]*model.MunicipalityCluster) {
	var ids []string
	by := map[string]*model.MunicipalityCluster{}
	entry := func(id string) *model.MunicipalityCluster {
		e, ok := by[id]
		if !ok {
			e = &model.MunicipalityCluster{Sources: []*graph.Source{}}
			by[id] = e
			ids = append(ids, id)
		}
		return e
	}
	for _, id := range m.ClusterIDs {
		entry(id).InReference = true
	}
	for _, l := range links {
		if l.Type != graph.LinkClusterMunicipality || l.FromID != m.ID {
			continue
		}
		for i := range l.Sources {
			if l.Sources[i].Origin == graph.OriginMinutes {
				e := entry(l.ToID)
				e.InMinutes = true
				e.Sources = append(e.Sources, &l.Sources[i])
			}
		}
	}
	return ids, by
}

// linksOfType keeps links of one type, dropping duplicates (a link may be
// both from and to the same fact).
func linksOfType(ls []*graph.Link, typ string) []*graph.Link {
	out := []*graph.Link{}
	seen := map[string]bool{}
	for _, l := range ls {
		if l.Type == typ && !seen[l.ID] {
			seen[l.ID] = true
			out = append(out, l)
		}
	}
	return out
}

// asNode returns a fact as a GraphQL Node; kinds the schema does not expose
// as nodes (links) are nil.
func asNode(fact any) bind.Node {
	switch fact.(type) {
	case nil, *graph.Link:
		return nil
	}
	return fact
}

// sortedByKey sorts facts by graph.SortKey, the order lists use.
func sortedByKey[T any](xs []T) []T {
	slices.SortStableFunc(xs, func(a, b T) int { return cmp.Compare(graph.SortKey(a), graph.SortKey(b)) })
	return xs
}

// nonEmpty is s, or nil if *s is empty: the value of a nullable enum whose
// Go field may be empty. It points into the fact (no copy per field); facts
// read from the store are never changed.
func nonEmpty(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}
