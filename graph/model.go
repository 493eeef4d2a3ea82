package graph

import "time"

// Kind names the type of a fact. Every fact has a Kind and a stable ID; the ID
// starts with the kind's prefix (see IDPrefix) so that an ID alone says what
// it names.
type Kind string

// The kinds of fact in the graph.
const (
	KindRegion        Kind = "Region"
	KindMunicipality  Kind = "Municipality"
	KindCluster       Kind = "Cluster"
	KindHealthCouncil Kind = "HealthCouncil"
	KindOrganisation  Kind = "Organisation"
	KindPerson        Kind = "Person"
	KindBody          Kind = "Body"
	KindMeeting       Kind = "Meeting"
	KindAgendaItem    Kind = "AgendaItem"
	KindInitiative    Kind = "Initiative"
	KindMembership    Kind = "Membership"
	KindAttendance    Kind = "Attendance"
	KindLink          Kind = "Link"
	KindDocument      Kind = "Document"
)

// Kinds lists every fact kind except Document, in write order: entities
// before the facts that point at them.
var Kinds = []Kind{
	KindRegion, KindMunicipality, KindCluster, KindHealthCouncil,
	KindOrganisation, KindPerson, KindBody, KindMeeting, KindAgendaItem,
	KindInitiative, KindMembership, KindAttendance, KindLink,
}

// IDPrefix is the prefix of every ID of a kind, e.g. "person:" for KindPerson.
var IDPrefix = map[Kind]string{
	KindRegion:        "region:",
	KindMunicipality:  "municipality:",
	KindCluster:       "cluster:",
	KindHealthCouncil: "council:",
	KindOrganisation:  "org:",
	KindPerson:        "person:",
	KindBody:          "body:",
	KindMeeting:       "meeting:",
	KindAgendaItem:    "item:",
	KindInitiative:    "initiative:",
	KindMembership:    "membership:",
	KindAttendance:    "attendance:",
	KindLink:          "link:",
	KindDocument:      "document:",
}

// KindOf returns the kind named by an ID's prefix, or "" if none matches.
func KindOf(id string) Kind {
	for k, p := range IDPrefix {
		if len(id) > len(p) && id[:len(p)] == p {
			return k
		}
	}
	return ""
}

// Origin says where a fact came from.
type Origin string

// Origins of facts. Reference data is the skeleton compiled from public
// sources (corpus/reference); minutes are published documents; admin facts
// are corrections made through the API.
const (
	OriginReference Origin = "reference"
	OriginMinutes   Origin = "minutes"
	OriginAdmin     Origin = "admin"
)

// Document kinds.
const (
	DocMinutes       = "minutes"
	DocCommitteeCase = "committee_case"
	DocReference     = "reference"
	DocAdmin         = "admin"
)

// Document is one loaded source: a minutes file, the reference skeleton or a
// set of administrative corrections. Its ID is "document:" + the file's base
// name, so a corrected version of a file replaces the old one.
type Document struct {
	ID       string    `json:"id"`
	FileName string    `json:"fileName"`
	SHA256   string    `json:"sha256"`
	Kind     string    `json:"kind"`
	Origin   Origin    `json:"origin"`
	Date     string    `json:"date,omitempty"` // the meeting date (YYYY-MM-DD) if one is known; orders documents
	Title    string    `json:"title,omitempty"`
	Lines    int       `json:"lines"`
	LoadedAt time.Time `json:"loadedAt"`
}

// Source says where a fact was read: a document, a line range (1-based,
// inclusive) and a short quote. Reference facts cite the reference file and
// row. Origin and Uncertain are copied from the document and the row.
type Source struct {
	DocumentID string `json:"documentId"`
	FileName   string `json:"fileName"`
	SHA256     string `json:"sha256"`
	LineStart  int    `json:"lineStart"`
	LineEnd    int    `json:"lineEnd"`
	Quote      string `json:"quote"`
	Origin     Origin `json:"origin"`
	Uncertain  bool   `json:"uncertain,omitempty"` // the reference row is marked uncertain in SOURCES.md
	Note       string `json:"note,omitempty"`      // why the fact was inferred, e.g. "merged: same name, same organisation"
}

// Region is one of Denmark's five regions.
type Region struct {
	ID      string   `json:"id"`
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Sources []Source `json:"sources"`
}

