package embedded

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Record framing: 4 bytes payload length, 4 bytes CRC-32C of the payload
// (both little-endian), then the payload. A payload is one op byte and its
// body.
const (
	headerSize = 8
	maxRecord  = 1 << 30
)

// Ops.
const (
	opReplace  = 1 // body: gob of graph.DocumentFacts; written before the facts codec, still read
	opDelete   = 2 // body: the document ID
	opSnapEnd  = 3 // body: decimal count of documents; ends a snapshot
	opFacts    = 4 // body: graph.DocumentFacts in the facts codec (codec.go)
	walPrefix  = "wal-"
	walSuffix  = ".log"
	snapPrefix = "snapshot-"
	snapSuffix = ".db"
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// ErrLocked is wrapped in the error Open returns when another process (or
// another Store in this one) holds the data directory.
var ErrLocked = errors.New("data directory is locked by another store")

// errSync marks a failed fsync of the log.
var errSync = errors.New("fsync failed")

// errCorrupt marks a record that fails its length or checksum.
var errCorrupt = errors.New("corrupt record")

// appendRecord appends to b a record of op whose body body appends.
func appendRecord(b []byte, op byte, body func([]byte) ([]byte, error)) ([]byte, error) {
	start := len(b)
	b = append(b, make([]byte, headerSize)...)
	b, err := body(append(b, op))
	if err != nil {
		return b[:start], err
	}
	payload := b[start+headerSize:]
	binary.LittleEndian.PutUint32(b[start:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[start+4:], crc32.Checksum(payload, crcTable))
	return b, nil
}

func frame(op byte, body []byte) []byte {
	b, _ := appendRecord(nil, op, func(b []byte) ([]byte, error) { return append(b, body...), nil })
	return b
}

// factsRecord appends the opFacts record of d to b.
func factsRecord(b []byte, d *graph.DocumentFacts) ([]byte, error) {
	return appendRecord(b, opFacts, func(b []byte) ([]byte, error) { return appendFacts(b, d) })
}

// scratch holds buffers that records are encoded into before they are
// copied out at their size: growing a new buffer by doubling allocated
// about twice the record.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// newFactsRecord returns the opFacts record of d in a slice of its own.
func newFactsRecord(d *graph.DocumentFacts) ([]byte, error) {
	p := scratch.Get().(*[]byte)
	defer scratch.Put(p)
	b, err := factsRecord((*p)[:0], d)
	if cap(b) <= 16<<20 {
		*p = b // very large buffers are not kept
	}
	if err != nil {
		return nil, err
	}
	return slices.Clone(b), nil
}

// decodeGob decodes the body of an opReplace record.
func decodeGob(b []byte) (*graph.DocumentFacts, error) {
	d := new(graph.DocumentFacts)
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(d); err != nil {
		return nil, err
	}
	return d, nil
}

// readRecords reads framed records from r, calling fn for each; body is
// only valid during the call. It returns
// the offset after the last good record and, if reading stopped early, why
// (errCorrupt for a torn or damaged record).
func readRecords(r io.Reader, fn func(op byte, body []byte) error) (int64, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var off int64
	var hdr [headerSize]byte
	var buf []byte
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			if err == io.EOF {
				return off, nil
			}
			if err == io.ErrUnexpectedEOF {
				return off, errCorrupt
			}
			return off, err
		}
		n := binary.LittleEndian.Uint32(hdr[0:4])
		if n == 0 || n > maxRecord {
			return off, errCorrupt
		}
		// One buffer for all records: fn copies what it keeps.
		if int(n) > cap(buf) {
			buf = make([]byte, n)
		}
		payload := buf[:n]
		if _, err := io.ReadFull(br, payload); err != nil {
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return off, errCorrupt
			}
			return off, err
		}
		if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(hdr[4:8]) {
			return off, errCorrupt
		}
		if err := fn(payload[0], payload[1:]); err != nil {
			return off, err
		}
		off += headerSize + int64(n)
	}
}

// wal is the open log file of the current generation.
type wal struct {
	f    *os.File
	size int64
}

// append writes one framed record and fsyncs it. On failure it tries to cut
// the file back to where it was, and reports whether that worked.
func (w *wal) append(rec []byte, sync bool) (ok bool, err error) {
	if _, err = w.f.WriteAt(rec, w.size); err == nil && sync {
		if err = w.f.Sync(); err != nil {
			err = fmt.Errorf("%w: %w", errSync, err)
		}
	}
	if err != nil {
		if terr := w.f.Truncate(w.size); terr != nil {
			return false, err
		}
		return true, err
	}
	w.size += int64(len(rec))
	return true, nil
}

func walName(gen uint64) string  { return fmt.Sprintf("%s%016x%s", walPrefix, gen, walSuffix) }
func snapName(gen uint64) string { return fmt.Sprintf("%s%016x%s", snapPrefix, gen, snapSuffix) }

// generations lists the generations of snapshots and logs in dir.
func generations(dir string) (snaps, wals []uint64, tmps []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, e := range ents {
		n := e.Name()
		if strings.HasSuffix(n, ".tmp") {
			tmps = append(tmps, n)
			continue
		}
		for _, c := range []struct {
			prefix, suffix string
			out            *[]uint64
		}{{snapPrefix, snapSuffix, &snaps}, {walPrefix, walSuffix, &wals}} {
			if strings.HasPrefix(n, c.prefix) && strings.HasSuffix(n, c.suffix) {
				g, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(n, c.prefix), c.suffix), 16, 64)
				if err == nil {
					*c.out = append(*c.out, g)
				}
			}
		}
	}
	return snaps, wals, tmps, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// lockDir takes an exclusive, non-blocking flock on dir/LOCK.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot open the data directory's lock file", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, graph.Wrap(graph.ErrUnavailable,
				fmt.Sprintf("data directory %s is in use by another sundhedsgraf process", dir), ErrLocked)
		}
		return nil, graph.Wrap(graph.ErrUnavailable, "cannot lock the data directory", err)
	}
	// Note the holder for people who look.
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}

func unlockDir(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
