package network

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func build(t *testing.T, s graph.Store, p Params) *Network {
	t.Helper()
	n, err := Build(context.Background(), s, p)
	if err != nil {
		t.Fatalf("Build(%+v): %v", p, err)
	}
	return n
}

func nodeIDs(n *Network) []string {
	var ids []string
	for _, nd := range n.Nodes {
		ids = append(ids, nd.ID)
	}
	return ids
}

func edgeOf(n *Network, a, b string) *Edge {
	if a > b {
		a, b = b, a
	}
	for i := range n.Edges {
		if n.Edges[i].From == a && n.Edges[i].To == b {
			return &n.Edges[i]
		}
	}
	return nil
}

func TestBuildCoMembership(t *testing.T) {
	s := fixtureStore(t)
	n := build(t, s, Params{Kind: CoMembership})
	want := []string{"person:p1", "person:p2", "person:p3", "person:p4", "person:p5", "person:p6", "person:p7", "person:p8"}
	if got := nodeIDs(n); !slices.Equal(got, want) {
		t.Fatalf("nodes = %v, want %v", got, want)
	}
	if len(n.Edges) != 9 {
		t.Errorf("%d edges, want 9: %+v", len(n.Edges), n.Edges)
	}
	e := edgeOf(n, "person:p2", "person:p3")
	if e == nil || e.Weight != 2 || !slices.Equal(e.Via, []string{"body:A:pol", "body:A:sg"}) {
		t.Errorf("p2–p3 = %+v, want weight 2 via A:pol, A:sg", e)
	}
	if e := edgeOf(n, "person:p1", "person:p7"); e != nil {
		t.Errorf("p1–p7 should not be linked: %+v", e)
	}
	p3 := n.Node("person:p3")
	if p3.Label != "Carl Tre" || p3.Kind != graph.KindPerson || p3.Degree != 5 || p3.WeightedDegree != 6 {
		t.Errorf("p3 = %+v", p3)
	}
	// p3 is on all 6 shortest paths between {p1,p2,p4} and {p5,p6}, and on
	// one of the two between p1 and p4; p2 on the other.
	if p3.Betweenness != 6.5 || n.Node("person:p2").Betweenness != 0.5 || n.Node("person:p1").Betweenness != 0 {
		t.Errorf("betweenness p3=%v p2=%v p1=%v, want 6.5, 0.5, 0", p3.Betweenness, n.Node("person:p2").Betweenness, n.Node("person:p1").Betweenness)
	}
	if !slices.Equal(p3.ClusterIDs, []string{"cluster:A", "cluster:B"}) || !slices.Equal(p3.RegionIDs, []string{"region:1083"}) {
		t.Errorf("p3 clusters %v regions %v", p3.ClusterIDs, p3.RegionIDs)
	}
	if got := n.Node("person:p4").ClusterIDs; !slices.Equal(got, []string{"cluster:A"}) {
		t.Errorf("p4 (sub-body only) clusters = %v, want cluster:A through the parent body", got)
	}
	sum := 0.0
	for _, nd := range n.Nodes {
		sum += nd.PageRank
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Errorf("PageRank sums to %v", sum)
	}
	if top := Rank(n, ByPageRank, "", 1); top[0].ID != "person:p3" {
		t.Errorf("top PageRank = %s, want person:p3", top[0].ID)
	}
	if top := Rank(n, ByBetweenness, "", 2); top[0].ID != "person:p3" || top[1].ID != "person:p2" {
		t.Errorf("betweenness ranking = %v", top)
	}
	if top := Rank(n, ByDegree, "", 0); len(top) != 8 || top[0].ID != "person:p3" {
		t.Errorf("degree ranking = %v", top)
	}
	if len(n.Clusters) != 3 || n.Clusters[0] != (ClusterRef{"cluster:A", "Klynge A", "region:1083"}) {
		t.Errorf("clusters = %+v", n.Clusters)
	}
	// Deterministic.
	// Deterministic (PageRank up to its rounding).
	for range 5 {
		again := build(t, s, Params{Kind: CoMembership})
		for i := range again.Nodes {
			if d := math.Abs(again.Nodes[i].PageRank - n.Nodes[i].PageRank); d > 2e-9 {
				t.Errorf("PageRank of %s differs by %v", n.Nodes[i].ID, d)
			}
			again.Nodes[i].PageRank = n.Nodes[i].PageRank
		}
		if !reflect.DeepEqual(n, again) {
			t.Errorf("two builds differ")
		}
	}
}

