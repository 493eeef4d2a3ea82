package graph

import "context"

type readOnlyKey struct{}

// ReadOnly marks ctx as the context of a caller that will not change the
// facts Get returns: not their fields, nor the elements of their slices and
// maps. A backend may then hand the same values to every such caller
// instead of a copy each (the embedded store does, for facts with many
// sources, whose copy is most of what a read costs). Without it, Get
// returns values the caller owns. The answers are the same either way.
func ReadOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, readOnlyKey{}, true)
}

// IsReadOnly reports whether ctx was marked with ReadOnly.
func IsReadOnly(ctx context.Context) bool {
	v, _ := ctx.Value(readOnlyKey{}).(bool)
	return v
}

type withoutSourcesKey struct{}

// WithoutSources marks ctx as the context of a caller that does not read
// the Sources of the facts Get returns: a backend may leave them empty
// (the embedded store then skips assembling them, which for a fact stated
// by thousands of documents is most of a read). Every other field is the
// same either way.
func WithoutSources(ctx context.Context) context.Context {
	return context.WithValue(ctx, withoutSourcesKey{}, true)
}

// IsWithoutSources reports whether ctx was marked with WithoutSources.
func IsWithoutSources(ctx context.Context) bool {
	v, _ := ctx.Value(withoutSourcesKey{}).(bool)
	return v
}
