package neo4j

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestExplain asks the server to plan every statement (EXPLAIN runs
// nothing) with example parameters. Schema statements cannot be explained;
// EnsureSchema runs them in every server test.
func TestExplain(t *testing.T) {
	s := openTest(t)
	files, err := cypherFiles()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	n := 0
	for _, name := range files {
		if strings.HasPrefix(name, "schema/") {
			continue
		}
		st := stmt(name)
		_, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+st.text, exampleParams(t, st), neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db))
		if err != nil {
			t.Errorf("EXPLAIN %s: %v", name, err)
		}
		n++
	}
	if n < 40 {
		t.Errorf("explained only %d statements", n)
	}
}
