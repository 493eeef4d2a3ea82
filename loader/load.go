package loader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader/ingest"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// DefaultMaxBytes is the size limit of a document when Options.MaxBytes is
// zero.
const DefaultMaxBytes = minutes.MaxSize

// Options configure a Loader. Zero values take defaults: MaxBytes
// DefaultMaxBytes, Logger discards, Now time.Now.
type Options struct {
	MaxBytes int64
	Logger   *slog.Logger
	Now      func() time.Time
	// OnDocument, if set, is called by LoadPaths after each file it tried,
	// in order, on LoadPaths' goroutine, with what Summary counts for it.
	// It may read the store; no document is being written meanwhile.
	OnDocument func(file string, res graph.WriteResult, err error)
}

// Loader decodes, extracts, resolves and writes documents into a store, one
// transaction per document. Its methods may be called concurrently; writes
// are serialised, because resolution reads the store before it writes.
type Loader struct {
	store graph.Store
	opts  Options
	mu    sync.Mutex

	people        *peopleCache // the stored people, for resolution (peoplecache.go); nil until the first document
	noPeopleCache bool         // tests: resolve every document from the store, as without the cache
}

// New returns a Loader that writes into store.
func New(store graph.Store, opts Options) *Loader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Loader{store: store, opts: opts}
}

// Failure is a document that could not be loaded.
type Failure struct {
	File string
	Err  error
}

// Summary reports a load.
type Summary struct {
	Loaded, Unchanged, Failed, Facts int
	Failures                         []Failure
}

// String is the one-line summary, followed by one line per failure.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d loaded, %d unchanged, %d failed, %d facts written", s.Loaded, s.Unchanged, s.Failed, s.Facts)
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "\n  %v", f.Err)
	}
	return b.String()
}

func (s *Summary) add(file string, res graph.WriteResult, err error) {
	switch {
	case err != nil:
		s.Failed++
		s.Failures = append(s.Failures, Failure{File: file, Err: err})
	case res.Unchanged:
		s.Unchanged++
	default:
		s.Loaded++
		s.Facts += res.Facts
	}
}

// Err returns nil if nothing failed, otherwise an error that names every
// failed file.
func (s Summary) Err() error {
	if s.Failed == 0 {
		return nil
	}
	errs := make([]error, len(s.Failures))
	for i, f := range s.Failures {
		errs[i] = f.Err
	}
	return fmt.Errorf("%d of %d documents failed: %w", s.Failed, s.Loaded+s.Unchanged+s.Failed, errors.Join(errs...))
}

// LoadPaths loads files and directories (recursively: *.txt, *.pdf, *.html,
// *.htm, *.docx) in lexical order. Each file's format is told by its
// content, not its name (see ingest.Text). A document that fails writes nothing and the others still load;
// the error is non-nil if any failed. Progress goes to progress only when
// it is a terminal.
//
// Reading, extracting and parsing run ahead on GOMAXPROCS workers, a few
// documents at most (pipeline.go); resolution and writing stay in file
// order, one document at a time, so the result is that of loading the
// files one by one with LoadBytes. When ctx is cancelled LoadPaths stops
// the workers and returns ctx's error; every document is then wholly
// written or not at all.
func (l *Loader) LoadPaths(ctx context.Context, paths []string, progress io.Writer) (Summary, error) {
	var sum Summary
	files, errs := expandPaths(paths)
	for _, f := range errs {
		l.record(&sum, f.File, graph.WriteResult{}, f.Err)
	}
	tty := isTerminal(progress)
	next, stop := l.prepareAhead(ctx, files)
	defer stop()
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if tty {
			fmt.Fprintf(progress, "\r\033[K[%d/%d] %s", i+1, len(files), filepath.Base(path))
		}
		p, err := next()
		if ctxErr := ctx.Err(); ctxErr != nil {
			return sum, ctxErr // not committed
		}
		var res graph.WriteResult
		if err == nil {
			res, err = l.commit(ctx, p)
		}
		l.record(&sum, path, res, err)
		if err != nil {
			l.opts.Logger.Warn("document failed", "file", path, "err", err)
		} else {
			l.opts.Logger.Info("document loaded", "file", path, "unchanged", res.Unchanged, "facts", res.Facts)
		}
	}
	if tty && len(files) > 0 {
		fmt.Fprint(progress, "\r\033[K")
	}
	return sum, sum.Err()
}

// record adds a file's outcome to sum and tells Options.OnDocument.
func (l *Loader) record(sum *Summary, file string, res graph.WriteResult, err error) {
	sum.add(file, res, err)
	if l.opts.OnDocument != nil {
		l.opts.OnDocument(file, res, err)
	}
}

// documentExts are the file name extensions a directory walk picks up. A
// file named on the command line is read whatever its name.
var documentExts = []string{".txt", ".pdf", ".html", ".htm", ".docx"}

func isDocumentName(path string) bool {
	ext := filepath.Ext(path)
	return slices.ContainsFunc(documentExts, func(e string) bool { return strings.EqualFold(e, ext) })
}

