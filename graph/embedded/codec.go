package embedded

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The facts codec writes a graph.DocumentFacts as the body of an opFacts
// record: the schema the record was written with (the field names and
// kinds of every struct type reachable from DocumentFacts, as text),
// then the values, field by field in schema order:
//
//	string          uvarint length, bytes
//	bool            one byte, 0 or 1
//	int kinds       zig-zag varint
//	*int64          one byte 0 (nil), or 1 and a zig-zag varint
//	[]string        uvarint count, strings
//	map[str]str     uvarint count, key and value strings by sorted key
//	time.Time       uvarint length, time.Time.MarshalBinary's bytes
//	struct          its fields
//	[]struct        uvarint count, structs
//
// A reader decodes by field name through the schema the record carries,
// so a record stays readable when the model gains, loses or reorders
// fields (a field no longer in the model is skipped, one the record lacks
// stays zero), as with gob, which the store wrote before (opReplace
// records, still read). Unlike gob, it keeps no per-record encoder state
// (gob sends and compiles its type descriptors again for every record,
// since each record has its own encoder), writes into a caller's buffer,
// and decodes strings through the store's interner, so a string already
// in the store costs no allocation. Empty lists and maps decode as nil,
// as gob's do.

// codecKind is how a field is written; the byte appears in the schema.
type codecKind byte

const (
	cString    codecKind = 's'
	cBool      codecKind = 'b'
	cInt       codecKind = 'i'
	cInt64Ptr  codecKind = 'p'
	cStrings   codecKind = 'S'
	cStringMap codecKind = 'M'
	cTime      codecKind = 't'
	cStruct    codecKind = 'o'
	cStructs   codecKind = 'O'
)

type codecField struct {
	name  string
	index int // in the Go struct; -1 in a decoder: skip the value
	kind  codecKind
	elem  *codecType // cStruct, cStructs
}

type codecType struct {
	name   string
	fields []codecField
}

var timeType = reflect.TypeFor[time.Time]()

// factsCodec is the current model's schema: its root, the schema's text
// and the record header written before every body (the text with its
// length).
var factsCodec = func() struct {
	root   *codecType
	text   string
	header []byte
} {
	types := map[reflect.Type]*codecType{}
	var order []*codecType
	root, err := codecTypeOf(reflect.TypeFor[graph.DocumentFacts](), types, &order)
	if err != nil {
		panic("embedded: the facts codec cannot write the model: " + err.Error())
	}
	text := schemaText(order)
	return struct {
		root   *codecType
		text   string
		header []byte
	}{root, text, appendString(nil, text)}
}()

// schemaText is the schema of types (the root first) as records carry it:
// "Name{Field:k,Field:kElem,...};" for every type, k the field's
// codecKind and Elem the name of its struct type, if any.
func schemaText(types []*codecType) string {
	var b strings.Builder
	for _, t := range types {
		b.WriteString(t.name)
		b.WriteByte('{')
		for i, f := range t.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(f.name)
			b.WriteByte(':')
			b.WriteByte(byte(f.kind))
			if f.elem != nil {
				b.WriteString(f.elem.name)
			}
		}
		b.WriteString("};")
	}
	return b.String()
}

