package loader

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// openStore opens a real embedded store in a temporary directory.
func openStore(t *testing.T) graph.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

var fixedNow = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }

func loadSample(t *testing.T) (graph.Store, *Loader) {
	t.Helper()
	s := openStore(t)
	l := New(s, Options{Now: fixedNow})
	sum, err := l.LoadSample(context.Background())
	if err != nil {
		t.Fatalf("LoadSample: %v\n%v", err, sum)
	}
	if want := len(corpus.Minutes()) + 1; sum.Loaded != want || sum.Failed != 0 {
		t.Fatalf("LoadSample: %v, want %d loaded", sum, want)
	}
	return s, l
}

// all returns every merged fact of a kind.
func all(t *testing.T, s graph.Store, kind graph.Kind, f graph.Filter) []any {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for p := (graph.Page{First: graph.MaxPageSize}); ; {
		res, err := s.List(ctx, kind, f, p)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.IDs...)
		if !res.HasNext {
			break
		}
		p.After = res.EndCursor
	}
	got, err := getAll(ctx, s, ids)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]any, 0, len(ids))
	for _, id := range ids {
		out = append(out, got[id])
	}
	return out
}

func peopleNamed(t *testing.T, s graph.Store, part string) []*graph.Person {
	var out []*graph.Person
	for _, f := range all(t, s, graph.KindPerson, graph.Filter{NameContains: part}) {
		out = append(out, f.(*graph.Person))
	}
	return out
}

func bodiesOf(t *testing.T, s graph.Store, personID string) []string {
	t.Helper()
	ctx := context.Background()
	rel, err := s.Related(ctx, graph.RelMembershipsOfPerson, []string{personID})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := getAll(ctx, s, rel[personID])
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.(*graph.Membership).BodyID)
	}
	slices.Sort(out)
	return out
}

