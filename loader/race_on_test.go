//go:build race

package loader

// raceEnabled: the race detector slows the loader 5–10×; the equivalence
// tests, which check single-threaded decisions already checked without it,
// use smaller corpora under -race.
const raceEnabled = true
