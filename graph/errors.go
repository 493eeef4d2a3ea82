package graph

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one GraphQL error code and HTTP status in the
// resolvers' error presenter.
const (
	ErrInvalid      = "invalid"      // the caller asked for something malformed
	ErrNotFound     = "not_found"    // the thing asked for does not exist
	ErrUnavailable  = "unavailable"  // the store cannot be reached now; try again
	ErrConflict     = "conflict"     // the write conflicts with the current state
	ErrUnauthorized = "unauthorized" // the caller is not allowed to do this
	ErrInternal     = "internal"     // a bug or an unexpected failure
)

// Error is an error with a code and a message that is safe to show a user.
// Internal details stay in the wrapped error, which is logged, not shown.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a code and a formatted, user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with a code and user-safe message that keeps err for
// the logs.
func Wrap(code, message string, err error) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, ErrInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}

// ErrorMessage returns the user-safe message of err: the message of its
// *Error, or "internal error" for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
