package bind

import (
	"bytes"
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

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

// Marshal writes m, a query's answer, into an answer buffer
// (answerBuffer) and returns its bytes.
func Marshal(ctx context.Context, m graphql.Marshaler) []byte {
	b := answerBuffer(ctx)
	m.MarshalGQL(b)
	return b.Bytes()
}

// answerBuffer is a buffer for a query's answer: a pooled one lent to the
// request of ctx (WithBuffers), else a new one.
func answerBuffer(ctx context.Context) *bytes.Buffer {
	rb, _ := ctx.Value(buffersKey{}).(*requestBuffers)
	if rb == nil {
		return new(bytes.Buffer)
	}
	b := buffers.Get().(*bytes.Buffer)
	rb.mu.Lock()
	rb.bufs = append(rb.bufs, b)
	rb.mu.Unlock()
	return b
}
