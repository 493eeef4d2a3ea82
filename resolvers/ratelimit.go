package resolvers

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CodeRateLimited is the code of a request refused because its client
// sent too many (HTTP 429).
const CodeRateLimited = "RATE_LIMITED"

// RateLimit is a per-client token bucket: each client (by remote IP, or by
// the first address of X-Forwarded-For when TrustProxy is set) may send
// Burst requests at once and PerSecond on average after that. It applies to
// /graphql and the exports; the probes and static pages are not limited.
type RateLimit struct {
	PerSecond float64
	Burst     int
	// TrustProxy takes the client's address from X-Forwarded-For; set it
	// only behind a proxy that sets that header itself, or any client can
	// claim to be anyone.
	TrustProxy bool
	// MaxClients bounds the clients tracked at once (default 100000); when
	// full, buckets that have refilled are dropped first.
	MaxClients int
	// now is the clock (tests replace it).
	now func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// rateLimiter holds the buckets of one handler.
type rateLimiter struct {
	cfg     RateLimit
	mu      sync.Mutex
	buckets map[string]*bucket
}

func newRateLimiter(cfg RateLimit) *rateLimiter {
	if cfg.Burst <= 0 {
		cfg.Burst = max(1, int(math.Ceil(cfg.PerSecond)))
	}
	if cfg.MaxClients <= 0 {
		cfg.MaxClients = 100_000
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	return &rateLimiter{cfg: cfg, buckets: map[string]*bucket{}}
}

// allow takes a token from client's bucket; if there is none, it returns
// false and how long until there is one.
func (l *rateLimiter) allow(client string) (bool, time.Duration) {
	now := l.cfg.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= l.cfg.MaxClients {
			l.evict(now)
		}
		b = &bucket{tokens: float64(l.cfg.Burst), last: now}
		l.buckets[client] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(float64(l.cfg.Burst), b.tokens+el*l.cfg.PerSecond)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.cfg.PerSecond * float64(time.Second))
	return false, wait
}

// evict drops the buckets that would be full by now (their clients lose
// nothing); if none is, it drops an arbitrary one, so the map stays bounded.
func (l *rateLimiter) evict(now time.Time) {
	full := float64(l.cfg.Burst) / l.cfg.PerSecond
	for k, b := range l.buckets {
		if now.Sub(b.last).Seconds() >= full {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.cfg.MaxClients {
			break
		}
		delete(l.buckets, k)
	}
}

// clientOf is the address a request is counted against.
func (l *rateLimiter) clientOf(req *http.Request) string {
	if l.cfg.TrustProxy {
		if xff := req.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return req.RemoteAddr
	}
	return host
}

// wrap answers 429 with Retry-After (whole seconds, at least 1) to a
// client whose bucket is empty.
func (l *rateLimiter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ok, wait := l.allow(l.clientOf(req))
		if !ok {
			secs := max(1, int(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeErrorCode(w, CodeRateLimited, "too many requests: try again later", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, req)
	})
}

// writeErrorCode answers a non-GraphQL error with a code of its own.
func writeErrorCode(w http.ResponseWriter, code, msg string, status int) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}
