package network

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// The sample corpus (reference skeleton and five minutes) is loaded once
// into an embedded store shared by the sample tests and benchmarks.
var sample struct {
	once  sync.Once
	dir   string
	store graph.Store
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sample.store != nil {
		sample.store.Close(context.Background())
		os.RemoveAll(sample.dir)
	}
	os.Exit(code)
}

func sampleStore(t testing.TB) graph.Store {
	t.Helper()
	sample.once.Do(func() {
		if sample.dir, sample.err = os.MkdirTemp("", "network-sample-"); sample.err != nil {
			return
		}
		var s *embedded.Store
		if s, sample.err = embedded.Open(sample.dir); sample.err != nil {
			return
		}
		sample.store = s
		_, sample.err = loader.New(s, loader.Options{}).LoadSample(context.Background())
	})
	if sample.err != nil {
		t.Fatalf("loading the sample: %v", sample.err)
	}
	return sample.store
}

func brokerOf(bs []Broker, id string) *Broker {
	for i := range bs {
		if bs[i].ID == id {
			return &bs[i]
		}
	}
	return nil
}

// Issue 5: Bo Libergren links Lillebælt and Sønderjylland.
func TestSampleBoLibergrenLinksLillebaeltAndSoenderjylland(t *testing.T) {
	bs, err := Brokers(context.Background(), sampleStore(t), Params{Kind: CoMembership})
	if err != nil {
		t.Fatal(err)
	}
	b := brokerOf(bs, "person:bo-libergren")
	if b == nil {
		t.Fatalf("Bo Libergren is not a broker; brokers: %v", bs)
	}
	for _, c := range []string{"cluster:SD-LILLEBAELT", "cluster:SD-SONDERJYLLAND"} {
		if !slices.Contains(b.LinkedClusterIDs, c) || !slices.Contains(b.ClusterIDs, c) {
			t.Errorf("Bo Libergren should sit in and link %s: %+v", c, b)
		}
	}
	if !b.SeveralClusters || b.Label != "Bo Libergren" {
		t.Errorf("broker = %+v", b)
	}
}

// Issue 5: Vejen Kommune links Lillebælt and Sydvestjylland.
func TestSampleVejenLinksLillebaeltAndSydvestjylland(t *testing.T) {
	bs, err := Brokers(context.Background(), sampleStore(t), Params{Kind: OrgCoSitting})
	if err != nil {
		t.Fatal(err)
	}
	b := brokerOf(bs, "org:municipality:575")
	if b == nil {
		t.Fatalf("Vejen Kommune is not a broker; brokers: %+v", bs)
	}
	if b.Label != "Vejen Kommune" || !slices.Contains(b.LinkedClusterIDs, "cluster:SD-LILLEBAELT") || !slices.Contains(b.LinkedClusterIDs, "cluster:SD-SYDVESTJYLLAND") {
		t.Errorf("Vejen = %+v", b)
	}
}

// Issue 5: no path from Stephanie Lose to Mads Duedahl in the
// co-membership network; an answer, not an error.
func TestSampleNoPathLoseToDuedahl(t *testing.T) {
	s := sampleStore(t)
	r, err := Path(context.Background(), s, Params{Kind: CoMembership}, "person:stephanie-lose", "person:mads-duedahl")
	if err != nil {
		t.Fatalf("Path: %v", err)
	}
	if r.Found || len(r.Steps) != 0 || r.Reason != ReasonNotConnected {
		t.Errorf("path = %+v, want found=false (not connected)", r)
	}
	// Stephanie Lose does reach Sønderjylland's GPs through the regional
	// politicians who sit in both clusters.
	r, err = Path(context.Background(), s, Params{Kind: CoMembership}, "person:stephanie-lose", "person:kim-agerholm-brogaard")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Found || r.Hops != 2 || !slices.Contains(r.Steps[0].BodyIDs, "body:cluster:SD-LILLEBAELT:political") || !slices.Contains(r.Steps[1].BodyIDs, "body:cluster:SD-SONDERJYLLAND:political") {
		t.Errorf("Lose → Brogaard = %+v", r)
	}
	if len(r.Steps) == 2 && len(r.Steps[1].MeetingIDs) == 0 {
		t.Errorf("the second step should name the Sønderjylland meeting both attended: %+v", r.Steps[1])
	}
}

func TestSampleExports(t *testing.T) {
	for _, k := range Kinds {
		n, err := Build(context.Background(), sampleStore(t), Params{Kind: k})
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Nodes) == 0 || len(n.Edges) == 0 {
			t.Errorf("%s: empty network on the sample", k)
		}
		var buf bytes.Buffer
		if err := WriteGEXF(&buf, n); err != nil {
			t.Fatal(err)
		}
		var doc GEXF
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Errorf("%s: GEXF does not parse: %v", k, err)
		}
		if len(doc.Graph.Nodes) != len(n.Nodes) || len(doc.Graph.Edges) != len(n.Edges) {
			t.Errorf("%s: GEXF has %d nodes, %d edges", k, len(doc.Graph.Nodes), len(doc.Graph.Edges))
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	s := sampleStore(b)
	ctx := context.Background()
	for _, k := range Kinds {
		b.Run(string(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(ctx, s, Params{Kind: k}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBrokers(b *testing.B) {
	s := sampleStore(b)
	for b.Loop() {
		if _, err := Brokers(context.Background(), s, Params{Kind: CoMembership}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPath(b *testing.B) {
	s := sampleStore(b)
	for b.Loop() {
		if _, err := Path(context.Background(), s, Params{Kind: CoMembership}, "person:stephanie-lose", "person:kim-agerholm-brogaard"); err != nil {
			b.Fatal(err)
		}
	}
}
