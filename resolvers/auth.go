package resolvers

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Admin writes are behind bearer tokens. The server is configured with
// named tokens (AdminConfig.Tokens); a request that carries
// "Authorization: Bearer <token>" with one of them acts as that name, which
// every correction records. Reads never need a token (a wrong one does not
// fail them). Tokens are compared in constant time (their SHA-256 digests,
// so lengths never leak, and every configured token is compared) and are
// never logged or put in an error.

// errUnauthenticated is the graph error code of a request that needs an
// admin token and has none, or one the server does not know.
const errUnauthenticated = "unauthenticated"

// AdminToken is one configured token and the name it acts as.
type AdminToken struct {
	Name  string
	Token string
}

// AdminConfig configures the admin writes. No tokens: every mutation is
// FORBIDDEN.
type AdminConfig struct {
	Tokens []AdminToken
	// MaxUploadBytes limits a loadDocument upload (and the body of an
	// authenticated multipart request); zero takes DefaultMaxUploadBytes.
	MaxUploadBytes int64
}

// DefaultMaxUploadBytes is the upload limit when AdminConfig sets none.
const DefaultMaxUploadBytes = 8 << 20

// minTokenLength is the shortest token accepted in the configuration.
const minTokenLength = 16

// ParseAdminTokens reads name:token pairs, one per line or separated by
// commas; blank lines and lines starting with # are skipped. Names and
// tokens must be unique, tokens at least 16 characters. Errors never
// quote a token.
func ParseAdminTokens(text string) ([]AdminToken, error) {
	var out []AdminToken
	names, tokens := map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, pair := range strings.Split(line, ",") {
			pair = strings.TrimSpace(pair)
			if pair == "" {
				continue
			}
			name, tok, ok := strings.Cut(pair, ":")
			name, tok = strings.TrimSpace(name), strings.TrimSpace(tok)
			switch {
			case !ok || name == "":
				return nil, fmt.Errorf("line %d: want name:token", n)
			case len(tok) < minTokenLength:
				return nil, fmt.Errorf("line %d: the token of %q is shorter than %d characters", n, name, minTokenLength)
			case names[name]:
				return nil, fmt.Errorf("line %d: %q is named twice", n, name)
			case tokens[tok]:
				return nil, fmt.Errorf("line %d: the token of %q is also another name's", n, name)
			}
			names[name], tokens[tok] = true, true
			out = append(out, AdminToken{Name: name, Token: tok})
		}
	}
	return out, sc.Err()
}

type tokenDigest struct {
	name   string
	digest [sha256.Size]byte
}

type adminAuth struct{ tokens []tokenDigest }

func newAdminAuth(ts []AdminToken) *adminAuth {
	a := &adminAuth{}
	for _, t := range ts {
		a.tokens = append(a.tokens, tokenDigest{t.Name, sha256.Sum256([]byte(t.Token))})
	}
	return a
}

// lookup returns the name of a token, comparing it with every configured
// token in constant time.
func (a *adminAuth) lookup(token string) (string, bool) {
	d := sha256.Sum256([]byte(token))
	name, found := "", 0
	for _, t := range a.tokens {
		if subtle.ConstantTimeCompare(d[:], t.digest[:]) == 1 {
			name, found = t.name, 1
		}
	}
	return name, found == 1
}

// caller is who a request acts as.
type caller struct {
	presented bool   // the request carries an Authorization header
	name      string // the token's name; "" if unknown or absent
}

type callerKey struct{}

// authenticate notes in the context who the request acts as. It never
// refuses a request: reads are public, and mutations check the caller
// (requireAdmin).
func (a *adminAuth) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var c caller
		if h := req.Header.Get("Authorization"); h != "" {
			c.presented = true
			if scheme, tok, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
				if name, ok := a.lookup(strings.TrimSpace(tok)); ok {
					c.name = name
				}
			}
		}
		next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), callerKey{}, c)))
	})
}

// check says why a caller may not write, or nil.
func (a *adminAuth) check(c caller) error {
	switch {
	case len(a.tokens) == 0:
		return graph.Errorf(graph.ErrUnauthorized, "admin writes are turned off: the server has no admin tokens")
	case !c.presented:
		return graph.Errorf(errUnauthenticated, "this needs an admin token: Authorization: Bearer <token>")
	case c.name == "":
		return graph.Errorf(errUnauthenticated, "the admin token is not valid")
	}
	return nil
}

// requireAdmin returns the name the request acts as, or an UNAUTHENTICATED
// or FORBIDDEN error.
func (r *Resolver) requireAdmin(ctx context.Context) (string, error) {
	c, _ := ctx.Value(callerKey{}).(caller)
	if err := r.auth.check(c); err != nil {
		return "", err
	}
	return c.name, nil
}

// isAdminUpload reports whether a request is a multipart upload by an
// admin; only those may send multipart bodies, up to MaxUploadBytes.
func isAdminUpload(req *http.Request) bool {
	c, _ := req.Context().Value(callerKey{}).(caller)
	return c.name != "" && isMultipart(req)
}

func isMultipart(req *http.Request) bool {
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// checkUpload refuses multipart requests (uploads) that are not an
// admin's before their body is read: UNAUTHENTICATED (401) without a valid
// token, and, on a server without admin tokens, which takes no uploads at
// all, an unsupported content type (415) as for any other non-JSON body.
func (a *adminAuth) checkUpload(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method == http.MethodPost && isMultipart(req) {
			c, _ := req.Context().Value(callerKey{}).(caller)
			if len(a.tokens) == 0 {
				writeError(w, graph.Errorf(graph.ErrInvalid, "a GraphQL POST needs Content-Type: application/json (this server takes no uploads)"), http.StatusUnsupportedMediaType)
				return
			}
			if err := a.check(c); err != nil {
				writeError(w, err, 0)
				return
			}
		}
		next.ServeHTTP(w, req)
	})
}
