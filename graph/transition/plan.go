package transition

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// DefaultCutover is the day the health councils take over from the
// clusters.
const DefaultCutover = "2027-01-01"

// Plan is the transition of one health council: what it inherits from its
// predecessor clusters on the cut-over.
type Plan struct {
	Council        Ref                `json:"council"`
	Cutover        string             `json:"cutover"`
	Municipalities []PlanMunicipality `json:"municipalities"`
	Predecessors   []Predecessor      `json:"predecessors"`
	Bodies         []PlanBody         `json:"bodies"`
	People         []PlanPerson       `json:"people"`
	// InSeveralClusters lists the people who sit in bodies of more than one
	// predecessor cluster.
	InSeveralClusters []string         `json:"inSeveralClusters"`
	Initiatives       []PlanInitiative `json:"initiatives"`
	// Orphaned lists the running initiatives that lose their owner on the
	// cut-over (see PlanInitiative.Orphaned).
	Orphaned       []string        `json:"orphaned"`
	Money          Money           `json:"money"`
	CouncilMembers []CouncilMember `json:"councilMembers"`
}

// Ref names a fact in an answer.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Provenance
}

// PlanMunicipality is a municipality of the council with the predecessor
// clusters it is in today.
type PlanMunicipality struct {
	MunicipalityRef
	ClusterIDs []string `json:"clusterIds"`
}

// Predecessor is a cluster some of whose municipalities go to the council.
type Predecessor struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	SharedMunicipalities int               `json:"sharedMunicipalities"` // municipalities that go to this council
	Municipalities       int               `json:"municipalities"`       // all the cluster's municipalities
	Shared               []MunicipalityRef `json:"shared"`
	// Splits is set when the cluster's municipalities go to more than one
	// council; OtherCouncilIDs are the others.
	Splits          bool     `json:"splits"`
	OtherCouncilIDs []string `json:"otherCouncilIds"`
	Provenance
}

// PlanBody is a body of a predecessor cluster (a level, or a group under
// it) with its members.
type PlanBody struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Kind      string       `json:"kind"`
	Level     string       `json:"level,omitempty"`
	ClusterID string       `json:"clusterId"`
	ParentID  string       `json:"parentId,omitempty"`
	Members   []PlanMember `json:"members"`
	Provenance
}

