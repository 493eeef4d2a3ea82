package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/graph/neo4j"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(exitCode(m.Stderr, m.Run(ctx, os.Args[1:])))
}

// Main is the program: its fields are what it takes from the process, so a
// test can build one with its own.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Listening, if set, is called with the address serve listens on once
	// it accepts connections.
	Listening func(net.Addr)
}

// Run runs one subcommand until it is done or ctx is cancelled (serve stops
// gracefully then).
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage()
		return usageError{"no command given"}
	}
	switch args[0] {
	case "serve":
		return m.serve(ctx, args[1:])
	case "load":
		return m.load(ctx, args[1:])
	case "extract":
		return m.extract(args[1:])
	case "network":
		return m.network(ctx, args[1:])
	case "transition":
		return m.transition(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		m.usage()
		return nil
	}
	m.usage()
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func (m *Main) usage() {
	fmt.Fprint(m.Stderr, `sundhedsgraf: the graph of Denmark's cross-sector health collaboration

Usage:
  sundhedsgraf serve [flags]          serve GraphQL, GraphiQL, probes and exports
  sundhedsgraf load FILE|DIR ...      load minutes into the store
  sundhedsgraf extract --json FILE    print what the loader reads from a document
  sundhedsgraf network --kind KIND [--from D --to D --region ID --cluster ID] --format gexf|csv|nodes-csv|json [--out FILE]
                                      export a collaboration network
  sundhedsgraf transition --council ID [--cutover D] [--out FILE]
                                      print a health council's 2027 transition plan as JSON

NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE select the Neo4j
backend; otherwise the embedded store in --data is used.
Run 'sundhedsgraf COMMAND --help' for a command's flags.
`)
}

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(stderr io.Writer, err error) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "sundhedsgraf:", err)
		return 2
	}
	fmt.Fprintln(stderr, "sundhedsgraf:", err)
	return 1
}

// flagSet returns a FlagSet that reports to stderr and describes its
// command.
func (m *Main) flagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: sundhedsgraf %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// storeFlags are the flags every command that opens the store shares.
type storeFlags struct {
	data    string
	logJSON bool
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.data, "data", "./data", "data directory of the embedded store (ignored when NEO4J_URI is set)")
	fs.BoolVar(&s.logJSON, "log-json", false, "write logs as JSON instead of text")
}

