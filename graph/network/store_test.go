package network

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// openStore opens an empty store for a test.
func openStore(t testing.TB) graph.Store {
	t.Helper()
	return newMemStore()
}
