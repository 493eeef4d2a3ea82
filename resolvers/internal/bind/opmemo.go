package bind

import (
	"sync"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/ast"
)

// OpMemo remembers a fact of an operation that depends on its validated
// document alone (how deep it nests, whether it runs serial, whether the
// direct writer knows it), so that it is worked out once per operation
// instead of on every request: gqlgen's query cache hands out the same
// document, and so the same operation, for the same query text. It
// forgets everything past maxOpMemo operations (a server answering ever
// new query texts, or one without a query cache).
type OpMemo[T any] struct {
	m sync.Map // *ast.OperationDefinition → T
	n atomic.Int64
}

const maxOpMemo = 4096

// Of is f(op, arg), remembered for op; arg must be the same on every call
// for one memo (a limit of the handler's configuration).
func (c *OpMemo[T]) Of(op *ast.OperationDefinition, arg int, f func(*ast.OperationDefinition, int) T) T {
	if v, ok := c.m.Load(op); ok {
		return v.(T)
	}
	v := f(op, arg)
	if c.n.Add(1) > maxOpMemo {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(op, v)
	return v
}
