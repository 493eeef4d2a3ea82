package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Config says where the Neo4j server is.
type Config struct {
	URI      string // e.g. neo4j://localhost:7687 or bolt://127.0.0.1:7687
	User     string
	Password string
	Database string // empty: the server's default database
}

// Timeouts that make an unreachable server an ErrUnavailable quickly rather
// than a hung request.
const (
	connectTimeout = 5 * time.Second
	acquireTimeout = 10 * time.Second
	retryTime      = 30 * time.Second
)

// Store is a graph.Store backed by Neo4j 5.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
}

var _ graph.Store = (*Store)(nil)

// Open connects to the server and checks that it answers. It does not apply
// the schema; call EnsureSchema.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if len(registryErrs) > 0 {
		return nil, graph.Wrap(graph.ErrInternal, "neo4j: missing Cypher statements", errors.Join(registryErrs...))
	}
	if cfg.URI == "" {
		return nil, graph.Errorf(graph.ErrInvalid, "neo4j: no URI configured")
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		c.SocketConnectTimeout = connectTimeout
		c.ConnectionAcquisitionTimeout = acquireTimeout
		c.MaxTransactionRetryTime = retryTime
	})
	if err != nil {
		return nil, graph.Wrap(graph.ErrInvalid, "neo4j: bad configuration", err)
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, mapError("neo4j: cannot connect", err)
	}
	return &Store{driver: d, db: cfg.Database}, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return mapError("neo4j: close", err)
	}
	return nil
}

// Ping runs a trivial read.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, stmtPing, nil)
	return err
}

// EnsureSchema applies the constraints and indexes in cypher/schema, in
// order. Each uses IF NOT EXISTS, so applying them again changes nothing.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, st := range schemaStatements() {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, st.text, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return mapError("neo4j: apply schema "+st.name, err)
		}
	}
	return nil
}

// record is a result row with the driver's types kept inside this package.
type record map[string]any

func (r record) str(k string) string {
	s, _ := r[k].(string)
	return s
}

func (r record) int(k string) int {
	n, _ := r[k].(int64)
	return int(n)
}

// checkParams returns an error unless params has exactly the statement's
// parameters: a renamed or forgotten parameter fails loudly instead of
// reading as null.
func checkParams(st *statement, params map[string]any) error {
	if len(params) != len(st.params) {
		return graph.Errorf(graph.ErrInternal, "neo4j: statement %s takes %v, got %d parameters", st.name, st.params, len(params))
	}
	for _, p := range st.params {
		if _, ok := params[p]; !ok {
			return graph.Errorf(graph.ErrInternal, "neo4j: statement %s: parameter $%s not given", st.name, p)
		}
	}
	return nil
}

func toRecords(rs []*neo4j.Record) []record {
	out := make([]record, 0, len(rs))
	for _, r := range rs {
		out = append(out, record(r.AsMap()))
	}
	return out
}

// read runs a read statement routed to readers.
func (s *Store) read(ctx context.Context, st *statement, params map[string]any) ([]record, error) {
	if params == nil {
		params = map[string]any{}
	}
	if err := checkParams(st, params); err != nil {
		return nil, err
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, st.text, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, mapError("neo4j: read "+st.name, err)
	}
	return toRecords(res.Records), nil
}

// txRun runs a statement inside a managed transaction.
func txRun(ctx context.Context, tx neo4j.ManagedTransaction, st *statement, params map[string]any) ([]record, error) {
	if params == nil {
		params = map[string]any{}
	}
	if err := checkParams(st, params); err != nil {
		return nil, err
	}
	res, err := tx.Run(ctx, st.text, params)
	if err != nil {
		return nil, err
	}
	rs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	return toRecords(rs), nil
}

// write runs fn in one managed write transaction. The driver retries fn on
// transient failures, so fn must compute everything from what it reads in
// the transaction.
func (s *Store) write(ctx context.Context, what string, fn func(tx neo4j.ManagedTransaction) (any, error)) (any, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.db,
		AccessMode:      neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer sess.Close(ctx)
	v, err := sess.ExecuteWrite(ctx, fn)
	if err != nil {
		return nil, mapError("neo4j: "+what, err)
	}
	return v, nil
}

// mapError turns a driver error into a graph.Error: unreachable or busy
// servers and timeouts are ErrUnavailable, everything else ErrInternal.
func mapError(msg string, err error) error {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	var ne *neo4j.Neo4jError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return graph.Wrap(graph.ErrUnavailable, "the graph database did not answer in time", err)
	case neo4j.IsConnectivityError(err), neo4j.IsTransactionExecutionLimit(err):
		return graph.Wrap(graph.ErrUnavailable, "the graph database is unavailable", err)
	case errors.As(err, &ne) && (ne.Classification() == "TransientError" || ne.HasSecurityCode()):
		return graph.Wrap(graph.ErrUnavailable, "the graph database is unavailable", err)
	}
	return graph.Wrap(graph.ErrInternal, "graph database error", fmt.Errorf("%s: %w", msg, err))
}
