// Package model holds the GraphQL types that gqlgen generates because
// package graph and resolvers/internal/bind have no Go type for them (filter
// inputs, attendance rates, composition changes, ...). Everything else in
// this directory is generated: do not edit it; run `go run ./resolvers/internal/generate`.
package model
