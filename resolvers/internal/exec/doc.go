// Package exec is the GraphQL executor that gqlgen generates from
// schema/*.graphqls (see gqlgen.yml). Everything else in this directory is
// generated: do not edit it; run `go tool gqlgen generate`.
package exec
