package minutes

// Extraction is what the parser reads from one document, in the structure of
// the answer keys in corpus/expected (see corpus/expected/README.md), plus
// the position of every record. `sundhedsgraf extract --json` prints it; the
// golden tests score it against the keys; package loader turns it into graph
// facts.
//
// Pointers and empty strings encode the keys' null: a nil *string or *int64
// is printed as null.
type Extraction struct {
	Document       string          `json:"document"`
	Kind           string          `json:"kind"` // "minutes" or "committee_case"
	Meetings       []Meeting       `json:"meetings"`
	People         []Person        `json:"people"`
	Memberships    []Membership    `json:"memberships"`
	Attendance     []Attendance    `json:"attendance"`
	AgendaItems    []AgendaItem    `json:"agenda_items"`
	Bodies         []Body          `json:"bodies"`
	Initiatives    []Initiative    `json:"initiatives"`
	Organisations  []Organisation  `json:"organisations"`
	FutureMeetings []FutureMeeting `json:"future_meetings"`
	Notes          []string        `json:"notes"`
}

// Pos is where a record was read: 1-based line range (inclusive) of the
// normalised text and a short quote.
type Pos struct {
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	Quote   string `json:"quote,omitempty"`
}

// Meeting is a meeting the document records or reports on.
type Meeting struct {
	Body     string  `json:"body"`
	Cluster  *string `json:"cluster"`
	Level    string  `json:"level"` // political, professional_strategic, other
	Date     *string `json:"date"`  // YYYY-MM-DD
	Time     *string `json:"time"`
	Location *string `json:"location"`
	Note     string  `json:"note,omitempty"`
	Pos      Pos     `json:"pos"`
}

// Person is one person named in the document.
type Person struct {
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases"`
	Party        *string  `json:"party"`
	Organisation *string  `json:"organisation"`
	Titles       []string `json:"titles"`
	Pos          Pos      `json:"pos"`
}

// Membership roles, as in the answer keys.
const (
	RoleCoChair        = "co-chair"
	RoleChair          = "chair"
	RoleMember         = "member"
	RoleAdministrative = "administrative"
	RoleSecretariat    = "secretariat"
	RoleCommitteeChair = "committee_chair"
	RolePatientRep     = "patient_representative"
	RoleSubstitute     = "substitute"
	RoleGuest          = "guest"
	RoleCoordinator    = "coordinator"
	RoleObserver       = "observer"
)

// Membership says a person sits in a body.
type Membership struct {
	Person     string  `json:"person"`
	Body       string  `json:"body"`
	Role       string  `json:"role"`
	OnBehalfOf *string `json:"on_behalf_of"`
	Note       string  `json:"note,omitempty"`
	Pos        Pos     `json:"pos"`
}

// Attendance statuses, as in the answer keys.
const (
	StatusPresent       = "present"
	StatusAbsent        = "absent"
	StatusSentApologies = "sent_apologies"
	StatusSubstitute    = "substitute"
)

// Attendance is one person's attendance at the document's meeting.
type Attendance struct {
	Person        string  `json:"person"`
	MeetingDate   *string `json:"meeting_date"`
	Status        string  `json:"status"`
	SubstituteFor *string `json:"substitute_for"`
	Note          string  `json:"note"`
	Items         string  `json:"items,omitempty"` // "2-4" when the person took part in some items only
	Pos           Pos     `json:"pos"`
}

// Outcomes, as in the answer keys.
const (
	OutcomeApproved  = "approved"
	OutcomeNoted     = "noted"
	OutcomeDiscussed = "discussed"
	OutcomeRejected  = "rejected"
	OutcomePostponed = "postponed"
	OutcomeOther     = "other"
)

// AgendaItem is one numbered item.
type AgendaItem struct {
	Number          int     `json:"number"`
	Title           string  `json:"title"`
	CaseNumber      *string `json:"case_number"`
	DecisionSummary string  `json:"decision_summary"` // the decision text as printed (the keys paraphrase in English)
	Outcome         string  `json:"outcome"`
	Summary         string  `json:"summary,omitempty"`  // Resumé
	Proposal        string  `json:"proposal,omitempty"` // Indstilling
	Pos             Pos     `json:"pos"`
}

// Body kinds, as in the answer keys.
const (
	BodySteeringGroup       = "steering_group"
	BodyImplementationGroup = "implementation_group"
	BodyAdHocGroup          = "ad_hoc_group"
	BodyCoordinationForum   = "coordination_forum"
	BodyThemeCommittee      = "theme_committee"
	BodyWorkingGroup        = "working_group"
	BodyOther               = "other"
)

// Body is a sub-body or forum named in the document.
type Body struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Parent  *string  `json:"parent"`
	Item    *int     `json:"established_or_mentioned_in_item"`
	Aliases []string `json:"aliases,omitempty"`
	Pos     Pos      `json:"pos"`
}

// Initiative is a project, agreement, funding pot or allocation.
type Initiative struct {
	Name          string   `json:"name"`
	AmountDKK     *int64   `json:"amount_dkk"`
	AmountApplied *int64   `json:"amount_applied_dkk,omitempty"`
	PeriodStart   *string  `json:"period_start"`
	PeriodEnd     *string  `json:"period_end"`
	Owner         *string  `json:"owner"`
	Organisations []string `json:"organisations"`
	Item          *int     `json:"item"`
	Aliases       []string `json:"aliases,omitempty"`
	Pos           Pos      `json:"pos"`
}

// Organisation kinds, as in the answer keys (same as graph's).
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

// Organisation is an organisation named in the document.
type Organisation struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases,omitempty"`
	Pos     Pos      `json:"pos"`
}

// FutureMeeting is a dated meeting announced for later.
type FutureMeeting struct {
	Body     string  `json:"body"`
	Date     string  `json:"date"`
	Time     *string `json:"time,omitempty"`
	Location *string `json:"location"`
	Pos      Pos     `json:"pos"`
}
