package graph

import "context"

// Store is the graph: documents' facts in, merged facts out. Two backends
// implement it, the embedded store (package graph/embedded) and Neo4j
// (package graph/neo4j); the conformance suite in graph/storetest holds both
// to the same answers.
//
// Reads return merged facts: a fact contributed by several documents is read
// as Merge of its contributions, ordered by document (see DocumentOrder).
// Every read method takes batches and returns maps, so callers (dataloaders)
// make one call per level of a query, whatever the number of results.
// Missing IDs are absent from the map, not errors.
//
// Isolation: a write is atomic (all of a document or none, also after a
// crash). The embedded store's reads each see one committed state. Neo4j's
// reads are read-committed, its default isolation level: a read racing a
// write may see some facts of the new version and others of the old, each
// fact whole; once the write has returned, reads see all of it.
type Store interface {
	// EnsureSchema prepares the store (constraints, indexes); it is
	// idempotent and called at start-up.
	EnsureSchema(ctx context.Context) error
	// Ping reports whether the store can serve reads now.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close(ctx context.Context) error

	// ReplaceDocument writes a document's facts in one transaction. If the
	// document (by ID) is already loaded with the same SHA256 it writes
	// nothing and reports Unchanged. Otherwise it removes the document's
	// earlier contributions, adds the new ones, and removes facts that no
	// document supports any more. Either all of it happens or none.
	ReplaceDocument(ctx context.Context, facts *DocumentFacts) (WriteResult, error)
	// DeleteDocument removes a document and its contributions; false if it
	// was not loaded.
	DeleteDocument(ctx context.Context, id string) (bool, error)

	// Get returns merged facts by ID: values are *Region, *Municipality,
	// *Cluster, *HealthCouncil, *Organisation, *Person, *Body, *Meeting,
	// *AgendaItem, *Initiative, *Membership, *Attendance, *Link or *Document,
	// as the ID's prefix says. The caller owns them, unless ctx is marked
	// ReadOnly: then they may be shared with other readers. The map itself
	// is new on every call and always the caller's.
	Get(ctx context.Context, ids []string) (map[string]any, error)
	// List returns the IDs of facts of one kind that match the filter, in the
	// kind's sort order (see SortKey), or its reverse if Page.Desc, one page
	// at a time.
	List(ctx context.Context, kind Kind, f Filter, p Page) (PageResult, error)
	// Count returns how many facts of one kind match the filter.
	Count(ctx context.Context, kind Kind, f Filter) (int, error)
	// Related returns, for each ID, the IDs related to it by rel, sorted by
	// the related kind's sort order. IDs with nothing related are absent.
	Related(ctx context.Context, rel Relation, ids []string) (map[string][]string, error)
	// Search ranks facts whose names or texts match text (case-insensitive,
	// Danish letters folded as in Fold). kinds limits the kinds searched;
	// empty means all searchable kinds.
	Search(ctx context.Context, text string, kinds []Kind, limit int) ([]SearchHit, error)
	// Stats counts documents, facts and contributions.
	Stats(ctx context.Context) (Stats, error)
	// Documents lists every loaded document, ordered by DocumentOrder.
	Documents(ctx context.Context) ([]Document, error)
}

// Filter narrows List and Count. Zero fields do not filter. Each kind honours
// the fields that make sense for it (see FilterFields) and rejects the others
// with an ErrInvalid error.
type Filter struct {
	NameContains string // Person, Organisation, Body, Initiative, Municipality, Cluster: folded substring of name or alias
	Kind         string // Organisation.Kind, Body.Kind, Link.Type
	RegionID     string // Municipality, Cluster, HealthCouncil, Meeting (via cluster), Initiative (via cluster)
	ClusterID    string // Body, Meeting, Initiative, Municipality
	BodyID       string // Meeting
	Level        string // Body, Meeting
	DateFrom     string // Meeting.Date >= DateFrom (YYYY-MM-DD)
	DateTo       string // Meeting.Date <= DateTo
	OwnerID      string // Initiative
	AmountMin    *int64 // Initiative.AmountDKK >= AmountMin
	AmountMax    *int64 // Initiative.AmountDKK <= AmountMax
	RunningOn    string // Initiative: PeriodStart <= RunningOn <= PeriodEnd (an empty bound is open)
	Origin       Origin // any kind: at least one source of this origin
}

// FilterFields lists, per kind, the Filter fields it honours (by Go field
// name). Origin is honoured by every kind.
var FilterFields = map[Kind][]string{
	KindRegion:        {},
	KindMunicipality:  {"NameContains", "RegionID", "ClusterID"},
	KindCluster:       {"NameContains", "RegionID"},
	KindHealthCouncil: {"NameContains", "RegionID"},
	KindOrganisation:  {"NameContains", "Kind"},
	KindPerson:        {"NameContains"},
	KindBody:          {"NameContains", "Kind", "ClusterID", "Level"},
	KindMeeting:       {"RegionID", "ClusterID", "BodyID", "Level", "DateFrom", "DateTo"},
	KindAgendaItem:    {},
	KindInitiative:    {"NameContains", "RegionID", "ClusterID", "OwnerID", "AmountMin", "AmountMax", "RunningOn"},
	KindMembership:    {},
	KindAttendance:    {},
	KindLink:          {"Kind"},
}