func TestLoadSample(t *testing.T) {
	s, l := loadSample(t)
	ctx := context.Background()
	for kind, want := range map[graph.Kind]int{graph.KindRegion: 5, graph.KindMunicipality: 98, graph.KindCluster: 22, graph.KindHealthCouncil: 17} {
		if n, err := s.Count(ctx, kind, graph.Filter{}); err != nil || n != want {
			t.Errorf("%s: %d (%v), want %d", kind, n, err, want)
		}
	}
	if n, _ := s.Count(ctx, graph.KindBody, graph.Filter{Kind: graph.BodyPolitical}); n != 22 {
		t.Errorf("%d political levels, want 22", n)
	}

	// People who must be one entity.
	one := map[string]string{
		"Libergren": "", "Damsø Henriksen": "", "Bossen Linnet": "", "Æbelø": "", "Kurt Espersen": "",
		"Lungskov": "Trine M. Lungskov", "Stephanie Lose": "Stephenie Lose", "Lundsfryd": "Johannes Lundsryd",
		"Brogaard": "Kim Brogaard", "Dalgaard": "",
	}
	for part, alias := range one {
		ps := peopleNamed(t, s, part)
		if len(ps) != 1 {
			var names []string
			for _, p := range ps {
				names = append(names, p.ID)
			}
			t.Errorf("%q: %d people %v, want 1", part, len(ps), names)
			continue
		}
		if alias != "" && !slices.Contains(ps[0].Aliases, alias) && ps[0].Name != alias {
			t.Errorf("%q: %s has aliases %v, want %q", part, ps[0].Name, ps[0].Aliases, alias)
		}
	}
	if ps := peopleNamed(t, s, "Lungskov"); len(ps) == 1 && ps[0].Name != "Trine Malling Lungskov" {
		t.Errorf("Lungskov's canonical name %q", ps[0].Name)
	}
	bo := peopleNamed(t, s, "Bo Libergren")
	if len(bo) == 1 {
		bodies := bodiesOf(t, s, bo[0].ID)
		for _, want := range []string{"body:cluster:SD-LILLEBAELT:political", "body:cluster:SD-SONDERJYLLAND:political"} {
			if !slices.Contains(bodies, want) {
				t.Errorf("Bo Libergren's bodies %v lack %s", bodies, want)
			}
		}
	}
	// Mette Bossen Linnet: two cluster levels and the council of the reference.
	if ml := peopleNamed(t, s, "Bossen Linnet"); len(ml) == 1 {
		bodies := bodiesOf(t, s, ml[0].ID)
		for _, want := range []string{"body:cluster:SD-LILLEBAELT:political", "body:cluster:SD-SONDERJYLLAND:political", "body:council:SR-SOENDERJYLLAND"} {
			if !slices.Contains(bodies, want) {
				t.Errorf("Mette Bossen Linnet's bodies %v lack %s", bodies, want)
			}
		}
	}

	// People who must stay apart.
	apart := map[string]int{"Michael Christensen": 3, "Peter Larsen": 2, "Kaj ": 2}
	for part, want := range apart {
		if ps := peopleNamed(t, s, part); len(ps) != want {
			t.Errorf("%q: %d people, want %d", part, len(ps), want)
		}
	}
	// The GP Michael Christensen is linked to the namesakes as a doubt.
	links := map[string][]*graph.Link{}
	for _, f := range all(t, s, graph.KindLink, graph.Filter{}) {
		l := f.(*graph.Link)
		links[l.Type] = append(links[l.Type], l)
	}
	gp := ""
	for _, p := range peopleNamed(t, s, "Michael Christensen") {
		if p.OrganisationID == "org:plo" {
			gp = p.ID
		}
	}
	doubts := 0
	for _, l := range links[graph.LinkPossibleSameAs] {
		if (l.FromID == gp || l.ToID == gp) && l.Props["confidence"] != "" {
			doubts++
		}
	}
	if gp == "" || doubts != 2 {
		t.Errorf("GP Michael Christensen %q has %d possible-same-as links, want 2", gp, doubts)
	}
	merged := 0
	for _, l := range links[graph.LinkMerged] {
		if l.Props["reason"] == "" || len(l.Sources) == 0 {
			t.Errorf("merge without reason or source: %+v", l)
		}
		merged++
	}
	if merged == 0 {
		t.Error("no merge recorded")
	}

	// Vejen: shown in two clusters by the minutes; a conflict.
	conflict := false
	for _, l := range links[graph.LinkConflict] {
		if l.FromID == "municipality:575" && strings.Contains(l.Props["reason"], "Vejen") {
			conflict = true
		}
	}
	if !conflict {
		t.Errorf("no conflict link for Vejen: %+v", links[graph.LinkConflict])
	}
	shown := map[string]bool{}
	for _, l := range links[graph.LinkClusterMunicipality] {
		if l.FromID == "municipality:575" && l.Sources[0].Origin == graph.OriginMinutes {
			shown[l.ToID] = true
		}
	}
	if !shown["cluster:SD-LILLEBAELT"] || !shown["cluster:SD-SYDVESTJYLLAND"] {
		t.Errorf("Vejen shown in %v", shown)
	}

	// The Nordjylland "Sundhedsklynge Syd" meeting belongs to N-SYD.
	rel, err := s.Related(ctx, graph.RelMeetingsOfCluster, []string{"cluster:N-SYD", "cluster:H-SYD"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rel["cluster:N-SYD"], "meeting:cluster:N-SYD:political:2024-10-22") || len(rel["cluster:H-SYD"]) != 0 {
		t.Errorf("meetings of N-SYD %v, of H-SYD %v", rel["cluster:N-SYD"], rel["cluster:H-SYD"])
	}
	// The Slagelse case's reported meeting belongs to S-SLAGELSE.
	rel, _ = s.Related(ctx, graph.RelMeetingsOfCluster, []string{"cluster:S-SLAGELSE"})
	if !slices.Contains(rel["cluster:S-SLAGELSE"], "meeting:cluster:S-SLAGELSE:political:2023-04-18") {
		t.Errorf("meetings of S-SLAGELSE %v", rel["cluster:S-SLAGELSE"])
	}

	// Every fact has a source naming its document; minutes sources have
	// the file's hash and a line.
	docs, _ := s.Documents(ctx)
	sha := map[string]string{}
	for _, d := range docs {
		sha[d.ID] = d.SHA256
	}
	for _, kind := range graph.Kinds {
		for _, f := range all(t, s, kind, graph.Filter{}) {
			srcs := graph.SourcesOf(f)
			if len(srcs) == 0 {
				t.Errorf("%s has no source", graph.IDOf(f))
			}
			for _, src := range srcs {
				if src.Origin == graph.OriginMinutes && (src.SHA256 != sha[src.DocumentID] || src.LineStart < 1 || src.FileName == "") {
					t.Errorf("%s: bad source %+v", graph.IDOf(f), src)
				}
				if src.Origin == graph.OriginReference && (!strings.HasPrefix(src.FileName, "reference/") || src.Quote == "") {
					t.Errorf("%s: bad reference source %+v", graph.IDOf(f), src)
				}
			}
		}
	}
	// Uncertain clusters are flagged.
	got, _ := s.Get(ctx, []string{"cluster:SD-LILLEBAELT", "cluster:SD-SONDERJYLLAND"})
	if c := got["cluster:SD-LILLEBAELT"].(*graph.Cluster); !c.Uncertain || c.Note == "" {
		t.Errorf("SD-LILLEBAELT not flagged uncertain: %+v", c)
	}
	if c := got["cluster:SD-SONDERJYLLAND"].(*graph.Cluster); c.Uncertain {
		t.Errorf("SD-SONDERJYLLAND flagged uncertain: %+v", c)
	}

	// A second LoadSample does nothing.
	sum, err := l.LoadSample(ctx)
	if err != nil || sum.Loaded+sum.Unchanged+sum.Failed != 0 {
		t.Errorf("second LoadSample: %v, %v", sum, err)
	}
}

// snapshot is every merged fact of the store, hashed, and the counts.
func snapshot(t *testing.T, s graph.Store) (string, graph.Stats) {
	t.Helper()
	var facts []any
	for _, kind := range graph.Kinds {
		facts = append(facts, all(t, s, kind, graph.Filter{})...)
	}
	docs, err := s.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		facts = append(facts, &docs[i])
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return graph.ContentHash(facts), st
}

// sampleDir writes the sample minutes into a temporary directory (with a
// subdirectory, to exercise the walk).
func sampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, name := range corpus.Minutes() {
		b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
		if err != nil {
			t.Fatal(err)
		}
		d := dir
		if i%2 == 1 {
			d = filepath.Join(dir, "sub")
			os.MkdirAll(d, 0o755)
		}
		if err := os.WriteFile(filepath.Join(d, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("not a document"), 0o644)
	return dir
}

func TestLoadTwiceIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	l := New(s, Options{Now: fixedNow})
	dir := sampleDir(t)
	var progress bytes.Buffer
	sum, err := l.LoadPaths(ctx, []string{dir}, &progress)
	if err != nil || sum.Loaded != len(corpus.Minutes()) || sum.Facts == 0 {
		t.Fatalf("first load: %v, %v", sum, err)
	}
	if progress.Len() != 0 {
		t.Errorf("progress written to a non-terminal: %q", progress.String())
	}
	h1, st1 := snapshot(t, s)

	later := New(s, Options{Now: func() time.Time { return fixedNow().Add(time.Hour) }})
	sum, err = later.LoadPaths(ctx, []string{dir}, nil)
	if err != nil || sum.Unchanged != len(corpus.Minutes()) || sum.Loaded != 0 {
		t.Fatalf("second load: %v, %v", sum, err)
	}
	if res, err := later.LoadReference(ctx); err != nil || !res.Unchanged {
		t.Errorf("reference reload: %+v, %v", res, err)
	}
	h2, st2 := snapshot(t, s)
	if h1 != h2 {
		t.Error("content hash changed on reload")
	}
	b1, _ := json.Marshal(st1)
	b2, _ := json.Marshal(st2)
	if !bytes.Equal(b1, b2) {
		t.Errorf("stats changed: %s vs %s", b1, b2)
	}
}

func TestRebuildGivesIdenticalFacts(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	l := New(s, Options{Now: fixedNow})
	if _, err := l.LoadReference(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range corpus.Minutes() {
		data, _ := fs.ReadFile(corpus.FS(), "minutes/"+name)
		ext, err := minutes.Parse(name, mustDecode(t, name, data))
		if err != nil {
			t.Fatal(err)
		}
		info := docInfo{FileName: name, SHA256: sha256Hex(data), LoadedAt: fixedNow()}
		first, err := buildFacts(ctx, s, reference(), info, ext)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReplaceDocument(ctx, first); err != nil {
			t.Fatal(err)
		}
		again, err := buildFacts(ctx, s, reference(), info, ext)
		if err != nil {
			t.Fatal(err)
		}
		// The decisions are the same; only the wording of a merge reason
		// may gain evidence the document itself added to the person.
		a, b := withoutReasons(t, first), withoutReasons(t, again)
		if a != b {
			t.Errorf("%s: facts differ when rebuilt against the store that holds them:\n%s\n%s", name, a, b)
		}
		// Loading the same bytes again through the Loader writes nothing.
		res, err := l.LoadBytes(ctx, name, data)
		if err != nil || !res.Unchanged {
			t.Errorf("%s: reload %+v, %v", name, res, err)
		}
	}
}

func withoutReasons(t *testing.T, f *graph.DocumentFacts) string {
	t.Helper()
	b, _ := json.Marshal(f)
	var c graph.DocumentFacts
	json.Unmarshal(b, &c)
	for i := range c.Links {
		delete(c.Links[i].Props, "reason")
		for j := range c.Links[i].Sources {
			c.Links[i].Sources[j].Note = ""
		}
	}
	for i := range c.People {
		for j := range c.People[i].Sources {
			c.People[i].Sources[j].Note = ""
		}
	}
	b, _ = json.Marshal(c)
	return string(b)
}

func mustDecode(t *testing.T, name string, data []byte) string {
	t.Helper()
	text, err := minutes.Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestCorrectedDocumentReplacesItsFacts(t *testing.T) {
	s, l := loadSample(t)
	ctx := context.Background()
	const name = "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt"
	data, _ := fs.ReadFile(corpus.FS(), "minutes/"+name)
	bo := peopleNamed(t, s, "Bo Libergren")[0].ID
	if !slices.Contains(bodiesOf(t, s, bo), "body:cluster:SD-SONDERJYLLAND:political") {
		t.Fatal("precondition: Bo Libergren sits in Sønderjylland")
	}
	fixed := bytes.Replace(data, []byte("Mødedeltagere Bo Libergren, V, "), []byte("Mødedeltagere "), 1)
	if bytes.Equal(fixed, data) {
		t.Fatal("the edit did not apply")
	}
	res, err := l.LoadBytes(ctx, name, fixed)
	if err != nil || !res.Replaced || res.Unchanged {
		t.Fatalf("corrected load: %+v, %v", res, err)
	}
	// Bo's Sønderjylland seat is gone; what Lillebælt says stays.
	bodies := bodiesOf(t, s, bo)
	if slices.Contains(bodies, "body:cluster:SD-SONDERJYLLAND:political") || !slices.Contains(bodies, "body:cluster:SD-LILLEBAELT:political") {
		t.Errorf("Bo Libergren's bodies after the correction: %v", bodies)
	}
	p := peopleNamed(t, s, "Bo Libergren")
	if len(p) != 1 {
		t.Fatalf("Bo Libergren: %d people", len(p))
	}
	for _, src := range p[0].Sources {
		if src.DocumentID == documentID(name) {
			t.Errorf("Bo Libergren still sourced from the corrected document: %+v", src)
		}
	}
	// The others of the corrected document are still there, once.
	if ps := peopleNamed(t, s, "Pernelle Jensen"); len(ps) != 1 {
		t.Errorf("Pernelle Jensen: %d people", len(ps))
	}
	// Loading the original again restores the seat.
	if _, err := l.LoadBytes(ctx, name, data); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(bodiesOf(t, s, bo), "body:cluster:SD-SONDERJYLLAND:political") {
		t.Error("seat not restored")
	}
}

// failingStore fails the write of one document.
type failingStore struct {
	graph.Store
	failID string
}

func (f failingStore) ReplaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	if facts.Document.ID == f.failID {
		return graph.WriteResult{}, graph.Errorf(graph.ErrUnavailable, "disk full")
	}
	return f.Store.ReplaceDocument(ctx, facts)
}

func TestBadInputFailsOnlyThatDocument(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	dir := t.TempDir()
	good, _ := fs.ReadFile(corpus.FS(), "minutes/2024-06-19_sundhedsklynge-soenderjylland_politisk.txt")
	nord, _ := fs.ReadFile(corpus.FS(), "minutes/2024-10-22_politisk-sundhedsklynge-syd_nordjylland.txt")
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", good)
	write("empty.txt", nil)
	write("binary.txt", []byte("REFERAT\x00\x01\x02\x00\xff\xfe binary"))
	write("prose.txt", []byte(strings.Repeat("Dette er en helt almindelig tekst om vejret i Danmark.\n", 20)))
	write("latin1.txt", toLatin1(t, nord))
	limit := max(len(good), len(nord)) + 1
	write("huge.txt", append([]byte("REFERAT "), bytes.Repeat([]byte("a"), limit)...))
	write("storefail.txt", good)
	l := New(failingStore{s, "document:storefail.txt"}, Options{Now: fixedNow, MaxBytes: int64(limit)})
	sum, err := l.LoadPaths(ctx, []string{dir}, nil)
	if err == nil {
		t.Fatal("no error although documents failed")
	}
	if sum.Loaded != 2 || sum.Failed != 5 {
		t.Errorf("summary %v, want 2 loaded, 5 failed", sum)
	}
	for _, f := range sum.Failures {
		base := filepath.Base(f.File)
		if !strings.Contains(f.Err.Error(), base) || !strings.Contains(err.Error(), base) {
			t.Errorf("error for %s does not name it: %v", base, f.Err)
		}
		var me *minutes.Error
		switch base {
		case "empty.txt", "binary.txt", "prose.txt", "huge.txt":
			if !errors.As(f.Err, &me) || me.File != base {
				t.Errorf("%s: error %v is not a *minutes.Error for the file", base, f.Err)
			}
		case "storefail.txt":
			if graph.ErrorCode(f.Err) != graph.ErrUnavailable {
				t.Errorf("store failure lost its code: %v", f.Err)
			}
		default:
			t.Errorf("unexpected failure %s: %v", base, f.Err)
		}
	}
	for name, kind := range map[string]error{"empty.txt": minutes.ErrEmpty, "binary.txt": minutes.ErrBinary, "prose.txt": minutes.ErrNotMinutes, "huge.txt": minutes.ErrTooLarge} {
		found := false
		for _, f := range sum.Failures {
			if filepath.Base(f.File) == name {
				found = errors.Is(f.Err, kind)
			}
		}
		if !found {
			t.Errorf("%s did not fail with %v", name, kind)
		}
	}
	// Nothing of the failed documents is in the store.
	docs, _ := s.Documents(ctx)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	want := []string{"document:good.txt", "document:latin1.txt", ReferenceDocumentID}
	if !slices.Equal(ids, want) {
		t.Errorf("documents %v, want %v", ids, want)
	}
	for _, kind := range graph.Kinds {
		for _, f := range all(t, s, kind, graph.Filter{}) {
			for _, src := range graph.SourcesOf(f) {
				if !slices.Contains(want, src.DocumentID) {
					t.Errorf("%s sourced from failed %s", graph.IDOf(f), src.DocumentID)
				}
			}
		}
	}
	// The Latin-1 file kept its Danish letters.
	if ps := peopleNamed(t, s, "Søren Aalund"); len(ps) != 1 || ps[0].Name != "Søren Aalund" {
		t.Errorf("Latin-1 document: %+v", ps)
	}
}

// toLatin1 encodes text as ISO 8859-1; characters outside it (dashes,
// quotes) become '-'.
func toLatin1(t *testing.T, utf8 []byte) []byte {
	var out []byte
	for _, r := range string(utf8) {
		if r > 0xff {
			r = '-'
		}
		out = append(out, byte(r))
	}
	if bytes.Equal(out, utf8) {
		t.Fatal("the Latin-1 sample has no non-ASCII letters")
	}
	return out
}

func TestLoadPathsMissingFile(t *testing.T) {
	l := New(openStore(t), Options{})
	sum, err := l.LoadPaths(context.Background(), []string{filepath.Join(t.TempDir(), "nope.txt")}, nil)
	if err == nil || sum.Failed != 1 || !strings.Contains(err.Error(), "nope.txt") {
		t.Errorf("missing file: %v, %v", sum, err)
	}
}

func TestExtractFile(t *testing.T) {
	dir := sampleDir(t)
	ext, err := ExtractFile(filepath.Join(dir, corpus.Minutes()[0]))
	if err != nil || len(ext.People) == 0 {
		t.Fatalf("ExtractFile: %v", err)
	}
	if _, err := ExtractFile(filepath.Join(dir, "README.md")); !errors.Is(err, minutes.ErrNotMinutes) {
		t.Errorf("README: %v", err)
	}
}

// writeDocs writes documents into dir and returns their paths in the
// order LoadPaths loads a directory (lexical).
func writeDocs(t *testing.T, dir string, docs []genDocument) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range docs {
		p := filepath.Join(dir, d.name)
		if err := os.WriteFile(p, d.data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// loadFilesOneByOne loads paths in order with LoadBytes, the serial path.
func loadFilesOneByOne(t *testing.T, l *Loader, paths []string) {
	t.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.LoadBytes(context.Background(), filepath.Base(p), data); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
}

// recorder is an Options.OnDocument that keeps the files in the order it
// was told of them.
type recorder struct{ files []string }

func (r *recorder) on(file string, _ graph.WriteResult, _ error) { r.files = append(r.files, file) }

// TestLoadPathsPipelinedMatchesLoadBytes loads 150 generated documents
// (50 under -race, which is 5–10× slower and here checks the workers'
// hand-over), then corrected re-issues of some and an identical copy of
// one, with LoadPaths (prepared ahead on workers), and expects the graph of
// loading the same files one by one with LoadBytes.
func TestLoadPathsPipelinedMatchesLoadBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 156 documents twice")
	}
	n := 150
	if raceEnabled {
		n = 50
	}
	docs := generatedDocs(t, n)
	var again []genDocument
	for _, i := range []int{3, 40, 41, n - 1 - n/3, n - 1} {
		again = append(again, genDocument{docs[i].name, append(slices.Clone(docs[i].data), "\n\n"...)})
	}
	again = append(again, docs[n/2]) // the same bytes: unchanged
	root := t.TempDir()
	first, second := filepath.Join(root, "a"), filepath.Join(root, "b")
	paths := append(writeDocs(t, first, docs), writeDocs(t, second, again)...)

	piped, serial := openNoSync(t), openNoSync(t)
	var rec recorder
	opts := fixedOptions()
	opts.OnDocument = rec.on
	sum, err := New(piped, opts).LoadPaths(context.Background(), []string{first, second}, nil)
	if err != nil {
		t.Fatalf("LoadPaths: %v", err)
	}
	if sum.Loaded != len(paths)-1 || sum.Unchanged != 1 || sum.Failed != 0 || sum.Facts == 0 {
		t.Errorf("summary %v, want %d loaded and 1 unchanged", sum, len(paths)-1)
	}
	if !slices.Equal(rec.files, paths) {
		t.Errorf("OnDocument was told of %d files out of order:\n got  %v\n want %v", len(rec.files), rec.files, paths)
	}
	loadFilesOneByOne(t, New(serial, fixedOptions()), paths)
	assertSameGraph(t, piped, serial)
}

// TestLoadPathsBadDocumentInTheMiddle has a document with a NUL byte on
// line 12 among good ones: it alone fails, with file and line, and the
// store holds what loading the others one by one gives.
func TestLoadPathsBadDocumentInTheMiddle(t *testing.T) {
	docs := generatedDocs(t, 24)
	dir := t.TempDir()
	paths := writeDocs(t, dir, docs)
	bad := paths[len(paths)/2]
	data, _ := os.ReadFile(bad)
	lines := strings.SplitAfter(string(data), "\n")
	lines[11] = "\x00" + lines[11]
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}

	s, scratch := openNoSync(t), openNoSync(t)
	sum, err := New(s, fixedOptions()).LoadPaths(context.Background(), []string{dir}, nil)
	if err == nil || sum.Failed != 1 || sum.Loaded != len(paths)-1 {
		t.Fatalf("summary %v, %v: want one failure and %d loaded", sum, err, len(paths)-1)
	}
	var me *minutes.Error
	if f := sum.Failures[0]; f.File != bad || !errors.As(f.Err, &me) || me.File != filepath.Base(bad) || me.Line != 12 || !errors.Is(f.Err, minutes.ErrBinary) {
		t.Errorf("failure %+v, want a binary-content *minutes.Error on %s line 12", f, filepath.Base(bad))
	}
	if want := fmt.Sprintf("%s:12:", filepath.Base(bad)); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %s", err, want)
	}
	loadFilesOneByOne(t, New(scratch, fixedOptions()), slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return p == bad }))
	assertSameGraph(t, s, scratch)
}

