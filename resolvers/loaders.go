package resolvers

import (
	"context"
	"errors"
	"math/bits"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// loaders batch and cache the store reads of one request: one loader for Get
// (any kind of fact by ID), one per Relation for Related, and one for
// related facts (Related and Get of one query level in a single batch).
// They are built per request in the HTTP middleware (withLoaders) and never
// shared between requests, so a request sees a consistent cache and no data
// leaks between callers.
//
// Every loader collects keys for Config.LoaderWait before it fetches, so
// that sibling resolvers (the same field of every element of a list) share
// one store call. A query level that already holds all of its IDs does not
// wait again: the related-facts loader fetches the related IDs, the facts
// and, on request, the facts they refer to (selectedRefs, two levels deep)
// in one batch, and primes the other loaders, so the next levels'
// per-object resolvers (a membership's body, an attendance's participant
// and its organisation) find their facts cached. A query's only root field
// reads at once (soleQueryField).
type loaders struct {
	store   graph.Store
	get     *dataloadgen.Loader[string, any]
	related map[graph.Relation]*dataloadgen.Loader[string, []string]
	facts   *dataloadgen.Loader[factsKey, relFacts]
	// mu guards known and knownRel: what this request has read from the
	// store, so a direct fetch asks only for what is not cached yet. A nil
	// value in known is a fact that does not exist.
	mu       sync.Mutex
	known    map[string]any
	knownRel map[relKey][]string
	// pending are the IDs waiting in the Get loader's window: a direct fetch
	// reads them too, and the window's batch then needs no store call.
	pending map[string]bool
	// inflight counts the related-facts loads waiting or running; changed
	// is signalled when one ends or a direct fetch has read facts.
	inflight int
	changed  *sync.Cond
	// memo holds the request's networks and transition plans (networks.go).
	memo *memo
}

func newLoaders(store graph.Store, wait time.Duration) *loaders {
	opt := dataloadgen.WithWait(wait)
	l := &loaders{
		store:    store,
		related:  make(map[graph.Relation]*dataloadgen.Loader[string, []string], len(graph.Relations)),
		known:    map[string]any{},
		knownRel: map[relKey][]string{},
		pending:  map[string]bool{},
		memo:     &memo{},
	}
	l.changed = sync.NewCond(&l.mu)
	l.get = dataloadgen.NewMappedLoader(l.getBatch, opt)
	for _, rel := range graph.Relations {
		l.related[rel] = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]string, error) {
			lists, err := store.Related(ctx, rel, ids)
			if err == nil {
				l.rememberRel(rel, ids, lists)
			}
			return lists, err
		}, opt)
	}
	l.facts = dataloadgen.NewMappedLoader(l.fetchFacts, opt)
	return l
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
	facts, err := l.store.Get(ctx, missing)
	if err != nil {
		return nil, err
	}
	l.remember(missing, facts)
	for id, v := range facts {
		out[id] = v
	}
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
func (l *loaders) remember(ids []string, facts map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		l.known[id] = facts[id]
	}
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
// not read yet in one direct store.Get (no batching window) and primes the
// Get loader with them, missing facts as nil (which every reader treats as
// not found). The same Get reads the IDs waiting in the Get loader's window,
// so that the window's batch needs no store call of its own.
func (l *loaders) fetch(ctx context.Context, ids []string) error {
	l.mu.Lock()
	var missing []string
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := l.known[id]; !ok && id != "" && !seen[id] {
			seen[id] = true
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		for id := range l.pending {
			if _, ok := l.known[id]; !ok && !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
	}
	l.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	facts, err := l.store.Get(ctx, missing)
	if err != nil {
		return err
	}
	l.remember(missing, facts)
	l.changed.Broadcast()
	for _, id := range missing {
		l.get.Prime(id, facts[id])
	}
	return nil
}

// refs selects the references of related facts to prefetch with them.
type refs uint16

const (
	refBody          refs = 1 << iota // Membership, Meeting: BodyID
	refPerson                         // Membership, Attendance: PersonID
	refOnBehalfOf                     // Membership: OnBehalfOfID
	refSubstituteFor                  // Attendance: SubstituteForID
	refOrganisation                   // Person: OrganisationID
	refMeeting                        // Attendance, AgendaItem: MeetingID
	refCluster                        // Body, Meeting: ClusterID
	refParent                         // Body: ParentID
	numRefs          = iota
)

// refFields maps the schema's reference fields to the refs they read.
var refFields = map[string]refs{
	"body":          refBody,
	"person":        refPerson,
	"participant":   refPerson,
	"onBehalfOf":    refOnBehalfOf,
	"substituteFor": refSubstituteFor,
	"organisation":  refOrganisation,
	"meeting":       refMeeting,
	"cluster":       refCluster,
	"parent":        refParent,
}

// prefetch is what a related-facts load caches besides the facts: the
// facts they refer to through first, and the facts those refer to through
// second[i] when they were reached through the reference with bit i.
type prefetch struct {
	first  refs
	second [numRefs]refs
}

// selectedRefs is what a list resolver should prefetch: the reference fields
// the query selects on the list's elements, and the reference fields it
// selects inside those. Outside a resolver it is nothing.
func selectedRefs(ctx context.Context) prefetch {
	var p prefetch
	if !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return p
	}
	op := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		bit := refFields[f.Name]
		if bit == 0 {
			continue
		}
		p.first |= bit
		for _, g := range graphql.CollectFields(op, f.Selections, nil) {
			p.second[bits.TrailingZeros16(uint16(bit))] |= refFields[g.Name]
		}
	}
	return p
}

