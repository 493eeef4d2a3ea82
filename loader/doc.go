// Package loader turns published minutes into graph facts. It is a pipeline
// of pure functions (normalise text → classify lines → group into sections →
// typed records with positions → facts with stable, content-derived keys);
// only the final write, through graph.Store, touches a database. It parses
// with the standard library only.
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
//     per document.
package loader