func TestCommunities(t *testing.T) {
	n := build(t, fixtureStore(t), Params{Kind: CoMembership})
	comms := Communities(n)
	if len(comms) < 2 {
		t.Fatalf("communities = %+v", comms)
	}
	c := map[string]int{}
	for _, nd := range n.Nodes {
		c[nd.ID] = nd.Community
	}
	if c["person:p7"] != c["person:p8"] || c["person:p7"] == c["person:p1"] || c["person:p1"] != c["person:p2"] {
		t.Errorf("communities %v", c)
	}
	if comms[0].ID != 0 || comms[0].NodeIDs[0] != "person:p1" {
		t.Errorf("community 0 should hold the smallest node: %+v", comms[0])
	}
	if n.Modularity <= 0 {
		t.Errorf("modularity = %v", n.Modularity)
	}
}

func TestBuildScopeAndWindow(t *testing.T) {
	s := fixtureStore(t)
	n := build(t, s, Params{Kind: CoMembership, From: "2024-01-01"})
	if n.Node("person:p4") != nil || edgeOf(n, "person:p2", "person:p3").Weight != 2 {
		t.Errorf("p4's membership ended 2023-12-31; nodes %v", nodeIDs(n))
	}
	if got := nodeIDs(build(t, s, Params{Kind: CoMembership, ClusterID: "cluster:B"})); !slices.Equal(got, []string{"person:p3", "person:p5", "person:p6"}) {
		t.Errorf("cluster B nodes = %v", got)
	}
	if got := nodeIDs(build(t, s, Params{Kind: CoMembership, ClusterID: "cluster:A"})); !slices.Equal(got, []string{"person:p1", "person:p2", "person:p3", "person:p4"}) {
		t.Errorf("cluster A nodes (with sub-body) = %v", got)
	}
	if got := nodeIDs(build(t, s, Params{Kind: CoMembership, RegionID: "region:1081"})); !slices.Equal(got, []string{"person:p7", "person:p8"}) {
		t.Errorf("region 1081 nodes = %v", got)
	}
	if got := build(t, s, Params{Kind: CoMembership, ClusterID: "cluster:C", RegionID: "region:1083"}); len(got.Nodes) != 0 {
		t.Errorf("cluster C is not in region 1083: %v", nodeIDs(got))
	}
	for _, tc := range []struct {
		p    Params
		code string
	}{
		{Params{Kind: "friends"}, graph.ErrInvalid},
		{Params{Kind: CoAttendance, From: "2024-13-01"}, graph.ErrInvalid},
		{Params{Kind: CoAttendance, From: "2025-01-01", To: "2024-01-01"}, graph.ErrInvalid},
		{Params{Kind: CoMembership, ClusterID: "region:1083"}, graph.ErrInvalid},
		{Params{Kind: CoMembership, ClusterID: "cluster:NOPE"}, graph.ErrNotFound},
		{Params{Kind: CoMembership, RegionID: "region:9999"}, graph.ErrNotFound},
	} {
		_, err := Build(context.Background(), s, tc.p)
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Code != tc.code {
			t.Errorf("Build(%+v) = %v, want code %s", tc.p, err, tc.code)
		}
	}
}