// expandPaths lists the documents under paths: files as given, directories
// walked for documentExts.
func expandPaths(paths []string) ([]string, []Failure) {
	var files []string
	var fails []Failure
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			fails = append(fails, Failure{File: p, Err: err})
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fails = append(fails, Failure{File: path, Err: err})
				return nil
			}
			if !d.IsDir() && isDocumentName(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			fails = append(fails, Failure{File: p, Err: err})
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return files, fails
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// readLimited reads a file, refusing one over max bytes with a
// *minutes.Error of kind ErrTooLarge.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, &minutes.Error{File: filepath.Base(path), Kind: minutes.ErrTooLarge, Msg: fmt.Sprintf("file is over the limit of %d bytes", max)}
	}
	return data, nil
}

// LoadBytes loads one document, named name (its base name is the document's
// ID), in one transaction. The document may be plain text, PDF, HTML or
// DOCX, told by its content (ingest.Text); line numbers in sources are
// those of its extracted text, and for PDF, HTML and DOCX each source's
// Note starts with where the line stands in the original ("page 2, line
// 14", "paragraph 14"). Extraction errors are *ingest.Error values, decode
// and parse errors *minutes.Error values; both name the file (and the line,
// with its page for a PDF); other errors are prefixed with the name.
// Documents point at reference entities, so the reference skeleton is
// loaded first if the store does not have it.
func (l *Loader) LoadBytes(ctx context.Context, name string, data []byte) (graph.WriteResult, error) {
	p, err := l.prepare(ctx, name, data)
	if err != nil {
		return graph.WriteResult{}, err
	}
	return l.commit(ctx, p)
}

// prepared is a document read, decoded and parsed: everything about it
// that does not depend on the store.
type prepared struct {
	name string // base name
	doc  ingest.Doc
	ext  *minutes.Extraction
	info docInfo // LoadedAt is set by commit
}

// prepare is the part of loading a document that reads no store: the
// checks of its name and size, text extraction, decoding and parsing. It
// is pure, so LoadPaths runs it for several documents at once. Errors are
// those LoadBytes documents.
func (l *Loader) prepare(ctx context.Context, name string, data []byte) (*prepared, error) {
	name = filepath.Base(name)
	if id := documentID(name); id == ReferenceDocumentID || graph.IsCorrectionDocument(id) {
		// Loading it would replace the reference skeleton or an
		// administrator's correction.
		return nil, graph.Errorf(graph.ErrInvalid, "%s: the file name is reserved for the reference data and administrative corrections; rename the file", name)
	}
	if int64(len(data)) > l.opts.MaxBytes {
		return nil, &minutes.Error{File: name, Kind: minutes.ErrTooLarge, Msg: fmt.Sprintf("file is %d bytes, over the limit of %d", len(data), l.opts.MaxBytes)}
	}
	doc, text, ext, err := readDocument(ctx, name, data)
	if err != nil {
		return nil, err
	}
	info := docInfo{FileName: name, SHA256: sha256Hex(data), Lines: strings.Count(text, "\n") + 1}
	return &prepared{name: name, doc: doc, ext: ext, info: info}, nil
}

// commit resolves a prepared document against the store and writes it in
// one transaction, unless the store already holds the same version.
// Commits are serialised (l.mu): resolution reads what every earlier
// document wrote.
func (l *Loader) commit(ctx context.Context, p *prepared) (graph.WriteResult, error) {
	name, id := p.name, documentID(p.name)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.ensureReference(ctx); err != nil {
		return graph.WriteResult{}, fmt.Errorf("%s: %w", name, err)
	}
	info := p.info
	info.LoadedAt = l.opts.Now().UTC()
	// The same version is already loaded: nothing to resolve or write.
	if got, err := l.store.Get(ctx, []string{id}); err != nil {
		return graph.WriteResult{}, fmt.Errorf("%s: %w", name, err)
	} else if d, ok := got[id].(*graph.Document); ok && d.SHA256 == info.SHA256 {
		return graph.WriteResult{DocumentID: d.ID, Unchanged: true}, nil
	}
	store, err := l.resolvingStore(ctx)
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("%s: %w", name, err)
	}
	facts, err := buildFacts(ctx, store, reference(), info, p.ext)
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("%s: %w", name, err)
	}
	noteLocations(facts, id, p.doc)
	res, err := l.replaceDocument(ctx, facts)
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("%s: write: %w", name, err)
	}
	return res, nil
}

// readDocument extracts the text of a document of any format (ingest.Text),
// decodes and parses it. Errors name the file; a decode or parse error on a
// line of a PDF, HTML or DOCX also says where that line is in the original.
func readDocument(ctx context.Context, name string, data []byte) (ingest.Doc, string, *minutes.Extraction, error) {
	doc, err := ingest.TextContext(ctx, name, data, ingest.Options{})
	if err != nil {
		return doc, "", nil, fileErr(name, err)
	}
	text, err := minutes.Decode(name, doc.Text)
	if err != nil {
		return doc, "", nil, fileErr(name, locate(err, doc))
	}
	ext, err := minutes.Parse(name, text)
	if err != nil {
		return doc, "", nil, fileErr(name, locate(err, doc))
	}
	return doc, text, ext, nil
}

