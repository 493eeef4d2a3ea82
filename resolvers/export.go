package resolvers

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The read-only export: one row per fact, streamed page by page through the
// store, every row with the documents and lines it was read from.

// column is one column of an export: a header and the value of a row.
// Values are strings or *int64 (nil: empty / null).
type column struct {
	name  string
	value func(row exportRow) any
}

// exportRow is one fact and the facts it refers to (by ID), fetched one page
// at a time.
type exportRow struct {
	fact any
	refs map[string]any
}

func (r exportRow) name(id string) string {
	if f, ok := r.refs[id]; ok {
		return graph.NameOf(f)
	}
	return ""
}

// export describes one export: the kind listed, the IDs each row refers to
// (fetched in one Get per page) and the columns.
type export struct {
	kind    graph.Kind
	refs    func(fact any) []string
	columns []column
}

var exports = map[string]export{
	"people": {
		kind: graph.KindPerson,
		refs: func(f any) []string { return []string{f.(*graph.Person).OrganisationID} },
		columns: []column{
			{"id", func(r exportRow) any { return r.fact.(*graph.Person).ID }},
			{"name", func(r exportRow) any { return r.fact.(*graph.Person).Name }},
			{"aliases", func(r exportRow) any { return strings.Join(r.fact.(*graph.Person).Aliases, "; ") }},
			{"party", func(r exportRow) any { return r.fact.(*graph.Person).Party }},
			{"titles", func(r exportRow) any { return strings.Join(r.fact.(*graph.Person).Titles, "; ") }},
			{"organisation_id", func(r exportRow) any { return r.fact.(*graph.Person).OrganisationID }},
			{"organisation", func(r exportRow) any { return r.name(r.fact.(*graph.Person).OrganisationID) }},
		},
	},
	"memberships": {
		kind: graph.KindMembership,
		refs: func(f any) []string {
			m := f.(*graph.Membership)
			return []string{m.PersonID, m.BodyID, m.OnBehalfOfID}
		},
		columns: []column{
			{"id", func(r exportRow) any { return r.fact.(*graph.Membership).ID }},
			{"person_id", func(r exportRow) any { return r.fact.(*graph.Membership).PersonID }},
			{"person", func(r exportRow) any { return r.name(r.fact.(*graph.Membership).PersonID) }},
			{"body_id", func(r exportRow) any { return r.fact.(*graph.Membership).BodyID }},
			{"body", func(r exportRow) any { return r.name(r.fact.(*graph.Membership).BodyID) }},
			{"role", func(r exportRow) any { return r.fact.(*graph.Membership).Role }},
			{"on_behalf_of_id", func(r exportRow) any { return r.fact.(*graph.Membership).OnBehalfOfID }},
			{"on_behalf_of", func(r exportRow) any { return r.name(r.fact.(*graph.Membership).OnBehalfOfID) }},
			{"party", func(r exportRow) any { return r.fact.(*graph.Membership).Party }},
			{"title", func(r exportRow) any { return r.fact.(*graph.Membership).Title }},
			{"start_date", func(r exportRow) any { return r.fact.(*graph.Membership).StartDate }},
			{"end_date", func(r exportRow) any { return r.fact.(*graph.Membership).EndDate }},
			{"first_seen", func(r exportRow) any { return r.fact.(*graph.Membership).FirstSeen }},
			{"last_seen", func(r exportRow) any { return r.fact.(*graph.Membership).LastSeen }},
		},
	},
	"attendance": {
		kind: graph.KindAttendance,
		refs: func(f any) []string {
			a := f.(*graph.Attendance)
			return []string{a.PersonID, a.MeetingID, a.SubstituteForID}
		},
		columns: []column{
			{"id", func(r exportRow) any { return r.fact.(*graph.Attendance).ID }},
			{"meeting_id", func(r exportRow) any { return r.fact.(*graph.Attendance).MeetingID }},
			{"meeting_date", func(r exportRow) any { return r.name(r.fact.(*graph.Attendance).MeetingID) }},
			{"body_id", func(r exportRow) any {
				if m, ok := r.refs[r.fact.(*graph.Attendance).MeetingID].(*graph.Meeting); ok {
					return m.BodyID
				}
				return ""
			}},
			{"person_id", func(r exportRow) any { return r.fact.(*graph.Attendance).PersonID }},
			{"person", func(r exportRow) any { return r.name(r.fact.(*graph.Attendance).PersonID) }},
			{"status", func(r exportRow) any { return r.fact.(*graph.Attendance).Status }},
			{"substitute_for_id", func(r exportRow) any { return r.fact.(*graph.Attendance).SubstituteForID }},
			{"substitute_for", func(r exportRow) any { return r.name(r.fact.(*graph.Attendance).SubstituteForID) }},
			{"items", func(r exportRow) any { return r.fact.(*graph.Attendance).Items }},
			{"note", func(r exportRow) any { return r.fact.(*graph.Attendance).Note }},
		},
	},
	"initiatives": {
		kind: graph.KindInitiative,
		refs: func(f any) []string {
			i := f.(*graph.Initiative)
			return []string{i.OwnerID, i.ClusterID, i.ItemID}
		},
		columns: []column{
			{"id", func(r exportRow) any { return r.fact.(*graph.Initiative).ID }},
			{"name", func(r exportRow) any { return r.fact.(*graph.Initiative).Name }},
			{"amount_dkk", func(r exportRow) any { return r.fact.(*graph.Initiative).AmountDKK }},
			{"amount_applied_dkk", func(r exportRow) any { return r.fact.(*graph.Initiative).AmountAppliedDKK }},
			{"start_date", func(r exportRow) any { return r.fact.(*graph.Initiative).PeriodStart }},
			{"end_date", func(r exportRow) any { return r.fact.(*graph.Initiative).PeriodEnd }},
			{"owner_id", func(r exportRow) any { return r.fact.(*graph.Initiative).OwnerID }},
			{"owner", func(r exportRow) any {
				i := r.fact.(*graph.Initiative)
				if n := r.name(i.OwnerID); n != "" {
					return n
				}
				return i.OwnerName
			}},
			{"cluster_id", func(r exportRow) any { return r.fact.(*graph.Initiative).ClusterID }},
			{"cluster", func(r exportRow) any { return r.name(r.fact.(*graph.Initiative).ClusterID) }},
			{"agenda_item_id", func(r exportRow) any { return r.fact.(*graph.Initiative).ItemID }},
			{"agenda_item", func(r exportRow) any { return r.name(r.fact.(*graph.Initiative).ItemID) }},
		},
	},
}