// codecTypeOf describes a struct type's exported fields, listing every
// struct type it reaches in order, each once.
func codecTypeOf(t reflect.Type, types map[reflect.Type]*codecType, order *[]*codecType) (*codecType, error) {
	if ct, ok := types[t]; ok {
		return ct, nil
	}
	if t.Name() == "" {
		return nil, fmt.Errorf("an unnamed struct type %s is not supported", t)
	}
	for _, o := range *order {
		if o.name == t.Name() {
			return nil, fmt.Errorf("two struct types are named %s", t.Name())
		}
	}
	ct := &codecType{name: t.Name()}
	types[t] = ct
	*order = append(*order, ct)
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		f := codecField{name: sf.Name, index: i}
		ft := sf.Type
		switch {
		case ft == timeType:
			f.kind = cTime
		case ft.Kind() == reflect.String:
			f.kind = cString
		case ft.Kind() == reflect.Bool:
			f.kind = cBool
		case ft.Kind() == reflect.Int || ft.Kind() == reflect.Int64 || ft.Kind() == reflect.Int32:
			f.kind = cInt
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Int64:
			f.kind = cInt64Ptr
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			f.kind = cStrings
		case ft.Kind() == reflect.Map && ft.Key().Kind() == reflect.String && ft.Elem().Kind() == reflect.String:
			f.kind = cStringMap
		case ft.Kind() == reflect.Struct, ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			et, kind := ft, cStruct
			if ft.Kind() == reflect.Slice {
				et, kind = ft.Elem(), cStructs
			}
			elem, err := codecTypeOf(et, types, order)
			if err != nil {
				return nil, err
			}
			f.kind, f.elem = kind, elem
		default:
			return nil, fmt.Errorf("%s.%s: type %s is not supported", t.Name(), sf.Name, ft)
		}
		ct.fields = append(ct.fields, f)
	}
	return ct, nil
}

// appendFacts appends the body of an opFacts record for d to b. It fails
// only for a time the codec cannot write (time.Time.MarshalBinary: a zone
// offset that is not a whole number of minutes).
func appendFacts(b []byte, d *graph.DocumentFacts) ([]byte, error) {
	w := writer{b: append(b, factsCodec.header...)}
	w.structure(factsCodec.root, reflect.ValueOf(d).Elem())
	return w.b, w.err
}

