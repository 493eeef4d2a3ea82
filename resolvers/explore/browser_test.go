package explore_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

// The browser tests serve the whole API (resolvers.NewHandler, which mounts
// the explorer) over the sample corpus on a loopback server, and drive
// Debian's headless Chromium through the page as a person would.
//
// EXPLORE_SCREENSHOTS=DIR keeps a screenshot of every view in DIR.

// serveSample starts the handler on 127.0.0.1 over a fresh embedded store
// loaded with the sample corpus, and returns its base URL.
func serveSample(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	sum, err := loader.New(store, loader.Options{}).LoadSample(ctx)
	if err != nil {
		t.Fatalf("loading the sample corpus: %v", err)
	}
	if sum.Loaded == 0 {
		t.Fatalf("the sample corpus loaded nothing: %s", sum)
	}
	srv := httptest.NewServer(resolvers.NewHandler(store, resolvers.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// testContext bounds a browser test: it waits for the page, never for a
// fixed time, and gives up only at the deadline.
func testContext(t *testing.T) context.Context {
	t.Helper()
	d := 3 * time.Minute
	if dl, ok := t.Deadline(); ok && time.Until(dl) < d+10*time.Second {
		d = time.Until(dl) - 10*time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func shotDir() string { return os.Getenv("EXPLORE_SCREENSHOTS") }

func TestBrowserSearchShowsMemberships(t *testing.T) {
	ctx := testContext(t)
	b := startBrowser(t, ctx)
	base := serveSample(t)

	b.navigate(ctx, base+"/explore")
	b.waitFor(ctx, "the start page", `document.body.dataset.state === "ready" && document.body.dataset.view === "home"`)
	var title string
	b.eval(ctx, `document.querySelector("h1").textContent`, &title)
	if !strings.Contains(title, "sundhedssamarbejde") {
		t.Errorf("start page heading = %q", title)
	}
	// The search box has a label, as a screen reader needs.
	var label string
	b.eval(ctx, `document.querySelector('label[for="q"]').textContent`, &label)
	if !strings.Contains(label, "Søg") {
		t.Errorf("search label = %q", label)
	}

	// Type the name and press Enter, as a person would.
	b.eval(ctx, `document.getElementById("q").focus()`, nil)
	b.typeText(ctx, "Bo Libergren")
	b.pressEnter(ctx)
	b.waitFor(ctx, "search results", `document.body.dataset.view === "search" && document.body.dataset.state === "ready"`)

	var hits []struct {
		Kind  string
		Name  string
		Seats []string
	}
	b.eval(ctx, `[...document.querySelectorAll("#hits > li")].map(li => ({
		kind: li.dataset.kind,
		name: li.querySelector("a").textContent,
		seats: [...li.querySelectorAll(".seats li")].map(s => s.textContent)}))`, &hits)
	if len(hits) == 0 || hits[0].Kind != "PERSON" || hits[0].Name != "Bo Libergren" {
		t.Fatalf("first hit is not the person Bo Libergren: %+v", hits)
	}
	wantSeats := []string{"Sundhedsklynge Lillebælt - Politisk niveau", "Sundhedsklynge Sønderjylland - Politisk niveau"}
	for _, want := range wantSeats {
		if !containsPart(hits[0].Seats, want) {
			t.Errorf("search result seats %q lack %q", hits[0].Seats, want)
		}
	}
	b.screenshot(ctx, shotDir(), "search.png")

	// Open the person with the keyboard: focus the link and press Enter.
	b.eval(ctx, `document.querySelector("#hits > li a").focus()`, nil)
	b.pressEnter(ctx)
	b.waitFor(ctx, "the person page", `document.body.dataset.view === "person" && document.body.dataset.state === "ready"`)
	var rows []struct {
		Body, Source string
	}
	b.eval(ctx, `[...document.querySelectorAll("#memberships tbody tr")].map(tr => ({
		body: tr.cells[0].textContent, source: tr.cells[4].textContent}))`, &rows)
	if len(rows) != 2 {
		t.Fatalf("person page shows %d memberships, want 2: %+v", len(rows), rows)
	}
	for _, want := range []struct{ body, file string }{
		{"Sundhedsklynge Lillebælt - Politisk niveau", "2023-01-16_sundhedsklynge-lillebaelt_politisk.txt"},
		{"Sundhedsklynge Sønderjylland - Politisk niveau", "2024-06-19_sundhedsklynge-soenderjylland_politisk.txt"},
	} {
		found := false
		for _, r := range rows {
			if strings.Contains(r.Body, want.body) {
				found = true
				if !strings.Contains(r.Source, want.file) || !strings.Contains(r.Source, "linje") {
					t.Errorf("membership in %s: source %q, want the document %s and its line", want.body, r.Source, want.file)
				}
			}
		}
		if !found {
			t.Errorf("person page lacks the membership in %s: %+v", want.body, rows)
		}
	}
	b.screenshot(ctx, shotDir(), "person.png")
	if logs := b.consoleLog(); len(logs) > 0 {
		t.Errorf("the page logged:\n%s", strings.Join(logs, "\n"))
	}
}

func TestBrowserClusterNetworkRendersNodes(t *testing.T) {
	ctx := testContext(t)
	b := startBrowser(t, ctx)
	base := serveSample(t)

	b.navigate(ctx, base+"/explore/#/cluster/"+"cluster%3ASD-LILLEBAELT")
	b.waitFor(ctx, "the cluster page", `document.body.dataset.view === "cluster" && document.body.dataset.state === "ready"`)
	var net struct {
		Nodes, Edges, People, Bodies, Municipalities int
		Inside                                       bool
		Names                                        []string
	}
	b.eval(ctx, `(() => {
		const svg = document.querySelector("svg#network");
		const vb = svg.viewBox.baseVal;
		const nodes = [...svg.querySelectorAll("circle[data-node]")];
		const at = nodes.map(c => c.parentNode.transform.baseVal.consolidate().matrix);
		return {
			nodes: nodes.length,
			edges: svg.querySelectorAll("line[data-edge]").length,
			people: svg.querySelectorAll('circle[data-kind="person"]').length,
			bodies: svg.querySelectorAll('circle[data-kind="body"]').length,
			municipalities: svg.querySelectorAll('circle[data-kind="municipality"]').length,
			inside: at.every(m => m.e >= 0 && m.e <= vb.width && m.f >= 0 && m.f <= vb.height),
			names: nodes.map(c => c.parentNode.getAttribute("aria-label")),
		};
	})()`, &net)
	if net.People < 30 || net.Bodies < 1 || net.Municipalities != 5 {
		t.Errorf("network of Sundhedsklynge Lillebælt: %d people, %d bodies, %d municipalities; want over 30, at least 1 and 5", net.People, net.Bodies, net.Municipalities)
	}
	if net.Edges < net.Nodes-1 {
		t.Errorf("network has %d nodes but only %d edges", net.Nodes, net.Edges)
	}
	if !net.Inside {
		t.Error("the layout put nodes outside the picture")
	}
	if !containsPart(net.Names, "Person: Bo Libergren") || !containsPart(net.Names, "Kommune: Middelfart") {
		t.Errorf("network lacks Bo Libergren or Middelfart: %q", net.Names)
	}
	// The layout spreads the nodes: no two people on the same spot.
	var overlaps int
	b.eval(ctx, `(() => {
		const ps = [...document.querySelectorAll('circle[data-kind="person"]')].map(c => c.parentNode.transform.baseVal.consolidate().matrix);
		let n = 0;
		for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++)
			if (Math.hypot(ps[i].e - ps[j].e, ps[i].f - ps[j].f) < 4) n++;
		return n;
	})()`, &overlaps)
	if overlaps > 0 {
		t.Errorf("%d pairs of people drawn on top of each other", overlaps)
	}
	var source string
	b.eval(ctx, `document.querySelector("figure.net").dataset.source`, &source)
	t.Logf("network drawn from %s", source) // the API's network(...) if the schema has it
	b.screenshot(ctx, shotDir(), "cluster.png")

	// A node is a keyboard link: Enter on Bo Libergren opens his page.
	b.eval(ctx, `[...document.querySelectorAll("svg#network g.node")].find(g => g.getAttribute("aria-label") === "Person: Bo Libergren").focus()`, nil)
	b.pressEnter(ctx)
	b.waitFor(ctx, "the person page from the network", `document.body.dataset.view === "person" && document.body.dataset.state === "ready" && document.querySelector("h1").textContent.startsWith("Bo Libergren")`)
}

func TestBrowserMeetingAttendance(t *testing.T) {
	ctx := testContext(t)
	b := startBrowser(t, ctx)
	base := serveSample(t)

	b.navigate(ctx, base+"/explore/#/meetings")
	b.waitFor(ctx, "the meeting list", `document.body.dataset.view === "meetings" && document.body.dataset.state === "ready"`)
	// Follow the link of the Lillebælt meeting of 16 January 2023.
	b.eval(ctx, `[...document.querySelectorAll("a")].find(a => a.getAttribute("href").includes("SD-LILLEBAELT%3Apolitical%3A2023-01-16")).click()`, nil)
	b.waitFor(ctx, "the meeting page", `document.body.dataset.view === "meeting" && document.body.dataset.state === "ready"`)
	var counts map[string]int
	b.eval(ctx, `(() => {
		const c = {};
		for (const tr of document.querySelectorAll("tr[data-attendance]")) c[tr.dataset.attendance] = (c[tr.dataset.attendance] || 0) + 1;
		return c;
	})()`, &counts)
	// What the API says about the meeting (see the resolvers tests): 27
	// present, 7 apologies, 1 absent, 3 substitutes.
	want := map[string]int{"PRESENT": 27, "SENT_APOLOGIES": 7, "ABSENT": 1, "SUBSTITUTE": 3}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("attendance %s: %d rows, want %d (all: %v)", k, counts[k], n, counts)
		}
	}
	var forWhom []string
	b.eval(ctx, `[...document.querySelectorAll('tr[data-attendance="SUBSTITUTE"]')].map(tr => tr.cells[2].textContent)`, &forWhom)
	named := 0
	for _, s := range forWhom {
		if s != "" && s != "ukendt" {
			named++
		}
	}
	if named == 0 {
		t.Errorf("no substitute says whom they stood in for: %q", forWhom)
	}
	b.screenshot(ctx, shotDir(), "meeting.png")
}

func TestBrowserCouncilTransition(t *testing.T) {
	ctx := testContext(t)
	b := startBrowser(t, ctx)
	base := serveSample(t)

	b.navigate(ctx, base+"/explore/#/council/"+"council%3ASR-LILLEBAELT")
	b.waitFor(ctx, "the council page", `document.body.dataset.view === "council" && document.body.dataset.state === "ready"`)
	var preds []struct {
		ID, From string
		Rows     int
	}
	b.eval(ctx, `[...document.querySelectorAll("section.pred")].map(s => ({
		id: s.dataset.cluster, from: s.querySelector("p").textContent, rows: s.querySelectorAll("tbody tr").length}))`, &preds)
	found := false
	for _, p := range preds {
		if p.ID == "cluster:SD-LILLEBAELT" {
			found = true
			if p.Rows == 0 {
				t.Error("no running initiatives shown for Sundhedsklynge Lillebælt")
			}
			// Fredericia, Kolding and Vejle go to Sundhedsråd Lillebælt;
			// Middelfart goes to Fyn.
			for _, m := range []string{"Fredericia", "Kolding", "Vejle"} {
				if !strings.Contains(p.From, m) {
					t.Errorf("municipalities from Sundhedsklynge Lillebælt %q lack %s", p.From, m)
				}
			}
			if strings.Contains(p.From, "Middelfart") {
				t.Errorf("municipalities from Sundhedsklynge Lillebælt %q include Middelfart, which goes to another council", p.From)
			}
		}
	}
	if !found {
		t.Errorf("Sundhedsklynge Lillebælt is not among the council's predecessor clusters: %+v", preds)
	}
	b.screenshot(ctx, shotDir(), "council.png")
}

func containsPart(list []string, want string) bool {
	for _, s := range list {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}