// locate adds to a *minutes.Error on a line of extracted text where that
// line stands in the original document; other errors are returned as they
// are.
func locate(err error, doc ingest.Doc) error {
	var me *minutes.Error
	if doc.Format == ingest.FormatText || !errors.As(err, &me) || me.Line <= 0 {
		return err
	}
	where := doc.Where(me.Line).String()
	if where == "" {
		return err
	}
	c := *me
	c.Msg = fmt.Sprintf("%s (%s, %s)", cmp.Or(c.Msg, string(c.Kind)), doc.Format, where)
	return &c
}

// noteLocations starts the Note of every source in this document with where
// its first line stands in the original PDF, HTML or DOCX ("page 2, line
// 14"), so that a reader can find it there; the line numbers stay those of
// the extracted text. Plain text needs no note. Every graph.Source in facts
// is visited, whatever the kind of fact that holds it.
func noteLocations(facts *graph.DocumentFacts, docID string, doc ingest.Doc) {
	if doc.Format == ingest.FormatText {
		return
	}
	eachSource(reflect.ValueOf(facts), func(s *graph.Source) {
		if s.DocumentID != docID {
			return
		}
		where := doc.Where(s.LineStart).String()
		switch {
		case where == "" || strings.HasPrefix(s.Note, where):
		case s.Note == "":
			s.Note = where
		default:
			s.Note = where + "; " + s.Note
		}
	})
}

var sourceType = reflect.TypeFor[graph.Source]()

// eachSource calls fn on every graph.Source reachable from v through
// pointers, structs, slices and arrays.
func eachSource(v reflect.Value, fn func(*graph.Source)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			eachSource(v.Elem(), fn)
		}
	case reflect.Struct:
		if v.Type() == sourceType {
			if v.CanAddr() {
				fn(v.Addr().Interface().(*graph.Source))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachSource(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachSource(v.Index(i), fn)
		}
	}
}

// fileErr makes sure an error names the file.
func fileErr(name string, err error) error {
	var me *minutes.Error
	if errors.As(err, &me) || strings.Contains(err.Error(), name) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

func (l *Loader) ensureReference(ctx context.Context) error {
	got, err := l.store.Get(ctx, []string{ReferenceDocumentID})
	if err != nil {
		return err
	}
	if _, ok := got[ReferenceDocumentID]; ok {
		return nil
	}
	_, err = l.loadReference(ctx)
	return err
}

// LoadReference loads the reference skeleton (corpus/reference) as the
// document "document:reference".
func (l *Loader) LoadReference(ctx context.Context) (graph.WriteResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.loadReference(ctx)
}

func (l *Loader) loadReference(ctx context.Context) (graph.WriteResult, error) {
	ref, err := loadRef()
	if err != nil {
		return graph.WriteResult{}, err
	}
	facts, err := referenceFacts(ctx, l.store, ref, l.opts.Now().UTC())
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("reference: %w", err)
	}
	l.people = nil // the reference has people too: rebuilt on the next document
	res, err := l.store.ReplaceDocument(ctx, facts)
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("reference: write: %w", err)
	}
	return res, nil
}

// LoadSample loads the reference skeleton and then the bundled sample
// minutes, but only into a store that holds no documents; otherwise it does
// nothing and returns an empty Summary.
func (l *Loader) LoadSample(ctx context.Context) (Summary, error) {
	var sum Summary
	docs, err := l.store.Documents(ctx)
	if err != nil {
		return sum, err
	}
	if len(docs) > 0 {
		return sum, nil
	}
	res, err := l.LoadReference(ctx)
	sum.add("reference", res, err)
	if err != nil {
		return sum, sum.Err()
	}
	for _, name := range corpus.Minutes() {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		data, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
		if err != nil {
			sum.add(name, graph.WriteResult{}, err)
			continue
		}
		res, err := l.LoadBytes(ctx, name, data)
		sum.add(name, res, err)
	}
	return sum, sum.Err()
}

// ExtractFile decodes and parses one file (plain text, PDF, HTML or DOCX,
// told by its content) without writing anything. Positions are lines of the
// extracted text; for the other formats a note says so and how many pages
// a PDF has.
func ExtractFile(path string) (*minutes.Extraction, error) {
	data, err := readLimited(path, DefaultMaxBytes)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	doc, _, ext, err := readDocument(context.Background(), name, data)
	if err != nil {
		return nil, err
	}
	switch doc.Format {
	case ingest.FormatText:
	case ingest.FormatPDF:
		ext.Notes = append(ext.Notes, fmt.Sprintf("text extracted from a PDF of %d pages; line numbers are those of the extracted text", doc.Pages))
	default:
		ext.Notes = append(ext.Notes, fmt.Sprintf("text extracted from %s; line numbers are those of the extracted text", strings.ToUpper(string(doc.Format))))
	}
	return ext, nil
}
