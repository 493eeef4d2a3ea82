package explore_test

// A small DevTools-protocol client over a WebSocket, written with the
// standard library only: enough to navigate, evaluate JavaScript, type and
// take screenshots in headless Chromium.

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// browserFlags are the flags Chromium needs on these machines: headless,
// as root, and without reaching for the network on its own.
var browserFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000",
	"--remote-debugging-port=0", "about:blank",
}

// chromiumPath finds Debian's Chromium. A test without it skips, unless
// BROWSER_REQUIRED=1 (CI), when it fails.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless Chromium not found (apt-get install chromium; or set CHROMIUM=/path)"
	if os.Getenv("BROWSER_REQUIRED") == "1" {
		t.Fatal(msg + "; BROWSER_REQUIRED=1")
	}
	t.Skip(msg + "; set BROWSER_REQUIRED=1 to fail instead")
	return ""
}

// browser is one Chromium process and a session attached to its page.
type browser struct {
	t    *testing.T
	conn *wsConn
	cmd  *exec.Cmd

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan cdpReply
	events  chan cdpEvent
	logs    []string
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

type cdpEvent struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// startBrowser starts Chromium with a fresh profile and attaches to its
// first page. Everything stops when the test ends.
func startBrowser(t *testing.T, ctx context.Context) *browser {
	t.Helper()
	bin := chromiumPath(t)
	// A fresh profile each time; not t.TempDir, whose cleanup fails while
	// Chromium's helpers still write into the profile as they exit.
	profile, err := os.MkdirTemp("", "explore-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--user-data-dir=" + profile}, browserFlags...)
	cmd := exec.Command(bin, args...)
	// Its own process group, so that stopping it stops its helpers too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		_ = os.RemoveAll(profile)
	})
	// Chromium prints "DevTools listening on ws://..." once it is ready.
	wsURL := make(chan string, 1)
	var logMu sync.Mutex
	var startLog []string
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			logMu.Lock()
			startLog = append(startLog, line)
			logMu.Unlock()
			if u, ok := strings.CutPrefix(line, "DevTools listening on "); ok && !sent {
				wsURL <- strings.TrimSpace(u)
				sent = true
			}
		}
		if !sent {
			close(wsURL)
		}
	}()
	var browserWS string
	select {
	case u, ok := <-wsURL:
		if !ok {
			logMu.Lock()
			defer logMu.Unlock()
			t.Fatalf("chromium exited before listening:\n%s", strings.Join(startLog, "\n"))
		}
		browserWS = u
	case <-ctx.Done():
		t.Fatal("chromium did not start before the test's deadline")
	}
	page := pageTarget(t, ctx, browserWS)
	conn, err := dialWS(ctx, page)
	if err != nil {
		t.Fatalf("connecting to the page: %v", err)
	}
	b := &browser{t: t, conn: conn, cmd: cmd, pending: map[int64]chan cdpReply{}, events: make(chan cdpEvent, 256)}
	t.Cleanup(func() { conn.Close() })
	go b.readLoop()
	b.call(ctx, "Page.enable", nil, nil)
	b.call(ctx, "Runtime.enable", nil, nil)
	b.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false,
	}, nil)
	return b
}

// pageTarget returns the WebSocket URL of the browser's first page, from
// the /json/list endpoint beside the browser's own WebSocket.
func pageTarget(t *testing.T, ctx context.Context, browserWS string) string {
	t.Helper()
	u, err := url.Parse(browserWS)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+u.Host+"/json/list", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("listing the browser's pages: %v", err)
	}
	defer resp.Body.Close()
	var targets []struct {
		Type, WebSocketDebuggerURL string
	}
	if err := json.NewDecoder(resp.Body).Decode(&targets); err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "page" {
			return tg.WebSocketDebuggerURL
		}
	}
	t.Fatalf("the browser has no page: %+v", targets)
	return ""
}

func (b *browser) readLoop() {
	for {
		msg, err := b.conn.ReadMessage()
		if err != nil {
			b.mu.Lock()
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID int64 `json:"id"`
			cdpReply
			cdpEvent
		}
		if json.Unmarshal(msg, &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m.cdpReply
			}
			continue
		}
		b.recordEvent(m.cdpEvent)
	}
}

// recordEvent keeps console messages and exceptions for failure reports.
func (b *browser) recordEvent(ev cdpEvent) {
	var line string
	switch ev.Method {
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string
			Args []struct{ Value any }
		}
		_ = json.Unmarshal(ev.Params, &p)
		var parts []string
		for _, a := range p.Args {
			parts = append(parts, fmt.Sprint(a.Value))
		}
		line = "console." + p.Type + ": " + strings.Join(parts, " ")
	case "Runtime.exceptionThrown":
		var p struct {
			ExceptionDetails struct {
				Text      string
				Exception struct{ Description string }
			}
		}
		_ = json.Unmarshal(ev.Params, &p)
		line = "exception: " + p.ExceptionDetails.Text + " " + p.ExceptionDetails.Exception.Description
	default:
		return
	}
	b.mu.Lock()
	b.logs = append(b.logs, line)
	b.mu.Unlock()
}

// consoleLog returns what the page logged and threw so far.
func (b *browser) consoleLog() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.logs...)
}