// cancellingStore cancels the load while the store writes document
// cancelID, before the write starts.
type cancellingStore struct {
	graph.Store
	cancelID string
	cancel   context.CancelFunc
}

func (c cancellingStore) ReplaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	if facts.Document.ID == c.cancelID {
		c.cancel()
	}
	return c.Store.ReplaceDocument(ctx, facts)
}

// TestLoadPathsCancelled cancels a load between two documents and during
// a document's write: LoadPaths returns ctx's error, the documents before
// are whole, the rest absent, and no worker is left running.
func TestLoadPathsCancelled(t *testing.T) {
	docs := generatedDocs(t, 20)
	dir := t.TempDir()
	paths := writeDocs(t, dir, docs)
	const k = 7 // documents loaded before the cancellation
	for _, during := range []bool{false, true} {
		t.Run(fmt.Sprintf("during-write=%t", during), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s, scratch := openNoSync(t), openNoSync(t)
			var store graph.Store = s
			opts := fixedOptions()
			if during {
				store = cancellingStore{s, documentID(filepath.Base(paths[k])), cancel}
			} else {
				n := 0
				opts.OnDocument = func(string, graph.WriteResult, error) {
					if n++; n == k {
						cancel()
					}
				}
			}
			sum, err := New(store, opts).LoadPaths(ctx, []string{dir}, nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if sum.Loaded != k {
				t.Errorf("summary %v, want %d loaded", sum, k)
			}
			if during && (sum.Failed != 1 || sum.Failures[0].File != paths[k]) {
				t.Errorf("summary %v, want %s failed", sum, paths[k])
			}
			buf := make([]byte, 1<<20)
			if stacks := string(buf[:runtime.Stack(buf, true)]); strings.Contains(stacks, "prepareAhead") {
				t.Errorf("workers still running after LoadPaths returned:\n%s", stacks)
			}
			loadFilesOneByOne(t, New(scratch, fixedOptions()), paths[:k])
			assertSameGraph(t, s, scratch)
		})
	}
}