// Page asks for up to First IDs after the cursor After (empty: from the
// start). Cursors are opaque strings returned in PageResult; they are keyset
// cursors, stable while facts are added before or after them.
//
// Desc lists in reverse SortKey order: the page starts at the fact with the
// greatest sort key, and After is then a cursor of the previous (Desc)
// page's last item, the page continuing below it. HasNext and EndCursor mean
// the same in both directions: more facts follow in the order asked for, and
// the cursor to pass as After for them. A cursor marks a place in the sort
// order, so either direction may continue from it.
type Page struct {
	After string
	First int
	Desc  bool
}

// PageResult is one page of IDs.
type PageResult struct {
	IDs       []string
	EndCursor string // cursor after the last ID; pass as Page.After
	HasNext   bool
}

// Relation names a one-to-many relation that Related follows.
type Relation string

// Relations. The comment says from which kind to which.
const (
	RelMembershipsOfPerson     Relation = "MembershipsOfPerson"       // Person → Membership
	RelMembershipsOfBody       Relation = "MembershipsOfBody"         // Body → Membership
	RelAttendanceOfPerson      Relation = "AttendanceOfPerson"        // Person → Attendance
	RelAttendanceOfMeeting     Relation = "AttendanceOfMeeting"       // Meeting → Attendance
	RelSubstitutionsFor        Relation = "SubstitutionsFor"          // Person → Attendance where they were stood in for
	RelItemsOfMeeting          Relation = "ItemsOfMeeting"            // Meeting → AgendaItem (by number)
	RelMeetingsOfBody          Relation = "MeetingsOfBody"            // Body → Meeting (by date)
	RelMeetingsOfCluster       Relation = "MeetingsOfCluster"         // Cluster → Meeting
	RelBodiesOfCluster         Relation = "BodiesOfCluster"           // Cluster → Body
	RelChildBodies             Relation = "ChildBodies"               // Body → Body (ParentID)
	RelMunicipalitiesOfRegion  Relation = "MunicipalitiesOfRegion"    // Region → Municipality
	RelMunicipalitiesOfCluster Relation = "MunicipalitiesOfCluster"   // Cluster → Municipality (reference)
	RelMunicipalitiesOfCouncil Relation = "MunicipalitiesOfCouncil"   // HealthCouncil → Municipality
	RelClustersOfRegion        Relation = "ClustersOfRegion"          // Region → Cluster
	RelCouncilsOfRegion        Relation = "CouncilsOfRegion"          // Region → HealthCouncil
	RelInitiativesOfCluster    Relation = "InitiativesOfCluster"      // Cluster → Initiative
	RelInitiativesOfBody       Relation = "InitiativesOfBody"         // Body → Initiative
	RelInitiativesOfItem       Relation = "InitiativesOfItem"         // AgendaItem → Initiative
	RelInitiativesOfOwner      Relation = "InitiativesOfOwner"        // Organisation or Body → Initiative
	RelInitiativesOfOrg        Relation = "InitiativesOfOrganisation" // Organisation → Initiative (participating)
	RelMembershipsOnBehalfOf   Relation = "MembershipsOnBehalfOf"     // Organisation → Membership
	RelPeopleOfOrganisation    Relation = "PeopleOfOrganisation"      // Organisation → Person
	RelLinksFrom               Relation = "LinksFrom"                 // any → Link (FromID)
	RelLinksTo                 Relation = "LinksTo"                   // any → Link (ToID)
	RelFactsOfDocument         Relation = "FactsOfDocument"           // Document → any fact it contributes
	RelMeetingsOfDocument      Relation = "MeetingsOfDocument"        // Document → Meeting
)

// Relations lists every Relation.
var Relations = []Relation{
	RelMembershipsOfPerson, RelMembershipsOfBody, RelAttendanceOfPerson,
	RelAttendanceOfMeeting, RelSubstitutionsFor, RelItemsOfMeeting,
	RelMeetingsOfBody, RelMeetingsOfCluster, RelBodiesOfCluster, RelChildBodies,
	RelMunicipalitiesOfRegion, RelMunicipalitiesOfCluster,
	RelMunicipalitiesOfCouncil, RelClustersOfRegion, RelCouncilsOfRegion,
	RelInitiativesOfCluster, RelInitiativesOfBody, RelInitiativesOfItem,
	RelInitiativesOfOwner, RelInitiativesOfOrg, RelMembershipsOnBehalfOf,
	RelPeopleOfOrganisation, RelLinksFrom, RelLinksTo, RelFactsOfDocument,
	RelMeetingsOfDocument,
}

// SearchHit is one ranked search result.
type SearchHit struct {
	ID      string  `json:"id"`
	Kind    Kind    `json:"kind"`
	Score   float64 `json:"score"`
	Snippet string  `json:"snippet"` // the matching name or a short excerpt around the match
}

// SearchKinds are the kinds Search looks in when none are given.
var SearchKinds = []Kind{KindPerson, KindOrganisation, KindBody, KindAgendaItem, KindInitiative, KindCluster, KindMunicipality, KindHealthCouncil}