// sourceColumns end every row: the documents, line ranges and first quote.
var sourceColumns = []column{
	{"source_documents", func(r exportRow) any {
		var names []string
		for _, s := range graph.SourcesOf(r.fact) {
			if len(names) == 0 || names[len(names)-1] != s.FileName {
				names = append(names, s.FileName)
			}
		}
		return strings.Join(names, "; ")
	}},
	{"source_lines", func(r exportRow) any {
		var parts []string
		for _, s := range graph.SourcesOf(r.fact) {
			parts = append(parts, fmt.Sprintf("%s:%d-%d", s.FileName, s.LineStart, s.LineEnd))
		}
		return strings.Join(parts, "; ")
	}},
	{"source_quote", func(r exportRow) any {
		if ss := graph.SourcesOf(r.fact); len(ss) > 0 {
			return ss[0].Quote
		}
		return ""
	}},
}

// export serves /export/{name}.{csv,json} and the network exports.
func (r *Resolver) export(w http.ResponseWriter, req *http.Request) {
	file := req.PathValue("file")
	if write, ok := networkExports[file]; ok {
		r.exportNetwork(w, req, write)
		return
	}
	ext := path.Ext(file)
	ex, ok := exports[strings.TrimSuffix(file, ext)]
	if !ok || (ext != ".csv" && ext != ".json") {
		writeError(w, graph.Errorf(graph.ErrNotFound, "no export %q; try people, memberships, attendance or initiatives with .csv or .json, or network.gexf, network.csv or network-nodes.csv", file), 0)
		return
	}
	cols := append(append([]column{}, ex.columns...), sourceColumns...)
	ctx := req.Context()

	var out rowWriter
	started := false
	start := func() {
		started = true
		if ext == ".csv" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			out = newCSVRows(w, cols, req.URL.Query().Get("bom") == "1")
		} else {
			w.Header().Set("Content-Type", "application/json")
			out = newJSONRows(w, cols)
		}
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", file))
		w.WriteHeader(http.StatusOK)
	}
	err := r.eachRow(ctx, ex, func(row exportRow) error {
		if !started {
			start()
		}
		return out.row(row)
	})
	if err != nil {
		if !started {
			writeError(w, err, 0)
			return
		}
		// The status is sent; cut the connection so that the client sees a
		// truncated download rather than a short, valid-looking file.
		r.logger.ErrorContext(ctx, "export failed midway", "export", file, "err", err)
		panic(http.ErrAbortHandler)
	}
	if !started {
		start()
	}
	if err := out.close(); err != nil {
		r.logger.WarnContext(ctx, "export write failed", "export", file, "err", err)
	}
}

