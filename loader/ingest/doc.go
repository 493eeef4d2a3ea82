// Package ingest turns the documents users download from the regional and
// municipal portals (PDF, HTML, DOCX) into text for minutes.Decode and
// minutes.Parse, with a line map back to the original (page and line for
// PDF, paragraph for HTML and DOCX) so that every fact's provenance can be
// found in the document a person has.
//
// The format is detected by content, never by file name (Detect). PDF text
// comes from Debian's pdftotext (package poppler-utils), run with a timeout
// and output limits; its word boxes are laid out again so that lines the
// typesetter wrapped are joined and page headers and footers dropped
// (layout.go). HTML is read with golang.org/x/net/html, DOCX with
// archive/zip and encoding/xml through size limits. Plain text passes
// through unchanged.
//
// The package holds no state and writes nothing but a temporary copy of a
// PDF for pdftotext, removed when it is done.
package ingest
