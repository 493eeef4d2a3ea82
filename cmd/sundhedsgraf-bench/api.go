package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/embedded"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/graph/transition"
	"github.com/sundhedsgraf/sundhedsgraf/loader"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

// The three targets each query of the mix is measured on.
const (
	targetAPI    = "api"    // GraphQL over loopback HTTP
	targetDirect = "direct" // floor (a): the store in-process, no HTTP, no GraphQL
	targetPlain  = "plain"  // floor (b): a minimal net/http handler encoding JSON
)

// params are the IDs the query mix asks about, chosen from the loaded
// corpus so that every query has a non-trivial answer.
type params struct {
	PersonID  string `json:"personId"`
	BodyID    string `json:"bodyId"`
	AsOf      string `json:"asOf"`
	MeetingID string `json:"meetingId"`
	ClusterID string `json:"clusterId"`
	CouncilID string `json:"councilId"`
	Search    string `json:"search"`
}

// benchQuery is one query of the mix: its GraphQL form (empty when the API
// does not expose it) and the same answer read straight from the store.
type benchQuery struct {
	name   string
	gql    string
	vars   func(params) map[string]any
	direct func(ctx context.Context, s graph.Store, p params) (any, error)
}

// The GraphQL fields of each query and the floors' answers hold the same
// facts: the floors return the merged facts themselves (every field), which
// is at least what the GraphQL query selects.
var queryMix = []benchQuery{
	{
		name: "person_seats",
		gql: `query($id: ID!) { person(id: $id) { id name party titles organisation { id name }
  memberships { id role title startDate endDate firstSeen lastSeen onBehalfOf { id name } body { id name kind level cluster { id name } } } } }`,
		vars:   func(p params) map[string]any { return map[string]any{"id": p.PersonID} },
		direct: personSeats,
	},
	{
		name: "body_members_asof",
		gql: `query($id: ID!, $d: Date) { body(id: $id) { id name kind level
  members(asOf: $d) { id role startDate endDate firstSeen person { id name party } onBehalfOf { id name } } } }`,
		vars:   func(p params) map[string]any { return map[string]any{"id": p.BodyID, "d": p.AsOf} },
		direct: bodyMembersAsOf,
	},
	{
		name: "meeting_attendance",
		gql: `query($id: ID!) { meeting(id: $id) { id date location body { id name } cluster { id name }
  attendance { id status items note participant { id name organisation { id name } } substituteFor { id name } } } }`,
		vars:   func(p params) map[string]any { return map[string]any{"id": p.MeetingID} },
		direct: meetingAttendance,
	},
	{
		name: "cluster_tree",
		gql: `query($id: ID) { cluster(id: $id) { id name region { id name } municipalities { id name }
  bodies { id name kind level children { id name kind level children { id name kind } } } } }`,
		vars:   func(p params) map[string]any { return map[string]any{"id": p.ClusterID} },
		direct: clusterTree,
	},
	{
		name:   "search",
		gql:    `query($t: String!) { search(text: $t, first: 20) { kind score snippet node { id } } }`,
		vars:   func(p params) map[string]any { return map[string]any{"t": p.Search} },
		direct: search,
	},
	{
		name: "network_cluster",
		gql: `query($c: ID) { network(kind: CO_MEMBERSHIP, cluster: $c) { nodeCount edgeCount modularity
  nodes { id kind label degree weightedDegree betweenness pageRank community }
  edges { from to weight via } clusters { id name } } }`,
		vars: func(p params) map[string]any { return map[string]any{"c": p.ClusterID} },
		direct: func(ctx context.Context, s graph.Store, p params) (any, error) {
			return network.Build(ctx, s, network.Params{Kind: network.CoMembership, ClusterID: p.ClusterID})
		},
	},
	{
		name: "council_transition",
		gql: `query($id: ID!) { healthCouncil(id: $id) { id name transition { cutover
  municipalities { code name uncertain origins }
  predecessors { name sharedMunicipalityCount municipalityCount splits uncertain }
  bodies { name kind level members { name role onBehalfOfName title startDate endDate firstSeen lastSeen } }
  people { name severalClusters councilMember }
  initiatives { name amountDKK startDate endDate status openEnded endsAtCutover ownerName orphaned }
  money { totalDKK runningDKK endingAtCutoverDKK clusterOwnedDKK proRataDKK withAmount withoutAmount }
  councilMembers { name role onBehalfOfName party inPredecessors } } } }`,
		vars: func(p params) map[string]any { return map[string]any{"id": p.CouncilID} },
		direct: func(ctx context.Context, s graph.Store, p params) (any, error) {
			return transition.ForCouncil(ctx, s, p.CouncilID, "")
		},
	},
}

// getOne fetches one fact of type T. The floors read graph.ReadOnly, as
// the API's loaders do: they change nothing they read.
func getOne[T any](ctx context.Context, s graph.Store, id string) (T, error) {
	var zero T
	m, err := s.Get(graph.ReadOnly(ctx), []string{id})
	if err != nil {
		return zero, err
	}
	t, ok := m[id].(T)
	if !ok {
		return zero, graph.Errorf(graph.ErrNotFound, "%s not found", id)
	}
	return t, nil
}

func getMany(ctx context.Context, s graph.Store, ids []string) (map[string]any, error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == "" })
	if len(ids) == 0 {
		return map[string]any{}, nil
	}
	slices.Sort(ids)
	return s.Get(graph.ReadOnly(ctx), slices.Compact(ids))
}

// The floors answer with the same fields the GraphQL query selects, so
// that the three targets encode the same answer.

// ref is a fact named by ID and name.
type ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func refOf(id, name string) *ref {
	if id == "" {
		return nil
	}
	return &ref{ID: id, Name: name}
}

type seat struct {
	ID         string `json:"id"`
	Role       string `json:"role"`
	Title      string `json:"title"`
	StartDate  string `json:"startDate"`
	EndDate    string `json:"endDate"`
	FirstSeen  string `json:"firstSeen"`
	LastSeen   string `json:"lastSeen"`
	OnBehalfOf *ref   `json:"onBehalfOf"`
	Body       struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Kind    string `json:"kind"`
		Level   string `json:"level"`
		Cluster *ref   `json:"cluster"`
	} `json:"body"`
}

func orgRef(facts map[string]any, id string) *ref {
	if o, ok := facts[id].(*graph.Organisation); ok {
		return refOf(o.ID, o.Name)
	}
	return nil
}

