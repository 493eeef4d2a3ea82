// Package resolvers serves the graph over HTTP: the GraphQL API (schema in
// schema/*.graphqls, generated code in internal/exec and internal/model),
// the GraphiQL playground, health and readiness probes and a read-only
// CSV/JSON export. NewHandler assembles it all around a graph.Store.
//
// Hand-written code: resolver.go (never regenerated), the resolver bodies in
// *.resolvers.go, and the helpers beside them: per-request dataloaders
// (loaders.go), paging (paging.go), the rules the API adds on top of the
// store (rules.go: seats held on a date, attendance rates), the error
// presenter and its code table (errors.go), cost limits (limits.go), the
// export (export.go) and the HTTP assembly (handler.go).
//
// Issue 5's computations come from graph/network and graph/transition; the
// resolvers expose their results (schema/network.graphqls,
// schema/transition.graphqls), resolving the IDs in them through the
// loaders. networks.go memoizes a built network, plan or overlap matrix per
// request and arguments, so the fields of one query share one build;
// export_network.go serves /export/network.gexf, network.csv and
// network-nodes.csv. Which seats are held on a date (memberships(asOf:),
// members(asOf:), compositionChange) is decided by membership.go from the
// stated dates and the bodies' participant lists; order.go sorts the
// in-memory lists that take orderBy.
//
// Root connections keep the store's order: they page with keyset cursors
// over graph.SortKey inside the store (List). Their order argument (ASC or
// DESC) sets graph.Page.Desc, which both backends honour (the embedded sort
// index walked backward, Neo4j's list_desc), so a descending page costs the
// same as an ascending one and cursors are the same either way; the
// documents connection, which pages in memory (factPage), reverses there.
// Sorting root connections by another field still needs the store to do
// it: a sort field in graph.Page, cursors that encode that field's value
// plus the ID, an index per sortable field in both backends (embedded and
// Neo4j ORDER BY on the property), and conformance tests in graph/storetest.
//
// Resolvers are thin: they convert arguments, call the store or a loader and
// return. Every read goes through the loaders, which read a level of the
// query with one Get (and one Related per relation) and read ahead what the
// query selects below it, or batch the reads of list elements in a short
// window, so store calls grow with query depth, not result size.
package resolvers
