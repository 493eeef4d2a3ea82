// Package storetest owns the conformance suite that every graph.Store
// backend must pass, and the small synthetic fixtures it writes.
//
// Run drives a backend through writes, reloads, corrections, deletes,
// invalid input and concurrent reads, and compares every read method with a
// naive in-memory model built from the shared semantics in package graph
// (Merge, Edges, SortKey, Matches, Score, RankHits, DocumentCompare), plus
// hand-written expectations for the cases that matter most.
//
// The Corrections* cases wrap the backend in graph.Corrected, as the API
// does, and check Get, List (with paging both ways), Count, Related and
// Search through it after a merge, a split, aliases added and removed and a
// seat's dates corrected; that each revert gives back the documents'
// answers; that the corrections survive the minutes being reloaded,
// deleted and loaded again; that invalid corrections are rejected with
// their error code and change nothing; and that one view sees what
// another view of the same backend did (another process or replica).
//
// Where the graph contract is silent, the suite fixes these readings, and
// both backends must follow them:
//
//   - Related returns only IDs of facts that exist in the store (a dangling
//     reference, such as a cluster listing a municipality nobody wrote, is
//     not returned). The suite asks Related only from IDs of facts and
//     documents that exist.
//   - RelFactsOfDocument lists the document's facts in graph.Kinds order,
//     then by graph.SortKey within a kind.
//   - Stats.Facts counts merged facts per kind in graph.Kinds (a missing key
//     reads as zero); Stats.Contributions counts (document, fact ID) pairs,
//     not counting the Document itself; WriteResult.Facts counts the
//     distinct fact IDs the document contributes.
//   - Each call answers from one consistent state: a Get or Stats that runs
//     while a document is written sees all of the write or none of it.
//   - Get compares facts after graph.Normalize; Documents and Get of a
//     Document ignore LoadedAt, which the store may set.
//
// Fixtures are deliberately small so the suite also runs against a slow
// Bolt server: about 1,200 store calls, plus the readers of the concurrency
// subtest, which run for as long as its 16 writes take.
package storetest
