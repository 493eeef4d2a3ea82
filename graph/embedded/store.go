package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Options tune a Store. The zero value is what production uses.
type Options struct {
	// CompactBytes is the log size from which a write compacts the store
	// into a new snapshot, unless the last snapshot is larger still (the
	// log may grow to the snapshot's size). Default 64 MiB.
	CompactBytes int64
	// NoSync skips fsync. Only for benchmarks and tests that do not test
	// durability.
	NoSync bool
	// Logger receives what the store cannot return to a caller, such as a
	// failed compaction after a successful write, or a torn log tail cut off
	// at Open. Default slog.Default().
	Logger *slog.Logger
	// ReadCacheBytes is the budget of the cache of facts with many sources
	// assembled for graph.ReadOnly reads (readcache.go). Default
	// DefaultReadCacheBytes; negative turns the cache off.
	ReadCacheBytes int64
}

// Store is the embedded graph.Store.
type Store struct {
	dir  string
	opts Options
	cur  atomic.Pointer[state]

	mu       sync.Mutex // held by the one writer
	lock     *os.File
	log      *wal
	gen      uint64
	snapSize int64
	broken   error // a failed write that could not be undone; writes refuse
	strs     *interner
	closed   atomic.Bool
	reads    *readCache

	// compacting is set while a compaction writes its snapshot (guarded
	// by mu; idle is signalled when it ends); since are the documents
	// written meanwhile, for the compaction's new interner. bg counts the
	// compaction goroutines, which Close waits for.
	compacting bool
	idle       *sync.Cond
	since      []string
	bg         sync.WaitGroup
	// dropped says whether the interner may hold values of documents the
	// store no longer has (a document replaced or deleted since it was
	// built, or a store opened from its files): only then does a
	// compaction build a new one. Guarded by mu.
	dropped bool
}

var _ graph.Store = (*Store)(nil)

// Open opens (creating if needed) the store in dir.
func Open(dir string) (*Store, error) { return OpenWith(dir, Options{}) }

