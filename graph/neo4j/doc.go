// Package neo4j is the graph.Store backend for Neo4j 5 over Bolt, and the
// only package that imports the Neo4j driver; no driver type leaves it.
//
// # Cypher
//
// Every statement lives in its own file, cypher/NAME.cypher, embedded and
// named in code by NAME (statements.go); values are always $parameters.
// Labels and relationship types cannot be parameters, so the statements that
// need one come in families generated from Go tables: fact_set_<kind> (one
// per graph.Kind) and edge_<relation> (one per graph.Relation); `go test
// -run Generated -update` rewrites them. The schema (uniqueness constraints
// on every MERGE key, indexes on the filtered properties, a full-text index)
// is cypher/schema/NNN_*.cypher, applied in order by EnsureSchema, each with
// IF NOT EXISTS. Statements are Neo4j 5 Cypher that Neo4j's own front-end
// accepts (.ci/cypher-gate, whose manifest a test generates from this
// package) and that NornicDB, the CI's Bolt server, also executes correctly.
//
// # Graph model
//
//   - A fact is a (:Fact:<Kind>) node, e.g. (:Fact:Person), with id (unique),
//     kind, the merged record as JSON (json), sortKey (graph.SortKey),
//     searchText (graph.SearchText), and the scalar properties List and
//     Count filter on (names, origins, subtype, regionId, clusterId,
//     clusterIds, bodyId, level, date, ownerId, amountDkk, periodStart,
//     periodEnd).
//   - A document is a (:Document) node with id (unique), sha256 and its
//     JSON. Each document's contribution to a fact is one
//     (:Fact)-[:SOURCED_IN {json}]->(:Document) relationship holding the
//     document's records of that fact.
//   - graph.Edges of every merged fact become typed relationships that read
//     naturally in Neo4j Browser, e.g.
//     (:Person)-[:HOLDS]->(:Membership)-[:IN]->(:Body); each carries owner
//     (the fact whose Edges lists it), rel (the graph.Relation), from and to.
//     Related follows them. An end no document has written yet is a
//     (:Fact:Stub) node without properties, so relationships survive the
//     order in which documents arrive; stubs are never returned and are
//     removed when nothing points at them.
//
// # Writes and reads
//
// ReplaceDocument and DeleteDocument run in one managed write transaction:
// compare sha256; collect the facts the old version touched; delete its
// contributions; write the new ones; read back every contribution to each
// touched fact, graph.Merge them in Go and set the merged properties;
// retire facts nobody supports; change only the structural relationships
// that differ. The body reads all it needs inside the transaction, so the
// driver can retry it. Reads use ExecuteQuery routed to readers; List checks
// every row with graph.Matches, Search ranks with graph.Score and
// graph.RankHits, Related sorts by graph.SortKey, so both backends give the
// same answers (graph/storetest).
//
// Driver connectivity failures, timeouts and transient errors are
// graph.ErrUnavailable; other failures graph.ErrInternal.
package neo4j