// PlanMember is a seat in a body.
type PlanMember struct {
	MembershipID string `json:"membershipId"`
	PersonID     string `json:"personId"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	OnBehalfOfID string `json:"onBehalfOfId,omitempty"`
	OnBehalfOf   string `json:"onBehalfOf,omitempty"`
	Title        string `json:"title,omitempty"`
	StartDate    string `json:"startDate,omitempty"`
	EndDate      string `json:"endDate,omitempty"`
	FirstSeen    string `json:"firstSeen,omitempty"`
	LastSeen     string `json:"lastSeen,omitempty"`
	Provenance
}

// PlanPerson is someone who sits in a predecessor cluster's bodies.
type PlanPerson struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	ClusterIDs      []string `json:"clusterIds"`
	BodyIDs         []string `json:"bodyIds"`
	SeveralClusters bool     `json:"severalClusters"`
	// CouncilMember is set when the person is also among the council's own
	// reference members (by ID or by name; see CouncilMember.MatchedBy).
	CouncilMember bool `json:"councilMember"`
	Provenance
}

// Initiative statuses on the cut-over.
const (
	StatusRunning       = "running"         // open-ended, or ends after the cut-over
	StatusEndsAtCutover = "ends_at_cutover" // ends on the day before the cut-over (or on it)
)

// Reasons an initiative is orphaned.
const (
	OrphanOwnerIsCluster     = "owner_is_cluster"
	OrphanOwnerIsClusterBody = "owner_is_cluster_body"
	OrphanNoOwner            = "no_owner"
)

// PlanInitiative is an initiative of a predecessor cluster that is still
// running on the cut-over or ends exactly then.
type PlanInitiative struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ClusterID   string `json:"clusterId"`
	AmountDKK   *int64 `json:"amountDkk,omitempty"`
	PeriodStart string `json:"periodStart,omitempty"`
	PeriodEnd   string `json:"periodEnd,omitempty"`
	Status      string `json:"status"`
	OpenEnded   bool   `json:"openEnded"`
	// EndsAtCutover is Status == StatusEndsAtCutover.
	EndsAtCutover  bool   `json:"endsAtCutover"`
	OwnerID        string `json:"ownerId,omitempty"`
	OwnerName      string `json:"ownerName,omitempty"`
	OwnerKind      string `json:"ownerKind,omitempty"` // graph.Kind of the owner, if known
	OwnerClusterID string `json:"ownerClusterId,omitempty"`
	Organisations  []Ref  `json:"organisations"`
	LeadPeople     []Ref  `json:"leadPeople"`
	// OwnerEndsWithCluster is set when the owner is the cluster or one of
	// its bodies, which are abolished on the cut-over.
	OwnerEndsWithCluster bool `json:"ownerEndsWithCluster"`
	// Orphaned is set for a running initiative whose owner ends with the
	// cluster or which has no owner; OrphanReason says which.
	Orphaned     bool   `json:"orphaned"`
	OrphanReason string `json:"orphanReason,omitempty"`
	Provenance
}

// Money totals the amounts of the plan's initiatives. Initiatives without
// an amount are counted in WithoutAmount. ProRataDKK scales each cluster's
// total by the share of its municipalities that go to this council.
type Money struct {
	TotalDKK           int64          `json:"totalDkk"`
	RunningDKK         int64          `json:"runningDkk"`
	EndingAtCutoverDKK int64          `json:"endingAtCutoverDkk"`
	ClusterOwnedDKK    int64          `json:"clusterOwnedDkk"` // owned by a cluster or a cluster body
	ProRataDKK         int64          `json:"proRataDkk"`
	WithAmount         int            `json:"withAmount"`
	WithoutAmount      int            `json:"withoutAmount"`
	PerCluster         []ClusterMoney `json:"perCluster"`
}

// ClusterMoney is one predecessor's part of Money.
type ClusterMoney struct {
	ClusterID          string  `json:"clusterId"`
	TotalDKK           int64   `json:"totalDkk"`
	RunningDKK         int64   `json:"runningDkk"`
	EndingAtCutoverDKK int64   `json:"endingAtCutoverDkk"`
	Share              float64 `json:"share"` // shared / all municipalities of the cluster
	ProRataDKK         int64   `json:"proRataDkk"`
	Initiatives        int     `json:"initiatives"`
}

// CouncilMember is a seat in the council's own body (reference data) and
// whether its holder already sits in a predecessor cluster's bodies.
type CouncilMember struct {
	MembershipID          string   `json:"membershipId"`
	PersonID              string   `json:"personId"`
	Name                  string   `json:"name"`
	Role                  string   `json:"role"`
	OnBehalfOfID          string   `json:"onBehalfOfId,omitempty"`
	OnBehalfOf            string   `json:"onBehalfOf,omitempty"`
	Party                 string   `json:"party,omitempty"`
	InPredecessors        bool     `json:"inPredecessors"`
	PredecessorClusterIDs []string `json:"predecessorClusterIds"`
	// MatchedBy is "id" when the same person fact sits in both, "name" when
	// only the folded names agree (a possible match, worth checking).
	MatchedBy string `json:"matchedBy,omitempty"`
	Provenance
}

// checkCutover returns the cut-over date and the day before it.
func checkCutover(cutover string) (string, string, error) {
	if cutover == "" {
		cutover = DefaultCutover
	}
	t, err := time.Parse(time.DateOnly, cutover)
	if err != nil {
		return "", "", graph.Errorf(graph.ErrInvalid, "cut-over %q is not YYYY-MM-DD", cutover)
	}
	return cutover, t.AddDate(0, 0, -1).Format(time.DateOnly), nil
}

// status classifies an initiative's end date; ok is false for one that
// ended before the cut-over.
func status(end, cutover, dayBefore string) (string, bool) {
	switch {
	case end == "" || end > cutover:
		return StatusRunning, true
	case end == dayBefore || end == cutover:
		return StatusEndsAtCutover, true
	}
	return "", false
}

// ForCouncil plans the transition of one health council (cutover
// YYYY-MM-DD; empty means DefaultCutover). It reads the reference
// skeleton, the predecessor clusters' bodies (with sub-bodies), their
// memberships and initiatives, and the council's own members, in batches.
func ForCouncil(ctx context.Context, s graph.Store, councilID, cutover string) (*Plan, error) {
	if graph.KindOf(councilID) != graph.KindHealthCouncil {
		return nil, graph.Errorf(graph.ErrInvalid, "%q is not a health council ID", councilID)
	}
	cutover, dayBefore, err := checkCutover(cutover)
	if err != nil {
		return nil, err
	}
	sk, err := loadSkeleton(ctx, s)
	if err != nil {
		return nil, err
	}
	hc := sk.councils[councilID]
	if hc == nil {
		return nil, graph.Errorf(graph.ErrNotFound, "health council %s not found", councilID)
	}
	pl := &Plan{
		Council: Ref{ID: hc.ID, Name: hc.Name, Provenance: provenanceOf(hc)}, Cutover: cutover,
		Municipalities: []PlanMunicipality{}, Predecessors: []Predecessor{}, Bodies: []PlanBody{}, People: []PlanPerson{},
		InSeveralClusters: []string{}, Initiatives: []PlanInitiative{}, Orphaned: []string{}, CouncilMembers: []CouncilMember{},
		Money: Money{PerCluster: []ClusterMoney{}},
	}

	// Municipalities and predecessor clusters.
	var munis []string
	for m, c := range sk.councilOf {
		if c == councilID {
			munis = append(munis, m)
		}
	}
	slices.Sort(munis)
	inCouncil := map[string]bool{}
	for _, m := range munis {
		inCouncil[m] = true
	}
	share := map[string]float64{}
	for _, cid := range slices.Sorted(mapKeys(sk.clusters)) {
		all := sk.clusterMunicipalities(cid)
		pred := Predecessor{ID: cid, Name: sk.clusters[cid].Name, Municipalities: len(all), Shared: []MunicipalityRef{}, OtherCouncilIDs: []string{}, Provenance: provenanceOf(sk.clusters[cid])}
		for _, m := range all {
			p := sk.members[cid][m]
			if inCouncil[m] {
				pred.SharedMunicipalities++
				pred.Shared = append(pred.Shared, sk.municipalityRef(m, p))
				pred.Origins = uniqOrigins(append(pred.Origins, p.Origins...))
				pred.Uncertain = pred.Uncertain || p.Uncertain
			} else if o := sk.councilOf[m]; o != "" && !slices.Contains(pred.OtherCouncilIDs, o) {
				pred.OtherCouncilIDs = append(pred.OtherCouncilIDs, o)
			}
		}
		if pred.SharedMunicipalities == 0 {
			continue
		}
		slices.Sort(pred.OtherCouncilIDs)
		pred.Splits = len(pred.OtherCouncilIDs) > 0
		sortMunicipalities(pred.Shared)
		share[cid] = float64(pred.SharedMunicipalities) / float64(pred.Municipalities)
		pl.Predecessors = append(pl.Predecessors, pred)
	}
	preds := make([]string, len(pl.Predecessors))
	for i, p := range pl.Predecessors {
		preds[i] = p.ID
	}
	for _, m := range munis {
		pm := PlanMunicipality{MunicipalityRef: sk.municipalityRef(m, provenanceOf(sk.municipalities[m])), ClusterIDs: []string{}}
		for _, c := range preds {
			if _, ok := sk.members[c][m]; ok {
				pm.ClusterIDs = append(pm.ClusterIDs, c)
			}
		}
		pl.Municipalities = append(pl.Municipalities, pm)
	}
	sortMunicipalitiesP(pl.Municipalities)

	bodies, err := loadClusterBodies(ctx, s, preds)
	if err != nil {
		return nil, err
	}
	if err := pl.addBodiesAndPeople(ctx, s, bodies); err != nil {
		return nil, err
	}
	if err := pl.addInitiatives(ctx, s, bodies, preds, cutover, dayBefore, share); err != nil {
		return nil, err
	}
	if err := pl.addCouncilMembers(ctx, s, hc); err != nil {
		return nil, err
	}
	return pl, nil
}

func sortMunicipalitiesP(ms []PlanMunicipality) {
	slices.SortFunc(ms, func(a, b PlanMunicipality) int { return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.ID, b.ID)) })
}
