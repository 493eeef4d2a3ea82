package ingest

import (
	"fmt"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// ErrorKind classifies why a document's text could not be extracted. Test
// with errors.Is(err, ingest.ErrNoText); read the file with errors.As.
type ErrorKind string

// Error makes an ErrorKind usable as an errors.Is target.
func (k ErrorKind) Error() string { return string(k) }

// The kinds of extraction failure.
const (
	// ErrToolMissing: pdftotext is not installed (Debian package
	// poppler-utils).
	ErrToolMissing ErrorKind = "extraction tool missing"
	// ErrBroken: the PDF or DOCX is damaged and could not be read.
	ErrBroken ErrorKind = "damaged document"
	// ErrTruncated: the document ends before its end marker (a PDF without
	// %%EOF, a ZIP archive without its directory). errors.Is also matches
	// minutes.ErrTruncated.
	ErrTruncated ErrorKind = "truncated document"
	// ErrEncrypted: the PDF needs a password or forbids text extraction.
	ErrEncrypted ErrorKind = "encrypted document"
	// ErrNoText: the document has no text, e.g. a scanned PDF without a
	// text layer. errors.Is also matches minutes.ErrEmpty.
	ErrNoText ErrorKind = "no text"
	// ErrTooLarge: the extracted text or intermediate data is over the
	// limit. errors.Is also matches minutes.ErrTooLarge.
	ErrTooLarge ErrorKind = "text too large"
	// ErrTimeout: pdftotext ran longer than Options.Timeout.
	ErrTimeout ErrorKind = "extraction timed out"
	// ErrUnsupported: a container Text does not read (a ZIP archive that
	// is not a DOCX).
	ErrUnsupported ErrorKind = "unsupported format"
)

// Error is a document whose text could not be extracted.
type Error struct {
	File   string
	Format Format
	Kind   ErrorKind
	Msg    string
	Err    error // the underlying error, if any
}

// Error returns "file: format: message".
func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = string(e.Kind)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Format, msg)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is this error's kind or the minutes kind it
// stands for (ErrTruncated, ErrNoText and ErrTooLarge are also
// minutes.ErrTruncated, minutes.ErrEmpty and minutes.ErrTooLarge, so that
// callers that sort bad input by the minutes kinds need not know the
// format).
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case ErrorKind:
		return t == e.Kind
	case minutes.ErrorKind:
		switch e.Kind {
		case ErrTruncated:
			return t == minutes.ErrTruncated
		case ErrNoText:
			return t == minutes.ErrEmpty
		case ErrTooLarge:
			return t == minutes.ErrTooLarge
		}
	}
	return false
}
