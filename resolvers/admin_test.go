package resolvers

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
)

// The admin tests write, so each has its own embedded store with the
// sample corpus, never the shared one.

const (
	adminToken = "s3cret-token-of-the-admin-0123456789"
	otherToken = "another-valid-token-for-auditors-42"
)

var adminCfg = Config{Admin: AdminConfig{Tokens: []AdminToken{{"alice", adminToken}, {"audit", otherToken}}}}

func freshSample(t *testing.T) graph.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if sum, err := loader.New(s, loader.Options{}).LoadSample(ctx); err != nil || sum.Failed > 0 {
		t.Fatalf("loading the sample: %v %v", err, sum.Err())
	}
	return s
}

// postAs sends a GraphQL request with Authorization: Bearer token (none if
// token is empty).
func postAs(t *testing.T, h http.Handler, token, q string, vars map[string]any) gqlResponse {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
	r.status = rec.Code
	return r
}

// admin runs a request as alice and fails on any error.
func admin(t *testing.T, h http.Handler, q string, vars map[string]any, out any) {
	t.Helper()
	r := postAs(t, h, adminToken, q, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: errors: %+v", q, r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatalf("decoding %s: %v", r.Data, err)
		}
	}
}

// upload sends a loadDocument multipart request.
func upload(t *testing.T, h http.Handler, token, name string, data []byte) (gqlResponse, int) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", `{"query":"mutation($f: Upload!) { loadDocument(file: $f, reason: \"new minutes\") { result { documentId unchanged replaced facts } correction { id kind actor document } } }","variables":{"f":null}}`)
	_ = mw.WriteField("map", `{"0":["variables.f"]}`)
	fw, _ := mw.CreateFormFile("0", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/graphql", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r gqlResponse
	_ = json.Unmarshal(rec.Body.Bytes(), &r)
	if r.Errors == nil && rec.Code != http.StatusOK {
		// A refusal outside GraphQL: {"error": {"code", "message"}}.
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &e)
		r.Errors = append(r.Errors, struct {
			Message    string         `json:"message"`
			Path       []any          `json:"path"`
			Extensions map[string]any `json:"extensions"`
		}{Message: e.Error.Message, Extensions: map[string]any{"code": e.Error.Code}})
	}
	return r, rec.Code
}

func sampleMinutes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(corpus.FS(), "minutes/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	keepID   = "person:vibeke-gamst"             // reference: the council seat
	absorbID = "person:vibeke-gamst-nordjylland" // minutes: the cluster seat and a meeting
	nordDoc  = "2024-10-22_politisk-sundhedsklynge-syd_nordjylland.txt"
	seatID   = "membership:afb06b07bd359561" // Vibeke Gamst's council seat, no stated dates
	personQ  = `query($id: ID!) { person(id: $id) { id name aliases memberships { id } attendance { totalCount } } }`
)

type personView struct {
	Person *struct {
		ID          string
		Name        string
		Aliases     []string
		Memberships []struct{ ID string }
		Attendance  struct{ TotalCount int }
	}
}

func getPerson(t *testing.T, h http.Handler, id string) personView {
	t.Helper()
	var v personView
	query(t, h, personQ, map[string]any{"id": id}, &v)
	return v
}

func correctionCount(t *testing.T, h http.Handler) int {
	t.Helper()
	var out struct{ Corrections struct{ TotalCount int } }
	admin(t, h, `{ corrections { totalCount } }`, nil, &out)
	return out.Corrections.TotalCount
}

var writeCases = []struct {
	name, q string
	vars    map[string]any
}{
	{"mergePeople", `mutation($k: ID!, $a: ID!) { mergePeople(keep: $k, absorb: $a) { id } }`, map[string]any{"k": keepID, "a": absorbID}},
	{"splitPerson", `mutation { splitPerson(person: "person:kurt-aebeloe", documents: ["document:2025-02-28_sundhedsklynge-sydvestjylland_fagligt-strategisk.txt"], name: "Kurt Æbelø") { id } }`, nil},
	{"addAlias", `mutation { addAlias(person: "person:vibeke-gamst", alias: "Vibse") { id } }`, nil},
	{"removeAlias", `mutation { removeAlias(person: "person:jan-andersen", alias: "Jan Andersen") { id } }`, nil},
	{"correctMembership", `mutation($m: ID!) { correctMembership(id: $m, startDate: "2027-01-01") { id } }`, map[string]any{"m": seatID}},
	{"revertCorrection", `mutation { revertCorrection(id: "document:admin-000001") { id } }`, nil},
	{"corrections", `{ corrections { totalCount } }`, nil},
}

func TestAdminWritesNeedAToken(t *testing.T) {
	store := freshSample(t)
	h := newTestHandler(t, store, adminCfg)
	off := newTestHandler(t, store, Config{}) // no tokens configured
	before := getPerson(t, h, keepID)
	for _, c := range writeCases {
		for _, tc := range []struct {
			what  string
			h     http.Handler
			token string
			code  string
		}{
			{"no token", h, "", CodeUnauthenticated},
			{"unknown token", h, "not-a-token-of-this-server-xyz", CodeUnauthenticated},
			{"no tokens configured", off, adminToken, CodeForbidden},
		} {
			r := postAs(t, tc.h, tc.token, c.q, c.vars)
			if got := r.codes(); len(got) != 1 || got[0] != tc.code {
				t.Errorf("%s with %s: codes %v, want [%s]", c.name, tc.what, got, tc.code)
			}
		}
	}
	if n := correctionCount(t, h); n != 0 {
		t.Errorf("refused writes recorded %d corrections", n)
	}
	if after := getPerson(t, h, keepID); !slices.Equal(before.Person.Aliases, after.Person.Aliases) || len(after.Person.Memberships) != 1 {
		t.Errorf("refused writes changed %s: %+v", keepID, after.Person)
	}
	// Reads stay public, also with a wrong token.
	if r := postAs(t, h, "wrong-token-but-a-read-only", `{ stats { documents } }`, nil); len(r.Errors) > 0 {
		t.Errorf("read with a wrong token: %+v", r.Errors)
	}
	// The same writes with the token succeed (in this order each applies).
	for _, c := range writeCases {
		if r := postAs(t, h, adminToken, c.q, c.vars); len(r.Errors) > 0 {
			t.Errorf("%s with the token: %+v", c.name, r.Errors)
		}
	}
}

func TestAdminTokenIsNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	h := NewHandler(freshSample(t), adminCfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	admin(t, h, `mutation { addAlias(person: "person:vibeke-gamst", alias: "Vibse", reason: "nickname") { id actor } }`, nil, nil)
	postAs(t, h, otherToken+"x", `mutation { addAlias(person: "person:vibeke-gamst", alias: "V.") { id } }`, nil)
	if !strings.Contains(logs.String(), "http request") || !strings.Contains(logs.String(), "correction") {
		t.Fatalf("the requests were not logged: %s", logs.String())
	}
	for _, tok := range []string{adminToken, otherToken} {
		if strings.Contains(logs.String(), tok) {
			t.Errorf("the log holds a token: %s", logs.String())
		}
	}
}

func TestParseAdminTokens(t *testing.T) {
	ts, err := ParseAdminTokens("# admins\nalice:" + adminToken + "\n\naudit:" + otherToken + ", bob:bobs-token-is-long-enough\n")
	if err != nil || len(ts) != 3 || ts[0].Name != "alice" || ts[2].Token != "bobs-token-is-long-enough" {
		t.Fatalf("ParseAdminTokens = %+v, %v", ts, err)
	}
	for _, bad := range []string{"alice", ":" + adminToken, "alice:short", "a:" + adminToken + ",a:" + otherToken, "a:" + adminToken + ",b:" + adminToken} {
		if _, err := ParseAdminTokens(bad); err == nil {
			t.Errorf("ParseAdminTokens(%q) accepted", bad)
		} else if strings.Contains(err.Error(), adminToken) {
			t.Errorf("the error quotes the token: %v", err)
		}
	}
}

func TestAdminMergeReloadAndRevert(t *testing.T) {
	store := freshSample(t)
	h := newTestHandler(t, store, adminCfg)
	k, a := getPerson(t, h, keepID), getPerson(t, h, absorbID)
	if len(k.Person.Memberships) != 1 || len(a.Person.Memberships) != 1 || a.Person.Attendance.TotalCount != 1 {
		t.Fatalf("sample changed: %+v %+v", k.Person, a.Person)
	}
	var merged struct {
		MergePeople struct{ ID, Actor, Keep, Absorb, Reason string }
	}
	admin(t, h, `mutation($k: ID!, $a: ID!) { mergePeople(keep: $k, absorb: $a, reason: "same councillor") { id actor keep absorb reason } }`,
		map[string]any{"k": keepID, "a": absorbID}, &merged)
	if m := merged.MergePeople; m.Actor != "alice" || m.Keep != keepID || m.Absorb != absorbID || m.Reason != "same councillor" {
		t.Errorf("recorded %+v", m)
	}
	wantMs := []string{k.Person.Memberships[0].ID, a.Person.Memberships[0].ID}
	slices.Sort(wantMs)
	check := func(when string) {
		t.Helper()
		v := getPerson(t, h, keepID)
		var ms []string
		for _, m := range v.Person.Memberships {
			ms = append(ms, m.ID)
		}
		slices.Sort(ms)
		if !slices.Equal(ms, wantMs) || v.Person.Attendance.TotalCount != 1 {
			t.Errorf("%s: kept person has memberships %v (want %v) and %d attendance", when, ms, wantMs, v.Person.Attendance.TotalCount)
		}
		if got := getPerson(t, h, absorbID); got.Person == nil || got.Person.ID != keepID {
			t.Errorf("%s: the absorbed id answers %+v, want %s", when, got.Person, keepID)
		}
		var people struct {
			People struct {
				TotalCount int
				Nodes      []struct{ ID string }
			}
		}
		query(t, h, `{ people(filter: {nameContains: "Vibeke Gamst"}) { totalCount nodes { id } } }`, nil, &people)
		if people.People.TotalCount != 1 || len(people.People.Nodes) != 1 || people.People.Nodes[0].ID != keepID {
			t.Errorf("%s: people named Vibeke Gamst: %+v", when, people.People)
		}
		// The membership and the attendance point at the kept person.
		var seat struct {
			Node struct{ Person struct{ ID string } }
		}
		query(t, h, `query($id: ID!) { node(id: $id) { ... on Membership { person { id } } } }`, map[string]any{"id": a.Person.Memberships[0].ID}, &seat)
		if seat.Node.Person.ID != keepID {
			t.Errorf("%s: the absorbed seat's person is %q", when, seat.Node.Person.ID)
		}
	}
	check("after the merge")

	// Reload the absorbed person's document, changed and then as it was.
	l := loader.New(store, loader.Options{})
	orig := sampleMinutes(t, nordDoc)
	for i, data := range [][]byte{append(slices.Clone(orig), "\n\n"...), orig} {
		res, err := l.LoadBytes(context.Background(), nordDoc, data)
		if err != nil || res.Unchanged {
			t.Fatalf("reload %d: %+v, %v", i, res, err)
		}
		check("after a reload of " + nordDoc)
	}

	admin(t, h, `mutation($id: ID!) { revertCorrection(id: $id, reason: "not the same") { reverted revertedBy } }`, map[string]any{"id": merged.MergePeople.ID}, nil)
	k2, a2 := getPerson(t, h, keepID), getPerson(t, h, absorbID)
	if a2.Person == nil || a2.Person.ID != absorbID || len(k2.Person.Memberships) != 1 || len(a2.Person.Memberships) != 1 || a2.Person.Attendance.TotalCount != 1 || k2.Person.Attendance.TotalCount != 0 {
		t.Errorf("after the revert: %+v and %+v", k2.Person, a2.Person)
	}
	var list struct {
		Corrections struct {
			Nodes []struct {
				Kind       string
				Reverted   bool
				RevertedBy string
				RevertedAt *string
			}
		}
	}
	admin(t, h, `{ corrections { nodes { kind reverted revertedBy revertedAt } } }`, nil, &list)
	if n := list.Corrections.Nodes; len(n) != 1 || !n[0].Reverted || n[0].RevertedBy != "alice" || n[0].RevertedAt == nil || n[0].Kind != graph.CorrectionMergePeople {
		t.Errorf("audit list: %+v", n)
	}
	// A merge reverted twice is a conflict.
	if r := postAs(t, h, adminToken, `mutation($id: ID!) { revertCorrection(id: $id) { id } }`, map[string]any{"id": merged.MergePeople.ID}); len(r.codes()) != 1 || r.codes()[0] != CodeConflict {
		t.Errorf("second revert: %v", r.codes())
	}
}

func TestAdminSplit(t *testing.T) {
	h := newTestHandler(t, freshSample(t), adminCfg)
	const person, doc = "person:kurt-aebeloe", "document:2025-02-28_sundhedsklynge-sydvestjylland_fagligt-strategisk.txt"
	before := getPerson(t, h, person)
	if len(before.Person.Memberships) != 2 || before.Person.Attendance.TotalCount != 2 {
		t.Fatalf("sample changed: %+v", before.Person)
	}
	var out struct {
		SplitPerson struct{ ID, NewPersonID string }
	}
	admin(t, h, `mutation($p: ID!, $d: ID!) { splitPerson(person: $p, documents: [$d], name: "Kurt Æbelø Sydvest") { id newPersonId } }`,
		map[string]any{"p": person, "d": doc}, &out)
	p, n := getPerson(t, h, person), getPerson(t, h, out.SplitPerson.NewPersonID)
	if n.Person == nil || n.Person.Name != "Kurt Æbelø Sydvest" || len(n.Person.Memberships) != 1 || n.Person.Attendance.TotalCount != 1 {
		t.Fatalf("split off: %+v", n.Person)
	}
	if len(p.Person.Memberships) != 1 || p.Person.Attendance.TotalCount != 1 || slices.Contains([]string{p.Person.Memberships[0].ID}, n.Person.Memberships[0].ID) {
		t.Errorf("left: %+v", p.Person)
	}
	// The people list has both.
	var people struct {
		People struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	query(t, h, `{ people(filter: {nameContains: "Æbelø"}) { totalCount nodes { id } } }`, nil, &people)
	if ids := people.People.Nodes; people.People.TotalCount != 2 || len(ids) != 2 || ids[0].ID != person || ids[1].ID != out.SplitPerson.NewPersonID {
		t.Errorf("people after the split: %+v", people.People)
	}
	admin(t, h, `mutation($id: ID!) { revertCorrection(id: $id) { id } }`, map[string]any{"id": out.SplitPerson.ID}, nil)
	if p := getPerson(t, h, person); len(p.Person.Memberships) != 2 || p.Person.Attendance.TotalCount != 2 {
		t.Errorf("after the revert: %+v", p.Person)
	}
	// A document that does not mention the person cannot be split off.
	r := postAs(t, h, adminToken, `mutation { splitPerson(person: "person:kurt-aebeloe", documents: ["document:reference"], name: "X Y") { id } }`, nil)
	if c := r.codes(); len(c) != 1 || c[0] != CodeBadUserInput {
		t.Errorf("split of an unrelated document: %v", c)
	}
}

func searchIDs(t *testing.T, h http.Handler, text string) []string {
	t.Helper()
	var out struct {
		Search []struct{ Node struct{ ID string } }
	}
	query(t, h, `query($t: String!) { search(text: $t, types: [PERSON]) { node { ... on Person { id } } } }`, map[string]any{"t": text}, &out)
	var ids []string
	for _, s := range out.Search {
		ids = append(ids, s.Node.ID)
	}
	return ids
}

func TestAdminAliases(t *testing.T) {
	h := newTestHandler(t, freshSample(t), adminCfg)
	var add struct{ AddAlias struct{ ID string } }
	admin(t, h, `mutation { addAlias(person: "person:vibeke-gamst", alias: "Vibse Gamsted") { id } }`, nil, &add)
	if v := getPerson(t, h, keepID); !slices.Contains(v.Person.Aliases, "Vibse Gamsted") {
		t.Errorf("aliases after add: %v", v.Person.Aliases)
	}
	if ids := searchIDs(t, h, "Vibse Gamsted"); !slices.Contains(ids, keepID) {
		t.Errorf("search by the new alias: %v", ids)
	}
	admin(t, h, `mutation { removeAlias(person: "person:vibeke-gamst", alias: "Vibse Gamsted") { id } }`, nil, nil)
	if v := getPerson(t, h, keepID); slices.Contains(v.Person.Aliases, "Vibse Gamsted") {
		t.Errorf("aliases after remove: %v", v.Person.Aliases)
	}
	if ids := searchIDs(t, h, "Vibse Gamsted"); slices.Contains(ids, keepID) {
		t.Errorf("search finds a removed alias: %v", ids)
	}
	// An alias the minutes gave: removed, then restored by a revert.
	var rm struct{ RemoveAlias struct{ ID string } }
	admin(t, h, `mutation { removeAlias(person: "person:jan-andersen", alias: "Jan Andersen") { id } }`, nil, &rm)
	if v := getPerson(t, h, "person:jan-andersen"); slices.Contains(v.Person.Aliases, "Jan Andersen") {
		t.Errorf("minutes alias not removed: %v", v.Person.Aliases)
	}
	admin(t, h, `mutation($id: ID!) { revertCorrection(id: $id) { id } }`, map[string]any{"id": rm.RemoveAlias.ID}, nil)
	if v := getPerson(t, h, "person:jan-andersen"); !slices.Contains(v.Person.Aliases, "Jan Andersen") {
		t.Errorf("revert did not restore the alias: %v", v.Person.Aliases)
	}
	// Removing an alias the person does not have is NOT_FOUND.
	r := postAs(t, h, adminToken, `mutation { removeAlias(person: "person:jan-andersen", alias: "Nobody") { id } }`, nil)
	if c := r.codes(); len(c) != 1 || c[0] != CodeNotFound {
		t.Errorf("removing a missing alias: %v", c)
	}
}

func heldOn(t *testing.T, h http.Handler, day string) bool {
	t.Helper()
	var out struct {
		Person struct {
			Memberships []struct{ ID, StartDate, EndDate string }
		}
	}
	query(t, h, `query($d: Date!) { person(id: "person:vibeke-gamst") { memberships(asOf: $d) { id startDate endDate } } }`, map[string]any{"d": day}, &out)
	return slices.ContainsFunc(out.Person.Memberships, func(m struct{ ID, StartDate, EndDate string }) bool { return m.ID == seatID })
}

func TestAdminMembershipDatesSurviveReloads(t *testing.T) {
	store := freshSample(t)
	h := newTestHandler(t, store, adminCfg)
	if !heldOn(t, h, "2026-06-01") {
		t.Fatal("the undated seat should be held on any day")
	}
	admin(t, h, `mutation($m: ID!) { correctMembership(id: $m, startDate: "2027-01-01", endDate: "2027-06-30", reason: "council starts 2027") { id } }`, map[string]any{"m": seatID}, nil)
	admin(t, h, `mutation { addAlias(person: "person:vibeke-gamst", alias: "Vibse Gamsted") { id } }`, nil, nil)
	admin(t, h, `mutation($k: ID!, $a: ID!) { mergePeople(keep: $k, absorb: $a) { id } }`, map[string]any{"k": keepID, "a": absorbID}, nil)
	check := func(when string) {
		t.Helper()
		for day, want := range map[string]bool{"2026-06-01": false, "2027-03-01": true, "2027-07-01": false} {
			if got := heldOn(t, h, day); got != want {
				t.Errorf("%s: seat held on %s = %v, want %v", when, day, got, want)
			}
		}
		v := getPerson(t, h, keepID)
		if !slices.Contains(v.Person.Aliases, "Vibse Gamsted") || len(v.Person.Memberships) != 2 {
			t.Errorf("%s: %+v", when, v.Person)
		}
	}
	check("corrected")
	l := loader.New(store, loader.Options{})
	if _, err := l.LoadReference(context.Background()); err != nil {
		t.Fatal(err)
	}
	orig := sampleMinutes(t, nordDoc)
	for _, data := range [][]byte{append(slices.Clone(orig), "\n"...), orig} {
		if _, err := l.LoadBytes(context.Background(), nordDoc, data); err != nil {
			t.Fatal(err)
		}
		check("after reloads")
	}
}

func TestAdminLoadDocument(t *testing.T) {
	store := freshSample(t)
	h := newTestHandler(t, store, adminCfg)
	docs := func() int {
		var out struct{ Stats struct{ Documents int } }
		query(t, h, `{ stats { documents } }`, nil, &out)
		return out.Stats.Documents
	}
	n := docs()

	// Without a token the upload is refused before its body is read.
	if r, status := upload(t, h, "", "new.txt", sampleMinutes(t, nordDoc)); status != http.StatusUnauthorized || len(r.codes()) != 1 || r.codes()[0] != CodeUnauthenticated {
		t.Errorf("upload without a token: %d %v", status, r.codes())
	}
	// A server without admin tokens takes no uploads.
	if r, status := upload(t, newTestHandler(t, store, Config{}), adminToken, "new.txt", sampleMinutes(t, nordDoc)); status != http.StatusUnsupportedMediaType || len(r.codes()) != 1 || r.codes()[0] != CodeBadUserInput {
		t.Errorf("upload to a server without tokens: %d %v", status, r.codes())
	}
	// A bad file: a coded error naming file and line, nothing written.
	r, _ := upload(t, h, adminToken, "bad.txt", []byte("REFERAT\nMødedato: 1. maj 2025\nhello \x00 world\n"))
	if c := r.codes(); len(c) != 1 || c[0] != CodeBadUserInput || !strings.Contains(r.Errors[0].Message, "bad.txt:3") {
		t.Errorf("bad upload: %+v", r.Errors)
	}
	if docs() != n || correctionCount(t, h) != 0 {
		t.Errorf("a bad upload wrote something")
	}
	// A good one loads and is recorded; reverting it deletes the document.
	r, _ = upload(t, h, adminToken, "2025-05-01_copy.txt", sampleMinutes(t, nordDoc))
	var out struct {
		LoadDocument struct {
			Result struct {
				DocumentID string
				Facts      int
				Replaced   bool
			}
			Correction struct{ ID, Kind, Actor, Document string }
		}
	}
	if len(r.Errors) > 0 {
		t.Fatalf("upload: %+v", r.Errors)
	}
	_ = json.Unmarshal(r.Data, &out)
	res, c := out.LoadDocument.Result, out.LoadDocument.Correction
	if res.DocumentID != "document:2025-05-01_copy.txt" || res.Facts == 0 || res.Replaced || c.Kind != graph.CorrectionLoadDocument || c.Actor != "alice" || c.Document != res.DocumentID {
		t.Errorf("upload result: %+v", out.LoadDocument)
	}
	if docs() != n+2 { // the document and its record, an admin document
		t.Errorf("documents after the upload: %d, want %d", docs(), n+2)
	}
	// A name that would take a correction's place is refused.
	if r, _ := upload(t, h, adminToken, "admin-000001", sampleMinutes(t, nordDoc)); len(r.codes()) != 1 || r.codes()[0] != CodeBadUserInput {
		t.Errorf("upload named as a correction: %v", r.codes())
	}
	admin(t, h, `mutation($id: ID!) { revertCorrection(id: $id) { id } }`, map[string]any{"id": c.ID}, nil)
	if docs() != n+1 { // the correction's record stays; the document is gone
		t.Errorf("documents after reverting the load: %d, want %d", docs(), n+1)
	}
	var d struct{ Document *struct{ ID string } }
	query(t, h, `{ document(id: "document:2025-05-01_copy.txt") { id } }`, nil, &d)
	if d.Document != nil {
		t.Errorf("the reverted load's document is still there")
	}
}

func TestAdminCorrectionsPage(t *testing.T) {
	h := newTestHandler(t, freshSample(t), adminCfg)
	for _, a := range []string{"A One", "A Two", "A Three"} {
		admin(t, h, `mutation($a: String!) { addAlias(person: "person:vibeke-gamst", alias: $a) { id } }`, map[string]any{"a": a}, nil)
	}
	type page struct {
		Corrections struct {
			Nodes []struct {
				Number     int
				Alias      string
				RevertedAt *string
			}
			EndCursor   string
			HasNextPage bool
			TotalCount  int
		}
	}
	var p1, p2 page
	admin(t, h, `{ corrections(first: 2) { nodes { number alias revertedAt } endCursor hasNextPage totalCount } }`, nil, &p1)
	admin(t, h, `query($a: String) { corrections(first: 2, after: $a) { nodes { number alias } endCursor hasNextPage totalCount } }`, map[string]any{"a": p1.Corrections.EndCursor}, &p2)
	if c := p1.Corrections; len(c.Nodes) != 2 || !c.HasNextPage || c.TotalCount != 3 || c.Nodes[0].Alias != "A One" || c.Nodes[0].RevertedAt != nil {
		t.Errorf("page 1: %+v", c)
	}
	if c := p2.Corrections; len(c.Nodes) != 1 || c.HasNextPage || c.Nodes[0].Number != 3 || c.Nodes[0].Alias != "A Three" {
		t.Errorf("page 2: %+v", c)
	}
}
