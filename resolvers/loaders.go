package resolvers

import (
	"context"
	"errors"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// loaders batch and cache the store reads of one request: one loader for Get
// (any kind of fact by ID) and one per Relation for Related. They are built
// per request in the HTTP middleware (withLoaders) and never shared between
// requests, so a request sees a consistent cache and no data leaks between
// callers.
type loaders struct {
	get     *dataloadgen.Loader[string, any]
	related map[graph.Relation]*dataloadgen.Loader[string, []string]
	// memo holds the request's networks and transition plans (networks.go).
	memo *memo
}

func newLoaders(store graph.Store, wait time.Duration) *loaders {
	opt := dataloadgen.WithWait(wait)
	l := &loaders{
		get: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]any, error) {
			return store.Get(ctx, ids)
		}, opt),
		related: make(map[graph.Relation]*dataloadgen.Loader[string, []string], len(graph.Relations)),
		memo:    &memo{},
	}
	for _, rel := range graph.Relations {
		l.related[rel] = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]string, error) {
			return store.Related(ctx, rel, ids)
		}, opt)
	}
	return l
}

type loadersKey struct{}

func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil {
		// Only a programming error gets here: every request passes through
		// the middleware that installs the loaders.
		panic("resolvers: no loaders in context")
	}
	return l
}

// load returns the fact with the given ID if it exists and is a T; the zero
// T (nil) otherwise. An empty ID is nil without a store call.
func load[T any](ctx context.Context, id string) (T, error) {
	t, _, err := lookup[T](ctx, id)
	return t, err
}

// mustLoad is load for references the schema declares non-null: a missing
// fact is a NOT_FOUND error on that field rather than a broken response.
func mustLoad[T any](ctx context.Context, id string) (T, error) {
	t, ok, err := lookup[T](ctx, id)
	if err == nil && !ok {
		err = graph.Errorf(graph.ErrNotFound, "%q not found", id)
	}
	return t, err
}

func lookup[T any](ctx context.Context, id string) (T, bool, error) {
	var zero T
	if id == "" {
		return zero, false, nil
	}
	v, err := loadersFrom(ctx).get.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return zero, false, nil
	}
	if err != nil {
		return zero, false, err
	}
	t, ok := v.(T)
	return t, ok, nil
}

// loadAll returns the facts with the given IDs that exist and are Ts, in
// order, in one batched Get.
func loadAll[T any](ctx context.Context, ids []string) ([]T, error) {
	out := make([]T, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	l := loadersFrom(ctx).get
	thunks := make([]func() (any, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	for _, th := range thunks {
		v, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if t, ok := v.(T); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// loadAny is loadAll keeping positions: nil where a fact is missing.
func loadAny(ctx context.Context, ids []string) ([]any, error) {
	l := loadersFrom(ctx).get
	thunks := make([]func() (any, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	out := make([]any, len(ids))
	for i, th := range thunks {
		v, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// related returns the IDs related to id by rel (batched across the request).
func related(ctx context.Context, rel graph.Relation, id string) ([]string, error) {
	if id == "" {
		return nil, nil
	}
	l, ok := loadersFrom(ctx).related[rel]
	if !ok {
		return nil, graph.Errorf(graph.ErrInternal, "unknown relation %s", rel)
	}
	ids, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return ids, err
}

// relatedFacts loads the facts related to id by rel: one batched Related
// and one batched Get per level of the query.
func relatedFacts[T any](ctx context.Context, rel graph.Relation, id string) ([]T, error) {
	ids, err := related(ctx, rel, id)
	if err != nil {
		return nil, err
	}
	return loadAll[T](ctx, ids)
}
