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
			b.Run(label+"/"+q.name, func(b *testing.B) {
				for b.Loop() {
					req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != 200 || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
						b.Fatalf("%d %s", rec.Code, rec.Body)
					}
				}
			})
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