// personSeats: the person, their organisation and every seat with its body
// and the body's cluster. Get, Related, Get, Get, Get.
func personSeats(ctx context.Context, s graph.Store, p params) (any, error) {
	person, err := getOne[*graph.Person](ctx, s, p.PersonID)
	if err != nil {
		return nil, err
	}
	rel, err := s.Related(ctx, graph.RelMembershipsOfPerson, []string{p.PersonID})
	if err != nil {
		return nil, err
	}
	ms, err := getMany(ctx, s, rel[p.PersonID])
	if err != nil {
		return nil, err
	}
	ids := []string{person.OrganisationID}
	for _, f := range ms {
		m := f.(*graph.Membership)
		ids = append(ids, m.BodyID, m.OnBehalfOfID)
	}
	more, err := getMany(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	var cids []string
	for _, f := range more {
		if b, ok := f.(*graph.Body); ok {
			cids = append(cids, b.ClusterID)
		}
	}
	clusters, err := getMany(ctx, s, cids)
	if err != nil {
		return nil, err
	}
	out := struct {
		ID           string   `json:"id"`
		Name         string   `json:"name"`
		Party        string   `json:"party"`
		Titles       []string `json:"titles"`
		Organisation *ref     `json:"organisation"`
		Memberships  []seat   `json:"memberships"`
	}{ID: person.ID, Name: person.Name, Party: person.Party, Titles: person.Titles, Organisation: orgRef(more, person.OrganisationID), Memberships: []seat{}}
	for _, id := range rel[p.PersonID] {
		m, ok := ms[id].(*graph.Membership)
		if !ok {
			continue
		}
		st := seat{ID: m.ID, Role: m.Role, Title: m.Title, StartDate: m.StartDate, EndDate: m.EndDate, FirstSeen: m.FirstSeen, LastSeen: m.LastSeen,
			OnBehalfOf: orgRef(more, m.OnBehalfOfID)}
		if b, ok := more[m.BodyID].(*graph.Body); ok {
			st.Body.ID, st.Body.Name, st.Body.Kind, st.Body.Level = b.ID, b.Name, b.Kind, b.Level
			if c, ok := clusters[b.ClusterID].(*graph.Cluster); ok {
				st.Body.Cluster = refOf(c.ID, c.Name)
			}
		}
		out.Memberships = append(out.Memberships, st)
	}
	return out, nil
}

// bodyMembersAsOf: the body and the seats held on a day by the API's rule
// (graph.HeldOn: a seat without a stated end ends when the body's
// participant lists stop showing its holder), with people and
// organisations. Get, Related, Get, then, if a seat has no stated end, the
// body's meetings and their attendance (Related, Get, Related, Get), then
// Get: 8 calls, as the API makes.
func bodyMembersAsOf(ctx context.Context, s graph.Store, p params) (any, error) {
	body, err := getOne[*graph.Body](ctx, s, p.BodyID)
	if err != nil {
		return nil, err
	}
	rel, err := s.Related(ctx, graph.RelMembershipsOfBody, []string{p.BodyID})
	if err != nil {
		return nil, err
	}
	ms, err := getMany(ctx, s, rel[p.BodyID])
	if err != nil {
		return nil, err
	}
	var lists []graph.ParticipantList
	if slices.ContainsFunc(rel[p.BodyID], func(id string) bool {
		m, ok := ms[id].(*graph.Membership)
		return ok && m.EndDate == ""
	}) {
		if lists, err = participantLists(ctx, s, p.BodyID); err != nil {
			return nil, err
		}
	}
	var held []*graph.Membership
	var ids []string
	for _, id := range rel[p.BodyID] {
		if m, ok := ms[id].(*graph.Membership); ok && graph.HeldOn(m, lists, p.AsOf) {
			held = append(held, m)
			ids = append(ids, m.PersonID, m.OnBehalfOfID)
		}
	}
	more, err := getMany(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	type member struct {
		ID        string `json:"id"`
		Role      string `json:"role"`
		StartDate string `json:"startDate"`
		EndDate   string `json:"endDate"`
		FirstSeen string `json:"firstSeen"`
		Person    *struct {
			ID    string `json:"id"`
			Name  string `json:"name"`
			Party string `json:"party"`
		} `json:"person"`
		OnBehalfOf *ref `json:"onBehalfOf"`
	}
	out := struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Level   string   `json:"level"`
		Members []member `json:"members"`
	}{ID: body.ID, Name: body.Name, Kind: body.Kind, Level: body.Level, Members: []member{}}
	for _, m := range held {
		x := member{ID: m.ID, Role: m.Role, StartDate: m.StartDate, EndDate: m.EndDate, FirstSeen: m.FirstSeen, OnBehalfOf: orgRef(more, m.OnBehalfOfID)}
		if pp, ok := more[m.PersonID].(*graph.Person); ok {
			x.Person = &struct {
				ID    string `json:"id"`
				Name  string `json:"name"`
				Party string `json:"party"`
			}{pp.ID, pp.Name, pp.Party}
		}
		out.Members = append(out.Members, x)
	}
	return out, nil
}

// participantLists reads a body's meetings and their attendance.
func participantLists(ctx context.Context, s graph.Store, bodyID string) ([]graph.ParticipantList, error) {
	rel, err := s.Related(ctx, graph.RelMeetingsOfBody, []string{bodyID})
	if err != nil {
		return nil, err
	}
	mf, err := getMany(ctx, s, rel[bodyID])
	if err != nil {
		return nil, err
	}
	meetings := make([]*graph.Meeting, 0, len(mf))
	ids := make([]string, 0, len(mf))
	for _, id := range rel[bodyID] {
		if m, ok := mf[id].(*graph.Meeting); ok {
			meetings = append(meetings, m)
			ids = append(ids, m.ID)
		}
	}
	arel, err := s.Related(ctx, graph.RelAttendanceOfMeeting, ids)
	if err != nil {
		return nil, err
	}
	var aids []string
	for _, id := range ids {
		aids = append(aids, arel[id]...)
	}
	af, err := getMany(ctx, s, aids)
	if err != nil {
		return nil, err
	}
	att := make([]*graph.Attendance, 0, len(af))
	for _, id := range aids {
		if a, ok := af[id].(*graph.Attendance); ok {
			att = append(att, a)
		}
	}
	return graph.ParticipantLists(meetings, att)[bodyID], nil
}

// meetingAttendance: the meeting, its body and cluster, and every
// attendance record with the person, their organisation and whom they
// stood in for. Get, Related, Get, Get, Get.
func meetingAttendance(ctx context.Context, s graph.Store, p params) (any, error) {
	m, err := getOne[*graph.Meeting](ctx, s, p.MeetingID)
	if err != nil {
		return nil, err
	}
	rel, err := s.Related(ctx, graph.RelAttendanceOfMeeting, []string{p.MeetingID})
	if err != nil {
		return nil, err
	}
	as, err := getMany(ctx, s, rel[p.MeetingID])
	if err != nil {
		return nil, err
	}
	ids := []string{m.BodyID, m.ClusterID}
	for _, f := range as {
		a := f.(*graph.Attendance)
		ids = append(ids, a.PersonID, a.SubstituteForID)
	}
	more, err := getMany(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	var oids []string
	for _, f := range more {
		if pp, ok := f.(*graph.Person); ok {
			oids = append(oids, pp.OrganisationID)
		}
	}
	orgs, err := getMany(ctx, s, oids)
	if err != nil {
		return nil, err
	}
	type person struct {
		ID           string `json:"id"`
		Name         string `json:"name"`
		Organisation *ref   `json:"organisation,omitempty"`
	}
	type row struct {
		ID            string  `json:"id"`
		Status        string  `json:"status"`
		Items         string  `json:"items"`
		Note          string  `json:"note"`
		Participant   *person `json:"participant"`
		SubstituteFor *ref    `json:"substituteFor"`
	}
	out := struct {
		ID         string `json:"id"`
		Date       string `json:"date"`
		Location   string `json:"location"`
		Body       *ref   `json:"body"`
		Cluster    *ref   `json:"cluster"`
		Attendance []row  `json:"attendance"`
	}{ID: m.ID, Date: m.Date, Location: m.Location, Attendance: []row{}}
	if b, ok := more[m.BodyID].(*graph.Body); ok {
		out.Body = refOf(b.ID, b.Name)
	}
	if c, ok := more[m.ClusterID].(*graph.Cluster); ok {
		out.Cluster = refOf(c.ID, c.Name)
	}
	for _, id := range rel[p.MeetingID] {
		a, ok := as[id].(*graph.Attendance)
		if !ok {
			continue
		}
		r := row{ID: a.ID, Status: a.Status, Items: a.Items, Note: a.Note}
		if pp, ok := more[a.PersonID].(*graph.Person); ok {
			r.Participant = &person{ID: pp.ID, Name: pp.Name, Organisation: orgRef(orgs, pp.OrganisationID)}
		}
		if pp, ok := more[a.SubstituteForID].(*graph.Person); ok {
			r.SubstituteFor = refOf(pp.ID, pp.Name)
		}
		out.Attendance = append(out.Attendance, r)
	}
	return out, nil
}

// clusterTree: the cluster, its region and municipalities, its bodies and
// two levels of sub-bodies. Get, Related ×2, Get, Related, Get, Related, Get.
func clusterTree(ctx context.Context, s graph.Store, p params) (any, error) {
	c, err := getOne[*graph.Cluster](ctx, s, p.ClusterID)
	if err != nil {
		return nil, err
	}
	bodiesRel, err := s.Related(ctx, graph.RelBodiesOfCluster, []string{c.ID})
	if err != nil {
		return nil, err
	}
	munis, err := s.Related(ctx, graph.RelMunicipalitiesOfCluster, []string{c.ID})
	if err != nil {
		return nil, err
	}
	top, err := getMany(ctx, s, append(append([]string{c.RegionID}, bodiesRel[c.ID]...), munis[c.ID]...))
	if err != nil {
		return nil, err
	}
	type node struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Kind     string  `json:"kind"`
		Level    string  `json:"level"`
		Children []*node `json:"children"`
	}
	// Two levels of children, one Related and one Get per level.
	level := func(parents []*node) ([]*node, error) {
		ids := make([]string, len(parents))
		for i, n := range parents {
			ids[i] = n.ID
		}
		if len(ids) == 0 {
			return nil, nil
		}
		rel, err := s.Related(ctx, graph.RelChildBodies, ids)
		if err != nil {
			return nil, err
		}
		var kids []string
		for _, v := range rel {
			kids = append(kids, v...)
		}
		facts, err := getMany(ctx, s, kids)
		if err != nil {
			return nil, err
		}
		var next []*node
		for _, n := range parents {
			n.Children = []*node{}
			for _, id := range rel[n.ID] {
				if b, ok := facts[id].(*graph.Body); ok {
					k := &node{ID: b.ID, Name: b.Name, Kind: b.Kind, Level: b.Level}
					n.Children = append(n.Children, k)
					next = append(next, k)
				}
			}
		}
		return next, nil
	}
	out := struct {
		ID             string  `json:"id"`
		Name           string  `json:"name"`
		Region         *ref    `json:"region"`
		Municipalities []ref   `json:"municipalities"`
		Bodies         []*node `json:"bodies"`
	}{ID: c.ID, Name: c.Name, Municipalities: []ref{}, Bodies: []*node{}}
	if r, ok := top[c.RegionID].(*graph.Region); ok {
		out.Region = refOf(r.ID, r.Name)
	}
	for _, id := range munis[c.ID] {
		if m, ok := top[id].(*graph.Municipality); ok {
			out.Municipalities = append(out.Municipalities, ref{m.ID, m.Name})
		}
	}
	for _, id := range bodiesRel[c.ID] {
		if b, ok := top[id].(*graph.Body); ok {
			out.Bodies = append(out.Bodies, &node{ID: b.ID, Name: b.Name, Kind: b.Kind, Level: b.Level})
		}
	}
	next, err := level(out.Bodies)
	if err != nil {
		return nil, err
	}
	if _, err := level(next); err != nil {
		return nil, err
	}
	return out, nil
}

// search: the ranked hits, as the API's search field returns them.
func search(ctx context.Context, s graph.Store, p params) (any, error) {
	return s.Search(ctx, p.Search, nil, 20)
}

// sample is one measured request.
type sample struct {
	lat   time.Duration
	calls int64
	err   bool
}

// measurement is one query on one target in one run.
type measurement struct {
	Query      string  `json:"query"`
	Target     string  `json:"target"`
	Run        int     `json:"run"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	P50ms      float64 `json:"p50ms"`
	P99ms      float64 `json:"p99ms"`
	RPS        float64 `json:"rps"`
	CallsPerRq float64 `json:"storeCallsPerRequest"`
	MaxCalls   int64   `json:"maxStoreCallsPerRequest"`
	Bytes      int     `json:"responseBytes"`
	// WallSeconds is the wall time of the query's interleaved run, which
	// all its targets shared (it includes the others' turns).
	WallSeconds float64 `json:"interleavedWallSeconds"`
}

// driveInterleaved measures one query on several targets in alternation:
// dos[t] makes one request of target t. The targets take turns, in rounds:
// in its turn a target gets batch requests per client, made by clients
// goroutines, and the next target starts when they are done. A round gives
// every target one turn, in an order that rotates with the round so that
// no target always follows the same other one (and inherits its garbage).
// It stops when every target has had requests requests or the time limit
// passes, whichever is first, and returns each target's samples.
//
// Why alternate: run one after the other, the targets met different GC
// phases. On the 10× store (heap ~713 MiB) a mark phase lasts seconds, and
// the target running during it paid the mark assists of everything
// allocated meanwhile (a profile showed the very same store Gets costing
// 4.4× as much on the api target as on plain for that reason). A turn
// lasts milliseconds, so every phase spans turns of every target, and all
// targets see the same GC phases and the same machine load.
//
// Why turns rather than mixing the targets' requests: on 2 cores with 4
// clients a request's latency is mostly waiting for a core, and mixed,
// every target waits behind the others' work, which pulls the latencies
// together and the ratios towards 1 (at 1×, mixed request by request, p50
// api/(b) of person_seats, body_members_asof, meeting_attendance and
// cluster_tree was 1.27–1.66; in turns 2.13–2.84, as when run one after
// the other; load average 3–6 both times). In its own turn each target is measured at the set concurrency on its own,
// as before. The clients drain at the end of a turn, a short stretch at
// lower concurrency; batch sets how often that happens.
func driveInterleaved(ctx context.Context, clients, requests, batch int, limit time.Duration, dos []func(ctx context.Context) sample) [][]sample {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	k := len(dos)
	res := make([][]sample, k)
	started := make([]int, k)
	for round := 0; ctx.Err() == nil; round++ {
		turns := 0
		for j := range k {
			t := (round + j) % k
			n := min(batch*clients, requests-started[t])
			if n <= 0 || ctx.Err() != nil {
				continue
			}
			started[t] += n
			res[t] = append(res[t], drive(ctx, clients, n, dos[t])...)
			turns++
		}
		if turns == 0 {
			break
		}
	}
	return res
}

// drive makes n requests with do from clients goroutines, or fewer if ctx
// ends first.
func drive(ctx context.Context, clients, n int, do func(ctx context.Context) sample) []sample {
	var next atomic.Int64
	out := make([]sample, n)
	var wg sync.WaitGroup
	for range min(clients, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				out[i] = do(ctx)
			}
		})
	}
	wg.Wait()
	// Requests cut short by the end of the time limit answer with a zero
	// sample; they are left out, like those never started.
	res := out[:0]
	for _, s := range out[:min(int(next.Load()), n)] {
		if s.lat > 0 {
			res = append(res, s)
		}
	}
	return res
}

// summarise reduces one target's samples. Its throughput is the rate the
// clients served that target while busy with it: requests over the time
// the clients spent in its requests (the sum of latencies over the
// clients), since in an interleaved run the wall time is shared by all
// targets.
func summarise(q, target string, run int, ss []sample, clients int, bytes int) measurement {
	m := measurement{Query: q, Target: target, Run: run, Requests: len(ss), Bytes: bytes}
	lats := make([]time.Duration, 0, len(ss))
	var calls int64
	var busy time.Duration
	for _, s := range ss {
		busy += s.lat
		if s.err {
			m.Errors++
			continue
		}
		lats = append(lats, s.lat)
		calls += s.calls
		m.MaxCalls = max(m.MaxCalls, s.calls)
	}
	slices.Sort(lats)
	m.P50ms, m.P99ms = ms(percentile(lats, 50)), ms(percentile(lats, 99))
	if busy > 0 {
		m.RPS = float64(len(lats)) / (busy.Seconds() / float64(clients))
	}
	if len(lats) > 0 {
		m.CallsPerRq = float64(calls) / float64(len(lats))
	}
	return m
}

// targetEnv is what the targets' requests are made with.
type targetEnv struct {
	gql   *gqlClient
	http  *http.Client
	srv   *server        // nil with -url
	store *countingStore // nil with -url
	p     params
	seq   atomic.Int64 // request IDs
}

// targets lists the targets a query is measured on: the API if it exposes
// the query, and the floors if the store is in-process.
func (e *targetEnv) targets(exposed bool) []string {
	var ts []string
	if exposed {
		ts = append(ts, targetAPI)
	}
	if e.store != nil {
		ts = append(ts, targetDirect, targetPlain)
	}
	return ts
}

// request returns a function making one request of query q on target t,
// and where it keeps the size of the last answer.
func (e *targetEnv) request(q benchQuery, t string) (func(ctx context.Context) sample, *atomic.Int64) {
	size := new(atomic.Int64)
	// done is the sample of HTTP request id, sent at t0, answered with b:
	// its latency, the store calls the server counted for it, and nothing
	// for a request the end of the run cut short.
	done := func(ctx context.Context, id string, t0 time.Time, b []byte, err error) sample {
		lat := time.Since(t0)
		size.Store(int64(len(b)))
		var n int64
		if e.srv != nil {
			v, _ := e.srv.apiCalls.LoadAndDelete(id)
			if cc, _ := v.(*callCounter); cc != nil {
				n = cc.n.Load()
			}
		}
		if ctx.Err() != nil {
			return sample{}
		}
		return sample{lat: lat, calls: n, err: err != nil}
	}
	switch t {
	case targetAPI:
		// The request body is the same every time: encoded once, so that
		// the client's work is the same as plain's (send, read the answer).
		body, err := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars(e.p)})
		return func(ctx context.Context) sample {
			if err != nil {
				return sample{lat: 1, err: true}
			}
			id := fmt.Sprint(e.seq.Add(1))
			t0 := time.Now()
			b, err := e.gql.post(ctx, body, id)
			return done(ctx, id, t0, b, err)
		}, size
	case targetPlain:
		u := e.srv.base + "/plain/" + q.name
		return func(ctx context.Context) sample {
			id := fmt.Sprint(e.seq.Add(1))
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			req.Header.Set("X-Bench-ID", id)
			t0 := time.Now()
			resp, err := e.http.Do(req)
			var b []byte
			if err == nil {
				b, err = io.ReadAll(resp.Body)
				resp.Body.Close()
				if err == nil && resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			return done(ctx, id, t0, b, err)
		}, size
	default: // targetDirect
		return func(ctx context.Context) sample {
			cc := &callCounter{}
			t0 := time.Now()
			_, err := q.direct(withCounter(ctx, cc), e.store, e.p)
			if ctx.Err() != nil {
				return sample{}
			}
			return sample{lat: time.Since(t0), calls: cc.n.Load(), err: err != nil}
		}, size
	}
}

// allocation is what one request allocates on the heap.
type allocation struct{ bytes, objects float64 }

// allocWarmup requests precede the counted ones of the allocation pass
// (connection set up, lazily built caches, pools filled).
const allocWarmup = 5

// allocsPerRequest makes n requests one at a time after a warm-up and
// returns the heap bytes and objects allocated per request by the whole
// process. The server is in-process, so this is the server's and the
// client's allocation on that path: for api and plain the client's share
// is the same code (net/http client, a request body encoded once, the
// answer read with io.ReadAll, which grows with the answer); direct has no
// HTTP and no encoding. Unlike latency it does not depend on when GC runs
// or on the machine's load.
//
// The counts are runtime.MemStats' TotalAlloc and Mallocs, the same
// counters as runtime/metrics' /gc/heap/allocs:bytes and :objects; reading
// MemStats flushes every P's allocation cache first, so the difference is
// exact, whereas runtime/metrics would lag by up to a cached span per size
// class.
func allocsPerRequest(ctx context.Context, n int, do func(ctx context.Context) sample) (allocation, error) {
	for range allocWarmup {
		if s := do(ctx); s.err || s.lat == 0 {
			return allocation{}, fmt.Errorf("warm-up request failed")
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	failed := 0
	for range n {
		if s := do(ctx); s.err || s.lat == 0 {
			failed++
		}
	}
	runtime.ReadMemStats(&after)
	if failed > 0 {
		return allocation{}, fmt.Errorf("%d of %d requests failed", failed, n)
	}
	return allocation{
		bytes:   float64(after.TotalAlloc-before.TotalAlloc) / float64(n),
		objects: float64(after.Mallocs-before.Mallocs) / float64(n),
	}, nil
}

// server is the service under test, started in-process on loopback.
type server struct {
	base     string // http://127.0.0.1:PORT
	store    *countingStore
	close    func()
	apiCalls *sync.Map // request ID -> *callCounter
}

const callsHeader = "X-Bench-Store-Calls"

// countCalls gives each request a call counter and reports its count in a
// trailer-free way: the handler writes it into a response header before
// the body, which is too early, so the count is kept server-side under the
// request's X-Bench-ID and read back by the client.
func countCalls(reg *sync.Map, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &callCounter{}
		if id := r.Header.Get("X-Bench-ID"); id != "" {
			reg.Store(id, c)
		}
		next.ServeHTTP(w, r.WithContext(withCounter(r.Context(), c)))
	})
}

// plainHandler is floor (b): GET /plain/NAME answers query NAME of the mix
// by calling the same store methods as floor (a) and encoding JSON.
func plainHandler(s graph.Store, p params) http.Handler {
	mux := http.NewServeMux()
	for _, q := range queryMix {
		mux.HandleFunc("GET /plain/"+q.name, func(w http.ResponseWriter, r *http.Request) {
			v, err := q.direct(r.Context(), s, p)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(v)
		})
	}
	return mux
}

func startServer(s *countingStore, p params, wait time.Duration) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	reg := &sync.Map{}
	api := resolvers.NewHandler(s, resolvers.Config{LoaderWait: wait}, slog.New(slog.DiscardHandler))
	mux := http.NewServeMux()
	mux.Handle("/plain/", countCalls(reg, plainHandler(s, p)))
	mux.Handle("/", countCalls(reg, api))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &server{base: "http://" + ln.Addr().String(), store: s, apiCalls: reg, close: func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}}, nil
}

// gqlClient posts GraphQL requests.
type gqlClient struct {
	http *http.Client
	url  string
}

func (c *gqlClient) do(ctx context.Context, query string, vars map[string]any, id string) ([]byte, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	return c.post(ctx, body, id)
}

// post sends an encoded GraphQL request; id, if set, names it for the
// server's store-call count.
func (c *gqlClient) post(ctx context.Context, body []byte, id string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if id != "" {
		req.Header.Set("X-Bench-ID", id)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	if bytes.Contains(b, []byte(`"errors"`)) {
		return b, fmt.Errorf("GraphQL errors: %.300s", b)
	}
	return b, nil
}

// chooseParams picks the IDs the mix asks about: the person with the most
// seats among the first people by name, the cluster with the most bodies,
// its political level, a meeting of it in the middle of its history (and
// that meeting's date for members as of), and the council that takes
// most of the cluster's municipalities.
func chooseParams(ctx context.Context, s graph.Store, text string) (params, error) {
	p := params{Search: text}
	people, err := s.List(ctx, graph.KindPerson, graph.Filter{}, graph.Page{First: 500})
	if err != nil {
		return p, err
	}
	rel, err := s.Related(ctx, graph.RelMembershipsOfPerson, people.IDs)
	if err != nil {
		return p, err
	}
	best := -1
	for _, id := range people.IDs {
		if n := len(rel[id]); n > best {
			p.PersonID, best = id, n
		}
	}
	clusters, err := s.List(ctx, graph.KindCluster, graph.Filter{}, graph.Page{First: 100})
	if err != nil {
		return p, err
	}
	bodies, err := s.Related(ctx, graph.RelBodiesOfCluster, clusters.IDs)
	if err != nil {
		return p, err
	}
	best = -1
	for _, id := range clusters.IDs {
		if n := len(bodies[id]); n > best {
			p.ClusterID, best = id, n
		}
	}
	bs, err := getMany(ctx, s, bodies[p.ClusterID])
	if err != nil {
		return p, err
	}
	for _, id := range bodies[p.ClusterID] {
		if b, ok := bs[id].(*graph.Body); ok && (p.BodyID == "" || b.Level == graph.LevelPolitical && b.ParentID == "") {
			p.BodyID = id
			if b.Level == graph.LevelPolitical && b.ParentID == "" {
				break
			}
		}
	}
	meetings, err := s.Related(ctx, graph.RelMeetingsOfBody, []string{p.BodyID})
	if err != nil {
		return p, err
	}
	if ms := meetings[p.BodyID]; len(ms) > 0 {
		p.MeetingID = ms[len(ms)/2]
		m, err := getOne[*graph.Meeting](ctx, s, p.MeetingID)
		if err != nil {
			return p, err
		}
		p.AsOf = m.Date
	}
	c, err := getOne[*graph.Cluster](ctx, s, p.ClusterID)
	if err != nil {
		return p, err
	}
	munis, err := getMany(ctx, s, c.MunicipalityIDs)
	if err != nil {
		return p, err
	}
	votes := map[string]int{}
	for _, f := range munis {
		if m, ok := f.(*graph.Municipality); ok && m.CouncilID != "" {
			votes[m.CouncilID]++
		}
	}
	best = -1
	for id, n := range votes {
		if n > best || n == best && id < p.CouncilID {
			p.CouncilID, best = id, n
		}
	}
	if p.PersonID == "" || p.BodyID == "" || p.MeetingID == "" || p.CouncilID == "" {
		return p, fmt.Errorf("the corpus lacks a person, body, meeting or council to ask about: %+v", p)
	}
	return p, nil
}

// apiReport is the API benchmark's output.
type apiReport struct {
	Scale        int           `json:"scale"`
	Docs         int           `json:"documents"`
	Facts        int           `json:"facts"`
	Clients      int           `json:"clients"`
	Requests     int           `json:"requestsPerQueryTargetRun"`
	Batch        int           `json:"requestsPerClientPerTurn"`
	AllocReqs    int           `json:"allocRequestsPerQueryTarget"`
	LoaderWait   string        `json:"loaderWait"`
	Params       params        `json:"params"`
	HeapInuseMiB float64       `json:"heapInuseAfterGCMiB"`
	RSSMiB       float64       `json:"rssMiB"`
	OpenSeconds  float64       `json:"openSeconds"`
	LoadAvg      []float64     `json:"loadAverages"`
	NotExposed   []string      `json:"notExposedInGraphQL"`
	Runs         []measurement `json:"runs"`
	Rows         []apiRow      `json:"rows"`
}

// apiRow is one query's medians over the runs.
type apiRow struct {
	Query string            `json:"query"`
	P50   map[string]spread `json:"p50ms"`
	P99   map[string]spread `json:"p99ms"`
	RPS   map[string]spread `json:"rps"`
	Calls map[string]spread `json:"storeCallsPerRequest"`
	// Allocation per request from the serial pass (allocsPerRequest), by
	// target; absent with -url or -alloc-requests 0.
	AllocBytes   map[string]float64 `json:"allocBytesPerRequest,omitempty"`
	AllocObjects map[string]float64 `json:"allocObjectsPerRequest,omitempty"`
	Ratios       map[string]float64 `json:"ratios"`
	// The API requests the direct writer answered and gave up on (gqlgen
	// answered those and the rest), counted by the server; absent with
	// -url. A request the run's time limit cuts short on the client can
	// be answered, or given up on when its context ends, and not be among
	// Requests.
	Writer *writerCounts `json:"directWriter,omitempty"`
}

type writerCounts struct {
	Requests int64 `json:"requests"`
	Answered int64 `json:"answered"`
	GaveUp   int64 `json:"gaveUp"`
}

// prepareStore opens (loading first if empty) the embedded store of the
// corpus and returns it reopened, as a restarted server holds it.
func prepareStore(ctx context.Context, c config) (*embedded.Store, string, error) {
	dir := c.data
	if dir == "" {
		dir = filepath.Join(c.root, fmt.Sprintf("store-seed%d-x%d", c.seed, c.scale))
	}
	opts := embedded.Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	s, err := embedded.OpenWith(dir, opts)
	if err != nil {
		return nil, "", err
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return nil, "", err
	}
	if len(docs) == 0 {
		l := loader.New(s, loader.Options{})
		start := time.Now()
		if c.scale == 0 {
			if _, err := l.LoadSample(ctx); err != nil {
				return nil, "", err
			}
		} else {
			cdir, err := corpusDir(c.root, c.seed, c.scale)
			if err != nil {
				return nil, "", err
			}
			files, err := minutesFiles(cdir)
			if err != nil {
				return nil, "", err
			}
			logf("loading %d documents into %s (not timed here; see -mode load)", len(files), dir)
			for i, f := range files {
				if err := ctx.Err(); err != nil {
					return nil, "", err
				}
				data, err := os.ReadFile(f)
				if err != nil {
					return nil, "", err
				}
				if _, err := l.LoadBytes(ctx, filepath.Base(f), data); err != nil {
					logf("%v", err)
				}
				if (i+1)%500 == 0 {
					logf("  %d/%d", i+1, len(files))
				}
			}
		}
		logf("loaded in %s", time.Since(start).Round(time.Second))
	}
	if err := s.Compact(ctx); err != nil {
		return nil, "", err
	}
	_ = s.Close(ctx)
	s, err = embedded.OpenWith(dir, opts)
	return s, dir, err
}

func apiMode(ctx context.Context, c config, stdout io.Writer) (any, error) {
	rep := &apiReport{Scale: c.scale, Clients: c.clients, Requests: c.requests, Batch: c.batch, AllocReqs: c.allocRequests, LoaderWait: c.loaderWait.String()}
	if c.loaderWait == 0 {
		rep.LoaderWait = resolvers.DefaultConfig().LoaderWait.String()
	}
	httpc := &http.Client{Transport: &http.Transport{MaxIdleConns: 4 * c.clients, MaxIdleConnsPerHost: 4 * c.clients, IdleConnTimeout: time.Minute}}
	var srv *server
	var store *countingStore
	var p params
	base := ""
	if c.url != "" {
		u, err := url.Parse(c.url)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return nil, fmt.Errorf("-url must be a loopback address, not %s", u.Host)
		}
		base = strings.TrimSuffix(c.url, "/")
		p, err = paramsFromAPI(ctx, &gqlClient{http: httpc, url: base + "/graphql"}, searchText)
		if err != nil {
			return nil, fmt.Errorf("choosing what to ask through %s: %w", c.url, err)
		}
		rep.Params = p
		logf("measuring %s (API only: the floors need the store in-process); params %+v", base, p)
	} else {
		start := time.Now()
		raw, _, err := prepareStore(ctx, c)
		if err != nil {
			return nil, err
		}
		defer raw.Close(context.Background())
		rep.OpenSeconds = time.Since(start).Seconds()
		store = &countingStore{Store: raw}
		st, err := raw.Stats(ctx)
		if err != nil {
			return nil, err
		}
		rep.Docs = st.Documents
		for _, n := range st.Facts {
			rep.Facts += n
		}
		p, err = chooseParams(ctx, raw, searchText)
		if err != nil {
			return nil, err
		}
		rep.Params = p
		srv, err = startServer(store, p, c.loaderWait)
		if err != nil {
			return nil, err
		}
		defer srv.close()
		base = srv.base
		// Server memory with the corpus loaded: heap in use after a full GC,
		// and the process's RSS after returning freed memory to the OS.
		runtime.GC()
		debug.FreeOSMemory()
		var mst runtime.MemStats
		runtime.ReadMemStats(&mst)
		rep.HeapInuseMiB = mib(mst.HeapInuse)
		rss, _ := procStatus()
		rep.RSSMiB = mib(rss)
		logf("store: %d documents, %d facts; heap in use %.1f MiB, RSS %.1f MiB; params %+v", rep.Docs, rep.Facts, rep.HeapInuseMiB, rep.RSSMiB, p)
	}

	gc := &gqlClient{http: httpc, url: base + "/graphql"}
	mix := queryMix
	if c.only != "" {
		mix = slices.DeleteFunc(slices.Clone(mix), func(q benchQuery) bool { return !strings.Contains(q.name, c.only) })
	}
	exposed := map[string]bool{}
	for _, q := range mix {
		ok := q.gql != ""
		if ok {
			// A failing query is a broken benchmark, not a figure.
			if _, err := gc.do(ctx, q.gql, q.vars(p), ""); err != nil {
				return nil, fmt.Errorf("%s: %w", q.name, err)
			}
		} else {
			rep.NotExposed = append(rep.NotExposed, q.name)
		}
		exposed[q.name] = ok
		if store == nil {
			continue
		}
		if _, err := q.direct(ctx, store, p); err != nil {
			return nil, fmt.Errorf("%s (direct): %w", q.name, err)
		}
	}
	env := &targetEnv{gql: gc, http: httpc, srv: srv, store: store, p: p}
	writer := map[string]*writerCounts{}
	for run := 1; run <= c.runs; run++ {
		rep.LoadAvg = append(rep.LoadAvg, loadAvg())
		for _, q := range mix {
			targets := env.targets(exposed[q.name])
			dos := make([]func(context.Context) sample, len(targets))
			sizes := make([]*atomic.Int64, len(targets))
			for i, t := range targets {
				dos[i], sizes[i] = env.request(q, t)
			}
			// Every query starts from a collected heap; its targets then
			// share whatever GC cycles their own garbage triggers.
			runtime.GC()
			a0, g0 := resolvers.DirectCounts()
			t0 := time.Now()
			sss := driveInterleaved(ctx, c.clients, c.requests, c.batch, c.duration, dos)
			wall := time.Since(t0)
			a1, g1 := resolvers.DirectCounts()
			for i, t := range targets {
				m := summarise(q.name, t, run, sss[i], c.clients, int(sizes[i].Load()))
				m.WallSeconds = wall.Seconds()
				rep.Runs = append(rep.Runs, m)
				if t == targetAPI && srv != nil {
					w := writer[q.name]
					if w == nil {
						w = &writerCounts{}
						writer[q.name] = w
					}
					w.Requests += int64(m.Requests)
					w.Answered += a1 - a0
					w.GaveUp += g1 - g0
				}
				if m.Errors > 0 {
					logf("%s on %s: %d of %d requests failed", q.name, t, m.Errors, m.Requests)
				}
			}
		}
		logf("run %d/%d done (load average %.2f)", run, c.runs, loadAvg())
	}
	rep.LoadAvg = append(rep.LoadAvg, loadAvg())
	allocs := map[string]map[string]allocation{} // query -> target -> per request
	if srv != nil && c.allocRequests > 0 {
		for _, q := range mix {
			allocs[q.name] = map[string]allocation{}
			for _, t := range env.targets(exposed[q.name]) {
				do, _ := env.request(q, t)
				a, err := allocsPerRequest(ctx, c.allocRequests, do)
				if err != nil {
					return nil, fmt.Errorf("%s on %s, allocation pass: %w", q.name, t, err)
				}
				allocs[q.name][t] = a
			}
		}
		logf("allocation pass done: %d serial requests per query and target after %d warm-up", c.allocRequests, allocWarmup)
	}
	for _, q := range mix {
		row := apiRow{Query: q.name, P50: map[string]spread{}, P99: map[string]spread{}, RPS: map[string]spread{}, Calls: map[string]spread{}, Ratios: map[string]float64{}}
		for _, t := range []string{targetAPI, targetDirect, targetPlain} {
			var p50, p99, rps, calls []float64
			for _, m := range rep.Runs {
				if m.Query == q.name && m.Target == t {
					p50 = append(p50, m.P50ms)
					p99 = append(p99, m.P99ms)
					rps = append(rps, m.RPS)
					calls = append(calls, m.CallsPerRq)
				}
			}
			if len(p50) == 0 {
				continue
			}
			row.P50[t], row.P99[t], row.RPS[t], row.Calls[t] = spreadOf(p50), spreadOf(p99), spreadOf(rps), spreadOf(calls)
			if a, ok := allocs[q.name][t]; ok {
				if row.AllocBytes == nil {
					row.AllocBytes, row.AllocObjects = map[string]float64{}, map[string]float64{}
				}
				row.AllocBytes[t], row.AllocObjects[t] = a.bytes, a.objects
			}
		}
		if a, ok := row.P50[targetAPI]; ok && store != nil {
			row.Ratios["p50 api/direct"] = a.Median / row.P50[targetDirect].Median
			row.Ratios["p99 api/direct"] = row.P99[targetAPI].Median / row.P99[targetDirect].Median
			row.Ratios["p50 api/plain"] = a.Median / row.P50[targetPlain].Median
			row.Ratios["p99 api/plain"] = row.P99[targetAPI].Median / row.P99[targetPlain].Median
			if ab, ok := row.AllocBytes[targetAPI]; ok {
				row.Ratios["alloc bytes api/plain"] = ab / row.AllocBytes[targetPlain]
				row.Ratios["alloc objects api/plain"] = row.AllocObjects[targetAPI] / row.AllocObjects[targetPlain]
				row.Ratios["alloc bytes api/direct"] = ab / row.AllocBytes[targetDirect]
				row.Ratios["alloc objects api/direct"] = row.AllocObjects[targetAPI] / row.AllocObjects[targetDirect]
			}
		}
		row.Writer = writer[q.name]
		rep.Rows = append(rep.Rows, row)
	}
	printAPI(stdout, rep)
	return rep, nil
}

// paramsFromAPI makes the same choice as chooseParams through the GraphQL
// API of a server that is not in-process.
func paramsFromAPI(ctx context.Context, c *gqlClient, text string) (params, error) {
	p := params{Search: text}
	var people struct {
		Data struct {
			People struct {
				Nodes []struct {
					ID          string
					Memberships []struct{ ID string }
				}
			}
		}
	}
	b, err := c.do(ctx, `{ people(first: 500) { nodes { id memberships { id } } } }`, nil, "")
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &people); err != nil {
		return p, err
	}
	best := -1
	for _, n := range people.Data.People.Nodes {
		if len(n.Memberships) > best {
			p.PersonID, best = n.ID, len(n.Memberships)
		}
	}
	var clusters struct {
		Data struct {
			Clusters struct {
				Nodes []struct {
					ID     string
					Bodies []struct {
						ID     string
						Level  string
						Parent *struct{ ID string }
					}
					Municipalities []struct {
						HealthCouncil *struct{ ID string }
					}
				}
			}
		}
	}
	b, err = c.do(ctx, `{ clusters(first: 100) { nodes { id bodies { id level parent { id } } municipalities { healthCouncil { id } } } } }`, nil, "")
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &clusters); err != nil {
		return p, err
	}
	best = -1
	for _, cl := range clusters.Data.Clusters.Nodes {
		if len(cl.Bodies) <= best {
			continue
		}
		p.ClusterID, best = cl.ID, len(cl.Bodies)
		p.BodyID = ""
		for _, bd := range cl.Bodies {
			if p.BodyID == "" || bd.Level == "POLITICAL" && bd.Parent == nil {
				p.BodyID = bd.ID
				if bd.Level == "POLITICAL" && bd.Parent == nil {
					break
				}
			}
		}
		votes := map[string]int{}
		for _, m := range cl.Municipalities {
			if m.HealthCouncil != nil {
				votes[m.HealthCouncil.ID]++
			}
		}
		p.CouncilID = ""
		top := -1
		for id, n := range votes {
			if n > top || n == top && id < p.CouncilID {
				p.CouncilID, top = id, n
			}
		}
	}
	var meetings struct {
		Data struct {
			Body struct {
				Meetings struct {
					Nodes []struct{ ID, Date string }
				}
			}
		}
	}
	b, err = c.do(ctx, `query($id: ID!) { body(id: $id) { meetings(first: 500) { nodes { id date } } } }`, map[string]any{"id": p.BodyID}, "")
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &meetings); err != nil {
		return p, err
	}
	if ms := meetings.Data.Body.Meetings.Nodes; len(ms) > 0 {
		p.MeetingID, p.AsOf = ms[len(ms)/2].ID, ms[len(ms)/2].Date
	}
	if p.PersonID == "" || p.BodyID == "" || p.MeetingID == "" {
		return p, fmt.Errorf("the server's corpus lacks a person, body or meeting to ask about: %+v", p)
	}
	return p, nil
}

const searchText = "kommissorium"

func printAPI(w io.Writer, rep *apiReport) {
	fmt.Fprintf(w, "\nAPI: scale %d (%d documents, %d facts), %d clients, ≤%d requests per query/target/run (targets take turns of %d per client), LoaderWait %s, %d run(s); medians over runs, p99 [min–max]\n",
		rep.Scale, rep.Docs, rep.Facts, rep.Clients, rep.Requests, rep.Batch, rep.LoaderWait, len(rep.LoadAvg)-1)
	fmt.Fprintf(w, "server memory: heap in use after GC %.1f MiB, RSS %.1f MiB; load averages %v\n", rep.HeapInuseMiB, rep.RSSMiB, rep.LoadAvg)
	if rep.AllocReqs > 0 && rep.HeapInuseMiB > 0 {
		fmt.Fprintf(w, "allocation: whole process (server and client) per request over %d serial requests per query and target\n", rep.AllocReqs)
	}
	fmt.Fprintf(w, "%-20s %-7s %9s %20s %9s %7s %13s %11s\n", "query", "target", "p50 ms", "p99 ms [min–max]", "req/s", "calls", "alloc KB/req", "allocs/req")
	for _, r := range rep.Rows {
		for _, t := range []string{targetAPI, targetDirect, targetPlain} {
			if _, ok := r.P50[t]; !ok {
				fmt.Fprintf(w, "%-20s %-7s %9s\n", r.Query, t, "n/a")
				continue
			}
			p99 := r.P99[t]
			alloc := fmt.Sprintf("%13s %11s", "-", "-")
			if b, ok := r.AllocBytes[t]; ok {
				alloc = fmt.Sprintf("%13.1f %11.0f", b/1024, r.AllocObjects[t])
			}
			fmt.Fprintf(w, "%-20s %-7s %9.3f %8.3f [%.2f–%.2f] %9.0f %7.1f %s\n", r.Query, t, r.P50[t].Median, p99.Median, p99.Min, p99.Max, r.RPS[t].Median, r.Calls[t].Median, alloc)
		}
		if len(r.Ratios) > 0 {
			fmt.Fprintf(w, "%-20s ratios  p50 api/(a) %.1f  p99 api/(a) %.1f  p50 api/(b) %.2f  p99 api/(b) %.2f", "",
				r.Ratios["p50 api/direct"], r.Ratios["p99 api/direct"], r.Ratios["p50 api/plain"], r.Ratios["p99 api/plain"])
			if _, ok := r.Ratios["alloc bytes api/plain"]; ok {
				fmt.Fprintf(w, "  alloc KB api/(b) %.2f  allocs api/(b) %.2f", r.Ratios["alloc bytes api/plain"], r.Ratios["alloc objects api/plain"])
			}
			fmt.Fprintln(w)
		}
		if c := r.Writer; c != nil {
			fmt.Fprintf(w, "%-20s direct writer: answered %d of %d API requests, gave up on %d\n", "", c.Answered, c.Requests, c.GaveUp)
		}
	}
	if len(rep.NotExposed) > 0 {
		fmt.Fprintf(w, "not exposed in the GraphQL schema (floors only): %s\n", strings.Join(rep.NotExposed, ", "))
	}
}