// call sends one command and decodes its result into out (if not nil).
func (b *browser) call(ctx context.Context, method string, params any, out any) {
	b.t.Helper()
	if err := b.callErr(ctx, method, params, out); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
}

func (b *browser) callErr(ctx context.Context, method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpReply, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := b.conn.WriteText(msg); err != nil {
		return err
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return errors.New("connection to the browser closed")
		}
		if r.Error != nil {
			return errors.New(r.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("no answer: %w", ctx.Err())
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into out.
func (b *browser) eval(ctx context.Context, expr string, out any) {
	b.t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	b.call(ctx, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("evaluating %q: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.t.Fatalf("evaluating %q: %v (value %s)", expr, err, r.Result.Value)
		}
	}
}

// waitFor evaluates a JavaScript condition until it is true or ctx ends.
// It waits for the page; it asserts nothing about how long that takes.
func (b *browser) waitFor(ctx context.Context, what, cond string) {
	b.t.Helper()
	for {
		var ok bool
		b.eval(ctx, "Boolean("+cond+")", &ok)
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			var state, text string
			b.eval(context.Background(), "document.body ? document.body.dataset.state : ''", &state)
			b.eval(context.Background(), "document.body ? document.body.innerText.slice(0, 2000) : ''", &text)
			b.t.Fatalf("waiting for %s: %v\npage state %q, text:\n%s\nconsole:\n%s", what, ctx.Err(), state, text, strings.Join(b.consoleLog(), "\n"))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// navigate loads url and waits for its load event.
func (b *browser) navigate(ctx context.Context, u string) {
	b.t.Helper()
	var r struct {
		ErrorText string `json:"errorText"`
	}
	b.call(ctx, "Page.navigate", map[string]any{"url": u}, &r)
	if r.ErrorText != "" {
		b.t.Fatalf("navigating to %s: %s", u, r.ErrorText)
	}
	b.waitFor(ctx, "the page to load", `document.readyState === "complete"`)
}

// typeText types text into the focused element, as a keyboard would.
func (b *browser) typeText(ctx context.Context, text string) {
	b.t.Helper()
	b.call(ctx, "Input.insertText", map[string]any{"text": text}, nil)
}

// pressEnter presses and releases the Enter key.
func (b *browser) pressEnter(ctx context.Context) {
	b.t.Helper()
	for _, typ := range []string{"keyDown", "keyUp"} {
		p := map[string]any{"type": typ, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13}
		if typ == "keyDown" {
			p["text"] = "\r"
		}
		b.call(ctx, "Input.dispatchKeyEvent", p, nil)
	}
}

// screenshot saves a PNG of the whole page into dir (if dir is not empty)
// and returns its bytes.
func (b *browser) screenshot(ctx context.Context, dir, name string) []byte {
	b.t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	b.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &r)
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		b.t.Fatal(err)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	return png
}

// ---------------------------------------------------------------------------
// WebSocket (RFC 6455), client side, text messages only.

type wsConn struct {
	c  net.Conn
	r  *bufio.Reader
	mu sync.Mutex // serialises writes
}

func dialWS(ctx context.Context, rawURL string) (*wsConn, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	keyBytes := make([]byte, 16)
	_, _ = rand.Read(keyBytes)
	key := base64.StdEncoding.EncodeToString(keyBytes)
	// No Origin header: Chromium accepts DevTools clients without one.
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
		"\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		c.Close()
		return nil, err
	}
	r := bufio.NewReaderSize(c, 1<<16)
	resp, err := http.ReadResponse(r, &http.Request{Method: http.MethodGet})
	if err != nil {
		c.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		c.Close()
		return nil, fmt.Errorf("websocket handshake: %s", resp.Status)
	}
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		c.Close()
		return nil, errors.New("websocket handshake: wrong Sec-WebSocket-Accept")
	}
	return &wsConn{c: c, r: r}, nil
}

func (w *wsConn) Close() error { return w.c.Close() }

// WriteText sends one masked text frame.
func (w *wsConn) WriteText(p []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writeFrame(0x1, p)
}

func (w *wsConn) writeFrame(op byte, p []byte) error {
	hdr := []byte{0x80 | op}
	switch n := len(p); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	_, _ = rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	buf := make([]byte, len(p))
	for i := range p {
		buf[i] = p[i] ^ mask[i%4]
	}
	_, err := w.c.Write(append(hdr, buf...))
	return err
}

// ReadMessage returns the next text or binary message, joining fragments
// and answering pings.
func (w *wsConn) ReadMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(w.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0F
		n := uint64(h[1] & 0x7F)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(w.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if n > 256<<20 {
			return nil, fmt.Errorf("websocket frame of %d bytes", n)
		}
		var mask [4]byte
		if h[1]&0x80 != 0 {
			if _, err := io.ReadFull(w.r, mask[:]); err != nil {
				return nil, err
			}
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(w.r, p); err != nil {
			return nil, err
		}
		if h[1]&0x80 != 0 {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x8: // close
			return nil, io.EOF
		case 0x9: // ping
			w.mu.Lock()
			err := w.writeFrame(0xA, p)
			w.mu.Unlock()
			if err != nil {
				return nil, err
			}
			continue
		case 0xA: // pong
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}
