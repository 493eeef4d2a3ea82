package neo4j

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

// TestConformance runs the conformance suite against the Bolt server in
// NEO4J_URI; every subtest starts from an empty graph.
func TestConformance(t *testing.T) {
	testConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openTest(t) })
}
