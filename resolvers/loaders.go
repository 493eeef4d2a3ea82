package resolvers

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/bind"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers/internal/exec"
)

// loaders batch and cache the store reads of one request: one loader for Get
// (any kind of fact by ID), one per Relation for Related, and one for
// related facts (Related and Get of one query level in a single batch).
// They are built per request in the HTTP middleware (withLoaders) and never
// shared between requests, so a request sees a consistent cache and no data
// leaks between callers. The facts read are shared by every resolver of
// the request and never changed, so the loaders read them graph.ReadOnly
// (and graph.WithoutSources when the query reads no sources, sources.go),
// which lets the store share them between requests too.
//
// A resolver that runs once per request (alone: a query's only root field
// and what is below it outside any list) reads at once, without a window,
// and reads ahead what the query selects below its facts (ahead): the
// facts they refer to and the lists they hold, one Get per level and one
// Related per relation, so the per-object and per-parent resolvers of the
// lower levels, inside lists too, find their facts cached and neither wait
// nor call the store. Only reads the look-ahead does not cover (a field it
// does not know, such as a connection's page, below a list, or below one
// of several root fields) collect keys for Config.LoaderWait before they
// fetch, so that siblings (the same field of every element of a list)
// share one store call; such a related-facts batch reads ahead below its
// facts in turn.
type loaders struct {
	store   graph.Store
	window  time.Duration
	get     *dataloadgen.Loader[string, any]                         // see getLoader
	related map[graph.Relation]*dataloadgen.Loader[string, []string] // guarded by mu; see relatedLoader
	facts   *dataloadgen.Loader[factsKey, relFacts]                  // see factsLoader

	getOnce, factsOnce sync.Once
	// mu guards known and knownRel: what this request has read from the
	// store, so a direct fetch asks only for what is not cached yet. A nil
	// value in known is a fact that does not exist.
	mu       sync.Mutex
	known    map[string]any
	knownRel map[relKey][]string
	// seen is unread's scratch set (guarded by mu, empty between calls).
	seen map[string]struct{}
	// pending are the IDs waiting in the Get loader's window: a direct fetch
	// reads them too, and the window's batch then needs no store call.
	pending map[string]bool
	// inflight counts the related-facts loads waiting or running; changed
	// is signalled when one ends or a direct fetch has read facts.
	inflight int
	changed  *sync.Cond
	// memo holds the request's networks and transition plans (networks.go).
	memo *memo
	// keepSources reads facts with their sources even for a query that
	// reads none (sources.go). For tests that compare the two.
	keepSources bool
}

func newLoaders(store graph.Store, wait time.Duration) *loaders {
	l := &loaders{
		store:    store,
		window:   wait,
		related:  map[graph.Relation]*dataloadgen.Loader[string, []string]{},
		knownRel: map[relKey][]string{},
		pending:  map[string]bool{},
		memo:     &memo{},
	}
	l.changed = sync.NewCond(&l.mu)
	return l
}

// getLoader and factsLoader are the Get and related-facts loaders, made on
// first use: a serial request reads at once (alone) and uses neither.
func (l *loaders) getLoader() *dataloadgen.Loader[string, any] {
	l.getOnce.Do(func() { l.get = dataloadgen.NewMappedLoader(l.getBatch, dataloadgen.WithWait(l.window)) })
	return l.get
}

func (l *loaders) factsLoader() *dataloadgen.Loader[factsKey, relFacts] {
	l.factsOnce.Do(func() { l.facts = dataloadgen.NewMappedLoader(l.fetchFacts, dataloadgen.WithWait(l.window)) })
	return l.facts
}

// checkRelation refuses a relation that is not one of graph.Relations (a
// programming error).
func checkRelation(rel graph.Relation) error {
	if !slices.Contains(graph.Relations, rel) {
		return graph.Errorf(graph.ErrInternal, "unknown relation %s", rel)
	}
	return nil
}

