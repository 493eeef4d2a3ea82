package loader

import (
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func TestReferenceParses(t *testing.T) {
	r, err := parseReference(corpus.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Regions) != 5 || len(r.Municipalities) != 98 || len(r.Clusters) != 22 || len(r.Councils) != 17 || len(r.Members) != 250 {
		t.Fatalf("counts: %d regions, %d municipalities, %d clusters, %d councils, %d members",
			len(r.Regions), len(r.Municipalities), len(r.Clusters), len(r.Councils), len(r.Members))
	}
	for _, m := range r.Members {
		kind := graph.OrgMunicipality
		if m.Side == "region" {
			kind = graph.OrgRegion
		}
		o, ok := r.resolveOrg(m.Organisation, kind, "")
		if !ok || o.Kind != kind {
			t.Errorf("%s:%d: organisation %q resolves to %+v", m.file, m.line, m.Organisation, o)
		}
	}
	if got := r.clustersOf["575"]; len(got) != 2 {
		t.Errorf("Vejen's reference clusters = %v, want two", got)
	}
}

func TestResolveOrg(t *testing.T) {
	r := reference()
	tests := []struct {
		name, kind, region string
		wantID, wantParent string
	}{
		{"Vejen Kommune", "", "", "org:municipality:575", ""},
		{"Vejen kommune", "", "", "org:municipality:575", ""},
		{"Københavns Kommune", "municipality", "", "org:municipality:101", ""},
		{"Vesthimmerland Kommune", "", "", "org:municipality:820", ""},
		{"Region Syddanmark", "region", "", "org:region:1083", ""},
		{"regionen", "region", "1081", "org:region:1081", ""},
		{"Region Østdanmark", "region", "", "org:region-oestdanmark", ""},
		{"PLO", "gp_association", "", "org:plo", ""},
		{"PLO-Nordjylland", "gp_association", "", "org:plo-nordjylland", "org:plo"},
		{"PLO-N", "", "1081", "org:plo-nordjylland", "org:plo"},
		{"PLO Syd", "", "1083", "org:plo-syddanmark", "org:plo"},
		{"PLO-Syd", "", "", "org:plo-syddanmark", "org:plo"},
		{"Psykiatrien", "psychiatry", "1081", "org:region:1081:psychiatry", "org:region:1081"},
		{"Psykiatrien i Region Syddanmark", "psychiatry", "", "org:region:1083:psychiatry", "org:region:1083"},
		{"Sygehus Lillebælt", "hospital", "1083", "org:region:1083:sygehus-lillebaelt", ""},
		{"Aalborg Universitetshospital", "", "1081", "org:region:1081:aalborg-universitetshospital", ""},
		{"Ældresagen", "patient_org", "1083", "org:aeldresagen", ""},
		{"KL", "national_body", "1083", "org:kl", ""},
	}
	for _, tt := range tests {
		o, ok := r.resolveOrg(tt.name, tt.kind, tt.region)
		if !ok || o.ID != tt.wantID || o.ParentID != tt.wantParent {
			t.Errorf("resolveOrg(%q, %q, %q) = %s (parent %q), want %s (parent %q)", tt.name, tt.kind, tt.region, o.ID, o.ParentID, tt.wantID, tt.wantParent)
		}
	}
	// "Aalborg Universitetshospital" is not the municipality of Aalborg.
	if o, _ := r.resolveOrg("Aalborg Universitetshospital", "hospital", ""); o.MunicipalityID != "" {
		t.Errorf("hospital resolved to a municipality: %+v", o)
	}
	if o, _ := r.resolveOrg("Vejen Kommune", "", ""); o.MunicipalityID != "municipality:575" || o.Name != "Vejen Kommune" {
		t.Errorf("Vejen: %+v", o)
	}
}

func TestOrgsCompatible(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"org:region:1083", "org:region:1083:sygehus-lillebaelt", true},
		{"org:plo", "org:plo-syddanmark", true},
		{"", "org:municipality:575", true},
		{"org:region:1083", "org:municipality:461", false},
		{"org:municipality:851", "org:municipality:787", false},
		{"org:region:1081", "org:region:1083", false},
		{"org:aeldresagen", "org:municipality:575", false},
	}
	for _, tt := range tests {
		if got := orgsCompatible(tt.a, tt.b); got != tt.want {
			t.Errorf("orgsCompatible(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestResolveCluster(t *testing.T) {
	r := reference()
	tests := []struct {
		name, region string
		munis        []string
		want         string // "" = unresolved
	}{
		{"Sundhedsklynge Lillebælt", "", nil, "SD-LILLEBAELT"},
		{"Sundhedsklynge Lillebælt - Politisk niveau", "1083", nil, "SD-LILLEBAELT"},
		{"Sundhedsklynge Sønderjyllands-Politisk Niveau", "", nil, "SD-SONDERJYLLAND"},
		{"Politisk Sundhedsklynge Syd", "1081", nil, "N-SYD"},
		{"Sundhedsklynge Syd", "1084", nil, "H-SYD"},
		{"Sundhedsklynge Syd", "", []string{"846", "840", "820"}, "N-SYD"},
		{"Sundhedsklynge Syd", "", nil, ""}, // two regions, no evidence
		{"Klynge Syd", "1083", nil, ""},     // no Syd cluster in Syddanmark
		{"Slagelse Klyngen", "1085", nil, "S-SLAGELSE"},
		{"Det politiske niveau i Slagelse Klyngen", "1085", nil, "S-SLAGELSE"},
		{"Klyngen Næstved/Slagelse", "", nil, "S-SLAGELSE"},
		{"Aarhusklyngen", "", nil, "M-AARHUS"},
		{"Vestklyngen", "1082", nil, "M-VEST"},
		{"Midtklyngen", "1082", nil, "M-MIDT"},
		{"Ad hoc gruppen 'Den akutte patient'", "1083", nil, ""},
	}
	for _, tt := range tests {
		got, ok := r.resolveCluster(tt.name, tt.region, tt.munis)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("resolveCluster(%q, %q, %v) = %q, %v; want %q", tt.name, tt.region, tt.munis, got, ok, tt.want)
		}
	}
}

// clusterCandidates, which looks the reference's keys up, names the
// clusters a scan of every cluster's name and variants names, in the same
// order: for every name and variant as written, with a genitive s, in a
// level's name, and for names no cluster has.
func TestClusterCandidatesAsScan(t *testing.T) {
	r := reference()
	scan := func(s string) []string {
		k := clusterKey(s)
		if k == "" {
			return nil
		}
		var out []string
		for _, c := range r.Clusters {
			for _, n := range append([]string{c.Name}, c.Variants...) {
				if ck := clusterKey(n); ck != "" && (ck == k || ck+"s" == k) {
					out = append(out, c.Code)
					break
				}
			}
		}
		return out
	}
	names := []string{"", "s", "Klynge", "Sundhedsklynge Syd", "Sundhedsklynge Syds", "Klyngen Næstved/Slagelse", "Ad hoc gruppen 'Den akutte patient'"}
	for _, c := range r.Clusters {
		for _, n := range append([]string{c.Name}, c.Variants...) {
			names = append(names, n, n+"s", n+" - Politisk niveau", "Det faglige strategiske niveau i "+n, strings.ToUpper(n))
		}
	}
	several := 0
	for _, n := range names {
		got, want := r.clusterCandidates(n), scan(n)
		if !slices.Equal(got, want) {
			t.Errorf("clusterCandidates(%q) = %v, a scan finds %v", n, got, want)
		}
		if len(want) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Error("no name fits several clusters: the order is not tested")
	}

	// A name whose key and key without its genitive s both fit clusters,
	// one cluster by both: each once, in the reference's order.
	r = &refData{Regions: []refRegion{{Code: "R", Name: "Region R"}}, Clusters: []refCluster{
		{Code: "A", Name: "Klynge Nord", RegionCode: "R"},
		{Code: "B", Name: "Klynge Nords", RegionCode: "R"},
		{Code: "C", Name: "Nord", Variants: []string{"Nordsklyngen"}, RegionCode: "R"},
	}}
	if err := r.index(); err != nil {
		t.Fatal(err)
	}
	if got, want := r.clusterCandidates("Klynge Nords"), scan("Klynge Nords"); !slices.Equal(got, want) || !slices.Equal(want, []string{"A", "B", "C"}) {
		t.Errorf("clusterCandidates(Klynge Nords) = %v, a scan finds %v, want [A B C]", got, want)
	}
}

func TestLevelOf(t *testing.T) {
	for name, want := range map[string]string{
		"Sundhedsklynge Lillebælt - Politisk niveau":                graph.LevelPolitical,
		"Det politiske niveau i Slagelse Klyngen":                   graph.LevelPolitical,
		"Sundhedsklynge Syd - Fagligt Strategisk Niveau":            graph.LevelProfessionalStrategic,
		"Det faglige strategiske niveau i Slagelse Klyngen":         graph.LevelProfessionalStrategic,
		"Det operationelle niveau i Slagelse Klyngen":               "",
		"Strategisk Sundhedsstyregruppe":                            "",
		"Sundhedsklynge Sydvestjylland - Fagligt strategisk niveau": graph.LevelProfessionalStrategic,
	} {
		if got := levelOf(name); got != want {
			t.Errorf("levelOf(%q) = %q, want %q", name, got, want)
		}
	}
}
