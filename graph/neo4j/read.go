package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Get returns merged facts and documents by ID, read in one statement so
// that a concurrent write is seen wholly or not at all.
func (s *Store) Get(ctx context.Context, ids []string) (map[string]any, error) {
	out := map[string]any{}
	var known []string
	for _, id := range ids {
		if graph.KindOf(id) != "" {
			known = append(known, id)
		}
	}
	if len(known) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, stmtGet, map[string]any{"ids": known})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id := r.str("id")
		if graph.KindOf(id) == graph.KindDocument {
			d, err := decodeDocument(r.str("json"))
			if err != nil {
				return nil, err
			}
			out[id] = d
			continue
		}
		f, err := decodeFact(id, []byte(r.str("json")))
		if err != nil {
			return nil, graph.Wrap(graph.ErrInternal, "corrupt fact in the graph database", err)
		}
		out[id] = f
	}
	return out, nil
}

func decodeDocument(s string) (*graph.Document, error) {
	var d graph.Document
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return nil, graph.Wrap(graph.ErrInternal, "corrupt document in the graph database", err)
	}
	return &d, nil
}

// filterParams turns a filter into list.cypher's and count.cypher's
// parameters. A RegionID filter on meetings and initiatives goes through
// their cluster, so it becomes the list of the region's clusters.
func (s *Store) filterParams(ctx context.Context, kind graph.Kind, f graph.Filter) (map[string]any, error) {
	if err := graph.CheckFilter(kind, f); err != nil {
		return nil, err
	}
	p := map[string]any{
		"kind":             string(kind),
		"origin":           nullIfEmpty(string(f.Origin)),
		"name":             nil,
		"subtype":          nullIfEmpty(f.Kind),
		"regionId":         nil,
		"regionClusterIds": nil,
		"clusterId":        nullIfEmpty(f.ClusterID),
		"bodyId":           nullIfEmpty(f.BodyID),
		"level":            nullIfEmpty(f.Level),
		"dateFrom":         nullIfEmpty(f.DateFrom),
		"dateTo":           nullIfEmpty(f.DateTo),
		"ownerId":          nullIfEmpty(f.OwnerID),
		"amountMin":        nil,
		"amountMax":        nil,
		"runningOn":        nullIfEmpty(f.RunningOn),
	}
	if f.NameContains != "" {
		p["name"] = graph.Fold(f.NameContains)
	}
	if f.AmountMin != nil {
		p["amountMin"] = *f.AmountMin
	}
	if f.AmountMax != nil {
		p["amountMax"] = *f.AmountMax
	}
	if f.RegionID != "" {
		if kind == graph.KindMeeting || kind == graph.KindInitiative {
			clusters, err := s.clustersOfRegion(ctx, f.RegionID)
			if err != nil {
				return nil, err
			}
			p["regionClusterIds"] = clusters
		} else {
			p["regionId"] = f.RegionID
		}
	}
	return p, nil
}

func (s *Store) clustersOfRegion(ctx context.Context, region string) ([]string, error) {
	recs, err := s.read(ctx, stmtClustersOfRegion, map[string]any{"kind": string(graph.KindCluster), "regionId": region})
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, r := range recs {
		ids = append(ids, r.str("id"))
	}
	return ids, nil
}

// clusterRegion answers graph.Matches's question from the region's
// clusters, the only clusters a RegionID filter can match.
func clusterRegion(region string, clusters []string) func(string) string {
	return func(c string) string {
		if slices.Contains(clusters, c) {
			return region
		}
		return ""
	}
}

// List returns one page of IDs of a kind in sort order (list), or in
// reverse below the cursor if p.Desc (list_desc). The filter runs in
// Cypher; graph.Matches checks every row again, so the answer is the shared
// semantics' even where the Cypher filter were wider.
func (s *Store) List(ctx context.Context, kind graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	params, err := s.filterParams(ctx, kind, f)
	if err != nil {
		return graph.PageResult{}, err
	}
	var cursor any
	if p.After != "" {
		a, err := graph.DecodeCursor(p.After)
		if err != nil {
			return graph.PageResult{}, err
		}
		cursor = a
	}
	clusters, _ := params["regionClusterIds"].([]string)
	matches := clusterRegion(f.RegionID, clusters)
	n := graph.PageSize(p.First)
	res := graph.PageResult{IDs: []string{}}
	st, cursorParam := stmtList, "after"
	if p.Desc {
		st, cursorParam = stmtListDesc, "before"
	}
	var lastKey string
	for {
		params[cursorParam] = cursor
		params["limit"] = n + 1
		recs, err := s.read(ctx, st, params)
		if err != nil {
			return graph.PageResult{}, err
		}
		for _, r := range recs {
			fact, err := decodeFact(r.str("id"), []byte(r.str("json")))
			if err != nil {
				return graph.PageResult{}, graph.Wrap(graph.ErrInternal, "corrupt fact in the graph database", err)
			}
			cursor = r.str("sortKey")
			if !graph.Matches(fact, f, matches) {
				continue
			}
			if len(res.IDs) == n {
				res.HasNext = true
				break
			}
			res.IDs = append(res.IDs, r.str("id"))
			lastKey = r.str("sortKey")
		}
		if res.HasNext || len(recs) < n+1 {
			break
		}
	}
	if len(res.IDs) > 0 {
		res.EndCursor = graph.EncodeCursor(lastKey)
	}
	return res, nil
}

