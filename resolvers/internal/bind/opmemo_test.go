package bind

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// TestOpMemo: a fact is worked out once per operation and handed out
// again; another operation gets its own; past maxOpMemo operations the
// memo starts again.
func TestOpMemo(t *testing.T) {
	var m OpMemo[int]
	calls := 0
	f := func(op *ast.OperationDefinition, arg int) int {
		calls++
		return len(op.Name) + arg
	}
	a, b := &ast.OperationDefinition{Name: "a"}, &ast.OperationDefinition{Name: "bb"}
	if got := m.Of(a, 10, f); got != 11 || calls != 1 {
		t.Fatalf("of(a) = %d after %d calls", got, calls)
	}
	if got := m.Of(a, 10, f); got != 11 || calls != 1 {
		t.Errorf("of(a) again = %d after %d calls, want the remembered 11 after 1", got, calls)
	}
	if got := m.Of(b, 10, f); got != 12 || calls != 2 {
		t.Errorf("of(b) = %d after %d calls", got, calls)
	}
	for range maxOpMemo {
		m.Of(&ast.OperationDefinition{}, 0, f)
	}
	calls = 0
	m.Of(a, 10, f)
	if calls != 1 {
		t.Errorf("a still remembered after %d other operations", maxOpMemo)
	}
	if n := m.n.Load(); n > maxOpMemo {
		t.Errorf("%d operations remembered, want at most %d", n, maxOpMemo)
	}
}
