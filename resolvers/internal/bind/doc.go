// Package bind holds the hand-written Go types and marshalers that the
// GraphQL schema binds to where package graph has none: the Node interface,
// connections and edges, page info and the Date scalar. It is not generated;
// gqlgen.yml autobinds it next to package graph.
//
// It also holds what the generate command's rewrites of the execution code
// call (resolvers/internal/generate): serial dispatch, objects, answer
// buffers, resolver fields called in line. Because the package is
// autobound, an exported name that matches a GraphQL type (Field and the
// introspection type __Field, say) makes gqlgen bind that type to it and
// generation fail: name helpers after what they do.
package bind