type writer struct {
	b   []byte
	err error
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (w *writer) structure(t *codecType, v reflect.Value) {
	b := w.b
	defer func() { w.b = b }()
	for i := range t.fields {
		f := &t.fields[i]
		fv := v.Field(f.index)
		switch f.kind {
		case cString:
			b = appendString(b, fv.String())
		case cBool:
			if fv.Bool() {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		case cInt:
			b = binary.AppendVarint(b, fv.Int())
		case cInt64Ptr:
			if fv.IsNil() {
				b = append(b, 0)
			} else {
				b = binary.AppendVarint(append(b, 1), fv.Elem().Int())
			}
		case cStrings:
			n := fv.Len()
			b = binary.AppendUvarint(b, uint64(n))
			for j := range n {
				b = appendString(b, fv.Index(j).String())
			}
		case cStringMap:
			m := fv.Interface().(map[string]string)
			b = binary.AppendUvarint(b, uint64(len(m)))
			for _, k := range slices.Sorted(maps.Keys(m)) {
				b = appendString(appendString(b, k), m[k])
			}
		case cTime:
			tb, err := fv.Interface().(time.Time).MarshalBinary()
			if err != nil {
				w.err = cmp.Or(w.err, fmt.Errorf("%s.%s: %w", t.name, f.name, err))
			}
			b = binary.AppendUvarint(b, uint64(len(tb)))
			b = append(b, tb...)
		case cStruct:
			w.b = b
			w.structure(f.elem, fv)
			b = w.b
		case cStructs:
			n := fv.Len()
			w.b = binary.AppendUvarint(b, uint64(n))
			for j := range n {
				w.structure(f.elem, fv.Index(j))
			}
			b = w.b
		}
	}
}

// errFacts marks a body the facts codec cannot read.
var errFacts = errors.New("bad facts record")

// decoders holds the decoders of schemas other than the current one, by
// schema text.
var decoders sync.Map // string → *codecType

// decodeFactsRecord decodes the body of an opFacts record. Strings and
// string maps go through in (nil: each its own allocation), which must
// then be the caller's alone, as the writer's interner is.
func decodeFactsRecord(body []byte, in *interner) (*graph.DocumentFacts, error) {
	r := reader{b: body, in: in}
	text := r.bytes()
	if r.err != nil {
		return nil, r.err
	}
	root := factsCodec.root
	if string(text) != factsCodec.text {
		var err error
		if root, err = decoderFor(string(text)); err != nil {
			return nil, err
		}
	}
	d := new(graph.DocumentFacts)
	r.structure(root, reflect.ValueOf(d).Elem())
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d bytes after the facts", errFacts, len(r.b))
	}
	if r.err != nil {
		return nil, r.err
	}
	r.lists.place()
	return d, nil
}

// decoderFor compiles the decoder of a schema written by another version
// of the model: the written types and fields, each field matched by name
// to the current model's field of the same kind, or skipped.
func decoderFor(text string) (*codecType, error) {
	if d, ok := decoders.Load(text); ok {
		return d.(*codecType), nil
	}
	written := map[string]*codecType{}
	var order []*codecType
	type ref struct {
		t    *codecType
		i    int // field
		name string
	}
	var refs []ref
	for _, decl := range strings.Split(strings.TrimSuffix(text, ";"), ";") {
		name, body, ok := strings.Cut(decl, "{")
		if !ok || !strings.HasSuffix(body, "}") || name == "" || written[name] != nil {
			return nil, fmt.Errorf("%w: bad schema %q", errFacts, decl)
		}
		t := &codecType{name: name}
		written[name] = t
		order = append(order, t)
		if body = strings.TrimSuffix(body, "}"); body == "" {
			continue
		}
		for _, fd := range strings.Split(body, ",") {
			fname, kind, ok := strings.Cut(fd, ":")
			if !ok || fname == "" || kind == "" {
				return nil, fmt.Errorf("%w: bad schema field %q", errFacts, fd)
			}
			f := codecField{name: fname, index: -1, kind: codecKind(kind[0])}
			switch f.kind {
			case cString, cBool, cInt, cInt64Ptr, cStrings, cStringMap, cTime:
				if len(kind) != 1 {
					return nil, fmt.Errorf("%w: bad schema field %q", errFacts, fd)
				}
			case cStruct, cStructs:
				if len(kind) == 1 {
					return nil, fmt.Errorf("%w: bad schema field %q", errFacts, fd)
				}
			default:
				return nil, fmt.Errorf("%w: unknown kind in schema field %q", errFacts, fd)
			}
			t.fields = append(t.fields, f)
			if f.kind == cStruct || f.kind == cStructs {
				refs = append(refs, ref{t, len(t.fields) - 1, kind[1:]})
			}
		}
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%w: empty schema", errFacts)
	}
	for _, r := range refs {
		if r.t.fields[r.i].elem = written[r.name]; r.t.fields[r.i].elem == nil {
			return nil, fmt.Errorf("%w: schema names an undeclared type %s", errFacts, r.name)
		}
	}
	// Match the written fields to the model's, by the type's place in the
	// model (from the root) and the field's name and kind.
	matched := map[*codecType]*codecType{}
	var match func(w, cur *codecType)
	match = func(w, cur *codecType) {
		if _, done := matched[w]; done {
			return
		}
		matched[w] = cur
		for i := range w.fields {
			wf := &w.fields[i]
			for _, cf := range cur.fields {
				if cf.name == wf.name && cf.kind == wf.kind {
					wf.index = cf.index
					if wf.elem != nil {
						match(wf.elem, cf.elem)
					}
					break
				}
			}
		}
	}
	match(order[0], factsCodec.root)
	d, _ := decoders.LoadOrStore(text, order[0])
	return d.(*codecType), nil
}

// reader reads a body; the first error stops it (later reads return zero
// values).
type reader struct {
	b     []byte
	in    *interner
	err   error
	depth int // of nested structs
	// With an interner, the record's lists go into one array per
	// element type (docLists).
	lists docLists
}

var (
	sourceListType = reflect.TypeFor[[]graph.Source]()
	stringListType = reflect.TypeFor[[]string]()
)

// maxDepth bounds nested structs: a written schema may name a type within
// itself, and a struct with no fields but itself consumes no bytes.
const maxDepth = 16

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at %d bytes from the end", errFacts, what, len(r.b))
	}
	r.b = nil
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("bad length")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("bad integer")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a list's length; every element takes at least a byte.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("list longer than the record")
		return 0
	}
	return int(n)
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("string longer than the record")
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

