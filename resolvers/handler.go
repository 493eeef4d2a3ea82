package resolvers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/explore"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// NewHandler serves the graph in store over HTTP:
//
//	POST, GET /graphql      the GraphQL API
//	GET /                   GraphiQL
//	GET /healthz            200 while the process is up
//	GET /readyz             200 if the store answers a Ping, 503 otherwise
//	GET /export/NAME.csv    people, memberships, attendance, initiatives
//	GET /export/NAME.json   the same as a JSON array
//	GET /explore/           the explorer page (package explore)
//
// Every response is logged with slog; CORS follows cfg.CORSOrigins.
func NewHandler(store graph.Store, cfg Config, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	cfg.Admin = cfg.Admin.withDefaults()
	r := newResolver(store, cfg, logger)

	schema := exec.NewExecutableSchema(exec.Config{Resolvers: exec.CachedRoot(r), Complexity: r.complexity()})
	if !cfg.indirect {
		schema = withDirect(schema)
	}
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(postJSON{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: cfg.Admin.MaxUploadBytes, MaxMemory: 1 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](cfg.QueryCacheSize))
	if !cfg.DisableIntrospection {
		use(srv, extension.Introspection{})
	}
	use(srv, extension.AutomaticPersistedQuery{Cache: lru.New[string](cfg.APQCacheSize)})
	use(srv, fieldLimit{max: cfg.MaxFields, within: &bind.OpMemo[bool]{}})
	use(srv, depthLimit{max: cfg.MaxDepth})
	use(srv, newComplexityLimit(cfg.MaxComplexity, cfg.QueryCacheSize))
	if !cfg.concurrent {
		srv.AroundOperations(serialOperations)
	}
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(recoverPanic)

	mux := http.NewServeMux()
	limit := func(h http.Handler) http.Handler { return h }
	if rl := cfg.RateLimit; rl != nil && rl.PerSecond > 0 {
		limit = newRateLimiter(*rl).wrap
	}
	mux.Handle("/graphql", limit(r.auth.authenticate(r.auth.checkUpload(checkGraphQLRequest(r.perRequest(cfg.RequestTimeout, srv))))))
	mux.Handle("GET /{$}", playground.Handler("sundhedsgraf", "/graphql"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", r.ready)
	mux.Handle("GET /export/{file}", limit(r.perRequest(cfg.ExportTimeout, http.HandlerFunc(r.export))))
	mux.Handle(explore.Prefix, explore.Handler())

	origins := cfg.CORSOrigins
	if len(origins) == 0 {
		origins = []string{"*"}
	}
	c := cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"*"},
		AllowCredentials: false,
		MaxAge:           600,
	})
	return logRequests(logger, c.Handler(mux))
}

// use adds a handler extension. It refuses field interceptors (a
// programming error): the generated code marshals plain fields without
// running field middleware (resolvers/internal/generate), so such an
// extension would not see every field.
func use(srv *handler.Server, ext graphql.HandlerExtension) {
	if _, ok := ext.(graphql.FieldInterceptor); ok {
		panic(fmt.Sprintf("resolvers: %T intercepts fields, which the generated code does not support for plain fields", ext))
	}
	srv.Use(ext)
}

// perRequest bounds a request's time and body and gives it fresh
// dataloaders.
func (r *Resolver) perRequest(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		maxBody := r.cfg.MaxBodyBytes
		if isAdminUpload(req) {
			maxBody = r.cfg.Admin.MaxUploadBytes + 1<<20 // the file and the form around it
		}
		if req.ContentLength > maxBody {
			writeError(w, graph.Errorf(graph.ErrInvalid, "request body larger than %d bytes", maxBody), http.StatusRequestEntityTooLarge)
			return
		}
		req.Body = http.MaxBytesReader(w, req.Body, maxBody)
		ctx, cancel := context.WithTimeout(req.Context(), timeout)
		defer cancel()
		l := newLoaders(r.store, r.cfg.LoaderWait)
		l.keepSources = r.cfg.keepSources
		ctx = withLoaders(ctx, l)
		ctx, release := bind.WithBuffers(ctx)
		defer release()
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

// checkGraphQLRequest answers requests no GraphQL transport takes with a
// coded error: methods other than GET, POST and OPTIONS (405) and POST
// bodies that are not application/json (415) or multipart/form-data (an
// admin's upload; others are refused before, by checkUpload). Batched requests (a JSON
// array) and malformed JSON are refused by the POST transport (400).
func checkGraphQLRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.Method {
		case http.MethodGet, http.MethodOptions:
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
			if err != nil || (mt != "application/json" && mt != "multipart/form-data") {
				writeError(w, graph.Errorf(graph.ErrInvalid, "a GraphQL POST needs Content-Type: application/json"), http.StatusUnsupportedMediaType)
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, graph.Errorf(graph.ErrInvalid, "method %s is not allowed", req.Method), http.StatusMethodNotAllowed)
			return
		}
		cw, finish := codeErrors(w)
		defer finish()
		next.ServeHTTP(cw, req)
	})
}

func (r *Resolver) ready(w http.ResponseWriter, req *http.Request) {
	ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
	defer cancel()
	if err := r.store.Ping(ctx); err != nil {
		r.logger.WarnContext(ctx, "not ready", "err", err)
		writeError(w, graph.Wrap(graph.ErrUnavailable, "the store is not reachable", err), http.StatusServiceUnavailable)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers a non-GraphQL request with the error's code and safe
// message; status 0 takes the status from the code table.
func writeError(w http.ResponseWriter, err error, status int) {
	code, msg, st := classify(err)
	if status == 0 {
		status = st
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

// logRequests logs one line per request.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, req)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		if ctx := req.Context(); logger.Enabled(ctx, level) {
			logger.LogAttrs(ctx, level, "http request",
				slog.String("method", req.Method), slog.String("path", req.URL.Path), slog.Int("status", rec.status),
				slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)), slog.String("remote", req.RemoteAddr))
		}
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush on the real writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
