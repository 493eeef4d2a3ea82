package resolvers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/loader/ingest"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/model"
)

// The admin writes (schema/admin.graphqls). Corrections and how reads apply
// them are package graph's (graph/corrections.go): the handler reads
// through a graph.CorrectedStore, and the loader behind loadDocument
// writes to the backend underneath it, so that documents are resolved as
// they say and corrections are applied on top.

func (a AdminConfig) withDefaults() AdminConfig {
	if a.MaxUploadBytes <= 0 {
		a.MaxUploadBytes = DefaultMaxUploadBytes
	}
	return a
}

// newResolver builds the root resolver over store, wrapped in the
// corrections' view unless it already is one.
func newResolver(store graph.Store, cfg Config, logger *slog.Logger) *Resolver {
	cs, ok := store.(*graph.CorrectedStore)
	if !ok {
		cs = graph.Corrected(store)
	}
	return &Resolver{
		store: cs, cfg: cfg, logger: logger,
		corrections: cs,
		loader:      loader.New(cs.Backend(), loader.Options{MaxBytes: cfg.Admin.MaxUploadBytes, Logger: logger}),
		auth:        newAdminAuth(cfg.Admin.Tokens),
	}
}

// correct records a correction made by the request's admin.
func (r *Resolver) correct(ctx context.Context, c graph.Correction, reason *string) (*graph.Correction, error) {
	actor, err := r.requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	c.Actor, c.At, c.Reason = actor, time.Now().UTC(), deref(reason)
	out, err := r.corrections.Apply(ctx, c)
	if err != nil {
		return nil, err
	}
	r.logger.InfoContext(ctx, "correction", "id", out.ID, "kind", out.Kind, "actor", out.Actor, "summary", out.Summary())
	return &out, nil
}

// loadDocument loads an uploaded document and records the load.
func (r *Resolver) loadDocument(ctx context.Context, file graphql.Upload, reason *string) (*model.LoadDocumentResult, error) {
	actor, err := r.requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(file.Filename)
	id := "document:" + name
	if name == "." || name == "/" || graph.IsCorrectionDocument(id) || id == loader.ReferenceDocumentID {
		return nil, graph.Errorf(graph.ErrInvalid, "%q cannot be the name of an uploaded document", file.Filename)
	}
	max := r.cfg.Admin.MaxUploadBytes
	data, err := io.ReadAll(io.LimitReader(file.File, max+1))
	if err != nil {
		return nil, graph.Wrap(graph.ErrInvalid, "the upload could not be read", err)
	}
	if int64(len(data)) > max {
		return nil, graph.Errorf(graph.ErrInvalid, "%s: the file is over the limit of %d bytes", name, max)
	}
	res, err := r.loader.LoadBytes(ctx, name, data)
	if err != nil {
		var me *minutes.Error
		var ie *ingest.Error
		if errors.As(err, &me) || errors.As(err, &ie) {
			// The message is file:line: what is wrong, about the caller's own file.
			return nil, graph.Wrap(graph.ErrInvalid, err.Error(), err)
		}
		return nil, err
	}
	out := &model.LoadDocumentResult{Result: &res}
	if res.Unchanged {
		return out, nil
	}
	c, err := r.corrections.Apply(ctx, graph.Correction{Kind: graph.CorrectionLoadDocument, Actor: actor,
		At: time.Now().UTC(), Reason: deref(reason), Document: res.DocumentID, Replaced: res.Replaced})
	if err != nil {
		return nil, err
	}
	r.logger.InfoContext(ctx, "correction", "id", c.ID, "kind", c.Kind, "actor", c.Actor, "summary", c.Summary())
	out.Correction = &c
	return out, nil
}

// correctionPage lists corrections oldest first; after is the number of
// the last correction of the previous page.
func (r *Resolver) correctionPage(ctx context.Context, first *int, after *string) (*model.CorrectionConnection, error) {
	if _, err := r.requireAdmin(ctx); err != nil {
		return nil, err
	}
	n := r.cfg.DefaultPageSize
	if first != nil {
		if *first < 0 || *first > r.cfg.MaxPageSize {
			return nil, graph.Errorf(graph.ErrInvalid, "first must be between 0 and %d", r.cfg.MaxPageSize)
		}
		n = *first
	}
	from := 0
	if after != nil && *after != "" {
		v, err := strconv.Atoi(*after)
		if err != nil || v < 0 {
			return nil, graph.Errorf(graph.ErrInvalid, "malformed cursor")
		}
		from = v
	}
	all, err := r.corrections.Corrections(ctx)
	if err != nil {
		return nil, err
	}
	out := &model.CorrectionConnection{TotalCount: len(all), Nodes: []*graph.Correction{}}
	for i := range all {
		if all[i].Number <= from {
			continue
		}
		if len(out.Nodes) == n {
			out.HasNextPage = true
			break
		}
		out.Nodes = append(out.Nodes, &all[i])
	}
	if k := len(out.Nodes); k > 0 {
		c := strconv.Itoa(out.Nodes[k-1].Number)
		out.EndCursor = &c
	}
	return out, nil
}

// revert undoes a correction.
func (r *Resolver) revert(ctx context.Context, id string, reason *string) (*graph.Correction, error) {
	actor, err := r.requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	c, err := r.corrections.Revert(ctx, id, actor, deref(reason), time.Now().UTC())
	if err != nil {
		return nil, err
	}
	r.logger.InfoContext(ctx, "correction reverted", "id", c.ID, "kind", c.Kind, "actor", actor)
	return &c, nil
}
