// Package transition plans the move from the 22 health clusters
// (sundhedsklynger) to the 17 health councils (sundhedsråd) on 1 January
// 2027. It reads facts only through graph.Store (List, Get, Related, in
// batches), so both backends give the same plans; it holds no Cypher and
// no driver, and returns plain Go structs with fact IDs for the GraphQL
// resolvers and the command line to expose.
//
//   - Overlap: the cluster × council matrix counted in municipalities, from
//     the reference skeleton plus the minutes' cluster–municipality links.
//     A municipality in two clusters (København, Vejen) counts in both
//     rows; a cluster whose municipalities go to several councils Splits.
//   - Successors: the council each municipality of a cluster moves to.
//   - ForCouncil: one council's plan: its municipalities; its predecessor
//     clusters (shared municipalities, whether the cluster splits); the
//     clusters' bodies and sub-bodies with their members; the people in
//     them and who sits in several of the merging clusters; initiatives
//     still running on the cut-over (open-ended or ending after it) and
//     those ending exactly at it (the day before, e.g. "ved udgangen af
//     2026" = 2026-12-31); initiatives orphaned because their owner is the
//     cluster or one of its bodies (or they have none); the money per
//     predecessor, in full and pro rata to the municipalities that move;
//     and the council's own reference members, with those who already sit
//     in a predecessor (matched by person ID, or by name as a possible
//     match).
//
// Every item carries a Provenance: the origins of its sources (reference
// data, minutes, admin corrections) and whether a reference row behind it
// is marked uncertain in corpus/reference/SOURCES.md.
package transition