// relatedLoader is the batching loader of one relation (checkRelation
// first), made on first use: most requests follow few of the relations.
// Its batches read only what this request has not read yet (knownRel).
func (l *loaders) relatedLoader(rel graph.Relation) *dataloadgen.Loader[string, []string] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld := l.related[rel]; ld != nil {
		return ld
	}
	ld := dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]string, error) {
		if err := l.fetchRelated(ctx, rel, ids); err != nil {
			return nil, err
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		out := make(map[string][]string, len(ids))
		for _, id := range ids {
			out[id] = l.knownRel[relKey{rel, id}]
		}
		return out, nil
	}, dataloadgen.WithWait(l.window))
	l.related[rel] = ld
	return ld
}

// getBatch serves the Get loader's window: one store.Get for the IDs that a
// direct fetch has not read meanwhile (none if it read them all). While a
// related-facts load waits or runs, it waits for that batch's next Get,
// which reads the pending IDs too, rather than make a store call of its own.
func (l *loaders) getBatch(ctx context.Context, ids []string) (map[string]any, error) {
	out := make(map[string]any, len(ids))
	var missing []string
	l.mu.Lock()
	for {
		missing = missing[:0]
		for _, id := range ids {
			if _, ok := l.known[id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 || l.inflight == 0 {
			break
		}
		l.changed.Wait()
	}
	for _, id := range ids {
		delete(l.pending, id)
		if v := l.known[id]; v != nil {
			out[id] = v
		}
	}
	l.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	facts, err := l.store.Get(l.readContext(ctx), missing)
	if err != nil {
		return nil, err
	}
	for id, v := range facts {
		out[id] = v
	}
	l.remember(missing, facts) // facts is known's from here on
	return out, nil
}

// wait marks ids as waiting in the Get loader's window (see pending).
func (l *loaders) wait(ids ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		if _, ok := l.known[id]; !ok && id != "" {
			l.pending[id] = true
		}
	}
}

// remember records the result of a Get of ids (missing ones as nil).
// facts is the store's new map, which the caller owns (graph.Store.Get):
// the larger of it and known is kept and the smaller copied into it, so
// that a request's first Get, usually its largest, is not copied at all
// and no fact is copied more than a few times as known grows.
func (l *loaders) remember(ids []string, facts map[string]any) {
	for _, id := range ids {
		if _, ok := facts[id]; !ok {
			facts[id] = nil
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(facts) > len(l.known) {
		maps.Copy(facts, l.known)
		l.known = facts
		return
	}
	maps.Copy(l.known, facts)
}

type relKey struct {
	rel graph.Relation
	id  string
}

func (l *loaders) rememberRel(rel graph.Relation, ids []string, lists map[string][]string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		l.knownRel[relKey{rel, id}] = lists[id]
	}
}

// fetch makes sure the facts with the given IDs are cached: it reads those
// not read yet in one direct store.Get (no batching window) and records
// them in known, missing facts as nil (which every reader treats as not
// found); lookups and the Get loader's batches consult known first. The
// same Get reads the IDs waiting in the Get loader's window, so that the
// window's batch needs no store call of its own.
func (l *loaders) fetch(ctx context.Context, ids []string) error {
	l.mu.Lock()
	isKnown := func(id string) bool { _, ok := l.known[id]; return ok }
	missing := l.unread(nil, ids, isKnown)
	if len(missing) > 0 && len(l.pending) > 0 {
		missing = l.unread(missing, slices.Collect(maps.Keys(l.pending)), isKnown)
	}
	l.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	facts, err := l.store.Get(l.readContext(ctx), missing)
	if err != nil {
		return err
	}
	l.remember(missing, facts)
	l.changed.Broadcast()
	return nil
}

// unread appends to missing the IDs of ids that are not "", not read
// (known) and not in missing already, each once; l.mu must be held. Its
// scratch set (seen) is kept between calls, empty, so that its table is
// not made again.
func (l *loaders) unread(missing, ids []string, known func(string) bool) []string {
	if l.seen == nil {
		l.seen = map[string]struct{}{}
	}
	for _, id := range missing {
		l.seen[id] = struct{}{}
	}
	for _, id := range ids {
		if _, dup := l.seen[id]; !dup && id != "" && !known(id) {
			l.seen[id] = struct{}{}
			missing = append(missing, id)
		}
	}
	clear(l.seen)
	return missing
}

// lookAhead is what a query level's facts are read with: the facts the
// query reaches from them through reference fields (membership.body,
// attendance.participant, ...) and relation fields (person.memberships,
// body.children, ...), level by level down the query, one Related per
// relation and one Get per level. The per-object and per-parent resolvers
// of those levels then find their facts cached (cachedFacts, cachedRel)
// and make no store call and wait for no batching window.
type lookAhead struct {
	facts []any
	sel   ast.SelectionSet // what the query selects on facts
}

// askKey groups the next level: one reference or relation field.
type askKey struct {
	field *ast.Field
	rel   graph.Relation // "" for a reference field
}

type ask struct {
	ids      []string // referenced IDs, or the parents of rel
	sel      ast.SelectionSet
	from, to int // where the IDs to read for it are in the level's list
}

// ahead reads what the query selects below levels (see lookAhead). It stops
// where the query selects no further reference or relation field that it
// knows: those resolvers read for themselves, through the loaders.
func (l *loaders) ahead(ctx context.Context, levels []lookAhead) error {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	for len(levels) > 0 {
		asks := map[askKey]*ask{}
		var order []askKey
		for _, lv := range levels {
			if len(lv.sel) == 0 {
				continue
			}
			// The facts of a level are mostly of one type: what ahead
			// follows of the fields the query selects on that type is
			// worked out once per run of facts of one type, not per fact.
			var lastType string
			var stepsBuf [8]aheadStep
			steps := stepsBuf[:0]
			for j, fact := range lv.facts {
				tn := typeName(fact)
				if tn == "" {
					continue
				}
				if tn != lastType {
					lastType = tn
					steps = aheadSteps(op, lv.sel, tn, steps[:0])
				}
				for i := range steps {
					s := &steps[i]
					id := ""
					if s.ref != nil {
						id = s.ref(fact)
					}
					k := askKey{s.field.Field, ""}
					if id == "" {
						if s.rel == "" {
							continue
						}
						k.rel, id = s.rel, graph.IDOf(fact)
					}
					a := asks[k]
					if a == nil {
						// At most one ID per remaining fact of the level.
						a = &ask{sel: s.field.Selections, ids: make([]string, 0, len(lv.facts)-j)}
						asks[k] = a
						order = append(order, k)
					}
					a.ids = append(a.ids, id)
				}
			}
		}
		if len(order) == 0 {
			return nil
		}
		byRel := map[graph.Relation][]string{}
		for _, k := range order {
			if k.rel != "" {
				byRel[k.rel] = append(byRel[k.rel], asks[k].ids...)
			}
		}
		for _, rel := range graph.Relations {
			if err := l.fetchRelated(ctx, rel, byRel[rel]); err != nil {
				return err
			}
		}
		// all holds the IDs to read, each ask's in all[a.from:a.to].
		n := 0
		for _, k := range order {
			n += len(asks[k].ids)
		}
		all := make([]string, 0, n)
		l.mu.Lock()
		for _, k := range order {
			a := asks[k]
			a.from = len(all)
			if k.rel == "" {
				all = append(all, a.ids...)
			} else {
				for _, id := range a.ids {
					all = append(all, l.knownRel[relKey{k.rel, id}]...)
				}
			}
			a.to = len(all)
		}
		l.mu.Unlock()
		if err := l.fetch(ctx, all); err != nil {
			return err
		}
		next := levels[:0:0]
		l.mu.Lock()
		for _, k := range order {
			a := asks[k]
			if len(a.sel) == 0 {
				continue
			}
			facts := make([]any, 0, a.to-a.from)
			for _, id := range all[a.from:a.to] {
				if f := l.known[id]; f != nil {
					facts = append(facts, f)
				}
			}
			if len(facts) > 0 {
				next = append(next, lookAhead{facts, a.sel})
			}
		}
		l.mu.Unlock()
		levels = next
	}
	return nil
}

// aheadStep is a field that ahead follows from the facts of one type: the
// ID its reference reads (refFields), or else the relation it follows from
// the fact's ID (relFields).
type aheadStep struct {
	field *graphql.CollectedField // in the collected fields, which stay as they are
	ref   func(any) string
	rel   graph.Relation
}

// aheadSteps appends to steps the fields of sel on facts of type typ that
// ahead follows, in the order the query selects them.
func aheadSteps(op *graphql.OperationContext, sel ast.SelectionSet, typ string, steps []aheadStep) []aheadStep {
	refs, rels := refFields[typ], relFields[typ]
	if refs == nil && rels == nil {
		return steps
	}
	fields := bind.Collect(op, sel, implementors[typ])
	for i := range fields {
		s := aheadStep{field: &fields[i], ref: refs[fields[i].Name], rel: rels[fields[i].Name]}
		if s.ref != nil || s.rel != "" {
			steps = append(steps, s)
		}
	}
	return steps
}

// fetchRelated makes sure the IDs related to ids by rel are cached: one
// direct store.Related for those not read yet (none if all are).
func (l *loaders) fetchRelated(ctx context.Context, rel graph.Relation, ids []string) error {
	l.mu.Lock()
	missing := l.unread(nil, ids, func(id string) bool { _, ok := l.knownRel[relKey{rel, id}]; return ok })
	l.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	lists, err := l.store.Related(ctx, rel, missing)
	if err != nil {
		return err
	}
	l.rememberRel(rel, missing, lists)
	return nil
}

// typeName is the GraphQL object type of a fact ("" for those ahead does
// not follow).
func typeName(fact any) string {
	switch fact.(type) {
	case *graph.Person:
		return "Person"
	case *graph.Membership:
		return "Membership"
	case *graph.Body:
		return "Body"
	case *graph.Meeting:
		return "Meeting"
	case *graph.Attendance:
		return "Attendance"
	case *graph.AgendaItem:
		return "AgendaItem"
	case *graph.Cluster:
		return "Cluster"
	case *graph.Region:
		return "Region"
	case *graph.Municipality:
		return "Municipality"
	case *graph.HealthCouncil:
		return "HealthCouncil"
	case *graph.Organisation:
		return "Organisation"
	}
	return ""
}

// implementors holds, for every object type of the schema, the type and
// the interfaces and unions it belongs to, as gqlgen's generated
// implementors list them (Body: Body, Node, Owner): what ahead collects a
// fact's fields for, as the executor does for its object. One slice per
// type, made once: bind.Collect knows a type's slice by its address.
var implementors = func() map[string][]string {
	schema := exec.NewExecutableSchema(exec.Config{}).Schema()
	m := map[string][]string{}
	for name, def := range schema.Types {
		if def.Kind != ast.Object {
			continue
		}
		impl := []string{name}
		for _, i := range schema.GetImplements(def) {
			impl = append(impl, i.Name)
		}
		m[name] = impl
	}
	return m
}()

// refFields are the reference fields the loaders read ahead, by type: the
// ID each reads from its fact. Their resolvers only load facts, never
// reading the Sources of any (sources.go counts on that, as it does for
// relFields).
var refFields = map[string]map[string]func(any) string{
	"Membership": {
		"person":     func(f any) string { return f.(*graph.Membership).PersonID },
		"body":       func(f any) string { return f.(*graph.Membership).BodyID },
		"onBehalfOf": func(f any) string { return f.(*graph.Membership).OnBehalfOfID },
	},
	"Attendance": {
		"participant":   func(f any) string { return f.(*graph.Attendance).PersonID },
		"meeting":       func(f any) string { return f.(*graph.Attendance).MeetingID },
		"substituteFor": func(f any) string { return f.(*graph.Attendance).SubstituteForID },
	},
	"Person": {
		"organisation": func(f any) string { return f.(*graph.Person).OrganisationID },
	},
	"Body": {
		"cluster":       func(f any) string { return f.(*graph.Body).ClusterID },
		"parent":        func(f any) string { return f.(*graph.Body).ParentID },
		"healthCouncil": func(f any) string { return f.(*graph.Body).CouncilID },
	},
	"Meeting": {
		"body":    func(f any) string { return f.(*graph.Meeting).BodyID },
		"cluster": func(f any) string { return f.(*graph.Meeting).ClusterID },
	},
	"AgendaItem": {
		"meeting": func(f any) string { return f.(*graph.AgendaItem).MeetingID },
	},
	"Cluster": {
		"region": func(f any) string { return f.(*graph.Cluster).RegionID },
	},
	"Municipality": {
		"region":        func(f any) string { return f.(*graph.Municipality).RegionID },
		"healthCouncil": func(f any) string { return f.(*graph.Municipality).CouncilID },
	},
	"HealthCouncil": {
		"region": func(f any) string { return f.(*graph.HealthCouncil).RegionID },
		"body":   func(f any) string { return f.(*graph.HealthCouncil).BodyID },
	},
	"Organisation": {
		"parent":       func(f any) string { return f.(*graph.Organisation).ParentID },
		"municipality": func(f any) string { return f.(*graph.Organisation).MunicipalityID },
		"region":       func(f any) string { return f.(*graph.Organisation).RegionID },
	},
}

// relFields are the list fields the loaders read ahead, by type: the
// relation each follows from the fact's own ID, as its resolver does
// (whose arguments filter and order by the facts' fields, not their
// Sources).
var relFields = map[string]map[string]graph.Relation{
	"Person":        {"memberships": graph.RelMembershipsOfPerson, "substitutedBy": graph.RelSubstitutionsFor},
	"Body":          {"members": graph.RelMembershipsOfBody, "children": graph.RelChildBodies, "initiatives": graph.RelInitiativesOfBody},
	"Meeting":       {"attendance": graph.RelAttendanceOfMeeting, "items": graph.RelItemsOfMeeting},
	"AgendaItem":    {"initiatives": graph.RelInitiativesOfItem},
	"Cluster":       {"bodies": graph.RelBodiesOfCluster, "municipalities": graph.RelMunicipalitiesOfCluster},
	"Region":        {"municipalities": graph.RelMunicipalitiesOfRegion, "clusters": graph.RelClustersOfRegion, "healthCouncils": graph.RelCouncilsOfRegion},
	"HealthCouncil": {"municipalities": graph.RelMunicipalitiesOfCouncil},
	"Organisation":  {"people": graph.RelPeopleOfOrganisation, "memberships": graph.RelMembershipsOnBehalfOf},
}

// factsKey asks for the facts related to id by rel, and for what the query
// selects below them in field (nil: nothing; see ahead).
type factsKey struct {
	rel   graph.Relation
	id    string
	field *ast.Field
}

// relFacts are the IDs related to a fact and the facts themselves, aligned
// (nil where a fact is missing).
type relFacts struct {
	ids   []string
	facts []any
}

// fetchFacts serves a batch of related-facts keys: one store.Related per
// relation for the IDs not cached yet, one store.Get for the related facts,
// then what the query selects below them (ahead), without waiting between
// the steps.
func (l *loaders) fetchFacts(ctx context.Context, keys []factsKey) (map[factsKey]relFacts, error) {
	byRel := map[graph.Relation][]string{}
	for _, k := range keys {
		byRel[k.rel] = append(byRel[k.rel], k.id)
	}
	for _, rel := range graph.Relations {
		if err := l.fetchRelated(ctx, rel, byRel[rel]); err != nil {
			return nil, err
		}
	}
	lists := make([][]string, len(keys))
	var all []string
	l.mu.Lock()
	for i, k := range keys {
		lists[i] = l.knownRel[relKey{k.rel, k.id}]
		all = append(all, lists[i]...)
	}
	l.mu.Unlock()
	if err := l.fetch(ctx, all); err != nil {
		return nil, err
	}
	out := make(map[factsKey]relFacts, len(keys))
	byField := map[*ast.Field]int{}
	var levels []lookAhead
	l.mu.Lock()
	for i, k := range keys {
		rf := relFacts{ids: lists[i], facts: make([]any, len(lists[i]))}
		for j, id := range lists[i] {
			rf.facts[j] = l.known[id]
		}
		out[k] = rf
		if k.field == nil || len(k.field.SelectionSet) == 0 {
			continue
		}
		n, ok := byField[k.field]
		if !ok {
			n = len(levels)
			byField[k.field] = n
			levels = append(levels, lookAhead{sel: k.field.SelectionSet})
		}
		for _, f := range rf.facts {
			if f != nil {
				levels[n].facts = append(levels[n].facts, f)
			}
		}
	}
	l.mu.Unlock()
	if err := l.ahead(ctx, levels); err != nil {
		return nil, err
	}
	return out, nil
}

// cachedRel returns the facts related to id by rel if this request has
// read them all already.
func (l *loaders) cachedRel(rel graph.Relation, id string) (relFacts, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ids, ok := l.knownRel[relKey{rel, id}]
	if !ok {
		return relFacts{}, false
	}
	rf := relFacts{ids: ids, facts: make([]any, len(ids))}
	for i, id := range ids {
		f, ok := l.known[id]
		if !ok {
			return relFacts{}, false
		}
		rf.facts[i] = f
	}
	return rf, true
}

// cachedFact is cachedFacts of one ID, without a list.
func (l *loaders) cachedFact(id string) (any, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, ok := l.known[id]
	return f, ok
}

// cachedFacts returns the facts with the given IDs if this request has read
// them all already (nil where one does not exist).
func (l *loaders) cachedFacts(ids []string) ([]any, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]any, len(ids))
	for i, id := range ids {
		f, ok := l.known[id]
		if !ok && id != "" {
			return nil, false
		}
		out[i] = f
	}
	return out, true
}