// eachRef calls fn with every reference of fact selected by r and its bit.
func eachRef(fact any, r refs, fn func(bit refs, id string)) {
	add := func(bit refs, id string) {
		if r&bit != 0 && id != "" {
			fn(bit, id)
		}
	}
	switch f := fact.(type) {
	case *graph.Membership:
		add(refBody, f.BodyID)
		add(refPerson, f.PersonID)
		add(refOnBehalfOf, f.OnBehalfOfID)
	case *graph.Attendance:
		add(refPerson, f.PersonID)
		add(refSubstituteFor, f.SubstituteForID)
		add(refMeeting, f.MeetingID)
	case *graph.Person:
		add(refOrganisation, f.OrganisationID)
	case *graph.Body:
		add(refCluster, f.ClusterID)
		add(refParent, f.ParentID)
	case *graph.Meeting:
		add(refBody, f.BodyID)
		add(refCluster, f.ClusterID)
	case *graph.AgendaItem:
		add(refMeeting, f.MeetingID)
	}
}

// factsKey asks for the facts related to id by rel, and for the facts they
// refer to through prefetch.
type factsKey struct {
	rel      graph.Relation
	id       string
	prefetch prefetch
}

// relFacts are the IDs related to a fact and the facts themselves, aligned
// (nil where a fact is missing).
type relFacts struct {
	ids   []string
	facts []any
}