func TestBuildCoAttendance(t *testing.T) {
	s := fixtureStore(t)
	n := build(t, s, Params{Kind: CoAttendance})
	if got := nodeIDs(n); !slices.Equal(got, []string{"person:p1", "person:p2", "person:p3", "person:p5"}) {
		t.Errorf("nodes = %v (absent and apologising people do not attend)", got)
	}
	if e := edgeOf(n, "person:p1", "person:p3"); e == nil || !slices.Equal(e.Via, []string{"meeting:m2"}) {
		t.Errorf("p1–p3 = %+v, want via meeting:m2 only (p3 substitute there, apologies at m1)", e)
	}
	if e := edgeOf(n, "person:p2", "person:p3"); e != nil {
		t.Errorf("p2–p3 never attended together: %+v", e)
	}
	w := build(t, s, Params{Kind: CoAttendance, From: "2024-01-01", To: "2024-12-31"})
	if got := nodeIDs(w); !slices.Equal(got, []string{"person:p1", "person:p2", "person:p3"}) || len(w.Edges) != 2 {
		t.Errorf("2024 window: nodes %v edges %+v", got, w.Edges)
	}
	if got := nodeIDs(build(t, s, Params{Kind: CoAttendance, ClusterID: "cluster:B"})); !slices.Equal(got, []string{"person:p3", "person:p5"}) {
		t.Errorf("cluster B attendance nodes = %v", got)
	}
}

func TestBuildOrgCoSittingAndBrokers(t *testing.T) {
	s := fixtureStore(t)
	n := build(t, s, Params{Kind: OrgCoSitting})
	if got := nodeIDs(n); !slices.Equal(got, []string{"org:aalborg", "org:kolding", "org:plo", "org:vejen"}) {
		t.Fatalf("nodes = %v", got)
	}
	if e := edgeOf(n, "org:plo", "org:vejen"); e == nil || e.Weight != 2 || !slices.Equal(e.Via, []string{"body:A:pol", "body:B:pol"}) {
		t.Errorf("plo–vejen = %+v", e)
	}
	if n.Node("org:vejen").Label != "Vejen Kommune" {
		t.Errorf("label %q", n.Node("org:vejen").Label)
	}
	bs := BrokersOf(n)
	by := map[string]Broker{}
	for _, b := range bs {
		by[b.ID] = b
	}
	plo, ok := by["org:plo"]
	if !ok || !plo.SeveralClusters || !slices.Equal(plo.LinkedClusterIDs, []string{"cluster:A", "cluster:B", "cluster:C"}) {
		t.Fatalf("plo broker = %+v", plo)
	}
	if !slices.Contains(plo.SplitsRegions, Pair{"region:1081", "region:1083"}) || !slices.Contains(plo.SplitsClusters, Pair{"cluster:A", "cluster:C"}) {
		t.Errorf("plo should be the only link between the regions: %+v", plo)
	}
	vejen, ok := by["org:vejen"]
	if !ok || !vejen.SeveralClusters || len(vejen.SplitsClusters) != 0 || !slices.Equal(vejen.ClusterIDs, []string{"cluster:A", "cluster:B"}) {
		t.Errorf("vejen broker = %+v", vejen)
	}
	if e := edgeOf(n, "org:kolding", "org:vejen"); e == nil || !slices.Equal(e.Via, []string{"body:A:pol", "body:B:pol"}) {
		t.Errorf("kolding–vejen = %+v; p6 sits in B:pol for kolding, the person's own organisation", e)
	}
	if k := by["org:kolding"]; !k.SeveralClusters || !slices.Equal(k.ClusterIDs, []string{"cluster:A", "cluster:B"}) {
		t.Errorf("kolding broker = %+v", k)
	}
	if _, ok := by["org:aalborg"]; ok {
		t.Errorf("aalborg sits in one cluster and splits nothing")
	}
	if bs[0].ID != "org:plo" {
		t.Errorf("first broker = %s, want org:plo", bs[0].ID)
	}
}

