package resolvers

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkQueries measures typical queries through the HTTP handler on the
// embedded store with the sample corpus. It asserts nothing about time;
// run with -bench Queries -benchtime 50x.
func BenchmarkQueries(b *testing.B) {
	queries := []struct{ name, query string }{
		{"person_seats", `{ person(name: "Bo Libergren") { name memberships { role body { name cluster { name } } sources { fileName lines { start end } } } } }`},
		{"meeting_attendance", `{ meetings(filter: {cluster: "cluster:SD-SONDERJYLLAND", from: "2024-06-19", to: "2024-06-19"}) {
			nodes { date attendance { status participant { name organisation { name } } substituteFor { name } } initiatives { name amountDKK } } } }`},
		{"search", `{ search(text: "lægedækning") { kind score snippet node { id } } }`},
		{"people_page_50", `{ people(first: 50) { totalCount edges { cursor node { name party organisation { name } } } pageInfo { endCursor hasNextPage } } }`},
		{"skeleton", `{ municipalities(first: 100) { nodes { name region { name } } } clusters { nodes { name municipalities { name } } } }`},
		{"nested_6_levels", nestedQuery},
		{"network_co_membership", `{ network(kind: CO_MEMBERSHIP) { nodeCount nodes { id label degree betweenness pageRank community } edges { from to weight } } }`},
		{"network_org_brokers", `{ brokers(kind: ORG_CO_SITTING) { label linkedClusters { name } why } }`},
		{"path", `{ path(from: "person:stephanie-lose", to: "person:kim-agerholm-brogaard") { found steps { fromLabel toLabel bodies { name } meetings { date } } } }`},
		{"transition_limfjorden", `{ healthCouncil(id: "council:SR-LIMFJORDEN") { transition { predecessors { name splits } people { name severalClusters }
			initiatives { name amountDKK status owner { ... on Body { name } } } money { totalDKK proRataDKK } councilMembers { name inPredecessors } } } }`},
		{"transition_overlap", `{ transitionOverlap { counts cells { cluster { name } council { name } count uncertain } } }`},
	}
	// The dataloaders' batching window adds up to one wait per level of
	// the query; compare the default with a wider window.
	for _, wait := range []time.Duration{DefaultConfig().LoaderWait, 10 * time.Millisecond} {
		h := newTestHandler(b, sample(b), Config{LoaderWait: wait})
		label := "wait_" + wait.String()
		for _, q := range queries {
			body, _ := json.Marshal(map[string]any{"query": q.query})
			b.Run(label+"/"+q.name, func(b *testing.B) { benchPost(b, h, body) })
		}
	}
	h := newTestHandler(b, sample(b), Config{})
	b.Run("export/memberships.csv", func(b *testing.B) {
		for b.Loop() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/memberships.csv", nil))
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}

// BenchmarkObjectQueries runs the API benchmark's four object queries
// (cmd/sundhedsgraf-bench: person_seats, body_members_asof,
// meeting_attendance, cluster_tree) with variables through the handler, on
// the sample's largest person, body, meeting and cluster, so that the
// handler's CPU and allocation per request can be profiled without HTTP,
// with the direct writer and without it. It asserts nothing about time;
// run with -bench ObjectQueries -benchmem.
func BenchmarkObjectQueries(b *testing.B) {
	h := newTestHandler(b, sample(b), Config{})
	// Every list is asked for with its parts aliased as "parts", so that
	// one type reads them all.
	type list struct {
		Nodes []struct {
			ID    string
			Parts []struct{ ID string }
		}
	}
	var lists struct{ People, Bodies, Meetings, Clusters list }
	query(b, h, `{ people(first: 500) { nodes { id parts: memberships { id } } }
  bodies(first: 500) { nodes { id parts: members { id } } }
  meetings(first: 500) { nodes { id parts: attendance { id } } }
  clusters { nodes { id parts: bodies { id } } } }`, nil, &lists)
	// largest is the ID of the node with the most parts.
	largest := func(l list) string {
		if len(l.Nodes) == 0 {
			b.Fatal("the sample has none")
		}
		best := l.Nodes[0]
		for _, n := range l.Nodes[1:] {
			if len(n.Parts) > len(best.Parts) {
				best = n
			}
		}
		return best.ID
	}
	queries := []struct {
		name, query string
		vars        map[string]any
	}{
		{"person_seats", `query($id: ID!) { person(id: $id) { id name party titles organisation { id name }
  memberships { id role title startDate endDate firstSeen lastSeen onBehalfOf { id name } body { id name kind level cluster { id name } } } } }`,
			map[string]any{"id": largest(lists.People)}},
		{"body_members_asof", `query($id: ID!, $d: Date) { body(id: $id) { id name kind level
  members(asOf: $d) { id role startDate endDate firstSeen person { id name party } onBehalfOf { id name } } } }`,
			map[string]any{"id": largest(lists.Bodies), "d": "2024-07-15"}},
		{"meeting_attendance", `query($id: ID!) { meeting(id: $id) { id date location body { id name } cluster { id name }
  attendance { id status items note participant { id name organisation { id name } } substituteFor { id name } } } }`,
			map[string]any{"id": largest(lists.Meetings)}},
		// The fixed cost of a request: one fact, one field.
		{"person_id", `query($id: ID!) { person(id: $id) { id } }`, map[string]any{"id": largest(lists.People)}},
		{"cluster_tree", `query($id: ID) { cluster(id: $id) { id name region { id name } municipalities { id name }
  bodies { id name kind level children { id name kind level children { id name kind } } } } }`,
			map[string]any{"id": largest(lists.Clusters)}},
	}
	// Each with the direct writer (the default) and with gqlgen's
	// executor alone.
	gqlgen := newTestHandler(b, sample(b), Config{indirect: true})
	for _, q := range queries {
		body, _ := json.Marshal(map[string]any{"query": q.query, "variables": q.vars})
		b.Run("direct/"+q.name, func(b *testing.B) { benchPost(b, h, body) })
		b.Run("gqlgen/"+q.name, func(b *testing.B) { benchPost(b, gqlgen, body) })
	}
}

// benchPost sends a GraphQL request body to h for every round of b and
// fails on an error status or a GraphQL error.
func benchPost(b *testing.B, h http.Handler, body []byte) {
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}
