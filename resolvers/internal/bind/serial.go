package bind

import (
	"bytes"
	"context"
	"io"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// The execution code calls Concurrently and MarshalSlice where gqlgen's
// generated code calls (*graphql.FieldSet).Concurrently and
// graphql.MarshalSliceConcurrently (resolvers/internal/generate). They do
// what gqlgen does unless the request's context is marked serial.

type serialKey struct{}

// WithSerial marks ctx serial: resolver fields and the elements of lists
// run one after the other in the calling goroutine. Only a request whose
// reads never wait for a batching window may be serial (resolvers/serial.go):
// a window waits for siblings, and serial siblings come one at a time.
func WithSerial(ctx context.Context) context.Context {
	return context.WithValue(ctx, serialKey{}, true)
}

// Serial reports whether ctx is marked serial.
func Serial(ctx context.Context) bool {
	v, _ := ctx.Value(serialKey{}).(bool)
	return v
}

// Concurrently resolves field i of out with f: at once when ctx is serial,
// else as gqlgen does, when out is dispatched.
func Concurrently(ctx context.Context, out *graphql.FieldSet, i int, f func(context.Context) graphql.Marshaler) {
	if Serial(ctx) {
		out.Values[i] = f(ctx)
		return
	}
	out.Concurrently(i, f)
}

// MarshalSlice marshals the elements of a list of objects: one after the
// other when ctx is serial, else as graphql.MarshalSliceConcurrently does
// (in goroutines). A panic in an element is recovered as gqlgen recovers
// it: the error is added and the list is null.
func MarshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool, marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length <= 1 || !Serial(ctx) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, length)
	failed := false
	for i := range length {
		fc := &graphql.FieldContext{Index: &i}
		child := graphql.WithFieldContext(ctx, fc)
		if omitPanicHandler {
			ret[i] = marshal(child, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(child, graphql.Recover(child, r))
					failed = true
				}
			}()
			ret[i] = marshal(child, i)
		}()
	}
	if failed {
		return nil
	}
	return ret
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
	io.WriteString(w, "{")
	first := true
fields:
	for i, f := range o.fields {
		for _, g := range o.fields[:i] {
			if g.Alias == f.Alias {
				continue fields
			}
		}
		if !first {
			io.WriteString(w, ",")
		}
		first = false
		// A response key is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): it
		// needs no escaping.
		io.WriteString(w, `"`)
		io.WriteString(w, f.Alias)
		io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	io.WriteString(w, "}")
}

// Answer buffers. A query's answer is written into a buffer from a pool;
// the request's handler returns it when the answer has been sent.

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled is the largest buffer kept for reuse: a rare large answer
// (a whole network) is not held on to.
const maxPooled = 1 << 20

type buffersKey struct{}

// requestBuffers are the buffers lent to one request.
type requestBuffers struct {
	mu   sync.Mutex
	bufs []*bytes.Buffer
}

// WithBuffers lets Marshal lend pooled buffers to the request of ctx; the
// returned release gives them back and must be called once the answer has
// been written, and the answer's bytes not be used after it.
func WithBuffers(ctx context.Context) (context.Context, func()) {
	rb := &requestBuffers{}
	return context.WithValue(ctx, buffersKey{}, rb), func() {
		rb.mu.Lock()
		defer rb.mu.Unlock()
		for _, b := range rb.bufs {
			if b.Cap() <= maxPooled {
				b.Reset()
				buffers.Put(b)
			}
		}
		rb.bufs = nil
	}
}

// Marshal writes m, a query's answer, and returns its bytes: in a pooled
// buffer lent to the request (WithBuffers), else in a new one.
func Marshal(ctx context.Context, m graphql.Marshaler) []byte {
	rb, _ := ctx.Value(buffersKey{}).(*requestBuffers)
	if rb == nil {
		var b bytes.Buffer
		m.MarshalGQL(&b)
		return b.Bytes()
	}
	b := buffers.Get().(*bytes.Buffer)
	rb.mu.Lock()
	rb.bufs = append(rb.bufs, b)
	rb.mu.Unlock()
	m.MarshalGQL(b)
	return b.Bytes()
}

// StringAt writes the string at p as gqlgen's String and ID marshalers do.
// A pointer in an interface needs no allocation; the string does.
func StringAt(p *string) graphql.Marshaler { return stringAt{p} }

type stringAt struct{ p *string }

func (s stringAt) MarshalGQL(w io.Writer) { graphql.MarshalString(*s.p).MarshalGQL(w) }

// DateAt is StringAt for a nullable Date: null when empty, as MarshalDate.
func DateAt(p *string) graphql.Marshaler {
	if *p == "" {
		return graphql.Null
	}
	return stringAt{p}
}
