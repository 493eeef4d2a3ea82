// Package minutes parses published minutes into an Extraction: a pipeline of
// pure functions (decode and normalise text → classify lines → group into
// sections → typed records with positions). It knows nothing of the graph or
// of storage, and uses the standard library only.
package minutes
