package minutes

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

// sampleText returns a sample document's text as the parser's stages see
// it (the samples are UTF-8 already).
func sampleText(t *testing.T, name string) *text {
	t.Helper()
	b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return newText(name, strings.ReplaceAll(string(b), "\r\n", "\n"))
}

// sampleKey returns a sample document's answer key.
func sampleKey(t *testing.T, name string) *Extraction {
	t.Helper()
	b, err := fs.ReadFile(corpus.FS(), "expected/"+strings.TrimSuffix(name, ".txt")+".json")
	if err != nil {
		t.Fatal(err)
	}
	var x Extraction
	if err := json.Unmarshal(b, &x); err != nil {
		t.Fatal(err)
	}
	return &x
}

// sampleContext is the docContext the header stage would build for a
// sample, taken from the answer key's first meeting with a date.
func sampleContext(key *Extraction) *docContext {
	c := &docContext{name: key.Document, kind: key.Kind}
	for _, m := range key.Meetings {
		if m.Date == nil {
			continue
		}
		c.meetingDate = *m.Date
		c.year = atoi((*m.Date)[:4])
		c.body = m.Body
		c.level = m.Level
		if m.Cluster != nil {
			c.cluster = *m.Cluster
		}
		break
	}
	return c
}
