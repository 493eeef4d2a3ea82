package neo4j

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// stmtWipe empties the test database of everything this package writes.
var stmtWipe = stmt("test_wipe")

// testConfig returns the server from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
// and NEO4J_DATABASE. Without NEO4J_URI the test is skipped, unless
// NEO4J_REQUIRED=1, which makes a missing server a failure (CI sets it).
func testConfig(t *testing.T) Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("NEO4J_REQUIRED") == "1" {
			t.Fatal("NEO4J_REQUIRED=1 but NEO4J_URI is not set")
		}
		t.Skip("NEO4J_URI not set; no Bolt server to test against")
	}
	return Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// openTest opens the test server with an empty graph and the schema
// applied, and closes it when the test ends.
func openTest(t *testing.T) *Store {
	t.Helper()
	cfg := testConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", cfg.URI, err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if _, err := s.write(ctx, "wipe", func(tx neo4j.ManagedTransaction) (any, error) { return txRun(ctx, tx, stmtWipe, nil) }); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("EnsureSchema: %v", err)
	}
	return s
}

// stmtWipeCheck lists what is left of this package's nodes.
var stmtWipeCheck = stmt("test_nodes")
