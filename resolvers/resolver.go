package resolvers

import (
	"log/slog"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// This file is hand-written and never regenerated.

// Resolver is the root of the GraphQL resolvers. It holds what every
// resolver needs; per-request state (the dataloaders) travels in the
// context.
type Resolver struct {
	store  graph.Store
	cfg    Config
	logger *slog.Logger

	// Admin writes (admin.go): corrections is store itself, the
	// corrections' read view; the loader writes through the backend
	// underneath it; auth holds the tokens.
	corrections *graph.CorrectedStore
	loader      *loader.Loader
	auth        *adminAuth
}
