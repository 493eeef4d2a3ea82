package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// ReplaceDocument writes a document's facts in one managed write
// transaction; see graph.Store.
func (s *Store) ReplaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	contrib, err := contributionsOf(facts)
	if err != nil {
		return graph.WriteResult{}, err
	}
	doc := facts.Document
	if doc.LoadedAt.IsZero() {
		doc.LoadedAt = time.Now().UTC().Truncate(time.Millisecond)
	}
	v, err := s.write(ctx, "write document "+doc.ID, func(tx neo4j.ManagedTransaction) (any, error) {
		return replace(ctx, tx, doc.ID, &doc, contrib)
	})
	if err != nil {
		return graph.WriteResult{}, err
	}
	return v.(graph.WriteResult), nil
}

// DeleteDocument removes a document and its contributions.
func (s *Store) DeleteDocument(ctx context.Context, id string) (bool, error) {
	v, err := s.write(ctx, "delete document "+id, func(tx neo4j.ManagedTransaction) (any, error) {
		return replace(ctx, tx, id, nil, nil)
	})
	if err != nil {
		return false, err
	}
	return v.(graph.WriteResult).Replaced, nil
}

// contribRow is one document's contribution to one fact: every record of
// the fact in the document, in document order.
type contribRow struct {
	id      string
	kind    graph.Kind
	records []any
}