// Municipality is one of the 98 municipalities. ClusterIDs and CouncilID come
// from reference data; what the minutes show is kept apart as Links of type
// LinkClusterMunicipality with minutes origin.
type Municipality struct {
	ID         string   `json:"id"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	RegionID   string   `json:"regionId"`
	ClusterIDs []string `json:"clusterIds"`
	CouncilID  string   `json:"councilId,omitempty"`
	Sources    []Source `json:"sources"`
}

// Cluster is a sundhedsklynge.
type Cluster struct {
	ID              string   `json:"id"`
	Code            string   `json:"code"`
	Name            string   `json:"name"`
	Variants        []string `json:"variants"`
	RegionID        string   `json:"regionId"`
	Hospitals       string   `json:"hospitals,omitempty"`
	MunicipalityIDs []string `json:"municipalityIds"`
	Uncertain       bool     `json:"uncertain,omitempty"`
	Note            string   `json:"note,omitempty"`
	Sources         []Source `json:"sources"`
}

// HealthCouncil is a sundhedsråd (from 1 January 2027).
type HealthCouncil struct {
	ID              string   `json:"id"`
	Code            string   `json:"code"`
	Name            string   `json:"name"`
	RegionID        string   `json:"regionId"`
	MunicipalityIDs []string `json:"municipalityIds"`
	BodyID          string   `json:"bodyId"` // the council as a Body, which members belong to
	Sources         []Source `json:"sources"`
}

// Organisation kinds.
const (
	OrgRegion        = "region"
	OrgMunicipality  = "municipality"
	OrgGPAssociation = "gp_association"
	OrgHospital      = "hospital"
	OrgPsychiatry    = "psychiatry"
	OrgPatientOrg    = "patient_org"
	OrgResearch      = "research"
	OrgNationalBody  = "national_body"
	OrgOther         = "other"
)

// Organisation is a region, municipality, PLO branch, hospital, patient
// organisation and so on. MunicipalityID and RegionID tie an organisation to
// the reference entity it stands for.
type Organisation struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Aliases        []string `json:"aliases"`
	ParentID       string   `json:"parentId,omitempty"`
	MunicipalityID string   `json:"municipalityId,omitempty"`
	RegionID       string   `json:"regionId,omitempty"`
	Sources        []Source `json:"sources"`
}

// Person is a resolved person. Name is the canonical form; Aliases every
// other spelling seen.
type Person struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Aliases        []string `json:"aliases"`
	Party          string   `json:"party,omitempty"`
	Titles         []string `json:"titles"`
	OrganisationID string   `json:"organisationId,omitempty"`
	Sources        []Source `json:"sources"`
}

// Body kinds.
const (
	BodyPolitical             = "political_level"
	BodyProfessionalStrategic = "professional_strategic_level"
	BodySteeringGroup         = "steering_group"
	BodyImplementationGroup   = "implementation_group"
	BodyAdHocGroup            = "ad_hoc_group"
	BodyCoordinationForum     = "coordination_forum"
	BodyThemeCommittee        = "theme_committee"
	BodyWorkingGroup          = "working_group"
	BodyExecutiveCommittee    = "executive_committee"
	BodyHealthCouncil         = "health_council"
	BodyCommittee             = "committee" // a municipal or regional committee that treats a case
	BodyOther                 = "other"
)

// Levels of a cluster.
const (
	LevelPolitical             = "political"
	LevelProfessionalStrategic = "professional_strategic"
	LevelOther                 = "other"
)

// Body is a forum people sit in: a cluster's political or
// professional-strategic level, a group under it, or a health council.
type Body struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Level     string   `json:"level,omitempty"`
	Aliases   []string `json:"aliases"`
	ClusterID string   `json:"clusterId,omitempty"`
	CouncilID string   `json:"councilId,omitempty"`
	ParentID  string   `json:"parentId,omitempty"`
	Sources   []Source `json:"sources"`
}

// Meeting is one meeting of a body. Planned meetings are announced for later.
type Meeting struct {
	ID        string   `json:"id"`
	BodyID    string   `json:"bodyId"`
	ClusterID string   `json:"clusterId,omitempty"`
	Level     string   `json:"level,omitempty"`
	Date      string   `json:"date,omitempty"` // YYYY-MM-DD
	Time      string   `json:"time,omitempty"` // HH:MM or a range
	Location  string   `json:"location,omitempty"`
	Planned   bool     `json:"planned,omitempty"`
	Sources   []Source `json:"sources"`
}

// Outcomes of an agenda item.
const (
	OutcomeApproved  = "approved"
	OutcomeNoted     = "noted"
	OutcomeDiscussed = "discussed"
	OutcomeRejected  = "rejected"
	OutcomePostponed = "postponed"
	OutcomeOther     = "other"
)

// AgendaItem is one numbered item of a meeting.
type AgendaItem struct {
	ID           string   `json:"id"`
	MeetingID    string   `json:"meetingId"`
	Number       int      `json:"number"`
	Title        string   `json:"title"`
	CaseNumber   string   `json:"caseNumber,omitempty"`
	Summary      string   `json:"summary,omitempty"`  // Resumé
	Proposal     string   `json:"proposal,omitempty"` // Indstilling
	DecisionText string   `json:"decisionText,omitempty"`
	Outcome      string   `json:"outcome"`
	Sources      []Source `json:"sources"`
}

// Initiative is a project, agreement or allocation of cluster money.
// Amounts are whole DKK; nil means the document does not say.
type Initiative struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Aliases          []string `json:"aliases"`
	AmountDKK        *int64   `json:"amountDkk,omitempty"`
	AmountAppliedDKK *int64   `json:"amountAppliedDkk,omitempty"`
	PeriodStart      string   `json:"periodStart,omitempty"` // YYYY-MM-DD
	PeriodEnd        string   `json:"periodEnd,omitempty"`
	OwnerID          string   `json:"ownerId,omitempty"` // an Organisation or Body
	OwnerName        string   `json:"ownerName,omitempty"`
	OrganisationIDs  []string `json:"organisationIds"`
	LeadPersonIDs    []string `json:"leadPersonIds"`
	ClusterID        string   `json:"clusterId,omitempty"`
	BodyID           string   `json:"bodyId,omitempty"`
	ItemID           string   `json:"itemId,omitempty"`
	Sources          []Source `json:"sources"`
}

// Membership roles.
const (
	RoleChair      = "chair"
	RoleCoChair    = "co_chair"
	RoleViceChair  = "vice_chair"
	RoleMember     = "member"
	RoleObserver   = "observer"
	RoleSecretary  = "secretariat"
	RoleSubstitute = "substitute"
	RoleGuest      = "guest"
	RoleAdmin      = "administrative"
)

// Membership says a person sits in a body. Its ID is derived from (person,
// body, role, on behalf of), so several documents that show the same seat
// support one Membership. StartDate and EndDate are stated dates; FirstSeen
// and LastSeen the dates of the meetings that show it.
type Membership struct {
	ID           string   `json:"id"`
	PersonID     string   `json:"personId"`
	BodyID       string   `json:"bodyId"`
	Role         string   `json:"role"`
	OnBehalfOfID string   `json:"onBehalfOfId,omitempty"` // an Organisation
	Party        string   `json:"party,omitempty"`
	Title        string   `json:"title,omitempty"`
	StartDate    string   `json:"startDate,omitempty"`
	EndDate      string   `json:"endDate,omitempty"`
	FirstSeen    string   `json:"firstSeen,omitempty"`
	LastSeen     string   `json:"lastSeen,omitempty"`
	Sources      []Source `json:"sources"`
}

// Attendance statuses.
const (
	StatusPresent       = "present"
	StatusAbsent        = "absent"
	StatusSentApologies = "sent_apologies"
	StatusSubstitute    = "substitute"
)

// Attendance says how a person took part in a meeting.
type Attendance struct {
	ID              string   `json:"id"`
	PersonID        string   `json:"personId"`
	MeetingID       string   `json:"meetingId"`
	Status          string   `json:"status"`
	SubstituteForID string   `json:"substituteForId,omitempty"` // a Person
	Items           string   `json:"items,omitempty"`           // "2-4" when only some items
	Note            string   `json:"note,omitempty"`
	Sources         []Source `json:"sources"`
}

// Link types.
const (
	// LinkClusterMunicipality: a municipality takes part in a cluster
	// (From municipality, To cluster).
	LinkClusterMunicipality = "cluster_municipality"
	// LinkPossibleSameAs: two people may be the same (From, To person);
	// Props "confidence" and "reason".
	LinkPossibleSameAs = "possible_same_as"
	// LinkMerged: From person absorbed mention To name; Props "reason".
	LinkMerged = "merged"
	// LinkConflict: reference data and minutes disagree; Props "reason".
	LinkConflict = "conflict"
	// LinkMentions: an agenda item mentions an entity (From item, To any).
	LinkMentions = "mentions"
)

// Link is a typed relation between two facts that has no richer record of its
// own.
type Link struct {
	ID      string            `json:"id"`
	Type    string            `json:"type"`
	FromID  string            `json:"fromId"`
	ToID    string            `json:"toId"`
	Props   map[string]string `json:"props,omitempty"`
	Sources []Source          `json:"sources"`
}

// DocumentFacts is everything one document says, ready to be written in one
// transaction. It is self-contained: every ID a fact points at is either a
// fact in the same DocumentFacts or a reference entity already in the store.
// The same ID may be contributed by several documents; the store keeps each
// document's contribution and reads return the merge (see Merge).
type DocumentFacts struct {
	Document       Document        `json:"document"`
	Regions        []Region        `json:"regions,omitempty"`
	Municipalities []Municipality  `json:"municipalities,omitempty"`
	Clusters       []Cluster       `json:"clusters,omitempty"`
	HealthCouncils []HealthCouncil `json:"healthCouncils,omitempty"`
	Organisations  []Organisation  `json:"organisations,omitempty"`
	People         []Person        `json:"people,omitempty"`
	Bodies         []Body          `json:"bodies,omitempty"`
	Meetings       []Meeting       `json:"meetings,omitempty"`
	AgendaItems    []AgendaItem    `json:"agendaItems,omitempty"`
	Initiatives    []Initiative    `json:"initiatives,omitempty"`
	Memberships    []Membership    `json:"memberships,omitempty"`
	Attendance     []Attendance    `json:"attendance,omitempty"`
	Links          []Link          `json:"links,omitempty"`
}

// WriteResult reports what a write did.
type WriteResult struct {
	DocumentID string `json:"documentId"`
	Unchanged  bool   `json:"unchanged"` // the same content was already loaded; nothing was written
	Replaced   bool   `json:"replaced"`  // an earlier version of the document was replaced
	Facts      int    `json:"facts"`     // facts the document contributes
}

// Stats counts what the store holds.
type Stats struct {
	Documents     int          `json:"documents"`
	Facts         map[Kind]int `json:"facts"`         // merged facts per kind
	Contributions int          `json:"contributions"` // (document, fact) pairs
}
