package transition

import (
	"cmp"
	"context"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Provenance says where an item comes from: the origins of its sources
// (reference data, minutes, admin corrections) and whether a reference row
// behind it is marked uncertain (see corpus/reference/SOURCES.md).
type Provenance struct {
	Origins   []graph.Origin `json:"origins"`
	Uncertain bool           `json:"uncertain"`
}

func provenanceOf(facts ...any) Provenance {
	var p Provenance
	for _, f := range facts {
		if f == nil {
			continue
		}
		p.Origins = append(p.Origins, graph.Origins(f)...)
		p.Uncertain = p.Uncertain || graph.Uncertain(f)
	}
	p.Origins = uniqOrigins(p.Origins)
	return p
}

func uniqOrigins(os []graph.Origin) []graph.Origin {
	out := slices.Clone(os)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []graph.Origin{}
	}
	return out
}

// MunicipalityRef is a municipality in an answer.
type MunicipalityRef struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	Provenance
}

// skeleton is the reference data the planner works from: clusters,
// councils, municipalities and which municipality is in which cluster
// (reference lists, plus minutes links of type cluster_municipality).
type skeleton struct {
	clusters       map[string]*graph.Cluster
	councils       map[string]*graph.HealthCouncil
	municipalities map[string]*graph.Municipality
	// members[cluster][municipality] = where the membership is stated
	members map[string]map[string]Provenance
	// council of each municipality
	councilOf map[string]string
}

func loadSkeleton(ctx context.Context, s graph.Store) (*skeleton, error) {
	sk := &skeleton{
		clusters: map[string]*graph.Cluster{}, councils: map[string]*graph.HealthCouncil{},
		municipalities: map[string]*graph.Municipality{}, members: map[string]map[string]Provenance{},
		councilOf: map[string]string{},
	}
	var ids []string
	for _, k := range []graph.Kind{graph.KindCluster, graph.KindHealthCouncil, graph.KindMunicipality} {
		l, err := graph.ListAll(ctx, s, k, graph.Filter{})
		if err != nil {
			return nil, err
		}
		ids = append(ids, l...)
	}
	links, err := graph.ListAll(ctx, s, graph.KindLink, graph.Filter{Kind: graph.LinkClusterMunicipality})
	if err != nil {
		return nil, err
	}
	facts, err := graph.GetAll(ctx, s, append(ids, links...))
	if err != nil {
		return nil, err
	}
	for id, f := range facts {
		switch x := f.(type) {
		case *graph.Cluster:
			sk.clusters[id] = x
		case *graph.HealthCouncil:
			sk.councils[id] = x
		case *graph.Municipality:
			sk.municipalities[id] = x
		}
	}
	add := func(cluster, muni string, p Provenance) {
		if sk.members[cluster] == nil {
			sk.members[cluster] = map[string]Provenance{}
		}
		old := sk.members[cluster][muni]
		sk.members[cluster][muni] = Provenance{Origins: uniqOrigins(append(old.Origins, p.Origins...)), Uncertain: old.Uncertain || p.Uncertain}
	}
	for id, c := range sk.clusters {
		for _, m := range c.MunicipalityIDs {
			add(id, m, provenanceOf(c, sk.municipalities[m]))
		}
	}
	for id, m := range sk.municipalities {
		for _, c := range m.ClusterIDs {
			if sk.clusters[c] != nil {
				add(c, id, provenanceOf(sk.clusters[c], m))
			}
		}
		if m.CouncilID != "" {
			sk.councilOf[id] = m.CouncilID
		}
	}
	for id, hc := range sk.councils {
		for _, m := range hc.MunicipalityIDs {
			if sk.councilOf[m] == "" {
				sk.councilOf[m] = id
			}
		}
	}
	for _, id := range links {
		l, ok := facts[id].(*graph.Link)
		if !ok {
			continue
		}
		// From municipality, To cluster; accept either direction.
		m, c := l.FromID, l.ToID
		if graph.KindOf(m) == graph.KindCluster {
			m, c = c, m
		}
		if sk.clusters[c] != nil && sk.municipalities[m] != nil {
			add(c, m, provenanceOf(l))
		}
	}
	return sk, nil
}

func (sk *skeleton) municipalityRef(id string, p Provenance) MunicipalityRef {
	r := MunicipalityRef{ID: id, Name: id, Provenance: p}
	if m := sk.municipalities[id]; m != nil {
		r.Code, r.Name = m.Code, m.Name
	}
	return r
}

func sortMunicipalities(ms []MunicipalityRef) {
	slices.SortFunc(ms, func(a, b MunicipalityRef) int { return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.ID, b.ID)) })
}

// clusterMunicipalities returns a cluster's municipality IDs, sorted.
func (sk *skeleton) clusterMunicipalities(id string) []string {
	return slices.Sorted(mapKeys(sk.members[id]))
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Matrix is the overlap of clusters and health councils, counted in
// municipalities. Counts[i][j] is the number of municipalities of
// Clusters[i] that belong to Councils[j]; Cells lists the non-zero counts
// with their municipalities.
type Matrix struct {
	Clusters []MatrixCluster `json:"clusters"`
	Councils []MatrixCouncil `json:"councils"`
	Counts   [][]int         `json:"counts"`
	Cells    []Cell          `json:"cells"`
}

// MatrixCluster is a row of the matrix. Splits is set when the cluster's
// municipalities go to more than one council.
type MatrixCluster struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	RegionID       string   `json:"regionId"`
	Municipalities int      `json:"municipalities"`
	CouncilIDs     []string `json:"councilIds"`
	Splits         bool     `json:"splits"`
	Provenance
}

