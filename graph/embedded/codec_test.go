package embedded

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/gen"
)

// gobFacts is how the store wrote facts before the facts codec (opReplace).
func gobFacts(t testing.TB, d *graph.DocumentFacts) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func codecFacts(t testing.TB, d *graph.DocumentFacts) []byte {
	t.Helper()
	b, err := appendFacts(nil, d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// everyKind is a document whose facts use every kind of field the codec
// writes, set and unset.
func everyKind() *graph.DocumentFacts {
	amount := int64(-2_500_000)
	src := []graph.Source{{DocumentID: "document:d", FileName: "d.txt", SHA256: "ab", LineStart: 3, LineEnd: 1 << 40, Quote: "Å ø \x00 \"x\"", Origin: graph.OriginMinutes, Uncertain: true, Note: "n"}}
	return &graph.DocumentFacts{
		Document: graph.Document{ID: "document:d", FileName: "d.txt", SHA256: "ab", Kind: graph.DocMinutes, Origin: graph.OriginMinutes,
			Date: "2024-01-02", Lines: 40, LoadedAt: time.Date(2026, 11, 23, 14, 1, 2, 3_000_000, time.UTC)},
		People: []graph.Person{
			{ID: "person:a", Name: "A", Aliases: []string{"a", ""}, Sources: src},
			{ID: "person:b", Name: "B"},
		},
		Initiatives: []graph.Initiative{{ID: "initiative:i", Name: "I", AmountDKK: &amount, Sources: src}, {ID: "initiative:j", Name: "J"}},
		Meetings:    []graph.Meeting{{ID: "meeting:m", BodyID: "body:b", Planned: true}},
		AgendaItems: []graph.AgendaItem{{ID: "item:x", MeetingID: "meeting:m", Number: -7}},
		Links:       []graph.Link{{ID: "link:l", Type: graph.LinkMentions, FromID: "item:x", ToID: "person:a", Props: map[string]string{"z": "1", "a": "", "å": "ø"}}},
	}
}

// generatedFacts loads n generated documents into a store and returns the
// facts it keeps for them, as the loader made them.
func generatedFacts(t testing.TB, n int) []*graph.DocumentFacts {
	t.Helper()
	ctx := context.Background()
	c, err := gen.Generate(gen.Options{Seed: 1, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(t.TempDir(), Options{NoSync: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	l := loader.New(s, loader.Options{Logger: quietLogger()})
	if _, err := l.LoadReference(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range min(n, c.Len()) {
		d := c.Document(i)
		if _, err := l.LoadBytes(ctx, d.Name+".txt", []byte(d.Text)); err != nil {
			t.Fatal(err)
		}
	}
	var out []*graph.DocumentFacts
	s.cur.Load().docs.all(func(_ string, e *docEntry) { out = append(out, e.facts) })
	return out
}

// TestFactsCodecAsGob: every document decodes from the facts codec as it
// decodes from gob, which the store wrote before: the reference, generated
// minutes and a document with every kind of field; with and without the
// interner, and the interner's strings are the ones it already held.
func TestFactsCodecAsGob(t *testing.T) {
	docs := append(generatedFacts(t, 40), everyKind())
	if len(docs) < 40 {
		t.Fatalf("only %d documents", len(docs))
	}
	in := newInterner()
	for _, d := range docs {
		want, err := decodeGob(gobFacts(t, d))
		if err != nil {
			t.Fatal(err)
		}
		body := codecFacts(t, d)
		for _, withInterner := range []*interner{nil, in} {
			got, err := decodeFactsRecord(body, withInterner)
			if err != nil {
				t.Fatalf("%s: %v", d.Document.ID, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s (interner %v): codec and gob decode differently:\n%+v\n%+v", d.Document.ID, withInterner != nil, got, want)
			}
		}
		// The same facts encode to the same bytes (maps by sorted key).
		if again := codecFacts(t, d); !bytes.Equal(again, body) {
			t.Fatalf("%s: two encodings differ", d.Document.ID)
		}
	}
	// Decoding again with the interner allocates no string it holds.
	d := everyKind()
	got, err := decodeFactsRecord(codecFacts(t, d), in)
	if err != nil {
		t.Fatal(err)
	}
	if name := got.People[0].Name; in.strs[name] != name || !sameString(in.strs[name], name) {
		t.Errorf("the decoded name is not the interner's")
	}
	if m := got.Links[0].Props; reflect.ValueOf(m).Pointer() != reflect.ValueOf(in.props[propsKey(m)]).Pointer() {
		t.Errorf("the decoded property map is not the interner's")
	}
	if got.Initiatives[0].AmountDKK == d.Initiatives[0].AmountDKK || *got.Initiatives[0].AmountDKK != *d.Initiatives[0].AmountDKK {
		t.Errorf("amount not copied: %v", got.Initiatives[0].AmountDKK)
	}
}

// sameString reports whether a and b share their bytes.
func sameString(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

// TestFactsCodecOtherSchema: a record written by another version of the
// model is read by field name: a field the model lacks is skipped (also a
// list of a struct type it lacks), one the record lacks stays zero, and
// the order of fields does not matter. A field whose kind changed is
// skipped.
func TestFactsCodecOtherSchema(t *testing.T) {
	// The older model, as local types with the model's type names.
	type Source struct {
		Quote     string
		LineStart int
	}
	type Retired struct{ Why []string }
	type Person struct {
		Gone    Retired
		Sources []Source
		Name    string
		ID      string
		Titles  string // was a string, now a list: skipped
		Olds    []Retired
	}
	type Document struct{ ID string }
	type DocumentFacts struct {
		People   []Person
		Document Document
		Extra    map[string]string
	}
	types := map[reflect.Type]*codecType{}
	var order []*codecType
	root, err := codecTypeOf(reflect.TypeFor[DocumentFacts](), types, &order)
	if err != nil {
		t.Fatal(err)
	}
	old := DocumentFacts{
		People: []Person{{Gone: Retired{Why: []string{"x"}}, Sources: []Source{{Quote: "q", LineStart: 4}}, Name: "Anne", ID: "person:anne",
			Titles: "borgmester", Olds: []Retired{{Why: []string{"y", "z"}}}}},
		Extra: map[string]string{"k": "v"},
	}
	old.Document.ID = "document:old"
	// The schema text as factsCodec writes it, for the old types.
	text := schemaText(order)
	w := writer{b: appendString(nil, text)}
	w.structure(root, reflect.ValueOf(old))
	if w.err != nil {
		t.Fatal(w.err)
	}
	got, err := decodeFactsRecord(w.b, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &graph.DocumentFacts{
		Document: graph.Document{ID: "document:old"},
		People:   []graph.Person{{ID: "person:anne", Name: "Anne", Sources: []graph.Source{{Quote: "q", LineStart: 4}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if text == factsCodec.text {
		t.Fatal("the old schema is the current one")
	}
	if _, ok := decoders.Load(text); !ok {
		t.Error("the old schema's decoder is not remembered")
	}
}

// TestFactsCodecDamage: every shortened or altered record fails with
// errFacts, never a panic or a wrong success that re-encodes differently.
func TestFactsCodecDamage(t *testing.T) {
	body := codecFacts(t, everyKind())
	for n := range len(body) {
		if _, err := decodeFactsRecord(body[:n], nil); !errors.Is(err, errFacts) {
			t.Fatalf("cut at %d of %d: %v", n, len(body), err)
		}
	}
	if _, err := decodeFactsRecord(append(bytes.Clone(body), 0), nil); !errors.Is(err, errFacts) {
		t.Errorf("a byte too many: %v", err)
	}
	for _, text := range []string{"", ";", "X{", "X{a:q}", "X{a:o}", "X{a:oY}", "X{a}", "X{};X{}", "X{a:oX};", "X{a:OX};"} {
		if _, err := decodeFactsRecord(appendString(nil, text), nil); !errors.Is(err, errFacts) {
			t.Errorf("schema %q: %v", text, err)
		}
	}
	for i := len(factsCodec.header); i < len(body); i++ {
		b := bytes.Clone(body)
		b[i] ^= 0xff
		decodeOrSame(t, b)
	}
}

// decodeOrSame decodes b; if that succeeds, the facts must encode and
// decode to themselves.
func decodeOrSame(t *testing.T, b []byte) {
	t.Helper()
	d, err := decodeFactsRecord(b, nil)
	if err != nil {
		if !errors.Is(err, errFacts) {
			t.Fatalf("error %v is not errFacts", err)
		}
		return
	}
	again, err := appendFacts(nil, d)
	if err != nil {
		return // a time the codec read but cannot write
	}
	d2, err := decodeFactsRecord(again, nil)
	if err != nil || !reflect.DeepEqual(d, d2) {
		t.Fatalf("decoded facts do not survive a round trip: %v", err)
	}
}

func FuzzDecodeFactsRecord(f *testing.F) {
	f.Add(codecFacts(f, everyKind()))
	f.Add(codecFacts(f, &graph.DocumentFacts{}))
	f.Add(appendString(nil, "DocumentFacts{Document:oDocument};Document{ID:s};"))
	f.Fuzz(func(t *testing.T, b []byte) { decodeOrSame(t, b) })
}

// TestOpenGobStore: a data directory written before the facts codec (gob
// in its snapshot and its log) opens with the same documents; the next
// compaction writes them in the codec, and the store reopens alike.
func TestOpenGobStore(t *testing.T) {
	ctx := context.Background()
	docs := generatedFacts(t, 12)
	dir := t.TempDir()
	var snap, log []byte
	half := len(docs) / 2
	for i, d := range docs {
		rec := frame(opReplace, gobFacts(t, d))
		if i < half {
			snap = append(snap, rec...)
		} else {
			log = append(log, rec...)
		}
	}
	snap = append(snap, frame(opSnapEnd, []byte(strconv.Itoa(half)))...)
	log = append(log, frame(opDelete, []byte(docs[0].Document.ID))...)
	if err := os.WriteFile(filepath.Join(dir, snapName(1)), snap, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, walName(1)), log, 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]*graph.DocumentFacts{}
	for _, d := range docs[1:] {
		want[d.Document.ID] = d
	}
	check := func(s *Store, when string) {
		t.Helper()
		got := map[string]*graph.DocumentFacts{}
		s.cur.Load().docs.all(func(id string, e *docEntry) { got[id] = e.facts })
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %d documents differ from the %d written", when, len(got), len(want))
		}
	}
	s, err := OpenWith(dir, Options{NoSync: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	check(s, "gob store opened")
	gobShared := sharing(s)
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	snaps, _, _, err := generations(dir)
	if err != nil || len(snaps) != 1 {
		t.Fatalf("snapshots %v, %v", snaps, err)
	}
	f, err := os.Open(filepath.Join(dir, snapName(snaps[0])))
	if err != nil {
		t.Fatal(err)
	}
	ops := map[byte]int{}
	if _, err := readRecords(f, func(op byte, _ []byte) error { ops[op]++; return nil }); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if ops[opFacts] != len(want) || ops[opReplace] != 0 {
		t.Errorf("compacted snapshot's records: %v", ops)
	}
	if s, err = OpenWith(dir, Options{NoSync: true, Logger: quietLogger()}); err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	check(s, "after compaction")
	// Read from the codec, the documents share strings and property maps
	// as they did read from gob.
	if got := sharing(s); got != gobShared || got.strings == 0 {
		t.Errorf("shared values: from the codec %+v, from gob %+v", got, gobShared)
	}
}

// shared counts the distinct string copies and property maps of a store's
// documents (fewer when they are shared).
type shared struct{ strings, copies, maps int }

func sharing(s *Store) shared {
	strs, maps := map[string]map[*byte]bool{}, map[uintptr]bool{}
	add := func(x string) {
		if x == "" {
			return
		}
		if strs[x] == nil {
			strs[x] = map[*byte]bool{}
		}
		strs[x][unsafe.StringData(x)] = true
	}
	s.cur.Load().docs.all(func(_ string, e *docEntry) {
		add(e.facts.Document.ID)
		for _, p := range e.facts.People {
			add(p.ID)
			add(p.Name)
			for _, src := range p.Sources {
				add(src.DocumentID)
				add(src.Quote)
			}
		}
		for _, l := range e.facts.Links {
			add(l.FromID)
			if len(l.Props) > 0 {
				maps[reflect.ValueOf(l.Props).Pointer()] = true
			}
		}
	})
	out := shared{strings: len(strs), maps: len(maps)}
	for _, c := range strs {
		out.copies += len(c)
	}
	return out
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestFactsCodecSharesSources checks how a document decoded for the store
// holds its lists of one source: facts citing the same source share it,
// every such list has no room to append, and all of them lie in one array
// (one allocation per document, not one per fact), whether decoded from
// the codec or from gob and prepared by own; and the same of the codec's
// string lists.
func TestFactsCodecSharesSources(t *testing.T) {
	in := newInterner()
	shared, strLists := 0, 0
	// sources checks the lists of one source of a decoded document.
	sources := func(got *graph.DocumentFacts, how string) {
		t.Helper()
		at := map[graph.Source]*graph.Source{}
		for _, k := range graph.Kinds {
			forEachFact(got, k, func(f any) {
				p := sourcesOf(f)
				if len(*p) != 1 {
					return
				}
				if cap(*p) != 1 {
					t.Fatalf("%s (%s): a list of one source has capacity %d", graph.IDOf(f), how, cap(*p))
				}
				src := &(*p)[0]
				if prev, ok := at[*src]; ok {
					if prev != src {
						t.Fatalf("%s (%s): an equal source is not shared", graph.IDOf(f), how)
					}
					shared++
				}
				at[*src] = src
			})
		}
		var addrs []uintptr
		for _, p := range at {
			addrs = append(addrs, uintptr(unsafe.Pointer(p)))
		}
		slices.Sort(addrs)
		for i := 1; i < len(addrs); i++ {
			if addrs[i]-addrs[i-1] != unsafe.Sizeof(graph.Source{}) {
				t.Fatalf("%s (%s): the sources of its lists are not one array", got.Document.ID, how)
			}
		}
	}
	for _, d := range generatedFacts(t, 20) {
		got, err := decodeFactsRecord(codecFacts(t, d), in)
		if err != nil {
			t.Fatal(err)
		}
		sources(got, "codec")
		// A gob record of an older data directory, prepared by own.
		old, err := decodeGob(gobFacts(t, d))
		if err != nil {
			t.Fatal(err)
		}
		in.own(old, false)
		sources(old, "gob")
		// The string lists likewise: one after another in one array.
		type strList struct{ at, n, cap uintptr }
		var lists []strList
		for _, k := range graph.Kinds {
			forEachFact(got, k, func(f any) {
				v := reflect.ValueOf(f).Elem()
				for i := 0; i < v.NumField(); i++ {
					if l, ok := v.Field(i).Interface().([]string); ok && len(l) > 0 {
						lists = append(lists, strList{uintptr(unsafe.Pointer(&l[0])), uintptr(len(l)), uintptr(cap(l))})
					}
				}
			})
		}
		slices.SortFunc(lists, func(a, b strList) int { return cmp.Compare(a.at, b.at) })
		for i, l := range lists {
			if l.cap != l.n {
				t.Fatalf("%s: a string list of %d has capacity %d", d.Document.ID, l.n, l.cap)
			}
			if i > 0 && lists[i-1].at+lists[i-1].n*unsafe.Sizeof("") != l.at {
				t.Fatalf("%s: its string lists are not one array", d.Document.ID)
			}
		}
		strLists += len(lists)
	}
	if shared == 0 || strLists < 20 {
		t.Errorf("%d facts shared a source, %d string lists: the test shows nothing", shared, strLists)
	}
}
