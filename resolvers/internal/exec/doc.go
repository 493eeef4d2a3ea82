// Package exec is the GraphQL executor that gqlgen generates from
// schema/*.graphqls (see gqlgen.yml), rewritten by
// resolvers/internal/generate to allocate less and to run serial where the
// resolvers allow it, and the direct writer (fast_gen.go), which the same
// command makes from the rewritten code and which writes a serial query's
// answer straight into its buffer. Everything else in this directory is
// generated: do not edit it; run `go run ./resolvers/internal/generate`.
package exec
