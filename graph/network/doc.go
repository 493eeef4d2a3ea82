// Package network computes collaboration networks over a graph.Store: who
// sits with whom, who attends with whom, which organisations sit together,
// and who sits where. It reads facts only through the Store interface
// (List, Get, Related, in batches), so the embedded store and Neo4j give the
// same networks, and it holds no Cypher and no driver.
//
// Build projects the store's memberships or attendance into a weighted,
// undirected network of one Kind:
//
//   - CoMembership: people, linked by the bodies both sit in;
//   - CoAttendance: people, linked by the meetings both attended (present
//     or substitute) within a date window;
//   - OrgCoSitting: organisations, linked by the bodies in which people sit
//     on behalf of both;
//   - PersonBody: the bipartite network of people and bodies.
//
// Every edge keeps Via, the bodies or meetings that make it. Params can
// restrict a network to a region or a cluster (with their sub-bodies) and a
// date window. Nodes carry degree, weighted degree, betweenness, PageRank
// and a Louvain community, all computed with gonum (graph/simple,
// graph/network, graph/community, graph/path, graph/topo) over views that
// iterate in ID order, so results are reproducible; the Louvain seed is
// fixed. Nodes are sorted by ID and edges by their ends.
//
// On top of a network: Rank orders nodes by a measure; Communities lists
// the communities; Brokers finds people or organisations who sit in bodies
// of several clusters or whose removal disconnects clusters or regions;
// Path finds a shortest path between two people or organisations with the
// bodies and meetings behind each step, and answers Found=false, not an
// error, when there is none. WriteGEXF (GEXF 1.3, for Gephi), WriteCSV
// (edge list) and WriteNodesCSV export a network.
//
// The results are plain Go structs with fact IDs, for the GraphQL
// resolvers and the command line to expose.
package network
