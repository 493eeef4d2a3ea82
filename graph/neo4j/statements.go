package neo4j

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Every Cypher statement lives in its own file under cypher/ (schema under
// cypher/schema/, applied in file-name order). Code names a statement by its
// file name without ".cypher" through statement(), which registers the name,
// so a test can check that every file is used and every name has a file.

//go:embed cypher
var cypherFS embed.FS

// A statement is one Cypher statement and the parameters it takes.
type statement struct {
	name   string
	text   string
	params []string // sorted, without "$"
}

var (
	registry     = map[string]*statement{}
	registryErrs []error
	paramRE      = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// statement returns the statement in cypher/NAME.cypher and registers the
// name. A missing file is recorded (and reported by tests and Open).
func stmt(name string) *statement {
	if s, ok := registry[name]; ok {
		return s
	}
	b, err := cypherFS.ReadFile("cypher/" + name + ".cypher")
	if err != nil {
		registryErrs = append(registryErrs, fmt.Errorf("statement %s: %w", name, err))
	}
	s := &statement{name: name, text: strings.TrimSpace(string(b)), params: statementParams(string(b))}
	registry[name] = s
	return s
}

// statementParams lists the $parameters a statement text uses.
func statementParams(text string) []string {
	set := map[string]bool{}
	for _, m := range paramRE.FindAllStringSubmatch(text, -1) {
		set[m[1]] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// cypherFiles lists the statement names of every embedded .cypher file.
func cypherFiles() ([]string, error) {
	var names []string
	err := fs.WalkDir(cypherFS, "cypher", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".cypher" {
			names = append(names, strings.TrimSuffix(strings.TrimPrefix(p, "cypher/"), ".cypher"))
		}
		return nil
	})
	slices.Sort(names)
	return names, err
}

// schemaStatements returns the schema statements in the order they apply.
func schemaStatements() []*statement {
	names, _ := cypherFiles()
	var out []*statement
	for _, n := range names {
		if strings.HasPrefix(n, "schema/") {
			out = append(out, stmt(n))
		}
	}
	return out
}

// Statements with a fixed name.
var (
	stmtPing              = stmt("ping")
	stmtDocumentSHA       = stmt("document_sha")
	stmtDocumentFactIDs   = stmt("document_fact_ids")
	stmtDocumentUnsource  = stmt("document_unsource")
	stmtDocumentUpsert    = stmt("document_upsert")
	stmtDocumentDelete    = stmt("document_delete")
	stmtContribute        = stmt("contribute")
	stmtContributions     = stmt("contributions")
	stmtFactRetire        = stmt("fact_retire")
	stmtEdgesOwned        = stmt("edges_owned")
	stmtEdgeDelete        = stmt("edge_delete")
	stmtStubsMerge        = stmt("stubs_merge")
	stmtFactsExisting     = stmt("facts_existing")
	stmtStubsCleanup      = stmt("stubs_cleanup")
	stmtGet               = stmt("get")
	stmtDocuments         = stmt("documents")
	stmtList              = stmt("list")
	stmtListDesc          = stmt("list_desc")
	stmtCount             = stmt("count")
	stmtClustersOfRegion  = stmt("clusters_of_region")
	stmtRelated           = stmt("related")
	stmtRelatedOfDocument = stmt("related_of_document")
	stmtFactsOfDocument   = stmt("facts_of_document")
	stmtSearch            = stmt("search")
	stmtStats             = stmt("stats")
)

// kindLabels lists the label of every fact kind (the kind's name). Labels
// cannot be parameters, so setting a fact's properties and label takes one
// statement per kind: fact_set_<kind>.
var factSet = func() map[graph.Kind]*statement {
	m := map[graph.Kind]*statement{}
	for _, k := range graph.Kinds {
		m[k] = stmt(factSetName(k))
	}
	return m
}()

func factSetName(k graph.Kind) string { return "fact_set_" + snake(string(k)) }

// A relType says how a graph.Relation is stored: as a relationship of Type
// from the fact at Start to the one at End, where Start is the Edge's From
// unless Reverse. FromDocument marks the relation whose From is a Document.
type relType struct {
	Type         string
	Reverse      bool
	FromDocument bool
}

// relTypes maps every relation that graph.Edges produces to its
// relationship type, chosen so the graph reads naturally in Neo4j Browser:
// (:Person)-[:HOLDS]->(:Membership)-[:IN]->(:Body).
var relTypes = map[graph.Relation]relType{
	graph.RelMembershipsOfPerson:     {Type: "HOLDS"},
	graph.RelMembershipsOfBody:       {Type: "IN", Reverse: true},
	graph.RelAttendanceOfPerson:      {Type: "ATTENDS"},
	graph.RelAttendanceOfMeeting:     {Type: "AT", Reverse: true},
	graph.RelSubstitutionsFor:        {Type: "SUBSTITUTES_FOR", Reverse: true},
	graph.RelItemsOfMeeting:          {Type: "HAS_ITEM"},
	graph.RelMeetingsOfBody:          {Type: "HELD"},
	graph.RelMeetingsOfCluster:       {Type: "FOR_CLUSTER", Reverse: true},
	graph.RelBodiesOfCluster:         {Type: "PART_OF", Reverse: true},
	graph.RelChildBodies:             {Type: "UNDER", Reverse: true},
	graph.RelMunicipalitiesOfRegion:  {Type: "IN_REGION", Reverse: true},
	graph.RelMunicipalitiesOfCluster: {Type: "IN_CLUSTER", Reverse: true},
	graph.RelMunicipalitiesOfCouncil: {Type: "IN_COUNCIL", Reverse: true},
	graph.RelClustersOfRegion:        {Type: "IN_REGION", Reverse: true},
	graph.RelCouncilsOfRegion:        {Type: "IN_REGION", Reverse: true},
	graph.RelInitiativesOfCluster:    {Type: "FOR_CLUSTER", Reverse: true},
	graph.RelInitiativesOfBody:       {Type: "UNDER_BODY", Reverse: true},
	graph.RelInitiativesOfItem:       {Type: "CONCERNS"},
	graph.RelInitiativesOfOwner:      {Type: "OWNS"},
	graph.RelInitiativesOfOrg:        {Type: "PARTICIPATES_IN"},
	graph.RelMembershipsOnBehalfOf:   {Type: "ON_BEHALF_OF", Reverse: true},
	graph.RelPeopleOfOrganisation:    {Type: "WORKS_FOR", Reverse: true},
	graph.RelLinksFrom:               {Type: "LINK_FROM", Reverse: true},
	graph.RelLinksTo:                 {Type: "LINK_TO", Reverse: true},
	graph.RelMeetingsOfDocument:      {Type: "RECORDS", FromDocument: true},
}

// edgeCreate holds the statement that creates the relationships of one
// relation: edge_<relation>.
var edgeCreate = func() map[graph.Relation]*statement {
	m := map[graph.Relation]*statement{}
	for r := range relTypes {
		m[r] = stmt(edgeCreateName(r))
	}
	return m
}()

func edgeCreateName(r graph.Relation) string { return "edge_" + snake(string(r)) }

// snake turns "MembershipsOfPerson" into "memberships_of_person".
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Labels, relationship types and property keys of the model, for the Cypher
// gate's vocabulary (see gate_test.go).
var (
	modelLabels = func() []string {
		l := []string{"Fact", "Stub", "Document"}
		for _, k := range graph.Kinds {
			l = append(l, string(k))
		}
		return l
	}()
	modelRelTypes = func() []string {
		l := []string{"SOURCED_IN"}
		for _, r := range relTypes {
			if !slices.Contains(l, r.Type) {
				l = append(l, r.Type)
			}
		}
		slices.Sort(l)
		return l
	}()
	// factProps are the properties of a fact node (besides id and kind),
	// all set by fact_set_<kind> and cleared by fact_retire.
	factProps = []string{
		"json", "sortKey", "searchText", "name", "names", "origins", "subtype",
		"regionId", "clusterId", "clusterIds", "bodyId", "level", "date",
		"ownerId", "amountDkk", "periodStart", "periodEnd", "contributions",
	}
	modelProps = func() []string {
		l := append([]string{"id", "kind"}, factProps...)
		l = append(l, "sha256", "fileName", "origin", // Document
			"owner", "rel", "from", "to", // structural relationships
			"start", "end") // keys of edge_<relation>'s rows (not stored)
		slices.Sort(l)
		return slices.Compact(l)
	}()
)
