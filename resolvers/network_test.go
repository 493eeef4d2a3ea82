package resolvers

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
)

// End-to-end checks of issue 5's networks through the HTTP handler on the
// sample corpus.

type idOnly struct{ ID string }

func ids(xs []idOnly) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.ID
	}
	return out
}

type brokerResult struct {
	ID, Label       string
	SeveralClusters bool
	Clusters        []idOnly
	LinkedClusters  []idOnly
	Why             []string
}

func brokerByID(bs []brokerResult, id string) *brokerResult {
	for i := range bs {
		if bs[i].ID == id {
			return &bs[i]
		}
	}
	return nil
}

const brokersQuery = `query($kind: NetworkKind) {
  brokers(kind: $kind) { id label severalClusters clusters { id } linkedClusters { id } why }
}`

// Issue 5: Bo Libergren links Lillebælt and Sønderjylland, as a broker of
// the co-membership network and through the clusters of his seats.
func TestNetworkBoLibergrenLinksLillebaeltAndSoenderjylland(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Brokers []brokerResult
		Network struct {
			Node *struct {
				Label    string
				Degree   int
				Clusters []idOnly
			}
		}
	}
	query(t, h, `{
	  brokers(kind: CO_MEMBERSHIP) { id label severalClusters clusters { id } linkedClusters { id } why }
	  network(kind: CO_MEMBERSHIP) { node(id: "person:bo-libergren") { label degree clusters { id } } }
	}`, nil, &out)
	b := brokerByID(out.Brokers, "person:bo-libergren")
	if b == nil {
		t.Fatalf("Bo Libergren is not among the %d brokers", len(out.Brokers))
	}
	for _, c := range []string{lillebaelt, soenderjylland} {
		if !slices.Contains(ids(b.LinkedClusters), c) || !slices.Contains(ids(b.Clusters), c) {
			t.Errorf("Bo Libergren should sit in and link %s: %+v", c, b)
		}
	}
	if !b.SeveralClusters || b.Label != "Bo Libergren" || len(b.Why) == 0 || !strings.Contains(b.Why[0], "Lillebælt") {
		t.Errorf("broker = %+v", b)
	}
	nd := out.Network.Node
	if nd == nil || nd.Degree == 0 || !slices.Equal(ids(nd.Clusters), []string{lillebaelt, soenderjylland}) {
		t.Errorf("Bo Libergren in the network: %+v", nd)
	}
}

// Issue 5: Vejen Kommune links Lillebælt and Sydvestjylland in the
// organisation co-sitting network.
func TestNetworkVejenLinksLillebaeltAndSydvestjylland(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct{ Brokers []brokerResult }
	query(t, h, brokersQuery, map[string]any{"kind": "ORG_CO_SITTING"}, &out)
	b := brokerByID(out.Brokers, "org:municipality:575")
	if b == nil {
		t.Fatalf("Vejen Kommune is not a broker of the org co-sitting network: %+v", out.Brokers)
	}
	linked := ids(b.LinkedClusters)
	if b.Label != "Vejen Kommune" || !slices.Contains(linked, lillebaelt) || !slices.Contains(linked, "cluster:SD-SYDVESTJYLLAND") {
		t.Errorf("Vejen = %+v", b)
	}
}

