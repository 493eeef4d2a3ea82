package bind

import (
	"context"
	"io"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Node is what the GraphQL Node interface and the Owner and Mention unions
// bind to: any merged fact from graph (*graph.Person, *graph.Body, ...).
// Every fact has an ID whose prefix names its type, so the ID is the global
// Relay ID.
type Node interface{}

// Connection is one page of a list. Every XConnection type in the schema
// binds to it; its edges hold IDs, and the typed node and nodes fields are
// resolved through the per-request loaders.
type Connection struct {
	Edges    []*Edge
	PageInfo *PageInfo
	// Count returns the total number of matches; it is called only when a
	// client selects totalCount.
	Count func(ctx context.Context) (int, error)
}

// TotalCount resolves Connection.totalCount.
func (c *Connection) TotalCount(ctx context.Context) (int, error) {
	if c.Count == nil {
		return len(c.Edges), nil
	}
	return c.Count(ctx)
}

// IDs returns the IDs of the page's nodes in order.
func (c *Connection) IDs() []string {
	ids := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		ids[i] = e.ID
	}
	return ids
}

// Edge is one element of a connection.
type Edge struct {
	Cursor string
	ID     string
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// MarshalDate writes a YYYY-MM-DD date; the empty string (the document does
// not say) is null.
func MarshalDate(s string) graphql.Marshaler {
	if s == "" {
		return graphql.Null
	}
	return graphql.MarshalString(s)
}

// UnmarshalDate reads a YYYY-MM-DD date; anything else is an ErrInvalid
// error (BAD_USER_INPUT).
func UnmarshalDate(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", graph.Errorf(graph.ErrInvalid, "a Date must be a string YYYY-MM-DD, not %T", v)
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", graph.Errorf(graph.ErrInvalid, "invalid Date %q: want YYYY-MM-DD", s)
	}
	return s, nil
}

// StringAt writes the string at p as gqlgen's String and ID marshalers do.
// A pointer in an interface needs no allocation; the string does.
func StringAt(p *string) graphql.Marshaler { return stringAt{p} }

type stringAt struct{ p *string }

func (s stringAt) MarshalGQL(w io.Writer) { writeString(w, *s.p) }

// DateAt is StringAt for a nullable Date: null when empty, as MarshalDate.
func DateAt(p *string) graphql.Marshaler {
	if *p == "" {
		return graphql.Null
	}
	return stringAt{p}
}
