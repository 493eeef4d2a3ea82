// Package exec is the GraphQL executor that gqlgen generates from
// schema/*.graphqls (see gqlgen.yml), rewritten by
// resolvers/internal/generate to allocate less and to run serial where the
// resolvers allow it. Everything else in this directory is generated: do
// not edit it; run `go run ./resolvers/internal/generate`.
package exec