// Issue 5: no path from Stephanie Lose to Mads Duedahl in the
// co-membership network: found false with a reason, and no error.
func TestNetworkNoPathLoseToDuedahl(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	type step struct {
		FromID, ToID, FromLabel, ToLabel string
		From                             *struct{ Name string }
		Bodies                           []idOnly
		Meetings                         []struct{ Date string }
	}
	type path struct {
		Kind   string
		Found  bool
		Hops   int
		Reason *string
		From   *struct{ ID, Name string }
		Steps  []step
	}
	var out struct{ None, Some path }
	q := `query {
	  none: path(from: "person:stephanie-lose", to: "person:mads-duedahl", kind: CO_MEMBERSHIP) {
	    kind found hops reason from { id ... on Person { name } } steps { fromId toId } }
	  some: path(from: "person:stephanie-lose", to: "person:kim-agerholm-brogaard") {
	    kind found hops reason steps { fromId toId fromLabel toLabel from { ... on Person { name } } bodies { id } meetings { date } } }
	}`
	r := post(t, h, map[string]any{"query": q})
	if len(r.Errors) > 0 {
		t.Fatalf("a missing path must not be an error: %+v", r.Errors)
	}
	query(t, h, q, nil, &out)
	if n := out.None; n.Found || n.Reason == nil || *n.Reason != "NOT_CONNECTED" || len(n.Steps) != 0 || n.Kind != "CO_MEMBERSHIP" ||
		n.From == nil || n.From.Name != "Stephanie Lose" {
		t.Errorf("Lose → Duedahl = %+v, want found=false, reason NOT_CONNECTED", n)
	}
	s := out.Some
	if !s.Found || s.Reason != nil || s.Hops != 2 || len(s.Steps) != 2 {
		t.Fatalf("Lose → Brogaard = %+v", s)
	}
	if s.Steps[0].FromID != "person:stephanie-lose" || s.Steps[1].ToID != "person:kim-agerholm-brogaard" || s.Steps[0].ToID != s.Steps[1].FromID ||
		s.Steps[0].From == nil || s.Steps[0].From.Name != "Stephanie Lose" {
		t.Errorf("steps = %+v", s.Steps)
	}
	if !slices.Contains(ids(s.Steps[0].Bodies), "body:cluster:SD-LILLEBAELT:political") ||
		!slices.Contains(ids(s.Steps[1].Bodies), "body:cluster:SD-SONDERJYLLAND:political") {
		t.Errorf("the steps should go through Lillebælt's and Sønderjylland's political levels: %+v", s.Steps)
	}
	if len(s.Steps[1].Meetings) == 0 || s.Steps[1].Meetings[0].Date != "2024-06-19" {
		t.Errorf("the second step should name the Sønderjylland meeting both attended: %+v", s.Steps[1])
	}
	// An ID of the wrong kind is the client's mistake.
	r = post(t, h, map[string]any{"query": `{ path(from: "cluster:N-SYD", to: "person:mads-duedahl") { found } }`})
	if !slices.Equal(r.codes(), []string{CodeBadUserInput}) {
		t.Errorf("path from a cluster: codes %v", r.codes())
	}
}

