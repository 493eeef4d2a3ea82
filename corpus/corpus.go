// Package corpus embeds the sample corpus that ships with sundhedsgraf: five
// published minutes (minutes/), their hand-written answer keys (expected/) and
// the reference skeleton of regions, municipalities, clusters and health
// councils (reference/). The service loads it into an empty store so a
// newcomer sees data at once, and the tests score the loader against it.
package corpus

import (
	"embed"
	"io/fs"
)

//go:embed minutes/*.txt expected/*.json expected/README.md reference/*.csv reference/SOURCES.md
var files embed.FS

// FS returns the embedded corpus. Paths are "minutes/NAME.txt",
// "expected/NAME.json" and "reference/NAME.csv".
func FS() fs.FS { return files }

// Minutes returns the file names (without directory) of the sample minutes,
// in lexical order.
func Minutes() []string {
	entries, _ := fs.ReadDir(files, "minutes")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
