package neo4j

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/storetest"
)

// TestConformance runs the conformance suite against the Bolt server in
// NEO4J_URI; every subtest starts from an empty graph. Neo4j reads are
// read-committed (its default isolation level), not snapshots, so the
// suite's concurrent-read check is the per-fact one (see
// storetest.Capabilities).
func TestConformance(t *testing.T) {
	testConfig(t)
	storetest.RunWith(t, func(t *testing.T) graph.Store { return openTest(t) }, storetest.Capabilities{SnapshotReads: false})
}
