package neo4j_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/neo4j"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

// boltServer is a NornicDB of this test's own, so it can be stopped and
// started again on the same port and data directory.
type boltServer struct {
	bin, dir           string
	bolt, http, metric int
	cmd                *exec.Cmd
	waitExit           chan struct{}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (b *boltServer) start(t *testing.T) {
	t.Helper()
	cmd := exec.Command(b.bin, "serve", "--address", "127.0.0.1",
		"--bolt-port", strconv.Itoa(b.bolt), "--http-port", strconv.Itoa(b.http),
		"--data-dir", b.dir, "--headless", "--mcp-enabled=false")
	cmd.Env = append(os.Environ(), "NORNICDB_TELEMETRY_LISTEN=127.0.0.1:"+strconv.Itoa(b.metric), "NORNICDB_DEFAULT_DATABASE=neo4j")
	log, err := os.OpenFile(filepath.Join(filepath.Dir(b.dir), "nornicdb.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	b.cmd = cmd
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	for range 300 {
		select {
		case <-exited:
			out, _ := os.ReadFile(filepath.Join(filepath.Dir(b.dir), "nornicdb.log"))
			t.Fatalf("NornicDB exited during start-up:\n%s", out)
		default:
		}
		if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(b.bolt)); err == nil {
			c.Close()
			b.waitExit = exited
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("NornicDB's Bolt port did not open")
}

// stop kills the server by its PID (SIGKILL: the server is lost, not shut
// down) and waits for it to exit.
func (b *boltServer) stop() {
	if b.cmd == nil || b.cmd.Process == nil {
		return
	}
	_ = b.cmd.Process.Kill()
	<-b.waitExit
	b.cmd = nil
}

// TestServerLostAndBack stops the Bolt server under a running store and a
// running HTTP handler: reads, /readyz and GraphQL queries turn
// unavailable (ended by the driver's own timeouts, not by a deadline of
// ours), and when the server is back on the same port and data, they
// recover without reopening anything.
func TestServerLostAndBack(t *testing.T) {
	if os.Getenv("NEO4J_URI") == "" {
		if os.Getenv("NEO4J_REQUIRED") == "1" {
			t.Fatal("NEO4J_REQUIRED=1 but NEO4J_URI is not set")
		}
		t.Skip("NEO4J_URI not set; no Bolt server tests")
	}
	out, err := exec.Command("bash", "../../.ci/nornicdb.sh", "build").Output()
	if err != nil {
		t.Fatalf("building NornicDB: %v", err)
	}
	root := t.TempDir()
	b := &boltServer{bin: strings.TrimSpace(string(out)), dir: filepath.Join(root, "data"),
		bolt: freePort(t), http: freePort(t), metric: freePort(t)}
	b.start(t)
	t.Cleanup(b.stop)

	// A deadline far beyond the driver's timeouts (connect 5 s, acquire
	// 10 s, retries 30 s): if a call ends with our deadline, it hung.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	store, err := neo4j.Open(ctx, neo4j.Config{URI: "bolt://127.0.0.1:" + strconv.Itoa(b.bolt), User: "admin", Password: "password", Database: "neo4j"})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatalf("EnsureSchema: %v", err)
	}
	h := resolvers.NewHandler(store, resolvers.Config{RequestTimeout: 4 * time.Minute}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	healthy := func(when string) {
		t.Helper()
		if err := store.Ping(ctx); err != nil {
			t.Fatalf("%s: Ping: %v", when, err)
		}
		if _, err := store.List(ctx, graph.KindRegion, graph.Filter{}, graph.Page{First: 10}); err != nil {
			t.Fatalf("%s: List: %v", when, err)
		}
		if rec := serve(h, http.MethodGet, "/readyz", ""); rec.Code != 200 {
			t.Errorf("%s: /readyz %d %s", when, rec.Code, rec.Body)
		}
		if codes, data := gql(t, h, `{ regions { totalCount } }`); len(codes) != 0 || !strings.Contains(data, "totalCount") {
			t.Errorf("%s: query: codes %v data %s", when, codes, data)
		}
	}
	healthy("before the server is lost")

	b.stop()
	if err := store.Ping(ctx); graph.ErrorCode(err) != graph.ErrUnavailable || ctx.Err() != nil {
		t.Errorf("Ping with the server gone: %v (code %q), want unavailable before our deadline", err, graph.ErrorCode(err))
	}
	if _, err := store.List(ctx, graph.KindRegion, graph.Filter{}, graph.Page{First: 10}); graph.ErrorCode(err) != graph.ErrUnavailable || ctx.Err() != nil {
		t.Errorf("List with the server gone: %v, want unavailable before our deadline", err)
	}
	if rec := serve(h, http.MethodGet, "/readyz", ""); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the server gone: %d %s", rec.Code, rec.Body)
	}
	if codes, _ := gql(t, h, `{ regions { totalCount } }`); len(codes) == 0 || codes[0] != resolvers.CodeUnavailable || ctx.Err() != nil {
		t.Errorf("query with the server gone: codes %v, want UNAVAILABLE", codes)
	}

	b.start(t)
	// The driver drops dead connections and dials again; the first call
	// after the restart may still meet one, so allow a few tries.
	var pingErr error
	for range 10 {
		if pingErr = store.Ping(ctx); pingErr == nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if pingErr != nil {
		t.Fatalf("the store did not recover after the server came back: %v", pingErr)
	}
	healthy("after the server is back")
}

func serve(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func gql(t *testing.T, h http.Handler, q string) ([]string, string) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"query": q})
	rec := serve(h, http.MethodPost, "/graphql", string(b))
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	var codes []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		codes = append(codes, c)
	}
	return codes, string(r.Data)
}