// contributionsOf validates a document's facts and groups them by ID.
func contributionsOf(facts *graph.DocumentFacts) ([]contribRow, error) {
	if facts == nil {
		return nil, graph.Errorf(graph.ErrInvalid, "no document given")
	}
	d := facts.Document
	if graph.KindOf(d.ID) != graph.KindDocument {
		return nil, graph.Errorf(graph.ErrInvalid, "document ID %q does not start with %q", d.ID, graph.IDPrefix[graph.KindDocument])
	}
	var rows []contribRow
	index := map[string]int{}
	for _, k := range graph.Kinds {
		var err error
		forEachFact(facts, k, func(f any) {
			id := graph.IDOf(f)
			if err == nil && graph.KindOf(id) != k {
				err = graph.Errorf(graph.ErrInvalid, "%s fact has ID %q without the prefix %q", k, id, graph.IDPrefix[k])
			}
			if i, ok := index[id]; ok {
				rows[i].records = append(rows[i].records, f)
				return
			}
			index[id] = len(rows)
			rows = append(rows, contribRow{id: id, kind: k, records: []any{f}})
		})
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// edgeKey is one structural relationship, owned by the fact whose
// graph.Edges lists it.
type edgeKey struct {
	owner string
	graph.Edge
}

// replace is the body of ReplaceDocument (doc != nil) and DeleteDocument
// (doc == nil). It reads everything it needs inside the transaction, so a
// retry recomputes it from scratch.
func replace(ctx context.Context, tx neo4j.ManagedTransaction, docID string, doc *graph.Document, contrib []contribRow) (graph.WriteResult, error) {
	res := graph.WriteResult{DocumentID: docID, Facts: len(contrib)}
	recs, err := txRun(ctx, tx, stmtDocumentSHA, map[string]any{"id": docID})
	if err != nil {
		return res, err
	}
	found := len(recs) > 0
	if doc != nil && found && recs[0].str("sha256") == doc.SHA256 {
		res.Unchanged = true
		return res, nil
	}
	res.Replaced = found
	if doc == nil && !found {
		return res, nil
	}

	// The facts the old version touched, then drop its contributions.
	recs, err = txRun(ctx, tx, stmtDocumentFactIDs, map[string]any{"id": docID})
	if err != nil {
		return res, err
	}
	touched := map[string]bool{}
	for _, r := range recs {
		touched[r.str("id")] = true
	}
	if _, err := txRun(ctx, tx, stmtDocumentUnsource, map[string]any{"id": docID}); err != nil {
		return res, err
	}

	// The new version: the document, then one contribution per fact.
	if doc != nil {
		dj, err := json.Marshal(doc)
		if err != nil {
			return res, err
		}
		if _, err := txRun(ctx, tx, stmtDocumentUpsert, map[string]any{
			"id": doc.ID, "json": string(dj), "sha256": doc.SHA256, "fileName": doc.FileName,
			"kind": doc.Kind, "origin": string(doc.Origin), "date": nullIfEmpty(doc.Date), "sortKey": graph.SortKey(doc),
		}); err != nil {
			return res, err
		}
		rows := make([]any, 0, len(contrib))
		for _, c := range contrib {
			b, err := json.Marshal(c.records)
			if err != nil {
				return res, err
			}
			rows = append(rows, map[string]any{"id": c.id, "json": string(b)})
			touched[c.id] = true
		}
		if len(rows) > 0 {
			// Nodes first (a new fact starts as a stub until
			// fact_set_<kind> labels it), then the contributions.
			if _, err := txRun(ctx, tx, stmtStubsMerge, map[string]any{"rows": rows}); err != nil {
				return res, err
			}
			if _, err := txRun(ctx, tx, stmtContribute, map[string]any{"rows": rows, "documentId": doc.ID}); err != nil {
				return res, err
			}
		}
	}

	ids := sortedKeys(touched)
	merged, err := mergedFacts(ctx, tx, ids)
	if err != nil {
		return res, err
	}

	// Set the merged facts' properties, kind by kind; retire the rest.
	byKind := map[graph.Kind][]any{}
	var retired []string
	for _, id := range ids {
		f, ok := merged[id]
		if !ok {
			retired = append(retired, id)
			continue
		}
		row, err := factRow(f.fact, f.documents)
		if err != nil {
			return res, err
		}
		k := graph.KindOf(id)
		byKind[k] = append(byKind[k], row)
	}
	for _, k := range graph.Kinds {
		if len(byKind[k]) > 0 {
			if _, err := txRun(ctx, tx, factSet[k], map[string]any{"rows": byKind[k]}); err != nil {
				return res, err
			}
		}
	}
	if len(retired) > 0 {
		if _, err := txRun(ctx, tx, stmtFactRetire, map[string]any{"ids": retired}); err != nil {
			return res, err
		}
	}

	// Structural relationships: compare what the touched facts own with
	// what their merged form says, and change only the difference.
	if err := syncEdges(ctx, tx, ids, merged); err != nil {
		return res, err
	}
	if doc == nil {
		if _, err := txRun(ctx, tx, stmtDocumentDelete, map[string]any{"id": docID}); err != nil {
			return res, err
		}
	}
	if _, err := txRun(ctx, tx, stmtStubsCleanup, nil); err != nil {
		return res, err
	}
	return res, nil
}

// mergedFacts reads every contribution to the given facts and merges them.
// Facts without contributions are absent.
func mergedFacts(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]mergedFact, error) {
	out := map[string]mergedFact{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := txRun(ctx, tx, stmtContributions, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	contribs := map[string][]graph.Contribution{}
	docs := map[string]int{}
	for _, r := range recs {
		id := r.str("id")
		docs[id]++
		cs, err := decodeContribution(id, r.str("json"), r.str("document"))
		if err != nil {
			return nil, err
		}
		contribs[id] = append(contribs[id], cs...)
	}
	for id, cs := range contribs {
		f := graph.Merge(cs)
		graph.Normalize(f)
		out[id] = mergedFact{fact: f, documents: docs[id]}
	}
	return out, nil
}

// mergedFact is a fact as read and the number of documents contributing.
type mergedFact struct {
	fact      any
	documents int
}

func decodeContribution(id, factsJSON, docJSON string) ([]graph.Contribution, error) {
	var doc graph.Document
	if err := json.Unmarshal([]byte(docJSON), &doc); err != nil {
		return nil, fmt.Errorf("decode document of %s: %w", id, err)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal([]byte(factsJSON), &raws); err != nil {
		return nil, fmt.Errorf("decode contribution to %s: %w", id, err)
	}
	var out []graph.Contribution
	for _, raw := range raws {
		f, err := decodeFact(id, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, graph.Contribution{Document: doc, Fact: f})
	}
	return out, nil
}

// decodeFact decodes a fact's JSON into the type its ID names.
func decodeFact(id string, raw []byte) (any, error) {
	f := newFact(graph.KindOf(id))
	if f == nil {
		return nil, fmt.Errorf("fact %q has no known kind", id)
	}
	if err := json.Unmarshal(raw, f); err != nil {
		return nil, fmt.Errorf("decode fact %s: %w", id, err)
	}
	return f, nil
}

func syncEdges(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, merged map[string]mergedFact) error {
	want := map[edgeKey]bool{}
	for _, id := range ids {
		if f, ok := merged[id]; ok {
			for _, e := range graph.Edges(f.fact) {
				if _, ok := relTypes[e.Rel]; ok {
					want[edgeKey{id, e}] = true
				}
			}
		}
	}
	recs, err := txRun(ctx, tx, stmtEdgesOwned, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	have := map[edgeKey]bool{}
	for _, r := range recs {
		have[edgeKey{r.str("owner"), graph.Edge{Rel: graph.Relation(r.str("rel")), FromID: r.str("from"), ToID: r.str("to")}}] = true
	}
	var del []any
	for _, k := range sortedEdges(have) {
		if !want[k] {
			del = append(del, edgeRow(k))
		}
	}
	if len(del) > 0 {
		if _, err := txRun(ctx, tx, stmtEdgeDelete, map[string]any{"rows": del}); err != nil {
			return err
		}
	}
	add := map[graph.Relation][]any{}
	ends := map[string]bool{}
	for _, k := range sortedEdges(want) {
		if have[k] {
			continue
		}
		rt := relTypes[k.Rel]
		row := edgeRow(k)
		row["start"], row["end"] = k.FromID, k.ToID
		if rt.Reverse {
			row["start"], row["end"] = k.ToID, k.FromID
		}
		add[k.Rel] = append(add[k.Rel], row)
		// The far end may not exist (yet): a stub node holds the
		// relationship until a document writes the fact.
		if !rt.FromDocument {
			ends[k.FromID] = true
		}
		ends[k.ToID] = true
	}
	if len(ends) > 0 {
		// MERGE only the ends that do not exist: NornicDB's MERGE does not
		// see nodes created earlier in the same transaction and then fails
		// the commit on the uniqueness constraint; MATCH does see them.
		recs, err := txRun(ctx, tx, stmtFactsExisting, map[string]any{"ids": sortedKeys(ends)})
		if err != nil {
			return err
		}
		for _, r := range recs {
			delete(ends, r.str("id"))
		}
	}
	if len(ends) > 0 {
		var rows []any
		for _, id := range sortedKeys(ends) {
			rows = append(rows, map[string]any{"id": id})
		}
		if _, err := txRun(ctx, tx, stmtStubsMerge, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	for _, rel := range graph.Relations {
		if len(add[rel]) > 0 {
			if _, err := txRun(ctx, tx, edgeCreate[rel], map[string]any{"rows": add[rel]}); err != nil {
				return err
			}
		}
	}
	return nil
}

func edgeRow(k edgeKey) map[string]any {
	return map[string]any{"owner": k.owner, "rel": string(k.Rel), "from": k.FromID, "to": k.ToID}
}

func sortedEdges(m map[edgeKey]bool) []edgeKey {
	out := make([]edgeKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b edgeKey) int {
		return cmp.Or(cmp.Compare(a.owner, b.owner), cmp.Compare(a.Rel, b.Rel), cmp.Compare(a.FromID, b.FromID), cmp.Compare(a.ToID, b.ToID))
	})
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// factRow returns the properties fact_set_<kind> writes for a merged fact:
// the fact as JSON, its sort key and search text, the number of documents
// contributing (for Stats), and the scalar properties List and Count filter
// on (null where they do not apply).
func factRow(f any, documents int) (map[string]any, error) {
	b, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range graph.NameTexts(f) {
		names = append(names, graph.Fold(n))
	}
	var origins []string
	for _, s := range graph.SourcesOf(f) {
		if !slices.Contains(origins, string(s.Origin)) {
			origins = append(origins, string(s.Origin))
		}
	}
	slices.Sort(origins)
	id := graph.IDOf(f)
	row := map[string]any{
		"id": id, "kind": string(graph.KindOf(id)), "json": string(b),
		"sortKey": graph.SortKey(f), "searchText": graph.SearchText(f),
		"name": nullIfEmpty(graph.NameOf(f)), "names": strings.Join(names, "\n"),
		"origins": origins, "contributions": documents,
	}
	for _, p := range factProps {
		if _, ok := row[p]; !ok {
			row[p] = nil
		}
	}
	cluster := func(c string) {
		row["clusterId"] = nullIfEmpty(c)
		if c != "" {
			row["clusterIds"] = []string{c}
		}
	}
	switch x := f.(type) {
	case *graph.Municipality:
		row["regionId"] = nullIfEmpty(x.RegionID)
		if len(x.ClusterIDs) > 0 {
			row["clusterIds"] = x.ClusterIDs
		}
	case *graph.Cluster:
		row["regionId"] = nullIfEmpty(x.RegionID)
	case *graph.HealthCouncil:
		row["regionId"] = nullIfEmpty(x.RegionID)
	case *graph.Organisation:
		row["subtype"] = nullIfEmpty(x.Kind)
	case *graph.Body:
		row["subtype"] = nullIfEmpty(x.Kind)
		row["level"] = nullIfEmpty(x.Level)
		cluster(x.ClusterID)
	case *graph.Meeting:
		row["level"] = nullIfEmpty(x.Level)
		row["bodyId"] = nullIfEmpty(x.BodyID)
		row["date"] = nullIfEmpty(x.Date)
		cluster(x.ClusterID)
	case *graph.Initiative:
		row["ownerId"] = nullIfEmpty(x.OwnerID)
		row["periodStart"] = nullIfEmpty(x.PeriodStart)
		row["periodEnd"] = nullIfEmpty(x.PeriodEnd)
		if x.AmountDKK != nil {
			row["amountDkk"] = *x.AmountDKK
		}
		cluster(x.ClusterID)
	case *graph.Link:
		row["subtype"] = nullIfEmpty(x.Type)
	}
	return row, nil
}

// newFact returns a pointer to a zero fact of a kind, nil for an unknown
// kind.
func newFact(k graph.Kind) any {
	switch k {
	case graph.KindRegion:
		return new(graph.Region)
	case graph.KindMunicipality:
		return new(graph.Municipality)
	case graph.KindCluster:
		return new(graph.Cluster)
	case graph.KindHealthCouncil:
		return new(graph.HealthCouncil)
	case graph.KindOrganisation:
		return new(graph.Organisation)
	case graph.KindPerson:
		return new(graph.Person)
	case graph.KindBody:
		return new(graph.Body)
	case graph.KindMeeting:
		return new(graph.Meeting)
	case graph.KindAgendaItem:
		return new(graph.AgendaItem)
	case graph.KindInitiative:
		return new(graph.Initiative)
	case graph.KindMembership:
		return new(graph.Membership)
	case graph.KindAttendance:
		return new(graph.Attendance)
	case graph.KindLink:
		return new(graph.Link)
	case graph.KindDocument:
		return new(graph.Document)
	}
	return nil
}

// forEachFact calls fn with a pointer to every fact of kind k in d, in
// order.
func forEachFact(d *graph.DocumentFacts, k graph.Kind, fn func(any)) {
	each := func(n int, at func(int) any) {
		for i := range n {
			fn(at(i))
		}
	}
	switch k {
	case graph.KindRegion:
		each(len(d.Regions), func(i int) any { return &d.Regions[i] })
	case graph.KindMunicipality:
		each(len(d.Municipalities), func(i int) any { return &d.Municipalities[i] })
	case graph.KindCluster:
		each(len(d.Clusters), func(i int) any { return &d.Clusters[i] })
	case graph.KindHealthCouncil:
		each(len(d.HealthCouncils), func(i int) any { return &d.HealthCouncils[i] })
	case graph.KindOrganisation:
		each(len(d.Organisations), func(i int) any { return &d.Organisations[i] })
	case graph.KindPerson:
		each(len(d.People), func(i int) any { return &d.People[i] })
	case graph.KindBody:
		each(len(d.Bodies), func(i int) any { return &d.Bodies[i] })
	case graph.KindMeeting:
		each(len(d.Meetings), func(i int) any { return &d.Meetings[i] })
	case graph.KindAgendaItem:
		each(len(d.AgendaItems), func(i int) any { return &d.AgendaItems[i] })
	case graph.KindInitiative:
		each(len(d.Initiatives), func(i int) any { return &d.Initiatives[i] })
	case graph.KindMembership:
		each(len(d.Memberships), func(i int) any { return &d.Memberships[i] })
	case graph.KindAttendance:
		each(len(d.Attendance), func(i int) any { return &d.Attendance[i] })
	case graph.KindLink:
		each(len(d.Links), func(i int) any { return &d.Links[i] })
	}
}