// The network's nodes carry their measures, edges their bodies, and the
// rankings, communities and orders agree with each other.
func TestNetworkMeasuresRankingsAndCommunities(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	type node struct {
		ID, Kind, Label string
		Degree          int
		WeightedDegree  float64
		Betweenness     float64
		PageRank        float64
		Community       int
	}
	var out struct {
		Network struct {
			Kind                 string
			NodeCount, EdgeCount int
			Modularity           float64
			Nodes                []node
			ByBetweenness        []node
			Edges                []struct {
				From, To string
				Weight   float64
				Via      []string
				Bodies   []idOnly
				FromNode *struct{ ID string }
			}
			Rank        []node
			Communities []struct {
				ID, Size int
				Nodes    []struct{ ID string }
			}
			Clusters []idOnly
		}
		Rank []node
	}
	query(t, h, `{
	  network(kind: CO_MEMBERSHIP, region: "region:1083") {
	    kind nodeCount edgeCount modularity
	    nodes { id kind label degree weightedDegree betweenness pageRank community }
	    byBetweenness: nodes(orderBy: {field: BETWEENNESS, direction: DESC}, first: 5) { id betweenness label }
	    edges { from to weight via bodies { id } fromNode { id } }
	    rank(by: PAGERANK, first: 5) { id pageRank label }
	    communities { id size nodes { id } }
	    clusters { id }
	  }
	  rank(by: PAGERANK, first: 5, within: {region: "region:1083"}) { id pageRank label }
	}`, nil, &out)
	n := out.Network
	if n.Kind != "CO_MEMBERSHIP" || n.NodeCount == 0 || n.NodeCount != len(n.Nodes) || n.EdgeCount != len(n.Edges) || n.Modularity <= 0 {
		t.Fatalf("network: kind %s, %d nodes (%d listed), %d edges (%d listed), modularity %v",
			n.Kind, n.NodeCount, len(n.Nodes), n.EdgeCount, len(n.Edges), n.Modularity)
	}
	for _, c := range []string{lillebaelt, soenderjylland, "cluster:SD-SYDVESTJYLLAND"} {
		if !slices.Contains(ids(n.Clusters), c) {
			t.Errorf("the network of Region Syddanmark names %v, not %s", ids(n.Clusters), c)
		}
	}
	for _, c := range ids(n.Clusters) {
		if !strings.HasPrefix(c, "cluster:SD-") {
			t.Errorf("the network of Region Syddanmark names %s", c)
		}
	}
	degree := map[string]int{}
	for _, e := range n.Edges {
		degree[e.From]++
		degree[e.To]++
		if e.From >= e.To || e.Weight != float64(len(e.Via)) || len(e.Bodies) != len(e.Via) || e.FromNode == nil || e.FromNode.ID != e.From {
			t.Errorf("edge %+v: want from < to, weight = shared bodies, the bodies resolved", e)
			break
		}
	}
	inCommunities := 0
	for _, c := range n.Communities {
		inCommunities += c.Size
		if c.Size != len(c.Nodes) {
			t.Errorf("community %d: size %d, %d nodes", c.ID, c.Size, len(c.Nodes))
		}
	}
	if inCommunities != n.NodeCount {
		t.Errorf("communities hold %d nodes of %d", inCommunities, n.NodeCount)
	}
	for _, nd := range n.Nodes {
		if nd.Kind != "PERSON" || nd.Degree != degree[nd.ID] || nd.PageRank <= 0 {
			t.Errorf("node %+v: kind PERSON, degree %d from the edges, positive PageRank", nd, degree[nd.ID])
			break
		}
	}
	if len(n.Rank) != 5 || !slices.IsSortedFunc(n.Rank, func(a, b node) int { return -cmpFloat(a.PageRank, b.PageRank) }) {
		t.Errorf("rank by PageRank = %+v", n.Rank)
	}
	if len(n.ByBetweenness) != 5 || !slices.IsSortedFunc(n.ByBetweenness, func(a, b node) int { return -cmpFloat(a.Betweenness, b.Betweenness) }) {
		t.Errorf("nodes by betweenness, descending = %+v", n.ByBetweenness)
	}
	if len(out.Rank) != 5 || out.Rank[0].ID != n.Rank[0].ID {
		t.Errorf("root rank %+v and the network's rank %+v differ", out.Rank, n.Rank)
	}
	// Bad arguments are the client's mistake.
	for _, q := range []string{
		`{ network(kind: CO_MEMBERSHIP, from: "2025-01-01", to: "2024-01-01") { nodeCount } }`,
		`{ network(kind: CO_MEMBERSHIP, cluster: "region:1083") { nodeCount } }`,
		`{ network(kind: CO_MEMBERSHIP) { nodes(first: -1) { id } } }`,
	} {
		if r := post(t, h, map[string]any{"query": q}); !slices.Equal(r.codes(), []string{CodeBadUserInput}) {
			t.Errorf("%s: codes %v, want BAD_USER_INPUT", q, r.codes())
		}
	}
	if r := post(t, h, map[string]any{"query": `{ network(kind: CO_MEMBERSHIP, cluster: "cluster:NOPE") { nodeCount } }`}); !slices.Equal(r.codes(), []string{CodeNotFound}) {
		t.Errorf("unknown cluster: codes %v, want NOT_FOUND", r.codes())
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Co-attendance in a date window keeps only the meetings in it.
func TestNetworkCoAttendanceWindow(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		All, Window struct {
			NodeCount int
			Edges     []struct{ Meetings []struct{ Date string } }
		}
	}
	query(t, h, `{
	  all: network(kind: CO_ATTENDANCE) { nodeCount edges { meetings { date } } }
	  window: network(kind: CO_ATTENDANCE, from: "2024-06-19", to: "2024-06-19") { nodeCount edges { meetings { date } } }
	}`, nil, &out)
	if out.Window.NodeCount == 0 || out.Window.NodeCount >= out.All.NodeCount {
		t.Fatalf("window has %d nodes of %d", out.Window.NodeCount, out.All.NodeCount)
	}
	for _, e := range out.Window.Edges {
		if len(e.Meetings) == 0 || e.Meetings[0].Date != "2024-06-19" {
			t.Fatalf("edge outside the window: %+v", e)
		}
	}
}

// A network is built once per request, whatever the number of fields
// that ask for it: the second query makes exactly as many store calls as
// the first.
func TestNetworkBuiltOncePerRequest(t *testing.T) {
	calls := func(q string) int64 {
		cs := &countingStore{Store: sample(t)}
		h := newTestHandler(t, cs, Config{LoaderWait: 50 * time.Millisecond})
		query(t, h, q, nil, nil)
		return cs.calls.Load()
	}
	one := calls(`{ network(kind: ORG_CO_SITTING) { nodeCount } }`)
	many := calls(`{
	  network(kind: ORG_CO_SITTING) { nodeCount rank(by: BETWEENNESS) { id } }
	  again: network(kind: ORG_CO_SITTING) { edgeCount }
	  rank(by: DEGREE, kind: ORG_CO_SITTING) { id }
	  brokers(kind: ORG_CO_SITTING) { id }
	  communities(kind: ORG_CO_SITTING) { id }
	}`)
	if one == 0 || many != one {
		t.Errorf("store calls: %d for one network field, %d for five fields on the same network; want equal", one, many)
	}
}

func TestNetworkComplexityCost(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{MaxComplexity: networkCost})
	if r := post(t, h, map[string]any{"query": `{ a: network(kind: CO_MEMBERSHIP) { nodeCount } b: network(kind: PERSON_BODY) { nodeCount } }`}); !slices.Contains(r.codes(), "COMPLEXITY_LIMIT_EXCEEDED") {
		t.Errorf("two networks under a limit of one: codes %v", r.codes())
	}
	if r := post(t, h, map[string]any{"query": `{ people(first: 5) { nodes { name } } }`}); len(r.Errors) > 0 {
		t.Errorf("a small query: %+v", r.Errors)
	}
}