func TestBrokersPeople(t *testing.T) {
	bs, err := Brokers(context.Background(), fixtureStore(t), Params{Kind: CoMembership})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 || bs[0].ID != "person:p3" {
		t.Fatalf("brokers = %+v, want only person:p3", bs)
	}
	b := bs[0]
	if !b.SeveralClusters || !slices.Equal(b.SplitsClusters, []Pair{{"cluster:A", "cluster:B"}}) || len(b.SplitsRegions) != 0 || len(b.Why) != 2 {
		t.Errorf("p3 = %+v", b)
	}
	if b.Why[0] != "sits in bodies of Klynge A and Klynge B" {
		t.Errorf("why = %q", b.Why)
	}
}

func TestBuildPersonBody(t *testing.T) {
	n := build(t, fixtureStore(t), Params{Kind: PersonBody})
	if len(n.Nodes) != 12 || len(n.Edges) != 11 {
		t.Errorf("%d nodes, %d edges; want 8 people + 4 bodies, 11 seats", len(n.Nodes), len(n.Edges))
	}
	b := n.Node("body:A:sg")
	if b == nil || b.Kind != graph.KindBody || b.Label != "Styregruppe A" || b.Degree != 3 || !slices.Equal(b.ClusterIDs, []string{"cluster:A"}) {
		t.Errorf("body node = %+v", b)
	}
	if e := edgeOf(n, "person:p3", "body:B:pol"); e == nil || e.Weight != 1 || !slices.Equal(e.Via, []string{"body:B:pol"}) {
		t.Errorf("p3–B:pol = %+v", e)
	}
	if got := Rank(n, ByDegree, string(graph.KindPerson), 1); got[0].ID != "person:p3" {
		t.Errorf("person with most bodies = %v", got)
	}
}

func TestPath(t *testing.T) {
	s := fixtureStore(t)
	ctx := context.Background()
	p := Params{Kind: CoMembership}
	r, err := Path(ctx, s, p, "person:p1", "person:p6")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Found || r.Hops != 2 || len(r.Steps) != 2 {
		t.Fatalf("path = %+v", r)
	}
	if st := r.Steps[0]; st.From != "person:p1" || st.To != "person:p3" || st.ToLabel != "Carl Tre" || !slices.Equal(st.BodyIDs, []string{"body:A:pol"}) || !slices.Equal(st.MeetingIDs, []string{"meeting:m2"}) {
		t.Errorf("step 0 = %+v (p3 attended m2 only)", st)
	}
	if st := r.Steps[1]; st.To != "person:p6" || !slices.Equal(st.BodyIDs, []string{"body:B:pol"}) || len(st.MeetingIDs) != 0 {
		t.Errorf("step 1 = %+v (p6 was absent from m3)", st)
	}
	// The two 2-hop paths p1→p4 (through p2 and through p3) weigh the same;
	// the lexically first is chosen.
	r, _ = Path(ctx, s, p, "person:p1", "person:p4")
	if !r.Found || r.Steps[0].To != "person:p2" {
		t.Errorf("p1→p4 = %+v, want the lexically first shortest path through p2", r)
	}
	r, err = Path(ctx, s, p, "person:p1", "person:p7")
	if err != nil || r.Found || r.Reason != ReasonNotConnected || len(r.Steps) != 0 {
		t.Errorf("p1→p7 = %+v, %v; want found=false, not_connected, no error", r, err)
	}
	r, err = Path(ctx, s, p, "person:p1", "person:p9")
	if err != nil || r.Found || r.Reason != ReasonNotInNetwork {
		t.Errorf("p1→p9 = %+v, %v; want not_in_network", r, err)
	}
	r, err = Path(ctx, s, Params{Kind: OrgCoSitting}, "org:kolding", "org:aalborg")
	if err != nil || !r.Found || r.Hops != 2 || r.Steps[0].To != "org:plo" {
		t.Errorf("kolding→aalborg = %+v, %v", r, err)
	}
	if _, err := Path(ctx, s, p, "person:p1", "person:nobody"); graph.ErrorCode(err) != graph.ErrNotFound {
		t.Errorf("unknown person: %v", err)
	}
	if _, err := Path(ctx, s, p, "person:p1", "meeting:m1"); graph.ErrorCode(err) != graph.ErrInvalid {
		t.Errorf("meeting ID: %v", err)
	}
}

