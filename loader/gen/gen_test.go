package gen

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// scale1 is the default corpus, rendered once for all tests.
var scale1 = sync.OnceValues(func() (*Corpus, error) { return Generate(Options{Seed: 1}) })

func renderAll(t testing.TB, c *Corpus) []*Document {
	t.Helper()
	docs := make([]*Document, c.Len())
	for i := range docs {
		docs[i] = c.Document(i)
	}
	return docs
}

var scale1Docs = sync.OnceValue(func() []*Document {
	c, err := scale1()
	if err != nil {
		return nil
	}
	docs := make([]*Document, c.Len())
	for i := range docs {
		docs[i] = c.Document(i)
	}
	return docs
})

func corpusHash(t *testing.T, opts Options) [32]byte {
	t.Helper()
	c, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, d := range renderAll(t, c) {
		k, err := json.Marshal(d.Key)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(d.Name))
		h.Write([]byte(d.Text))
		h.Write(k)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestSameSeedSameCorpus(t *testing.T) {
	opts := Options{Seed: 42, Years: 1}
	a, b := corpusHash(t, opts), corpusHash(t, opts)
	if a != b {
		t.Fatal("two generations with the same seed differ")
	}
	if c := corpusHash(t, Options{Seed: 43, Years: 1}); c == a {
		t.Fatal("seeds 42 and 43 give the same corpus")
	}
}

func TestWriteIsByteIdentical(t *testing.T) {
	opts := Options{Seed: 5, Years: 1, MeetingsPerYear: 2, Scale: 2}
	dirA, dirB := t.TempDir(), t.TempDir()
	stA, err := Write(dirA, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dirB, opts); err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(dirA, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dirA, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(dirB, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", rel)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2*stA.Documents + 2; files != want {
		t.Errorf("wrote %d files, want %d (text and key per document, people.json, manifest.json)", files, want)
	}
	var m Stats
	data, err := os.ReadFile(filepath.Join(dirA, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Seed != 5 || m.Scale != 2 || m.Documents != stA.Documents || m.Population != stA.Population {
		t.Errorf("manifest %+v does not match stats %+v", m, stA)
	}
	// Writing again over a generated corpus replaces it.
	if _, err := Write(dirA, Options{Seed: 6, Years: 1, MeetingsPerYear: 1}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dirA, "minutes"))
	if len(entries) != 44 {
		t.Errorf("after rewriting with one meeting a year: %d documents, want 44", len(entries))
	}
}

func TestWriteRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dir, Options{Seed: 1, Years: 1, MeetingsPerYear: 1})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("Write into a foreign directory: %v, want ErrNotEmpty", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal("the foreign file is gone")
	}
}

func TestOptionsValidated(t *testing.T) {
	for _, o := range []Options{{Scale: -1}, {Years: 30}, {MeetingsPerYear: 13}} {
		if _, err := Generate(o); err == nil {
			t.Errorf("Generate(%+v): no error", o)
		}
	}
}

func TestScale1Counts(t *testing.T) {
	c, err := scale1()
	if err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 22*2*6*4 {
		t.Errorf("documents at scale 1: %d, want %d", n, 22*2*6*4)
	}
	if n := len(c.People); n < 1300 || n > 1700 {
		t.Errorf("population at scale 1: %d, want about 1,500", n)
	}
	named := map[int]bool{}
	for _, d := range scale1Docs() {
		for _, id := range d.Persons {
			named[id] = true
		}
	}
	if n := len(named); n < 1100 {
		t.Errorf("only %d people are named in the documents", n)
	}
}

func TestScale10Counts(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 10,560 documents")
	}
	c, err := Generate(Options{Seed: 1, Scale: 10})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 10*22*2*6*4 {
		t.Errorf("documents at scale 10: %d, want %d", n, 10*22*2*6*4)
	}
	if n := len(c.People); n < 12000 || n > 18000 {
		t.Errorf("population at scale 10: %d, want about 15,000", n)
	}
	// Sub-body documents are well formed too.
	for i := c.Len() - 200; i < c.Len(); i += 7 {
		d := c.Document(i)
		if d.Key.Meetings[0].Level != "other" {
			t.Errorf("%s: level %q, want other for a sub-body", d.Name, d.Key.Meetings[0].Level)
		}
		for _, err := range checkDocument(d) {
			t.Errorf("%s: %v", d.Name, err)
		}
	}
}

func BenchmarkDocument(b *testing.B) {
	c, err := scale1()
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	i := 0
	for b.Loop() {
		bytes += int64(len(c.Document(i % c.Len()).Text))
		i++
	}
	b.SetBytes(bytes / int64(i))
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