// eachRow pages through every fact of the export's kind.
func (r *Resolver) eachRow(ctx context.Context, ex export, fn func(exportRow) error) error {
	page := graph.Page{First: r.cfg.MaxPageSize}
	for {
		res, err := r.store.List(ctx, ex.kind, graph.Filter{}, page)
		if err != nil {
			return err
		}
		facts, err := r.store.Get(ctx, res.IDs)
		if err != nil {
			return err
		}
		refIDs := map[string]bool{}
		for _, id := range res.IDs {
			if f, ok := facts[id]; ok {
				for _, ref := range ex.refs(f) {
					if ref != "" {
						refIDs[ref] = true
					}
				}
			}
		}
		refs := map[string]any{}
		if len(refIDs) > 0 {
			ids := make([]string, 0, len(refIDs))
			for id := range refIDs {
				ids = append(ids, id)
			}
			if refs, err = r.store.Get(ctx, ids); err != nil {
				return err
			}
		}
		for _, id := range res.IDs {
			if f, ok := facts[id]; ok {
				if err := fn(exportRow{fact: f, refs: refs}); err != nil {
					return err
				}
			}
		}
		if !res.HasNext || res.EndCursor == "" {
			return nil
		}
		page.After = res.EndCursor
	}
}

type rowWriter interface {
	row(exportRow) error
	close() error
}

type csvRows struct {
	w    *csv.Writer
	cols []column
	rec  []string
	n    int
}

func newCSVRows(w http.ResponseWriter, cols []column, bom bool) *csvRows {
	if bom {
		_, _ = w.Write([]byte("\ufeff"))
	}
	c := &csvRows{w: csv.NewWriter(w), cols: cols, rec: make([]string, len(cols))}
	for i, col := range cols {
		c.rec[i] = col.name
	}
	_ = c.w.Write(c.rec)
	return c
}

func (c *csvRows) row(r exportRow) error {
	for i, col := range c.cols {
		switch v := col.value(r).(type) {
		case string:
			c.rec[i] = v
		case *int64:
			c.rec[i] = ""
			if v != nil {
				c.rec[i] = strconv.FormatInt(*v, 10)
			}
		default:
			c.rec[i] = fmt.Sprint(v)
		}
	}
	if err := c.w.Write(c.rec); err != nil {
		return err
	}
	if c.n++; c.n%500 == 0 {
		c.w.Flush()
	}
	return c.w.Error()
}

func (c *csvRows) close() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonRows struct {
	w    http.ResponseWriter
	cols []column
	n    int
}

func newJSONRows(w http.ResponseWriter, cols []column) *jsonRows {
	_, _ = w.Write([]byte("[\n"))
	return &jsonRows{w: w, cols: cols}
}

func (j *jsonRows) row(r exportRow) error {
	var b strings.Builder
	if j.n > 0 {
		b.WriteString(",\n")
	}
	j.n++
	b.WriteByte('{')
	for i, col := range j.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(col.name)
		v, err := json.Marshal(col.value(r))
		if err != nil {
			return err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	_, err := j.w.Write([]byte(b.String()))
	return err
}

func (j *jsonRows) close() error {
	_, err := j.w.Write([]byte("\n]\n"))
	return err
}