func httpGet(t *testing.T, h http.Handler, url string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	return rec
}

// Issue 5: GEXF and CSV exports over HTTP parse, and hold the network the
// GraphQL API describes.
func TestNetworkExports(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	var out struct {
		Network struct{ NodeCount, EdgeCount int }
	}
	query(t, h, `{ network(kind: ORG_CO_SITTING, region: "region:1083") { nodeCount edgeCount } }`, nil, &out)

	rec := httpGet(t, h, "/export/network.gexf?kind=org_co_sitting&region=region:1083")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/gexf+xml") {
		t.Fatalf("GEXF: %d %s %.200s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	var doc network.GEXF
	if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("GEXF does not parse as XML: %v", err)
	}
	if doc.Version != "1.3" || len(doc.Graph.Nodes) != out.Network.NodeCount || len(doc.Graph.Edges) != out.Network.EdgeCount || out.Network.NodeCount == 0 {
		t.Errorf("GEXF %s: %d nodes, %d edges; GraphQL says %+v", doc.Version, len(doc.Graph.Nodes), len(doc.Graph.Edges), out.Network)
	}
	if !slices.ContainsFunc(doc.Graph.Nodes, func(n network.GEXFNode) bool { return n.ID == "org:municipality:575" && n.Label == "Vejen Kommune" }) {
		t.Errorf("Vejen Kommune missing from the GEXF")
	}

	rec = httpGet(t, h, "/export/network.csv?kind=ORG_CO_SITTING&region=region:1083")
	rows, err := csv.NewReader(bytes.NewReader(rec.Body.Bytes())).ReadAll()
	if rec.Code != 200 || err != nil {
		t.Fatalf("CSV: %d %v", rec.Code, err)
	}
	if !slices.Equal(rows[0], []string{"source", "target", "weight", "via"}) || len(rows)-1 != out.Network.EdgeCount {
		t.Errorf("CSV header %v, %d rows; want %d edges", rows[0], len(rows)-1, out.Network.EdgeCount)
	}
	rec = httpGet(t, h, "/export/network-nodes.csv?kind=org_co_sitting&region=region:1083")
	rows, err = csv.NewReader(bytes.NewReader(rec.Body.Bytes())).ReadAll()
	if rec.Code != 200 || err != nil || len(rows)-1 != out.Network.NodeCount || rows[0][0] != "id" {
		t.Errorf("nodes CSV: %d %v, %d rows", rec.Code, err, len(rows))
	}
	// Default kind, and mistakes as error bodies with a code.
	if rec := httpGet(t, h, "/export/network.csv"); rec.Code != 200 {
		t.Errorf("default network: %d", rec.Code)
	}
	for url, status := range map[string]int{
		"/export/network.gexf?kind=friendship":     400,
		"/export/network.csv?from=yesterday":       400,
		"/export/network.csv?cluster=cluster:NOPE": 404,
		"/export/network.xlsx":                     404,
	} {
		if rec := httpGet(t, h, url); rec.Code != status || !strings.Contains(rec.Body.String(), `"code"`) {
			t.Errorf("%s: %d %s, want %d with a code", url, rec.Code, rec.Body, status)
		}
	}
}
