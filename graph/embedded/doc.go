// Package embedded owns sundhedsgraf's default store: an in-process
// graph.Store persisted in a data directory, built on the standard library
// only.
//
// # Durability
//
// Every committed write (ReplaceDocument or DeleteDocument, carrying the
// document's full facts) is appended to a write-ahead log as one record
// framed with its length and a CRC-32C, and fsync'd before the write
// returns. Open replays the newest snapshot and then the log; a torn or
// corrupt tail (a crash in the middle of a write) is cut off and logged, so
// the store holds exactly the documents whose writes completed. Framing
// cannot find its way past damage, so damage in the middle of the log also
// cuts off the records after it; a damaged snapshot fails Open with
// ErrInternal instead. When the log outgrows the snapshot, the write that
// outgrew it starts a fresh log of the next generation and returns; the
// new snapshot of the state at that moment is written in the background
// (temporary file, fsync, rename, fsync of the directory) while reads and
// writes go on, and the older generation's files are removed once it is
// in place. A crash before that leaves two logs after the last snapshot;
// Open replays both. An exclusive flock on dir/LOCK keeps a second process
// out of the directory.
//
// A document's facts are written in the facts codec (codec.go): each
// record carries the schema it was written with and is read by field
// name, so a data directory survives changes to the model's fields. Records
// of stores written before the codec (gob) are still read, and rewritten
// in the codec by the next compaction; a store written by this version
// cannot be opened by an older one.
//
// Files in the directory: LOCK, snapshot-GEN.db and wal-GEN.log, where GEN
// (16 hex digits) grows with each compaction; the log of generation G holds
// the writes made after snapshot G (Open replays every log from the newest
// snapshot's generation on, oldest first).
//
// Beyond graph.Store, ReplaceDocuments writes many documents with one fsync
// (for bulk loads) and Compact forces a snapshot.
//
// # Concurrency
//
// One writer at a time (a mutex). The state is immutable and published
// through an atomic.Pointer, so a reader sees one whole state, never waits
// for a write, and sees a document either before or after a write. Writes
// copy only what they touch: the maps are hash tries of small maps (4096
// shards in 64 arrays of 64, split 64 ways when a leaf passes 64 entries;
// pmap.go), the per-kind sort indexes are split into chunks of at most 128
// entries in groups of at most 32 chunks, and adjacency lists into chunks
// of at most 128 targets (adj.go), all copied on write, so a write's cost
// does not grow with the store.
//
// # Memory
//
// The store keeps every document's facts (its contributions) and, per fact,
// the merge, sort key, search text and edges. To keep that small, equal
// strings and link properties of the stored documents share one copy, facts
// of a document citing the same single source share it, a fact with one
// contribution that merges to itself is its own merge, and other merges
// keep no sources (reads take them from the contributions); see intern.go
// and factEntry. BenchmarkHeapGenerated measures the heap of a reopened
// store of the generated corpus. Reads marked graph.ReadOnly share facts
// instead of copying them; assembled facts with many sources are kept for
// them in a cache of bounded size (readcache.go, Options.ReadCacheBytes).
//
// # Semantics
//
// Reads follow the shared rules in package graph (Merge, Edges, SortKey,
// Matches, CheckFilter, Score, RankHits, cursors) and the readings fixed by
// graph/storetest, whose suite this store passes.
package embedded