func (r *reader) str() string {
	b := r.bytes()
	if r.in != nil {
		return r.in.bytes(b)
	}
	return string(b)
}

func (r *reader) byte1() byte {
	if len(r.b) == 0 {
		r.fail("record ends early")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// structure reads the fields of t into v; v is not valid for a type
// matched to nothing (a field skipped), and then nothing is set.
func (r *reader) structure(t *codecType, v reflect.Value) {
	if r.depth++; r.depth > maxDepth {
		r.fail("structs nested too deep")
	}
	defer func() { r.depth-- }()
	for i := range t.fields {
		if r.err != nil {
			return
		}
		f := &t.fields[i]
		set := f.index >= 0 && v.IsValid()
		var fv reflect.Value
		if set {
			fv = v.Field(f.index)
		}
		switch f.kind {
		case cString:
			if s := r.str(); set {
				fv.SetString(s)
			}
		case cBool:
			switch c := r.byte1(); {
			case c > 1:
				r.fail("bad bool")
			case set:
				fv.SetBool(c == 1)
			}
		case cInt:
			if n := r.varint(); set {
				if fv.OverflowInt(n) {
					r.fail("integer out of range")
				} else {
					fv.SetInt(n)
				}
			}
		case cInt64Ptr:
			switch c := r.byte1(); c {
			case 0:
			case 1:
				if n := r.varint(); set && r.err == nil {
					fv.Set(reflect.ValueOf(&n))
				}
			default:
				r.fail("bad pointer mark")
			}
		case cStrings:
			n := r.count()
			if n == 0 {
				continue
			}
			if set && r.in != nil && fv.Type() == stringListType {
				from := len(r.lists.strs.vals)
				for range n {
					r.lists.strs.vals = append(r.lists.strs.vals, r.str())
				}
				r.lists.strs.note(fv.Addr().Interface().(*[]string), from)
				continue
			}
			var out []string
			if set {
				out = make([]string, n)
			}
			for j := range n {
				if s := r.str(); set {
					out[j] = s
				}
			}
			if set {
				if p, ok := fv.Addr().Interface().(*[]string); ok {
					*p = out
				} else {
					fv.Set(reflect.ValueOf(out).Convert(fv.Type()))
				}
			}
		case cStringMap:
			n := r.count()
			if n == 0 {
				continue
			}
			var m map[string]string
			if set {
				m = make(map[string]string, n)
			}
			for range n {
				k, s := r.str(), r.str()
				if set {
					m[k] = s
				}
			}
			if set && r.err == nil {
				if r.in != nil {
					m = r.in.propsMap(m, false) // its strings are the interner's
				}
				if p, ok := fv.Addr().Interface().(*map[string]string); ok {
					*p = m
				} else {
					fv.Set(reflect.ValueOf(m).Convert(fv.Type()))
				}
			}
		case cTime:
			b := r.bytes()
			if set && r.err == nil {
				var t time.Time
				if err := t.UnmarshalBinary(b); err != nil {
					r.fail("bad time: " + err.Error())
					continue
				}
				fv.Set(reflect.ValueOf(t))
			}
		case cStruct:
			var ev reflect.Value
			if set {
				ev = fv
			}
			r.structure(f.elem, ev)
		case cStructs:
			n := r.count()
			if n == 0 {
				continue
			}
			if set && n == 1 && r.in != nil && fv.Type() == sourceListType {
				var src graph.Source
				r.structure(f.elem, reflect.ValueOf(&src).Elem())
				r.lists.oneSource(fv.Addr().Interface().(*[]graph.Source), src)
				continue
			}
			var s reflect.Value
			if set {
				s = reflect.MakeSlice(fv.Type(), n, n)
			}
			for j := range n {
				var ev reflect.Value
				if set {
					ev = s.Index(j)
				}
				r.structure(f.elem, ev)
			}
			if set && r.err == nil {
				fv.Set(s)
			}
		}
	}
}