// fetchFacts serves a batch of related-facts keys: one store.Related per
// relation for the IDs not cached yet, one store.Get for the related facts
// and one for the facts they refer to (if asked), without waiting between
// the steps.
func (l *loaders) fetchFacts(ctx context.Context, keys []factsKey) (map[factsKey]relFacts, error) {
	byRel := map[graph.Relation][]string{}
	asked := map[relKey]bool{}
	l.mu.Lock()
	for _, k := range keys {
		rk := relKey{k.rel, k.id}
		if _, ok := l.knownRel[rk]; !ok && !asked[rk] {
			asked[rk] = true
			byRel[k.rel] = append(byRel[k.rel], k.id)
		}
	}
	l.mu.Unlock()
	for _, rel := range graph.Relations {
		ids := byRel[rel]
		if len(ids) == 0 {
			continue
		}
		lists, err := l.store.Related(ctx, rel, ids)
		if err != nil {
			return nil, err
		}
		l.rememberRel(rel, ids, lists)
		for _, id := range ids {
			l.related[rel].Prime(id, lists[id])
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
	type ref struct {
		id   string
		then refs // what to prefetch from the fact id
	}
	var next []ref
	l.mu.Lock()
	for i, k := range keys {
		rf := relFacts{ids: lists[i], facts: make([]any, len(lists[i]))}
		for j, id := range lists[i] {
			rf.facts[j] = l.known[id]
			eachRef(rf.facts[j], k.prefetch.first, func(bit refs, id string) {
				next = append(next, ref{id, k.prefetch.second[bits.TrailingZeros16(uint16(bit))]})
			})
		}
		out[k] = rf
	}
	l.mu.Unlock()
	// The facts referred to, then (in one more Get) the facts they refer to.
	ids := make([]string, len(next))
	for i, r := range next {
		ids[i] = r.id
	}
	if err := l.fetch(ctx, ids); err != nil {
		return nil, err
	}
	ids = ids[:0]
	l.mu.Lock()
	for _, r := range next {
		eachRef(l.known[r.id], r.then, func(_ refs, id string) { ids = append(ids, id) })
	}
	l.mu.Unlock()
	if err := l.fetch(ctx, ids); err != nil {
		return nil, err
	}
	return out, nil
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

// soleQueryField reports whether ctx is the resolver of a query's only root
// field. Its reads have no siblings to share a batch with, so they go to
// the store at once instead of waiting for the batching window.
func soleQueryField(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Object != "Query" {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil || op.Operation != ast.Query || len(op.SelectionSet) != 1 {
		return false
	}
	_, ok := op.SelectionSet[0].(*ast.Field)
	return ok
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
	if soleQueryField(ctx) {
		if err := l.fetch(ctx, []string{id}); err != nil {
			return zero, false, err
		}
	}
	l.wait(id)
	v, err := l.get.Load(ctx, id)
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
// order, in one batched Get.
func loadAll[T any](ctx context.Context, ids []string) ([]T, error) {
	out := make([]T, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if soleQueryField(ctx) {
		if err := loadersFrom(ctx).fetch(ctx, ids); err != nil {
			return nil, err
		}
	}
	loadersFrom(ctx).wait(ids...)
	l := loadersFrom(ctx).get
	thunks := make([]func() (any, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	for _, th := range thunks {
		v, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if t, ok := v.(T); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// loadAny is loadAll keeping positions: nil where a fact is missing.
func loadAny(ctx context.Context, ids []string) ([]any, error) {
	if soleQueryField(ctx) {
		if err := loadersFrom(ctx).fetch(ctx, ids); err != nil {
			return nil, err
		}
	}
	loadersFrom(ctx).wait(ids...)
	l := loadersFrom(ctx).get
	thunks := make([]func() (any, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
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
	l, ok := loadersFrom(ctx).related[rel]
	if !ok {
		return nil, graph.Errorf(graph.ErrInternal, "unknown relation %s", rel)
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
	return relatedFactsPrefetch[T](ctx, rel, id, prefetch{})
}

// relatedFactsPrefetch is relatedFacts that also caches the facts the
// related facts refer to through prefetch (usually selectedRefs(ctx)), in
// the same batch.
func relatedFactsPrefetch[T any](ctx context.Context, rel graph.Relation, id string, p prefetch) ([]T, error) {
	if id == "" {
		return []T{}, nil
	}
	if _, ok := loadersFrom(ctx).related[rel]; !ok {
		return nil, graph.Errorf(graph.ErrInternal, "unknown relation %s", rel)
	}
	l := loadersFrom(ctx)
	l.mu.Lock()
	l.inflight++
	l.mu.Unlock()
	rf, err := l.facts.Load(ctx, factsKey{rel: rel, id: id, prefetch: p})
	l.mu.Lock()
	l.inflight--
	l.mu.Unlock()
	l.changed.Broadcast()
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
// (Related and Get, see fetchFacts).
func relatedFactsAll[T any](ctx context.Context, rel graph.Relation, ids []string) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	if _, ok := loadersFrom(ctx).related[rel]; !ok {
		return nil, graph.Errorf(graph.ErrInternal, "unknown relation %s", rel)
	}
	keys := make([]factsKey, len(ids))
	for i, id := range ids {
		keys[i] = factsKey{rel: rel, id: id}
	}
	rfs, err := loadersFrom(ctx).facts.LoadAll(ctx, keys)
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
