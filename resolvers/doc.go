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
// Resolvers are thin: they convert arguments, call the store or a loader and
// return. Every read goes through the loaders, which batch Get and Related
// calls per request, so store calls grow with query depth, not result size.
package resolvers
