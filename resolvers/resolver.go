package resolvers

import (
	"log/slog"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// This file is hand-written and never regenerated.

// Resolver is the root of the GraphQL resolvers. It holds what every
// resolver needs; per-request state (the dataloaders) travels in the
// context.
type Resolver struct {
	store  graph.Store
	cfg    Config
	logger *slog.Logger
}
