// Package loader turns published minutes into graph facts. It is a pipeline
// of pure functions (normalise text → classify lines → group into sections →
// typed records with positions → facts with stable, content-derived keys);
// only the final write, through graph.Store, touches a database. The parser
// (loader/minutes) uses the standard library only; loader/ingest turns PDF
// (Debian's pdftotext), HTML (golang.org/x/net/html) and DOCX into text with
// a line map, so sources can still say page and line.
//
// The stages:
//   - minutes.Decode: bytes to normalised UTF-8 text (Windows-1252 and Latin-1
//     decoded), rejecting empty, binary, oversized and non-minutes input with
//     errors that name the file and line.
//   - minutes.Parse: text to an Extraction, in the structure of the answer keys in
//     corpus/expected, every record with its position.
//   - Facts: a minutes.Extraction to graph.DocumentFacts, resolving people,
//     organisations, bodies and clusters to stable IDs (Resolver) and keeping
//     each fact's source.
//   - Loader: decode, extract, resolve and write documents, one transaction
//     per document. LoadPaths reads and parses ahead on GOMAXPROCS workers
//     (pipeline.go, at most two documents per worker ahead) while resolution
//     against the store and the write stay serial and in file order, so the
//     result equals loading the files one by one.
//
// # Identity
//
// IDs are content-derived (ids.go): reference entities by code
// (municipality:575, cluster:SD-LILLEBAELT, council:SR-FYN; cluster levels
// body:cluster:SD-LILLEBAELT:political), organisations by what they stand
// for (org:municipality:575, org:region:1083, org:plo-syddanmark,
// org:region:1083:psychiatry, org:region:1083:sygehus-lillebaelt), bodies by
// their scope and name, meetings by body and date, people by a slug of
// their name (qualified by organisation when two people share it), and
// memberships, attendance, initiatives and links by a short hash of what
// identifies them. The same thing read by several documents is one fact
// with several contributions.
//
// # Resolution
//
// orgs.go resolves organisation and cluster names against the reference
// skeleton, deciding ambiguous cluster names ("Sundhedsklynge Syd") by the
// region and municipalities a document names. resolve.go resolves people
// against each other and against the people in the store, on names plus
// evidence (party, organisation, title, cluster, region; see the decision
// table there). Every merge is recorded as a graph.LinkMerged link with its
// reason; every doubt as a graph.LinkPossibleSameAs link with a confidence.
// What the minutes show about clusters' municipalities is kept as
// graph.LinkClusterMunicipality links apart from the reference, and
// disagreements become graph.LinkConflict links.
//
// The reference skeleton is the document "document:reference"
// (reference.go, reffacts.go); LoadBytes loads it first when the store
// lacks it, since minutes point at its entities.
package loader