// begin and end bracket a direct read: while one runs, a Get waiting in the
// window for pending IDs waits for it rather than make its own call (see
// getBatch).
func (l *loaders) begin() {
	l.mu.Lock()
	l.inflight++
	l.mu.Unlock()
}

func (l *loaders) end() {
	l.mu.Lock()
	l.inflight--
	l.mu.Unlock()
	l.changed.Broadcast()
}

// direct reads ids at once (no window), then what the query selects on
// them below the resolver in ctx (ahead), and returns the facts in order,
// nil where one is missing.
func (l *loaders) direct(ctx context.Context, ids []string, sel ast.SelectionSet) ([]any, error) {
	l.begin()
	defer l.end()
	if err := l.fetch(ctx, ids); err != nil {
		return nil, err
	}
	facts, _ := l.cachedFacts(ids)
	var present []any
	for _, f := range facts {
		if f != nil {
			present = append(present, f)
		}
	}
	if err := l.ahead(ctx, []lookAhead{{present, sel}}); err != nil {
		return nil, err
	}
	return facts, nil
}

type loadersKey struct{}

func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil {
		// Only a programming error gets here: every request passes through
		// the middleware that installs the loaders.
		panic("resolvers: no loaders in context")
	}
	return l
}

// alone reports whether the resolver in ctx runs once per request: it is a
// query's only root field or below it, and not inside a list. Its reads
// have no siblings to share a batch with, so they go to the store at once
// instead of waiting for the batching window. Inside a list (or below one
// of several root fields) the window merges the siblings' reads, unless
// the query runs serial (serial.go): then siblings come one at a time, and
// a read the look-ahead missed goes to the store at once too.
func alone(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	if bind.Serial(ctx) {
		return true // siblings come one at a time (serial.go)
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil || op.Operation != ast.Query || len(op.SelectionSet) != 1 {
		return false
	}
	if _, ok := op.SelectionSet[0].(*ast.Field); !ok {
		return false
	}
	for c := fc; c != nil; c = c.Parent {
		if c.Index != nil {
			return false
		}
	}
	return true
}

// selected is the field the resolver in ctx serves (nil outside one): what
// the query selects below it is read ahead with its facts.
func selected(ctx context.Context) *ast.Field {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return fc.Field.Field
	}
	return nil
}

