package bind

import (
	"context"
	"io"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestMarshalBuffers: an answer is written into a lent buffer, which the
// release returns for the next request; without WithBuffers a new one.
func TestMarshalBuffers(t *testing.T) {
	answer := graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, `{"a":1}`) })
	if got := string(Marshal(context.Background(), answer)); got != `{"a":1}` {
		t.Fatalf("without buffers: %s", got)
	}
	ctx, release := WithBuffers(context.Background())
	first := Marshal(ctx, answer)
	second := Marshal(ctx, answer)
	if string(first) != `{"a":1}` || string(second) != `{"a":1}` {
		t.Fatalf("%s %s", first, second)
	}
	if &first[0] == &second[0] {
		t.Fatal("two answers of one request share a buffer")
	}
	rb := ctx.Value(buffersKey{}).(*requestBuffers)
	if len(rb.bufs) != 2 {
		t.Fatalf("%d buffers lent, want 2", len(rb.bufs))
	}
	release()
	if len(rb.bufs) != 0 {
		t.Errorf("%d buffers still lent after release", len(rb.bufs))
	}
}