func (m *Main) logger(s storeFlags) *slog.Logger {
	if s.logJSON {
		return slog.New(slog.NewJSONHandler(m.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, nil))
}

// openStore opens Neo4j when NEO4J_URI is set, the embedded store in dir
// otherwise, and prepares its schema.
func (m *Main) openStore(ctx context.Context, dir string, logger *slog.Logger) (graph.Store, error) {
	var (
		store graph.Store
		err   error
	)
	if uri := m.Getenv("NEO4J_URI"); uri != "" {
		user := m.Getenv("NEO4J_USER")
		if user == "" {
			user = "neo4j"
		}
		store, err = neo4j.Open(ctx, neo4j.Config{URI: uri, User: user,
			Password: m.Getenv("NEO4J_PASSWORD"), Database: m.Getenv("NEO4J_DATABASE")})
		logger.Info("store", "backend", "neo4j", "uri", uri)
	} else {
		store, err = embedded.Open(dir)
		logger.Info("store", "backend", "embedded", "dir", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("opening the store: %w", err)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		_ = store.Close(context.Background())
		return nil, fmt.Errorf("preparing the store: %w", err)
	}
	return store, nil
}

func (m *Main) serve(ctx context.Context, args []string) error {
	fs := m.flagSet("serve", "serve [flags]")
	var sf storeFlags
	sf.register(fs)
	cfg := resolvers.DefaultConfig()
	addr := fs.String("addr", ":8080", "listen address")
	origins := fs.String("cors-origins", "", "comma-separated origins browsers may call from (default any origin, without credentials)")
	fs.IntVar(&cfg.MaxDepth, "max-depth", cfg.MaxDepth, "deepest nesting of fields a query may have")
	fs.IntVar(&cfg.MaxComplexity, "max-complexity", cfg.MaxComplexity, "highest estimated cost a query may have")
	fs.IntVar(&cfg.DefaultPageSize, "page-size", cfg.DefaultPageSize, "page size of a connection without first")
	fs.IntVar(&cfg.MaxPageSize, "max-page-size", cfg.MaxPageSize, "largest first accepted (at most 500)")
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", cfg.RequestTimeout, "time limit of one GraphQL request")
	fs.DurationVar(&cfg.ExportTimeout, "export-timeout", cfg.ExportTimeout, "time limit of one export download")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", cfg.MaxBodyBytes, "largest request body accepted")
	fs.BoolVar(&cfg.DisableIntrospection, "no-introspection", false, "turn GraphQL introspection off")
	fs.IntVar(&cfg.APQCacheSize, "apq-cache", cfg.APQCacheSize, "number of automatic persisted queries kept")
	fs.IntVar(&cfg.MaxFields, "max-fields", cfg.MaxFields, "most fields a query may select, counting each use of a fragment")
	fs.IntVar(&cfg.MaxSearchLength, "max-search-length", cfg.MaxSearchLength, "longest search text accepted, in characters")
	rate := resolvers.RateLimit{PerSecond: 50, Burst: 100}
	fs.Float64Var(&rate.PerSecond, "rate-limit", rate.PerSecond, "requests per second one client may make on average to /graphql and the exports (0 turns the limit off)")
	fs.IntVar(&rate.Burst, "rate-burst", rate.Burst, "requests one client may make at once before the rate limit applies")
	fs.BoolVar(&rate.TrustProxy, "trust-proxy", false, "count clients by the first X-Forwarded-For address (only behind a proxy that sets it)")
	shutdown := fs.Duration("shutdown-timeout", 30*time.Second, "how long in-flight requests may take to finish on SIGINT/SIGTERM")
	noSample := fs.Bool("no-sample", false, "do not load the sample corpus into an empty store")
	tokenFile := fs.String("admin-token-file", "", "file of name:token lines whose bearer tokens may make admin writes (also $"+adminTokensEnv+"); none: admin writes are forbidden")
	fs.Int64Var(&cfg.Admin.MaxUploadBytes, "max-upload-bytes", resolvers.DefaultMaxUploadBytes, "largest document an admin may upload")
	watch := m.watchFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	if rate.PerSecond > 0 {
		cfg.RateLimit = &rate
	}
	tokens, err := m.adminTokens(*tokenFile)
	if err != nil {
		return err
	}
	cfg.Admin.Tokens = tokens
	logger := m.logger(sf)
	logger.Info("admin writes", "enabled", len(tokens) > 0, "tokens", len(tokens))

	store, err := m.openStore(ctx, sf.data, logger)
	if err != nil {
		return err
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := store.Close(closeCtx); err != nil {
			logger.Error("closing the store", "err", err)
		}
		logger.Info("store closed")
	}()

	if !*noSample {
		sum, err := loader.New(store, loader.Options{Logger: logger}).LoadSample(ctx)
		if sum.Loaded+sum.Failed > 0 {
			logger.Info("empty store: loaded the sample corpus", "summary", sum.String())
		}
		if err != nil {
			logger.Warn("the sample corpus did not load completely", "err", err)
		}
	}

	defer watch.start(ctx, store, logger)() // stops before the store closes

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           resolvers.NewHandler(store, cfg, logger),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "playground", "/")
	if m.Listening != nil {
		m.Listening(ln.Addr())
	}

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: waiting for in-flight requests", "timeout", shutdown.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *shutdown)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

func (m *Main) load(ctx context.Context, args []string) error {
	fs := m.flagSet("load", "load [flags] FILE|DIR ...")
	var sf storeFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"load needs at least one file or directory"}
	}
	logger := m.logger(sf)
	store, err := m.openStore(ctx, sf.data, logger)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	sum, err := loader.New(store, loader.Options{Logger: logger}).LoadPaths(ctx, fs.Args(), m.Stderr)
	fmt.Fprintln(m.Stdout, sum.String())
	if sum.Failed > 0 {
		return fmt.Errorf("%d of %d documents failed", sum.Failed, sum.Loaded+sum.Unchanged+sum.Failed)
	}
	return err
}

func (m *Main) extract(args []string) error {
	fs := m.flagSet("extract", "extract --json FILE")
	fs.Bool("json", true, "print the extraction as indented JSON (the only format)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"extract needs exactly one file"}
	}
	ext, err := loader.ExtractFile(fs.Arg(0))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ext)
}
