// Package bind holds the hand-written Go types and marshalers that the
// GraphQL schema binds to where package graph has none: the Node interface,
// connections and edges, page info and the Date scalar. It is not generated;
// gqlgen.yml autobinds it next to package graph.
package bind
