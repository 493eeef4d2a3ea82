package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vikstrous/dataloadgen"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Error codes as clients see them, in extensions.code of a GraphQL error
// and in the body of a failed export.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED" // an admin write without a valid token
	CodeForbidden       = "FORBIDDEN"
)

// errorCodes is the one table from graph's error codes to client codes and
// HTTP statuses (the statuses are used outside GraphQL, which answers 200
// with errors in the body).
var errorCodes = map[string]struct {
	code   string
	status int
}{
	graph.ErrInvalid:      {CodeBadUserInput, 400},
	graph.ErrNotFound:     {CodeNotFound, 404},
	graph.ErrUnavailable:  {CodeUnavailable, 503},
	graph.ErrConflict:     {CodeConflict, 409},
	graph.ErrUnauthorized: {CodeForbidden, 403},
	errUnauthenticated:    {CodeUnauthenticated, 401},
	graph.ErrInternal:     {CodeInternal, 500},
}

// classify maps any error to a client code, a message that is safe to show
// and an HTTP status. Only *graph.Error messages are shown; anything else is
// INTERNAL with a generic message.
func classify(err error) (code, message string, status int) {
	var ge *graph.Error
	switch {
	case errors.As(err, &ge):
		c, ok := errorCodes[ge.Code]
		if !ok {
			c = errorCodes[graph.ErrInternal]
		}
		if c.code == CodeInternal {
			return c.code, "internal error", c.status
		}
		return c.code, ge.Message, c.status
	case errors.Is(err, context.DeadlineExceeded):
		return CodeUnavailable, "the request took too long", 503
	case errors.Is(err, context.Canceled):
		return CodeUnavailable, "the request was cancelled", 503
	case errors.Is(err, dataloadgen.ErrNotFound):
		return CodeNotFound, "not found", 404
	}
	return CodeInternal, "internal error", 500
}

// presentError is the GraphQL error presenter: every error of every
// response passes through it. Errors gqlgen makes itself before execution
// (parse, validation, limits, persisted query not found) carry their own
// safe message and code and pass unchanged. Resolver errors are classified;
// internal details are logged, never returned.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Unwrap() == nil {
			if gqlErr.Extensions == nil || gqlErr.Extensions["code"] == nil {
				if gqlErr.Extensions == nil {
					gqlErr.Extensions = map[string]any{}
				}
				gqlErr.Extensions["code"] = CodeBadUserInput
			}
			return gqlErr
		}
		code, msg, _ := classify(err)
		out := &gqlerror.Error{
			Message:    msg,
			Path:       graphql.GetPath(ctx),
			Extensions: map[string]any{"code": code},
		}
		if gqlErr != nil {
			out.Path, out.Locations = gqlErr.Path, gqlErr.Locations
		}
		if code == CodeInternal || code == CodeUnavailable {
			logger.ErrorContext(ctx, "graphql error", "code", code, "path", out.Path.String(), "err", err.Error())
		}
		return out
	}
}

// recoverPanic turns a panic in a resolver into an INTERNAL error; the
// presenter logs it with the stack.
func recoverPanic(ctx context.Context, p any) error {
	return graph.Wrap(graph.ErrInternal, "internal error", fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
}