// selection is what the query selects on the result of the resolver in ctx.
func selection(ctx context.Context) ast.SelectionSet {
	if f := selected(ctx); f != nil {
		return f.SelectionSet
	}
	return nil
}

// connectionNodes is what the query selects on the nodes of the connection
// the resolver in ctx returns: under nodes and under edges { node }.
func connectionNodes(ctx context.Context) ast.SelectionSet {
	f := selected(ctx)
	if f == nil {
		return nil
	}
	var out ast.SelectionSet
	op := graphql.GetOperationContext(ctx)
	for _, c := range bind.Collect(op, f.SelectionSet, nil) {
		switch c.Name {
		case "nodes":
			out = append(out, c.Selections...)
		case "edges":
			for _, e := range bind.Collect(op, c.Selections, nil) {
				if e.Name == "node" {
					out = append(out, e.Selections...)
				}
			}
		}
	}
	return out
}

// load returns the fact with the given ID if it exists and is a T; the zero
// T (nil) otherwise. An empty ID is nil without a store call.
func load[T any](ctx context.Context, id string) (T, error) {
	t, _, err := lookup[T](ctx, id)
	return t, err
}

// mustLoad is load for references the schema declares non-null: a missing
// fact is a NOT_FOUND error on that field rather than a broken response.
func mustLoad[T any](ctx context.Context, id string) (T, error) {
	t, ok, err := lookup[T](ctx, id)
	if err == nil && !ok {
		err = graph.Errorf(graph.ErrNotFound, "%q not found", id)
	}
	return t, err
}