// OpenWith opens the store in dir with options.
func OpenWith(dir string, opts Options) (*Store, error) {
	if opts.CompactBytes <= 0 {
		opts.CompactBytes = 64 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.ReadCacheBytes == 0 {
		opts.ReadCacheBytes = DefaultReadCacheBytes
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot create the data directory", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, opts: opts, lock: lock, strs: newInterner(), reads: newReadCache(opts.ReadCacheBytes), dropped: true}
	s.idle = sync.NewCond(&s.mu)
	if err := s.recover(); err != nil {
		_ = unlockDir(lock)
		return nil, err
	}
	return s, nil
}

// recover loads the newest snapshot and replays the logs of its
// generation and after, oldest first: a compaction starts a new log before
// it writes its snapshot (compact), so a crash meanwhile leaves two logs
// after the last snapshot. The newest log is the one written to.
func (s *Store) recover() error {
	snaps, wals, tmps, err := generations(s.dir)
	if err != nil {
		return graph.Wrap(graph.ErrUnavailable, "cannot read the data directory", err)
	}
	for _, t := range tmps {
		_ = os.Remove(filepath.Join(s.dir, t))
	}
	var gen uint64 // the snapshot's generation: logs before it are in it
	if len(snaps) > 0 {
		gen = slices.Max(snaps)
	} else if len(wals) > 0 {
		gen = slices.Min(wals) // no snapshot yet: the first log
	}
	var replay []uint64
	for _, g := range wals {
		if g >= gen {
			replay = append(replay, g)
		}
	}
	slices.Sort(replay)
	if len(replay) == 0 {
		replay = []uint64{gen} // a new, empty log
	}
	tx := emptyState().tx()
	tx.in = s.strs
	if len(snaps) > 0 {
		if err := s.loadSnapshot(tx, gen); err != nil {
			return err
		}
	}
	for i, g := range replay {
		w, err := s.replayLog(tx, g)
		if err != nil {
			if s.log != nil {
				s.log.f.Close()
			}
			return err
		}
		if i < len(replay)-1 {
			w.f.Close()
			continue
		}
		s.log, s.gen = w, g
	}
	s.cur.Store(tx.done())
	// Older generations are fully contained in the snapshot.
	s.removeBefore(gen, snaps, wals)
	return nil
}

// removeBefore removes the snapshots and logs of generations before gen,
// which the snapshot of gen contains.
func (s *Store) removeBefore(gen uint64, snaps, wals []uint64) {
	for _, g := range snaps {
		if g < gen {
			_ = os.Remove(filepath.Join(s.dir, snapName(g)))
		}
	}
	for _, g := range wals {
		if g < gen {
			_ = os.Remove(filepath.Join(s.dir, walName(g)))
		}
	}
}

// decode decodes the facts of a record (opFacts, or gob in opReplace, as
// written before the facts codec) for the store: strings interned, facts
// owned (interner.own). Only the writer, or Open, decodes.
func (s *Store) decode(op byte, body []byte) (*graph.DocumentFacts, error) {
	var d *graph.DocumentFacts
	var err error
	if op == opFacts {
		d, err = decodeFactsRecord(body, s.strs)
	} else {
		d, err = decodeGob(body)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	s.strs.own(d, op == opFacts)
	return d, nil
}

func (s *Store) loadSnapshot(tx *stateTx, gen uint64) error {
	path := filepath.Join(s.dir, snapName(gen))
	f, err := os.Open(path)
	if err != nil {
		return graph.Wrap(graph.ErrUnavailable, "cannot open the snapshot", err)
	}
	defer f.Close()
	docs, complete := 0, false
	n, err := readRecords(f, func(op byte, body []byte) error {
		switch op {
		case opFacts, opReplace:
			d, err := s.decode(op, body)
			if err != nil {
				return err
			}
			tx.put(d.Document.ID, d)
			docs++
		case opSnapEnd:
			want, err := strconv.Atoi(string(body))
			if err != nil || want != docs {
				return fmt.Errorf("%w: snapshot ends after %d documents, says %s", errCorrupt, docs, body)
			}
			complete = true
		default:
			return fmt.Errorf("%w: op %d in a snapshot", errCorrupt, op)
		}
		return nil
	})
	if err == nil && !complete {
		err = fmt.Errorf("%w: snapshot has no end record", errCorrupt)
	}
	if err != nil {
		return graph.Wrap(graph.ErrInternal, "the data directory's snapshot is damaged", fmt.Errorf("%s: %w", path, err))
	}
	s.snapSize = n
	return nil
}

// replayLog applies the log of generation gen to tx and returns it open,
// cut after its last whole record.
func (s *Store) replayLog(tx *stateTx, gen uint64) (*wal, error) {
	path := filepath.Join(s.dir, walName(gen))
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot open the write-ahead log", err)
	}
	good, err := readRecords(f, func(op byte, body []byte) error {
		switch op {
		case opFacts, opReplace:
			d, err := s.decode(op, body)
			if err != nil {
				return err
			}
			tx.put(d.Document.ID, d)
		case opDelete:
			tx.put(string(body), nil)
		default:
			return fmt.Errorf("%w: op %d in the log", errCorrupt, op)
		}
		return nil
	})
	if err != nil && !errors.Is(err, errCorrupt) {
		f.Close()
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot read the write-ahead log", err)
	}
	st, serr := f.Stat()
	if serr != nil {
		f.Close()
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot read the write-ahead log", serr)
	}
	if st.Size() != good {
		// A write that did not complete (or damage after the last good
		// record): keep exactly the records before it.
		s.opts.Logger.Warn("embedded store: cutting off an incomplete write at the end of the log",
			"file", path, "goodBytes", good, "fileBytes", st.Size(), "reason", err)
		if terr := f.Truncate(good); terr != nil {
			f.Close()
			return nil, graph.Wrap(graph.ErrUnavailable, "cannot repair the write-ahead log", terr)
		}
		if serr := f.Sync(); serr != nil {
			f.Close()
			return nil, graph.Wrap(graph.ErrUnavailable, "cannot repair the write-ahead log", serr)
		}
	}
	if err := syncDir(s.dir); err != nil {
		f.Close()
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot sync the data directory", err)
	}
	return &wal{f: f, size: good}, nil
}

func (s *Store) state(ctx context.Context) (*state, error) {
	if s.closed.Load() {
		return nil, graph.Errorf(graph.ErrUnavailable, "the store is closed")
	}
	if err := ctx.Err(); err != nil {
		return nil, graph.Wrap(graph.ErrUnavailable, "the request was cancelled", err)
	}
	return s.cur.Load(), nil
}

// EnsureSchema has nothing to prepare.
func (s *Store) EnsureSchema(ctx context.Context) error {
	_, err := s.state(ctx)
	return err
}

// Ping reports whether the store is open and can write.
func (s *Store) Ping(ctx context.Context) error {
	if _, err := s.state(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return graph.Wrap(graph.ErrUnavailable, "the store cannot write", s.broken)
	}
	return nil
}

// Close closes the log and releases the directory. Reads and writes after
// Close fail with ErrUnavailable.
func (s *Store) Close(ctx context.Context) error {
	s.mu.Lock()
	if s.closed.Swap(true) {
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	s.bg.Wait() // a running compaction finishes its snapshot
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.log.f.Close()
	if uerr := unlockDir(s.lock); err == nil {
		err = uerr
	}
	if err != nil {
		return graph.Wrap(graph.ErrUnavailable, "cannot close the store cleanly", err)
	}
	return nil
}

// ReplaceDocument writes a document's facts: one log record, fsync'd, then
// one new state.
func (s *Store) ReplaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	rs, err := s.ReplaceDocuments(ctx, []*graph.DocumentFacts{facts})
	if err != nil {
		res := graph.WriteResult{}
		if facts != nil {
			res.DocumentID = facts.Document.ID
		}
		return res, err
	}
	return rs[0], nil
}

// ReplaceDocuments writes several documents as ReplaceDocument does, in
// order, with one fsync for all of them: the fast way to load many. If any
// document is invalid, nothing is written. Readers see all of the batch or
// none of it; after a crash in the middle of the batch, each document is
// wholly present or wholly absent (a prefix of the batch survives).
func (s *Store) ReplaceDocuments(ctx context.Context, docs []*graph.DocumentFacts) ([]graph.WriteResult, error) {
	type prepared struct {
		doc graph.Document
		rec []byte
	}
	ps := make([]prepared, len(docs))
	now := time.Now().UTC().Truncate(time.Millisecond)
	for i, facts := range docs {
		if err := validate(facts); err != nil {
			return nil, err
		}
		in := *facts
		if in.Document.LoadedAt.IsZero() {
			in.Document.LoadedAt = now
		}
		rec, err := newFactsRecord(&in)
		if err != nil {
			return nil, graph.Wrap(graph.ErrInvalid, "cannot encode the document", err)
		}
		ps[i] = prepared{in.Document, rec}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.writable(ctx)
	if err != nil {
		return nil, err
	}
	tx := cur.tx()
	tx.in = s.strs
	res := make([]graph.WriteResult, len(ps))
	var log []byte
	for i, p := range ps {
		id := p.doc.ID
		res[i].DocumentID = id
		if old, ok := tx.docs.get(id); ok {
			if sha := p.doc.SHA256; sha != "" && old.facts.Document.SHA256 == sha {
				res[i].Unchanged, res[i].Facts = true, len(old.ids)
				continue
			}
			res[i].Replaced = true
			s.dropped = true
		}
		// The store keeps its own copy, decoded from what it logs, so that
		// what it serves is exactly what it replays after a restart.
		own, err := s.decode(opFacts, p.rec[headerSize+1:])
		if err != nil {
			return nil, graph.Wrap(graph.ErrInternal, "cannot decode the document", err)
		}
		tx.put(id, own)
		if s.compacting {
			s.since = append(s.since, id)
		}
		e, _ := tx.docs.get(id)
		res[i].Facts = len(e.ids)
		if log == nil {
			// One record (ReplaceDocument) is logged as it is; a second
			// is appended to a copy (the full slice expression).
			log = p.rec[:len(p.rec):len(p.rec)]
		} else {
			log = append(log, p.rec...)
		}
	}
	if len(log) == 0 {
		return res, nil
	}
	next := tx.done()
	if err := s.commit(log); err != nil {
		return nil, err
	}
	s.cur.Store(next)
	s.maybeCompact()
	return res, nil
}

// DeleteDocument removes a document and its contributions.
func (s *Store) DeleteDocument(ctx context.Context, id string) (bool, error) {
	if err := checkID(id, graph.KindDocument); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.writable(ctx)
	if err != nil {
		return false, err
	}
	if _, ok := cur.docs.get(id); !ok {
		return false, nil
	}
	tx := cur.tx()
	tx.in = s.strs
	tx.put(id, nil)
	s.dropped = true
	next := tx.done()
	if err := s.commit(frame(opDelete, []byte(id))); err != nil {
		return false, err
	}
	s.cur.Store(next)
	s.maybeCompact()
	return true, nil
}

// writable returns the current state for a writer holding s.mu.
func (s *Store) writable(ctx context.Context) (*state, error) {
	cur, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if s.broken != nil {
		return nil, graph.Wrap(graph.ErrUnavailable, "the store cannot write", s.broken)
	}
	return cur, nil
}

// commit appends a record to the log and makes it durable.
func (s *Store) commit(rec []byte) error {
	ok, err := s.log.append(rec, !s.opts.NoSync)
	if err == nil {
		return nil
	}
	if !ok || errors.Is(err, errSync) {
		// After a failed fsync the kernel may have dropped the pages and
		// a retry could falsely succeed: refuse further writes.
		s.broken = err
	}
	return graph.Wrap(graph.ErrUnavailable, "cannot write to the data directory", err)
}

// maybeCompact starts a compaction when the log has outgrown the snapshot
// and none is running: the writer (holding s.mu) only starts a new log;
// the snapshot is written in the background (finishCompaction), while
// reads and writes go on. A failure is logged: the write itself
// succeeded, and the logs keep everything.
func (s *Store) maybeCompact() {
	if s.compacting || s.log.size < max(s.opts.CompactBytes, s.snapSize) {
		return
	}
	job, err := s.rotate()
	if err != nil {
		s.opts.Logger.Error("embedded store: compaction failed; the log keeps growing", "dir", s.dir, "err", err)
		return
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if err := s.finishCompaction(job); err != nil {
			s.opts.Logger.Error("embedded store: compaction failed; the logs keep everything", "dir", s.dir, "err", err)
		}
	}()
}

// Compact writes the current state to a new snapshot and starts a new
// log. It waits for a compaction already running, and does not hold up
// writers while it writes.
func (s *Store) Compact(ctx context.Context) error {
	s.mu.Lock()
	for s.compacting {
		s.idle.Wait()
	}
	if _, err := s.writable(ctx); err != nil {
		s.mu.Unlock()
		return err
	}
	job, err := s.rotate()
	s.mu.Unlock()
	if err == nil {
		err = s.finishCompaction(job)
	}
	if err != nil {
		return graph.Wrap(graph.ErrUnavailable, "cannot compact the data directory", err)
	}
	return nil
}

// compaction is a snapshot to write: of state, the store's state when the
// log of generation gen was started, which is what a snapshot of that
// generation holds (the log holds what comes after it).
type compaction struct {
	gen   uint64
	state *state
}

// rotate starts the log of the next generation and marks a compaction of
// the state before it running. The caller holds s.mu.
func (s *Store) rotate() (*compaction, error) {
	gen := s.gen + 1
	lf, err := os.OpenFile(filepath.Join(s.dir, walName(gen)), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err == nil {
		if err = syncDir(s.dir); err != nil {
			lf.Close()
			_ = os.Remove(filepath.Join(s.dir, walName(gen)))
		}
	}
	if err != nil {
		return nil, err
	}
	// Every record of the old log was synced when it was written.
	_ = s.log.f.Close()
	s.log = &wal{f: lf}
	s.gen = gen
	s.compacting = true
	s.since = nil
	return &compaction{gen: gen, state: s.cur.Load()}, nil
}

// finishCompaction writes job's snapshot, then (holding s.mu) removes the
// generations before it and, if documents were replaced or deleted since
// the interner was built (s.dropped), replaces it with one of the documents
// still loaded. A load that only adds documents keeps its interner: a new
// one would hold the same values, and building one reads every document
// each time the store has doubled (24 s of the 1,032 s of CPU a 100× load
// took).
func (s *Store) finishCompaction(job *compaction) error {
	size, err := s.writeSnapshot(job)
	s.mu.Lock()
	rebuild := err == nil && s.dropped
	if rebuild {
		s.dropped = false
	}
	s.mu.Unlock()
	var strs *interner
	if rebuild {
		strs = newInterner()
		job.state.docs.all(func(_ string, e *docEntry) { strs.add(e.facts) })
		// The adjacency keys too, so that the next edge of a list finds
		// its key instead of copying it again.
		job.state.adj.all(func(k string, _ adjList) { strs.str(k) })
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.idle.Broadcast()
	s.compacting = false
	since := s.since
	s.since = nil
	if err != nil {
		return err
	}
	s.snapSize = size
	if rebuild {
		cur := s.cur.Load()
		for _, id := range since {
			if e, ok := cur.docs.get(id); ok {
				strs.add(e.facts)
			}
		}
		s.strs = strs
	}
	if snaps, wals, _, err := generations(s.dir); err == nil {
		s.removeBefore(job.gen, snaps, wals)
	} // else the snapshot is written; old files go at the next Open
	return nil
}

// beforeSnapshotRename, if set (by tests), runs when a snapshot is written
// and synced but not yet renamed into place.
var beforeSnapshotRename func()

// writeSnapshot writes job's state to the snapshot of its generation
// (temporary file, fsync, rename, directory fsync) and returns its size.
func (s *Store) writeSnapshot(job *compaction) (int64, error) {
	final := filepath.Join(s.dir, snapName(job.gen))
	tmp := final + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp) // no-op after the rename
	w := bufio.NewWriterSize(f, 1<<20)
	var ids []string
	job.state.docs.all(func(id string, _ *docEntry) { ids = append(ids, id) })
	slices.Sort(ids)
	var size int64
	var rec []byte
	for _, id := range ids {
		e, _ := job.state.docs.get(id)
		rec, err = factsRecord(rec[:0], e.facts)
		if err != nil {
			f.Close()
			return 0, err
		}
		n, err := w.Write(rec)
		size += int64(n)
		if err != nil {
			f.Close()
			return 0, err
		}
	}
	n, err := w.Write(frame(opSnapEnd, []byte(strconv.Itoa(len(ids)))))
	size += int64(n)
	if err == nil {
		err = w.Flush()
	}
	if err == nil && !s.opts.NoSync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && beforeSnapshotRename != nil {
		beforeSnapshotRename()
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err == nil {
		err = syncDir(s.dir)
	}
	return size, err
}

// Get returns merged facts and documents by ID.
func (s *Store) Get(ctx context.Context, ids []string) (map[string]any, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	ro, noSources := graph.IsReadOnly(ctx), graph.IsWithoutSources(ctx)
	out := make(map[string]any, len(ids))
	for _, id := range ids {
		if strings.HasPrefix(id, graph.IDPrefix[graph.KindDocument]) {
			if d, ok := st.docs.get(id); ok {
				doc := d.facts.Document
				out[id] = &doc
			}
			continue
		}
		if e, ok := st.facts.get(id); ok {
			switch {
			case ro && noSources:
				out[id] = e.merged // its Sources are empty unless shared, and then its own
				continue
			case ro:
				out[id] = s.reads.shared(e)
				continue
			}
			f := clone(e.merged)
			if !e.shared && !noSources {
				*sourcesOf(f) = e.sources()
			}
			out[id] = f
		}
	}
	return out, nil
}

func kindPos(k graph.Kind, f graph.Filter) (int, error) {
	if err := graph.CheckFilter(k, f); err != nil {
		return 0, err
	}
	i, ok := kindIndex[k]
	if !ok {
		return 0, graph.Errorf(graph.ErrInvalid, "cannot list facts of kind %q", k)
	}
	return i, nil
}

// List returns one page of IDs of a kind that match the filter, walking the
// sort index forward, or backward from the cursor if p.Desc.
func (s *Store) List(ctx context.Context, kind graph.Kind, f graph.Filter, p graph.Page) (graph.PageResult, error) {
	st, err := s.state(ctx)
	if err != nil {
		return graph.PageResult{}, err
	}
	ki, err := kindPos(kind, f)
	if err != nil {
		return graph.PageResult{}, err
	}
	cursor := ""
	if p.After != "" {
		if cursor, err = graph.DecodeCursor(p.After); err != nil {
			return graph.PageResult{}, err
		}
	}
	size := graph.PageSize(p.First)
	all := f == graph.Filter{}
	res := graph.PageResult{IDs: []string{}}
	last := ""
	walk := st.index[ki].after
	if p.Desc {
		walk = st.index[ki].before
	}
	walk(cursor, func(e ixEntry) bool {
		if !all {
			fe, _ := st.facts.get(e.id)
			if !matches(fe, f, st.clusterRegion) {
				return true
			}
		}
		if len(res.IDs) == size {
			res.HasNext = true
			return false
		}
		res.IDs = append(res.IDs, e.id)
		last = e.key
		return true
	})
	if len(res.IDs) > 0 {
		res.EndCursor = graph.EncodeCursor(last)
	}
	return res, nil
}

// matches is graph.Matches for a stored fact; only the Origin filter needs
// the fact's sources.
func matches(e *factEntry, f graph.Filter, clusterRegion func(string) string) bool {
	if f.Origin != "" {
		return graph.Matches(e.full(), f, clusterRegion)
	}
	return graph.Matches(e.merged, f, clusterRegion)
}

// Count returns how many facts of a kind match the filter.
func (s *Store) Count(ctx context.Context, kind graph.Kind, f graph.Filter) (int, error) {
	st, err := s.state(ctx)
	if err != nil {
		return 0, err
	}
	ki, err := kindPos(kind, f)
	if err != nil {
		return 0, err
	}
	if f == (graph.Filter{}) {
		return st.index[ki].n, nil
	}
	n := 0
	st.index[ki].after("", func(e ixEntry) bool {
		fe, _ := st.facts.get(e.id)
		if matches(fe, f, st.clusterRegion) {
			n++
		}
		return true
	})
	return n, nil
}

// Related returns, per ID, the IDs related to it by rel.
func (s *Store) Related(ctx context.Context, rel graph.Relation, ids []string) (map[string][]string, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(graph.Relations, rel) {
		return nil, graph.Errorf(graph.ErrInvalid, "unknown relation %q", rel)
	}
	out := map[string][]string{}
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if r := st.related(rel, id); len(r) > 0 {
			out[id] = r
		}
	}
	return out, nil
}

// Search ranks facts whose names or texts contain every word of text.
func (s *Store) Search(ctx context.Context, text string, kinds []graph.Kind, limit int) ([]graph.SearchHit, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		kinds = graph.SearchKinds
	}
	for _, k := range kinds {
		if _, ok := kindIndex[k]; !ok {
			return nil, graph.Errorf(graph.ErrInvalid, "cannot search facts of kind %q", k)
		}
	}
	q := graph.Fold(text)
	words := strings.Fields(q)
	hits := []graph.SearchHit{}
	if len(words) == 0 {
		return hits, nil
	}
	for _, k := range slices.Compact(slices.Sorted(slices.Values(kinds))) {
		st.index[kindIndex[k]].after("", func(e ixEntry) bool {
			fe, _ := st.facts.get(e.id)
			for _, w := range words {
				if !strings.Contains(fe.search, w) {
					return true
				}
			}
			if score, snippet := graph.Score(fe.merged, q); score > 0 {
				hits = append(hits, graph.SearchHit{ID: e.id, Kind: k, Score: score, Snippet: snippet})
			}
			return true
		})
	}
	return graph.RankHits(hits, limit), nil
}

// Stats counts documents, merged facts per kind and contributions.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st, err := s.state(ctx)
	if err != nil {
		return graph.Stats{}, err
	}
	out := graph.Stats{Documents: st.docs.len(), Facts: map[graph.Kind]int{}, Contributions: st.contribs}
	for i, k := range graph.Kinds {
		out.Facts[k] = st.index[i].n
	}
	return out, nil
}

// Documents lists the loaded documents in graph.DocumentCompare order.
func (s *Store) Documents(ctx context.Context) ([]graph.Document, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Document, 0, st.docs.len())
	st.docs.all(func(_ string, e *docEntry) { out = append(out, e.facts.Document) })
	slices.SortFunc(out, graph.DocumentCompare)
	return out, nil
}
