package minutes

import "fmt"

// ErrorKind classifies why a document was rejected. The kinds are exported
// sentinel values: callers test them with errors.Is(err, minutes.ErrBinary)
// and read the file and line with errors.As(err, &*minutes.Error).
type ErrorKind string

// Error makes an ErrorKind usable as an errors.Is target.
func (k ErrorKind) Error() string { return string(k) }

// The kinds of bad input.
const (
	ErrEmpty       ErrorKind = "empty file"
	ErrBinary      ErrorKind = "binary content"
	ErrTooLarge    ErrorKind = "file too large"
	ErrTruncated   ErrorKind = "truncated document"
	ErrNotMinutes  ErrorKind = "not minutes"
	ErrBadEncoding ErrorKind = "undecodable text"
)

// Error is a rejected document: the file, the 1-based line where it applies
// (0 when it concerns the whole file), the kind and a human message.
type Error struct {
	File string
	Line int
	Kind ErrorKind
	Msg  string
}

// Error returns "file:line: message" (or "file: message" without a line).
func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = string(e.Kind)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

// Is reports whether target is this error's kind.
func (e *Error) Is(target error) bool {
	k, ok := target.(ErrorKind)
	return ok && k == e.Kind
}

func newError(file string, line int, kind ErrorKind, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Warning is something the lax parser did not understand and kept going
// past; String gives "file:line: message".
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg) }