func lookup[T any](ctx context.Context, id string) (T, bool, error) {
	var zero T
	if id == "" {
		return zero, false, nil
	}
	l := loadersFrom(ctx)
	if f, ok := l.cachedFact(id); ok {
		t, ok := f.(T)
		return t, ok, nil
	}
	if alone(ctx) {
		fs, err := l.direct(ctx, []string{id}, selection(ctx))
		if err != nil {
			return zero, false, err
		}
		t, ok := fs[0].(T)
		return t, ok, nil
	}
	l.wait(id)
	v, err := l.getLoader().Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return zero, false, nil
	}
	if err != nil {
		return zero, false, err
	}
	t, ok := v.(T)
	return t, ok, nil
}

// loadAll returns the facts with the given IDs that exist and are Ts, in
// order: from the cache, in one direct Get with what the query selects
// below them (alone), or in one batched Get.
func loadAll[T any](ctx context.Context, ids []string) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	facts, err := loadFacts(ctx, ids, selection(ctx))
	return factsOf[T](facts), err
}

// loadAny is loadAll keeping positions: nil where a fact is missing. sel is
// what the query selects on the facts (read ahead when the resolver is
// alone).
func loadAny(ctx context.Context, ids []string, sel ast.SelectionSet) ([]any, error) {
	return loadFacts(ctx, ids, sel)
}