// Count returns how many facts of a kind match the filter.
func (s *Store) Count(ctx context.Context, kind graph.Kind, f graph.Filter) (int, error) {
	params, err := s.filterParams(ctx, kind, f)
	if err != nil {
		return 0, err
	}
	recs, err := s.read(ctx, stmtCount, params)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	return recs[0].int("n"), nil
}

// Related follows the structural relationships (and, for
// RelFactsOfDocument, the contributions) from each ID.
func (s *Store) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	type hit struct{ to, key string }
	var recs []record
	var err error
	switch rt, ok := relTypes[rel]; {
	case rel == graph.RelFactsOfDocument:
		recs, err = s.read(ctx, stmtFactsOfDocument, map[string]any{"ids": ids})
	case !ok:
		return nil, graph.Errorf(graph.ErrInvalid, "unknown relation %q", rel)
	case rt.FromDocument:
		recs, err = s.read(ctx, stmtRelatedOfDocument, map[string]any{"ids": ids, "rel": string(rel)})
	default:
		recs, err = s.read(ctx, stmtRelated, map[string]any{"ids": ids, "rel": string(rel)})
	}
	if err != nil {
		return nil, err
	}
	hits := map[string][]hit{}
	for _, r := range recs {
		key := r.str("sortKey")
		if rel == graph.RelFactsOfDocument {
			// Kinds in graph.Kinds order, then sort key.
			key = string(rune('A'+slices.Index(graph.Kinds, graph.Kind(r.str("kind"))))) + key
		}
		from := r.str("from")
		h := hit{r.str("to"), key}
		if !slices.Contains(hits[from], h) {
			hits[from] = append(hits[from], h)
		}
	}
	for from, hs := range hits {
		slices.SortFunc(hs, func(a, b hit) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.to, b.to)) })
		for _, h := range hs {
			out[from] = append(out[from], h.to)
		}
	}
	return out, nil
}

// Search finds candidates whose search text contains the query's longest
// word, then ranks them with graph.Score and graph.RankHits.
func (s *Store) Search(ctx context.Context, text string, kinds []graph.Kind, limit int) ([]graph.SearchHit, error) {
	q := graph.Fold(text)
	words := strings.Fields(q)
	hits := []graph.SearchHit{}
	if len(words) == 0 {
		return hits, nil
	}
	if len(kinds) == 0 {
		kinds = graph.SearchKinds
	}
	ks := []string{}
	for _, k := range kinds {
		if _, ok := graph.IDPrefix[k]; !ok || k == graph.KindDocument {
			return nil, graph.Errorf(graph.ErrInvalid, "cannot search facts of kind %q", k)
		}
		if !slices.Contains(ks, string(k)) {
			ks = append(ks, string(k))
		}
	}
	longest := slices.MaxFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	recs, err := s.read(ctx, stmtSearch, map[string]any{"kinds": ks, "word": longest})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		f, err := decodeFact(r.str("id"), []byte(r.str("json")))
		if err != nil {
			return nil, graph.Wrap(graph.ErrInternal, "corrupt fact in the graph database", err)
		}
		if score, snippet := graph.Score(f, q); score > 0 {
			hits = append(hits, graph.SearchHit{ID: r.str("id"), Kind: graph.Kind(r.str("kind")), Score: score, Snippet: snippet})
		}
	}
	return graph.RankHits(hits, limit), nil
}

// Stats counts documents, merged facts per kind and contributions, in one
// statement so that the counts belong to one state of the graph.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Facts: map[graph.Kind]int{}}
	for _, k := range graph.Kinds {
		st.Facts[k] = 0
	}
	recs, err := s.read(ctx, stmtStats, nil)
	if err != nil {
		return st, err
	}
	// One row per document and merged fact; a fact's ID prefix is its kind
	// and it counts the documents that contribute to it. Counting in Go
	// from one node scan keeps the answer to one state of the graph where
	// the server has no statement-level snapshot (NornicDB).
	for _, r := range recs {
		switch k := graph.KindOf(r.str("id")); k {
		case graph.KindDocument:
			st.Documents++
		case "":
		default:
			st.Facts[k]++
			st.Contributions += r.int("contributions")
		}
	}
	return st, nil
}

// Documents lists every loaded document in graph.DocumentCompare order.
func (s *Store) Documents(ctx context.Context) ([]graph.Document, error) {
	recs, err := s.read(ctx, stmtDocuments, nil)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Document, 0, len(recs))
	for _, r := range recs {
		d, err := decodeDocument(r.str("json"))
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	slices.SortFunc(out, graph.DocumentCompare)
	return out, nil
}
