package minutes_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"sync"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// The parser's output hashes: a SHA-256 over the JSON of everything Decode
// and ParseLax return (the whole Extraction, the warnings and the error)
// for a fixed set of documents. They guard changes that must not change
// the output, such as speed-ups: a different parse of any document changes
// the hash. When a change of output is intended, check the new output
// (the golden and score tests) and then replace the hashes with the ones
// the failing test prints.
const (
	// hashSample is the hash of the sample minutes (corpus.Minutes())
	// followed by every fourth document of the seed-1, scale-1 corpus.
	hashSample = "4bdc5b31d8a3121eb375a2e8f6f849e9f1bc13229b0c8e62c011c3331e613bb9"
	// hashAll is the hash of all 1,056 documents of the seed-1, scale-1
	// corpus, checked only with MINUTES_HASH_ALL=1 (about half a minute of CPU).
	hashAll = "1fdd05ef0e6d20bceaa4a22977834f43fc9816ca95d9f6ad83f8cd1ea57bb76e"
)

type genText struct{ name, data string }

var (
	corpusOnce sync.Once
	corpusDocs []genText
	corpusErr  error
)

// seed1 returns the documents of the seed-1, scale-1 generated corpus,
// rendered once per process.
func seed1(tb testing.TB) []genText {
	tb.Helper()
	corpusOnce.Do(func() {
		c, err := gen.Generate(gen.Options{Seed: 1, Scale: 1})
		if err != nil {
			corpusErr = err
			return
		}
		corpusDocs = make([]genText, c.Len())
		for i := range corpusDocs {
			d := c.Document(i)
			corpusDocs[i] = genText{d.Name + ".txt", d.Text}
		}
	})
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusDocs
}

// hashParse adds the name, Decode's and ParseLax's results for one
// document to h.
func hashParse(t *testing.T, h hash.Hash, name string, data []byte) {
	t.Helper()
	type result struct {
		Name      string
		DecodeErr string
		Extract   *minutes.Extraction
		Warnings  []minutes.Warning
		ParseErr  string
	}
	r := result{Name: name}
	text, err := minutes.Decode(name, data)
	if err != nil {
		r.DecodeErr = err.Error()
	} else {
		r.Extract, r.Warnings, err = minutes.ParseLax(name, text)
		if err != nil {
			r.ParseErr = err.Error()
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	h.Write(b)
	h.Write([]byte{'\n'})
}

// TestParseHash compares the hash of the parser's output on the sample
// minutes and on every fourth generated document with hashSample.
func TestParseHash(t *testing.T) {
	if testing.Short() {
		t.Skip("output hash: not in -short")
	}
	h := sha256.New()
	for _, name := range corpus.Minutes() {
		b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
		if err != nil {
			t.Fatal(err)
		}
		hashParse(t, h, name, b)
	}
	docs := seed1(t)
	n := 0
	for i := 0; i < len(docs); i += 4 {
		hashParse(t, h, docs[i].name, []byte(docs[i].data))
		n++
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != hashSample {
		t.Errorf("output hash of %d samples and %d generated documents is %s, want %s: the parse changed", len(corpus.Minutes()), n, got, hashSample)
	}
}

// TestParseHashAll compares the hash of the parser's output on all
// documents of the seed-1, scale-1 corpus with hashAll. It runs only with
// MINUTES_HASH_ALL=1.
func TestParseHashAll(t *testing.T) {
	if os.Getenv("MINUTES_HASH_ALL") != "1" {
		t.Skip("set MINUTES_HASH_ALL=1 to hash the parse of all 1,056 generated documents")
	}
	h := sha256.New()
	docs := seed1(t)
	for _, d := range docs {
		hashParse(t, h, d.name, []byte(d.data))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != hashAll {
		t.Errorf("output hash of %d generated documents is %s, want %s: the parse changed", len(docs), got, hashAll)
	}
}

// BenchmarkParseGenerated decodes and parses the documents of the seed-1,
// scale-1 corpus in turn, one per iteration: ns/op and allocs/op are per
// document. cpu-ns/op is the process's CPU time (user and system, the
// garbage collector's included) per document: on a loaded machine it
// varies much less than ns/op.
//
//	go test ./loader/minutes -run '^$' -bench ParseGenerated -benchmem
func BenchmarkParseGenerated(b *testing.B) {
	docs := seed1(b)
	data := make([][]byte, len(docs))
	for i, d := range docs {
		data[i] = []byte(d.data)
	}
	b.ReportAllocs()
	n := 0
	cpu := processCPU()
	for b.Loop() {
		i := n % len(docs)
		n++
		text, err := minutes.Decode(docs[i].name, data[i])
		if err != nil {
			b.Fatal(err)
		}
		if _, err := minutes.Parse(docs[i].name, text); err != nil {
			b.Fatal(fmt.Errorf("%s: %w", docs[i].name, err))
		}
	}
	b.ReportMetric(float64(processCPU()-cpu)/float64(n), "cpu-ns/op")
}