// MatrixCouncil is a column of the matrix.
type MatrixCouncil struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	RegionID       string   `json:"regionId"`
	Municipalities int      `json:"municipalities"`
	ClusterIDs     []string `json:"clusterIds"`
	Provenance
}

// Cell is a non-zero entry of the matrix. Its Provenance merges that of the
// municipalities' cluster memberships and the council.
type Cell struct {
	ClusterID      string            `json:"clusterId"`
	CouncilID      string            `json:"councilId"`
	Count          int               `json:"count"`
	Municipalities []MunicipalityRef `json:"municipalities"`
	Provenance
}

// Overlap computes the cluster × council matrix from the reference
// skeleton (and the minutes' cluster–municipality links). A municipality in
// two clusters (København, Vejen) counts in both rows. Municipalities with
// no council are left out of the counts.
func Overlap(ctx context.Context, s graph.Store) (*Matrix, error) {
	sk, err := loadSkeleton(ctx, s)
	if err != nil {
		return nil, err
	}
	return sk.overlap(), nil
}

func (sk *skeleton) overlap() *Matrix {
	m := &Matrix{Clusters: []MatrixCluster{}, Councils: []MatrixCouncil{}, Counts: [][]int{}, Cells: []Cell{}}
	cids := slices.Sorted(mapKeys(sk.clusters))
	hids := slices.Sorted(mapKeys(sk.councils))
	col := map[string]int{}
	for j, id := range hids {
		hc := sk.councils[id]
		col[id] = j
		m.Councils = append(m.Councils, MatrixCouncil{ID: id, Name: hc.Name, RegionID: hc.RegionID, ClusterIDs: []string{}, Provenance: provenanceOf(hc)})
	}
	for id, c := range sk.councilOf {
		if j, ok := col[c]; ok && sk.municipalities[id] != nil {
			m.Councils[j].Municipalities++
		}
	}
	for _, id := range cids {
		c := sk.clusters[id]
		row := MatrixCluster{ID: id, Name: c.Name, RegionID: c.RegionID, CouncilIDs: []string{}, Provenance: provenanceOf(c)}
		counts := make([]int, len(hids))
		cells := map[string]*Cell{}
		for _, mid := range sk.clusterMunicipalities(id) {
			row.Municipalities++
			hc := sk.councilOf[mid]
			j, ok := col[hc]
			if !ok {
				continue
			}
			counts[j]++
			cell := cells[hc]
			if cell == nil {
				cell = &Cell{ClusterID: id, CouncilID: hc, Provenance: provenanceOf(sk.councils[hc])}
				cells[hc] = cell
			}
			p := sk.members[id][mid]
			mp := provenanceOf(sk.municipalities[mid])
			cell.Municipalities = append(cell.Municipalities, sk.municipalityRef(mid, Provenance{Origins: p.Origins, Uncertain: p.Uncertain || mp.Uncertain}))
			cell.Count++
			cell.Origins = uniqOrigins(append(cell.Origins, p.Origins...))
			cell.Uncertain = cell.Uncertain || p.Uncertain || mp.Uncertain
		}
		for _, hc := range slices.Sorted(mapKeys(cells)) {
			cell := cells[hc]
			sortMunicipalities(cell.Municipalities)
			m.Cells = append(m.Cells, *cell)
			row.CouncilIDs = append(row.CouncilIDs, hc)
			m.Councils[col[hc]].ClusterIDs = append(m.Councils[col[hc]].ClusterIDs, id)
		}
		row.Splits = len(row.CouncilIDs) > 1
		m.Clusters = append(m.Clusters, row)
		m.Counts = append(m.Counts, counts)
	}
	return m
}

// Successor is where one municipality of a cluster goes on the cut-over.
// Provenance is that of the municipality's membership in the cluster and
// its council assignment.
type Successor struct {
	Municipality MunicipalityRef `json:"municipality"`
	CouncilID    string          `json:"councilId"` // empty if the reference data gives none
	CouncilName  string          `json:"councilName"`
	Provenance
}

// Successors returns, for each municipality of a cluster (by code), the
// health council it moves to.
func Successors(ctx context.Context, s graph.Store, clusterID string) ([]Successor, error) {
	if graph.KindOf(clusterID) != graph.KindCluster {
		return nil, graph.Errorf(graph.ErrInvalid, "%q is not a cluster ID", clusterID)
	}
	sk, err := loadSkeleton(ctx, s)
	if err != nil {
		return nil, err
	}
	if sk.clusters[clusterID] == nil {
		return nil, graph.Errorf(graph.ErrNotFound, "cluster %s not found", clusterID)
	}
	out := []Successor{}
	for _, mid := range sk.clusterMunicipalities(clusterID) {
		p := sk.members[clusterID][mid]
		mun := sk.municipalityRef(mid, provenanceOf(sk.municipalities[mid]))
		sc := Successor{Municipality: mun, CouncilID: sk.councilOf[mid]}
		hc := sk.councils[sc.CouncilID]
		if hc != nil {
			sc.CouncilName = hc.Name
		}
		hp := provenanceOf(hc)
		sc.Provenance = Provenance{Origins: uniqOrigins(append(slices.Clone(p.Origins), hp.Origins...)), Uncertain: p.Uncertain || hp.Uncertain || mun.Uncertain}
		out = append(out, sc)
	}
	slices.SortFunc(out, func(a, b Successor) int {
		return cmp.Or(cmp.Compare(a.Municipality.Code, b.Municipality.Code), cmp.Compare(a.Municipality.ID, b.Municipality.ID))
	})
	return out, nil
}
