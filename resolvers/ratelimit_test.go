package resolvers

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func limitedRequest(t *testing.T, h http.Handler, remote, xff string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ stats { documents } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = remote
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestRateLimitPerClient(t *testing.T) {
	for _, trust := range []bool{false, true} {
		t.Run("trustProxy="+strconv.FormatBool(trust), func(t *testing.T) {
			clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
			h := newTestHandler(t, sample(t), Config{RateLimit: &RateLimit{PerSecond: 2, Burst: 3, TrustProxy: trust, now: clock.now}})
			// Client A behind the proxy 10.0.0.1 spends its burst.
			for i := range 3 {
				if rec := limitedRequest(t, h, "10.0.0.1:5000", "192.0.2.7"); rec.Code != 200 {
					t.Fatalf("request %d within the burst: %d %s", i, rec.Code, rec.Body)
				}
			}
			rec := limitedRequest(t, h, "10.0.0.1:5001", "192.0.2.7")
			if rec.Code != http.StatusTooManyRequests {
				t.Fatalf("request over the burst: %d", rec.Code)
			}
			if ra := rec.Header().Get("Retry-After"); ra != "1" {
				t.Errorf("Retry-After %q, want 1 (one token refills in 0.5 s)", ra)
			}
			if codes := errorCodesOf(t, rec.Body.Bytes()); !slices.Contains(codes, CodeRateLimited) {
				t.Errorf("codes %v", codes)
			}
			// Another client through the same proxy: limited too unless the
			// proxy is trusted to name the client.
			other := limitedRequest(t, h, "10.0.0.1:5002", "192.0.2.8")
			if want := map[bool]int{false: 429, true: 200}[trust]; other.Code != want {
				t.Errorf("another client behind the proxy: %d, want %d", other.Code, want)
			}
			// A different remote address has its own bucket.
			if rec := limitedRequest(t, h, "10.0.0.2:5000", ""); rec.Code != 200 {
				t.Errorf("another remote address: %d", rec.Code)
			}
			// Half a second refills one token for A, not two.
			clock.add(500 * time.Millisecond)
			if rec := limitedRequest(t, h, "10.0.0.1:5003", "192.0.2.7"); rec.Code != 200 {
				t.Errorf("after a refill: %d", rec.Code)
			}
			if rec := limitedRequest(t, h, "10.0.0.1:5003", "192.0.2.7"); rec.Code != 429 {
				t.Errorf("second request after one refill: %d", rec.Code)
			}
			// The probes are never limited.
			if rec := get(t, h, "/healthz", nil); rec.Code != 200 {
				t.Errorf("/healthz: %d", rec.Code)
			}
		})
	}
}

func TestRateLimitOffByDefault(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	for i := range 200 {
		if rec := limitedRequest(t, h, "10.0.0.1:5000", ""); rec.Code != 200 {
			t.Fatalf("request %d without a rate limit: %d", i, rec.Code)
		}
	}
}

func TestRateLimiterTracksBoundedClients(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	l := newRateLimiter(RateLimit{PerSecond: 1, Burst: 1, MaxClients: 100, now: clock.now})
	for i := range 10_000 {
		l.allow("client" + strconv.Itoa(i))
	}
	if n := len(l.buckets); n > 100 {
		t.Errorf("%d buckets tracked, limit 100", n)
	}
}
