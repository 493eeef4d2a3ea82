package loader

import (
	"context"
	"io/fs"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
)

// A file whose name maps to the reference document or to a correction's
// document must not replace it, whichever way it is loaded.
func TestReservedNamesAreRefused(t *testing.T) {
	ctx := context.Background()
	st, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	l := New(st, Options{})
	data, err := fs.ReadFile(corpus.FS(), "minutes/"+corpus.Minutes()[2])
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"reference", graph.CorrectionDocumentID(1)[len("document:"):], "some/dir/admin-000007"} {
		_, err := l.LoadBytes(ctx, name, data)
		if graph.ErrorCode(err) != graph.ErrInvalid {
			t.Errorf("LoadBytes(%q) = %v; want an %s error", name, err, graph.ErrInvalid)
		}
	}
	if docs, err := st.Documents(ctx); err != nil || len(docs) != 0 {
		t.Errorf("documents after refused loads = %v, %v; want none", docs, err)
	}
	// The same bytes under an ordinary name load.
	if _, err := l.LoadBytes(ctx, "ordinary.txt", data); err != nil {
		t.Errorf("LoadBytes(ordinary.txt) = %v", err)
	}
}
