package resolvers

import (
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Config sets the handler's limits. Zero fields take the defaults in
// DefaultConfig, so Config{} is a sensible configuration.
type Config struct {
	// MaxDepth limits how deeply a query nests fields (introspection
	// fields do not count).
	MaxDepth int
	// MaxComplexity limits a query's estimated cost: every field costs 1,
	// and lists multiply their children's cost by the page size asked for
	// (first) or by a typical size.
	MaxComplexity int
	// DefaultPageSize is the page size of a connection without first;
	// MaxPageSize the largest first accepted (at most graph.MaxPageSize).
	DefaultPageSize int
	MaxPageSize     int
	// RequestTimeout bounds one GraphQL request; ExportTimeout one export.
	RequestTimeout time.Duration
	ExportTimeout  time.Duration
	// MaxBodyBytes limits a request body (and so the size of its variables).
	MaxBodyBytes int64
	// MaxFields limits the number of fields an operation selects once its
	// fragments are expanded where they are spread: it stops alias and
	// fragment bombs before the depth and complexity limits walk them.
	MaxFields int
	// MaxSearchLength limits search text (in characters); MaxIDs the ids
	// one nodes query may ask for.
	MaxSearchLength int
	MaxIDs          int
	// Admin configures the admin writes (tokens, upload size).
	Admin AdminConfig
	// RateLimit, if set, limits how often one client may call the API.
	RateLimit *RateLimit
	// DisableIntrospection turns GraphQL introspection off (it is on: the
	// data is public and GraphiQL needs it).
	DisableIntrospection bool
	// CORSOrigins lists the origins browsers may call from; empty means any
	// origin (without credentials).
	CORSOrigins []string
	// APQCacheSize is the number of automatic persisted queries kept;
	// QueryCacheSize the number of parsed queries kept, and of operations'
	// complexities.
	APQCacheSize   int
	QueryCacheSize int
	// LoaderWait is how long a dataloader waits to collect a batch. Each
	// level of a query waits once, so it trades latency against batching:
	// too short, and resolvers that start late on a busy machine miss the
	// batch and cost an extra store call (never a wrong answer).
	LoaderWait time.Duration

	// concurrent turns serial execution off (serial.go): every query runs
	// as gqlgen runs it. For tests that compare the two.
	concurrent bool
	// indirect turns the direct writer off (direct.go): every query is
	// answered by gqlgen's executor. For tests that compare the two.
	indirect bool
	// keepSources reads facts with their sources for every query
	// (sources.go). For tests that compare the two.
	keepSources bool
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		MaxDepth:        15,
		MaxComplexity:   200_000,
		DefaultPageSize: graph.DefaultPageSize,
		MaxPageSize:     graph.MaxPageSize,
		RequestTimeout:  30 * time.Second,
		ExportTimeout:   5 * time.Minute,
		MaxBodyBytes:    1 << 20,
		MaxFields:       2000,
		MaxSearchLength: 500,
		MaxIDs:          graph.MaxPageSize,
		APQCacheSize:    1000,
		QueryCacheSize:  1000,
		LoaderWait:      2 * time.Millisecond,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&c.MaxDepth, d.MaxDepth)
	set(&c.MaxComplexity, d.MaxComplexity)
	set(&c.MaxPageSize, d.MaxPageSize)
	c.MaxPageSize = min(c.MaxPageSize, graph.MaxPageSize)
	set(&c.DefaultPageSize, d.DefaultPageSize)
	c.DefaultPageSize = min(c.DefaultPageSize, c.MaxPageSize)
	set(&c.APQCacheSize, d.APQCacheSize)
	set(&c.MaxFields, d.MaxFields)
	set(&c.MaxSearchLength, d.MaxSearchLength)
	set(&c.MaxIDs, d.MaxIDs)
	set(&c.QueryCacheSize, d.QueryCacheSize)
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = d.RequestTimeout
	}
	if c.ExportTimeout <= 0 {
		c.ExportTimeout = d.ExportTimeout
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.LoaderWait <= 0 {
		c.LoaderWait = d.LoaderWait
	}
	return c
}