func loadFacts(ctx context.Context, ids []string, sel ast.SelectionSet) ([]any, error) {
	l := loadersFrom(ctx)
	if facts, ok := l.cachedFacts(ids); ok {
		return facts, nil
	}
	if alone(ctx) {
		return l.direct(ctx, ids, sel)
	}
	l.wait(ids...)
	thunks := make([]func() (any, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.getLoader().LoadThunk(ctx, id)
	}
	out := make([]any, len(ids))
	for i, th := range thunks {
		v, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// related returns the IDs related to id by rel (batched across the request).
func related(ctx context.Context, rel graph.Relation, id string) ([]string, error) {
	if id == "" {
		return nil, nil
	}
	if err := checkRelation(rel); err != nil {
		return nil, err
	}
	ldr := loadersFrom(ctx)
	l := ldr.relatedLoader(rel)
	if alone(ctx) {
		if err := ldr.fetchRelated(ctx, rel, []string{id}); err != nil {
			return nil, err
		}
	}
	ldr.mu.Lock()
	ids, ok := ldr.knownRel[relKey{rel, id}]
	ldr.mu.Unlock()
	if ok {
		return ids, nil
	}
	ids, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return ids, err
}

// relatedFacts loads the facts related to id by rel: one batch (Related and
// Get, see fetchFacts) per level of the query.
func relatedFacts[T any](ctx context.Context, rel graph.Relation, id string) ([]T, error) {
	return relatedFactsPrefetch[T](ctx, rel, id, nil)
}

// relatedFactsPrefetch is relatedFacts that also reads what the query
// selects below the related facts in field (usually selected(ctx), when
// the resolver returns the related facts themselves) in the same batch
// (see ahead). A level whose facts are cached (read ahead by the level
// above) costs no store call; a resolver that is alone reads at once.
func relatedFactsPrefetch[T any](ctx context.Context, rel graph.Relation, id string, field *ast.Field) ([]T, error) {
	if id == "" {
		return []T{}, nil
	}
	if err := checkRelation(rel); err != nil {
		return nil, err
	}
	l := loadersFrom(ctx)
	if rf, ok := l.cachedRel(rel, id); ok {
		return factsOf[T](rf.facts), nil
	}
	key := factsKey{rel: rel, id: id, field: field}
	l.begin()
	var rf relFacts
	var err error
	if alone(ctx) {
		var m map[factsKey]relFacts
		m, err = l.fetchFacts(ctx, []factsKey{key})
		rf = m[key]
	} else {
		rf, err = l.factsLoader().Load(ctx, key)
	}
	l.end()
	if err != nil {
		return nil, err
	}
	return factsOf[T](rf.facts), nil
}

// factsOf keeps the facts that exist and are Ts, in order.
func factsOf[T any](facts []any) []T {
	out := make([]T, 0, len(facts))
	for _, f := range facts {
		if t, ok := f.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// relatedFactsAll follows rel from many IDs at once and returns the related
// facts that exist and are Ts, without duplicates, in order: one batch
// (Related and Get, see fetchFacts), at once when the resolver is alone.
func relatedFactsAll[T any](ctx context.Context, rel graph.Relation, ids []string) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	l := loadersFrom(ctx)
	if err := checkRelation(rel); err != nil {
		return nil, err
	}
	keys := make([]factsKey, len(ids))
	for i, id := range ids {
		keys[i] = factsKey{rel: rel, id: id}
	}
	rfs := make([]relFacts, len(ids))
	cached := true
	for i, id := range ids {
		if rfs[i], cached = l.cachedRel(rel, id); !cached {
			break
		}
	}
	if !cached {
		var err error
		if rfs, err = l.relatedBatch(ctx, keys); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	var facts []any
	for _, rf := range rfs {
		for i, id := range rf.ids {
			if !seen[id] {
				seen[id] = true
				facts = append(facts, rf.facts[i])
			}
		}
	}
	return factsOf[T](facts), nil
}

// relatedBatch serves keys: at once when the resolver in ctx is alone,
// else through the related-facts loader's window.
func (l *loaders) relatedBatch(ctx context.Context, keys []factsKey) ([]relFacts, error) {
	l.begin()
	defer l.end()
	if alone(ctx) {
		m, err := l.fetchFacts(ctx, keys)
		if err != nil {
			return nil, err
		}
		out := make([]relFacts, len(keys))
		for i, k := range keys {
			out[i] = m[k]
		}
		return out, nil
	}
	rfs, err := l.factsLoader().LoadAll(ctx, keys)
	if err != nil {
		if es, ok := errors.AsType[dataloadgen.ErrorSlice](err); ok {
			for _, e := range es {
				if e != nil {
					return nil, e
				}
			}
		}
		return nil, err
	}
	return rfs, nil
}

// hitNodes is what the query selects on the nodes of the search hits the
// resolver in ctx returns; nil if it selects no node.
func hitNodes(ctx context.Context) ast.SelectionSet {
	f := selected(ctx)
	if f == nil {
		return nil
	}
	var out ast.SelectionSet
	for _, c := range bind.Collect(graphql.GetOperationContext(ctx), f.SelectionSet, nil) {
		if c.Name == "node" {
			out = append(out, c.Selections...)
			if out == nil {
				out = ast.SelectionSet{}
			}
		}
	}
	return out
}