func TestWriteGEXF(t *testing.T) {
	n := build(t, fixtureStore(t), Params{Kind: CoMembership})
	var buf bytes.Buffer
	if err := WriteGEXF(&buf, n); err != nil {
		t.Fatal(err)
	}
	var doc GEXF
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("export does not parse: %v\n%s", err, buf.String())
	}
	if doc.XMLName.Space != GEXFNamespace || doc.XMLName.Local != "gexf" || doc.Version != "1.3" {
		t.Errorf("root = %v version %q", doc.XMLName, doc.Version)
	}
	if doc.Graph.DefaultEdgeType != "undirected" || len(doc.Graph.Nodes) != len(n.Nodes) || len(doc.Graph.Edges) != len(n.Edges) {
		t.Fatalf("graph = %+v", doc.Graph)
	}
	declared := map[string]bool{}
	for _, as := range doc.Graph.Attributes {
		for _, a := range as.Attribute {
			declared[as.Class+"/"+a.ID] = true
		}
	}
	ids := map[string]bool{}
	for _, nd := range doc.Graph.Nodes {
		ids[nd.ID] = true
		for _, av := range nd.AttValues {
			if !declared["node/"+av.For] {
				t.Errorf("node attribute %q is not declared", av.For)
			}
		}
	}
	for _, e := range doc.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %+v points at an unknown node", e)
		}
	}
	var p3 GEXFNode
	for _, nd := range doc.Graph.Nodes {
		if nd.ID == "person:p3" {
			p3 = nd
		}
	}
	att := map[string]string{}
	for _, av := range p3.AttValues {
		att[av.For] = av.Value
	}
	if p3.Label != "Carl Tre" || att["degree"] != "5" || att["betweenness"] != "6.5" || att["clusters"] != "cluster:A;cluster:B" {
		t.Errorf("p3 in GEXF = %+v", p3)
	}
	var heavy bool
	for _, e := range doc.Graph.Edges {
		if e.Source == "person:p2" && e.Target == "person:p3" && e.Weight == 2 && e.AttValues[0].Value == "body:A:pol;body:A:sg" {
			heavy = true
		}
	}
	if !heavy {
		t.Errorf("p2–p3 weight 2 edge missing")
	}
	// The document element carries the GEXF namespace as its default.
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			var ns string
			for _, a := range se.Attr {
				if a.Name.Space == "" && a.Name.Local == "xmlns" {
					ns = a.Value
				}
			}
			if se.Name.Local != "gexf" || ns != GEXFNamespace {
				t.Errorf("root %v xmlns=%q", se.Name, ns)
			}
			break
		}
	}
}

func TestWriteCSV(t *testing.T) {
	n := build(t, fixtureStore(t), Params{Kind: CoMembership})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, n); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(n.Edges)+1 || !slices.Equal(rows[0], []string{"source", "target", "weight", "via"}) {
		t.Fatalf("rows = %v", rows)
	}
	if !slices.ContainsFunc(rows, func(r []string) bool {
		return slices.Equal(r, []string{"person:p2", "person:p3", "2", "body:A:pol;body:A:sg"})
	}) {
		t.Errorf("p2–p3 row missing: %v", rows)
	}
	buf.Reset()
	if err := WriteNodesCSV(&buf, n); err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != len(n.Nodes)+1 || rows[3][0] != "person:p3" || rows[3][3] != "5" {
		t.Errorf("node rows = %v, %v", rows, err)
	}
}

func TestEmptyNetwork(t *testing.T) {
	n := build(t, openStore(t), Params{Kind: CoMembership})
	if len(n.Nodes) != 0 || len(n.Edges) != 0 || len(BrokersOf(n)) != 0 || len(Communities(n)) != 0 {
		t.Errorf("empty store gives %+v", n)
	}
	var buf bytes.Buffer
	if err := WriteGEXF(&buf, n); err != nil {
		t.Fatal(err)
	}
	var doc GEXF
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Errorf("empty export does not parse: %v", err)
	}
}
