package bind

import (
	"bytes"
	"context"
	"io"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Objects is an operation's bookkeeping for the objects it writes, kept in
// its execution context (the generate command's rewrite 7): the fields
// collected for each selection and type, without gqlgen's cache key (a
// hash allocated for every object), and the objects' writers and field
// sets taken from slabs instead of allocations of their own (rewrite 9).
// An operation that is serial (WithSerial) says so once, here, for all its
// objects; otherwise its goroutines take turns. A nil *Objects does what
// gqlgen does.
type Objects struct {
	serial    bool
	mu        sync.Mutex
	collected []collected
	objs      slab[object]
	sets      slab[graphql.FieldSet]
	values    slab[graphql.Marshaler]
	// fields are the direct writer's field contexts (DirectField).
	fields []directField
}

type collected struct {
	sel       *ast.Selection // the selection set's first element
	n         int
	satisfies *string // the type's implementors' first element
	fields    []graphql.CollectedField
}

// NewObjects returns the bookkeeping of an operation, serial or not.
func NewObjects(serial bool) *Objects { return &Objects{serial: serial} }

// Serial reports whether the operation is serial; a nil *Objects is not.
func (o *Objects) Serial() bool { return o != nil && o.serial }

// lock and unlock guard the bookkeeping of an operation that is not serial.
func (o *Objects) lock() {
	if !o.serial {
		o.mu.Lock()
	}
}

func (o *Objects) unlock() {
	if !o.serial {
		o.mu.Unlock()
	}
}

// Concurrently resolves field i of out with f: at once when the operation
// is serial, else as gqlgen does, when out is dispatched.
func (o *Objects) Concurrently(ctx context.Context, out *graphql.FieldSet, i int, f func(context.Context) graphql.Marshaler) {
	if o.Serial() {
		out.Values[i] = f(ctx)
		return
	}
	out.Concurrently(i, f)
}

// maxCollected bounds the selections an operation remembers: past it (a
// query with very many selection sets) bind.Collect answers each time.
const maxCollected = 64

// Collect is bind.Collect(oc, sel, satisfies) (the memo shared by all
// operations, or graphql.CollectFields for a selection set that depends on
// the request), remembered for this operation too, for the selection set
// and the type's implementors (both identified by their first element:
// the same slices come back for every object of a list, and looking them
// up here costs less than in the shared memo).
func (o *Objects) Collect(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if o == nil || len(sel) == 0 || len(satisfies) == 0 {
		return Collect(oc, sel, satisfies)
	}
	o.lock()
	defer o.unlock()
	for i := range o.collected {
		if c := &o.collected[i]; c.sel == &sel[0] && c.n == len(sel) && c.satisfies == &satisfies[0] {
			return c.fields
		}
	}
	fields := Collect(oc, sel, satisfies)
	if len(o.collected) < maxCollected {
		o.collected = append(o.collected, collected{&sel[0], len(sel), &satisfies[0], fields})
	}
	return fields
}

// slab hands out elements of arrays allocated a few at a time: the first
// array holds slabMin elements, each next one twice as many as the last,
// up to slabMax, so that a small answer allocates little and a large one
// few arrays.
type slab[T any] struct{ free []T }

const (
	slabMin = 4
	slabMax = 64
)

// take returns n zeroed elements that nothing else is given (capacity n,
// so that appending to them copies).
func (s *slab[T]) take(n int) []T {
	if n > cap(s.free)-len(s.free) {
		size := min(max(2*cap(s.free), slabMin), slabMax)
		if n > size/2 {
			return make([]T, n) // as large as a slab: on its own
		}
		s.free = make([]T, 0, size)
	}
	i := len(s.free)
	s.free = s.free[:i+n]
	return s.free[i : i+n : i+n]
}

// Object is bind.Object with the writer taken from a slab.
func (o *Objects) Object(fields []graphql.CollectedField, values []graphql.Marshaler) graphql.Marshaler {
	if o == nil {
		return Object(fields, values)
	}
	o.lock()
	defer o.unlock()
	obj := &o.objs.take(1)[0]
	*obj = object{fields, values}
	return obj
}

// FieldSet is graphql.NewFieldSet(fields), the set and its values taken
// from slabs, for an object none of whose fields is deferred. The
// generated code (rewrite 9) writes such an object with Object from the
// set's values and uses the set only to resolve them (Values, Invalids,
// Concurrently, Dispatch), none of which reads the fields gqlgen's
// unexported member keeps; a set with a deferred field is written by its
// own MarshalGQL, which does, so it is gqlgen's.
func (o *Objects) FieldSet(fields []graphql.CollectedField) *graphql.FieldSet {
	if o == nil || deferred(fields) {
		return graphql.NewFieldSet(fields)
	}
	o.lock()
	defer o.unlock()
	fs := &o.sets.take(1)[0]
	fs.Values = o.values.take(len(fields))
	return fs
}

func deferred(fields []graphql.CollectedField) bool {
	for _, f := range fields {
		if f.IsDeferred() {
			return true
		}
	}
	return false
}

// Object writes the fields of an object (as resolved into values) in
// order, as gqlgen's field set does, without allocating per field. A
// response key selected twice is written once, as gqlgen does (its field
// collection merges them already).
func Object(fields []graphql.CollectedField, values []graphql.Marshaler) graphql.Marshaler {
	return object{fields, values}
}

type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o object) MarshalGQL(w io.Writer) {
	b, ok := w.(*bytes.Buffer)
	if !ok {
		var buf bytes.Buffer
		o.write(&buf)
		w.Write(buf.Bytes())
		return
	}
	o.write(b)
}

func (o object) write(b *bytes.Buffer) {
	b.WriteByte('{')
	first := true
fields:
	for i, f := range o.fields {
		for _, g := range o.fields[:i] {
			if g.Alias == f.Alias {
				continue fields
			}
		}
		if first {
			b.WriteByte('"')
		} else {
			b.WriteString(`,"`)
		}
		first = false
		// A response key is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): it
		// needs no escaping.
		b.WriteString(f.Alias)
		b.WriteString(`":`)
		o.values[i].MarshalGQL(b)
	}
	b.WriteByte('}')
}
