package loader

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The people cache: the resolver's view of the people in the store, kept
// by the Loader between documents so that resolving a document costs the
// same whatever the number of people already loaded.
//
// It is built once from the store (on the first document) and, after each
// document the Loader writes, updated from what that write can have
// changed: the people, memberships, bodies and organisations the new
// version contributes and those the replaced version contributed. The
// resolver it yields for a document decides exactly as newResolver reading
// the whole store would: the same entities (people and memberships that
// only that document supports left out), in the store's order, and the
// same taken IDs. Entities are indexed by name key (nameKeys), so that a
// mention group is compared only with people who could match it.
//
// The cache trusts that only its Loader writes the store. It checks that
// cheaply before each document: the store's Stats must be what they were
// after the Loader's last write, otherwise (another instance writing the
// same Neo4j database, another Loader on the same store, an admin
// correction document) it is rebuilt. A write by someone else that leaves
// every count as it was (a document replaced by a version with as many
// facts of each kind and contributions) goes unnoticed until the next
// change of counts; the reference reload always rebuilds.

// seat is a membership with its body (nil if the body is not in the
// store) and the documents that support it (docsOf), the evidence an
// entity takes from it.
type seat struct {
	m    *graph.Membership
	b    *graph.Body
	docs []string
}

// newEntity is what the resolver knows of a stored person p, leaving out
// the memberships only docID supports. o is the person's organisation (nil
// if none or not in the store). The fields of p it reads are those
// sameEvidence compares.
func newEntity(ref *refData, p *graph.Person, o *graph.Organisation, seats []seat, docID string) *entity {
	e := &entity{ID: p.ID, Names: append([]string{p.Name}, p.Aliases...), Party: p.Party, OrgID: p.OrganisationID, Titles: p.Titles}
	if o != nil {
		e.OrgKind = o.Kind
	}
	var roles []string
	addRegion := func(code string) {
		if code != "" && !slices.Contains(e.Regions, code) {
			e.Regions = append(e.Regions, code)
		}
	}
	addRegion(ref.regionOfOrg(p.OrganisationID))
	for _, s := range seats {
		m, b := s.m, s.b
		if onlyDoc(s.docs, docID) {
			continue
		}
		roles = append(roles, m.Role)
		if b == nil {
			continue
		}
		if b.Kind == graph.BodyHealthCouncil {
			roles = append(roles, "council")
		}
		if code := strings.TrimPrefix(b.ClusterID, "cluster:"); code != "" {
			if !slices.Contains(e.Clusters, code) {
				e.Clusters = append(e.Clusters, code)
			}
			if c := ref.clusterByCode[code]; c != nil {
				addRegion(c.RegionCode)
			}
		}
		if code := strings.TrimPrefix(b.CouncilID, "council:"); code != "" {
			for _, c := range ref.Councils {
				if c.Code == code {
					addRegion(c.RegionCode)
				}
			}
		}
	}
	e.Category = category(e.Party, e.Titles, e.OrgID, e.OrgKind, roles)
	return e
}

// nameKeys are the name keys of a list of names: with lookup false, those
// a stored person is indexed under; with lookup true, those a mention
// group looks up. Whenever compareNames relates two names as a spelling
// variant or closer (the only relations resolve acts on against the
// store), the lookup keys of either share a key with the index keys of the
// other. compareNames relates two names of several words only when their
// first words are related (equal, an initial, or one edit apart) and
// either the shorter is the start of the longer or their last words are
// related (equal, or one edit apart, the first words then equal or an
// initial); a one-word name only with the same word alone. So the keys
// pair the first word with a later word:
//   - "w:" and the word of a one-word name (both sides);
//   - "e:" and the folded name (both sides): exact names; the lookup also
//     has "e:" and each start of two words or more of its name, and the
//     index has "p:" and each such start, looked up by the name itself:
//     a name that is the start of another, in either direction;
//   - "f:" the first word, "|" and the last word within one deletion
//     (both sides): equal first words, last words equal or one edit
//     apart (two words one edit apart, substitution, insertion, deletion
//     or adjacent transposition, share such a deletion; words of fewer
//     than five letters stand only for themselves);
//   - "g:" the first word within one deletion, "|" and the last word
//     (both sides): first words one edit apart, last words equal;
//   - an initial (a first word of one letter) and a longer first word
//     starting with it, last words equal or one edit apart: a name written
//     with an initial is indexed and looks up "i:" the initial, "|" and
//     the last word within one deletion; a name written in full looks up
//     its "i:" keys, and is indexed under "n:" keys that only names written
//     with an initial look up.
//
// The keys are asymmetric so that no key a full name looks up holds every
// person with that last name, or with that first letter and last name:
// with a population that grows with the store, such a key brought a share
// of the store's people that grows too, and so did a document's cost.
func nameKeys(names []string, lookup bool) []string {
	var keys []string
	for _, n := range names {
		ws := nameTokens(n)
		if len(ws) == 0 {
			continue
		}
		if len(ws) == 1 {
			keys = append(keys, "w:"+ws[0])
			continue
		}
		keys = append(keys, "e:"+strings.Join(ws, " "))
		for k := 2; k < len(ws); k++ {
			if lookup {
				keys = append(keys, "e:"+strings.Join(ws[:k], " "))
			} else {
				keys = append(keys, "p:"+strings.Join(ws[:k], " "))
			}
		}
		if lookup {
			keys = append(keys, "p:"+strings.Join(ws, " "))
		}
		first, last := ws[0], ws[len(ws)-1]
		lasts := deletions(last)
		pair := func(prefix, a string, bs []string) {
			for _, b := range bs {
				keys = append(keys, prefix+a+"|"+b)
			}
		}
		if len(first) == 1 {
			pair("i:", first, lasts)
			if lookup {
				pair("n:", first, lasts)
			}
			continue
		}
		pair("f:", first, lasts)
		for _, f := range deletions(first) {
			keys = append(keys, "g:"+f+"|"+last)
		}
		if lookup {
			pair("i:", first[:1], lasts)
		} else {
			pair("n:", first[:1], lasts)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// deletions are a word and, if it has five letters or more (tokenRel's
// least for a spelling variant), the word with each one letter deleted.
func deletions(w string) []string {
	rs := []rune(w)
	if len(rs) < 5 {
		return []string{w}
	}
	out := make([]string, 0, len(rs)+1)
	out = append(out, w)
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// cachedPerson is a stored person with what newEntity needs. p is read
// without its sources; pdocs are the documents that support p (docsOf),
// and docs counts, for each document, how many of p and their memberships
// it supports.
type cachedPerson struct {
	p       *graph.Person
	pdocs   []string
	seats   []seatRef // the person's memberships, in the store's order
	docs    map[string]int
	keys    []string
	sortKey string
	full    *entity // the entity for a document that does not support them
}

// seatRef is one of a cached person's memberships: its ID, the sort key
// the store orders it by (graph.SortKey) and its body.
type seatRef struct {
	id, sortKey, body string
}

// peopleCache holds the stored people and the facts their entities derive
// from. Not safe for concurrent use: the Loader holds l.mu.
type peopleCache struct {
	ref        *refData
	people     map[string]*cachedPerson
	members    map[string]*graph.Membership
	memberDocs map[string][]string // membership ID → the documents that support it (docsOf)
	bodies     map[string]*graph.Body
	orgs       map[string]*graph.Organisation
	byKey      map[string][]string             // name key → person IDs (most keys hold one or two: a slice, not a set)
	bodyPeople map[string]map[string]bool      // body ID → person IDs with a seat in it
	orgPeople  map[string]map[string]bool      // organisation ID → person IDs employed there
	stats      graph.Stats                     // the store's, after the last build or update
	muniLinks  map[string]map[string]*muniLink // municipality ID → its cluster_municipality links by ID, once read (linkcache.go)
	sc         *refreshScratch
}

// cachedStore hands buildFacts the Loader's people cache with the store:
// newResolver then resolves against the cache instead of reading every
// person.
type cachedStore struct {
	graph.Store
	people *peopleCache
}

func addTo(m map[string]map[string]bool, k, v string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][v] = true
}

func removeFrom(m map[string]map[string]bool, k, v string) {
	if s := m[k]; s != nil {
		delete(s, v)
		if len(s) == 0 {
			delete(m, k)
		}
	}
}

// buildPeopleCache reads every person in the store, with their
// memberships, bodies and organisations.
func buildPeopleCache(ctx context.Context, store graph.Store, ref *refData) (*peopleCache, error) {
	c := &peopleCache{ref: ref, people: map[string]*cachedPerson{}, members: map[string]*graph.Membership{}, memberDocs: map[string][]string{},
		bodies: map[string]*graph.Body{}, orgs: map[string]*graph.Organisation{},
		byKey:      map[string][]string{},
		bodyPeople: map[string]map[string]bool{}, orgPeople: map[string]map[string]bool{},
		muniLinks: map[string]map[string]*muniLink{}}
	st, err := store.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("read stats: %w", err)
	}
	ids, err := graph.ListAll(ctx, store, graph.KindPerson, graph.Filter{})
	if err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	if err := c.refresh(ctx, store, ids, nil, nil); err != nil {
		return nil, err
	}
	c.stats = st
	return c, nil
}

// refresh re-reads the people personIDs, and the bodies and organisations
// bodyOrgIDs; people with a seat in, or employed by, a body or
// organisation that changed are recomputed too. w is the write that
// touched them (nil when building the cache): the documents of a fact it
// can only have changed by its own are not read again (see written).
func (c *peopleCache) refresh(ctx context.Context, store graph.Store, personIDs, bodyOrgIDs []string, w *written) error {
	dirty := map[string]bool{}
	// Bodies and organisations first: people read below take them from here.
	if len(bodyOrgIDs) > 0 {
		// Only their kind and links are read here, never their sources:
		// a cluster's political level is stated by every one of its
		// minutes, and assembling thousands of sources per write made a
		// load's cost grow with the square of its documents.
		got, err := getAll(graph.WithoutSources(ctx), store, bodyOrgIDs)
		if err != nil {
			return err
		}
		for _, id := range bodyOrgIDs {
			switch f := got[id].(type) {
			case *graph.Body:
				if old := c.bodies[id]; old == nil || old.Kind != f.Kind || old.ClusterID != f.ClusterID || old.CouncilID != f.CouncilID {
					for pid := range c.bodyPeople[id] {
						dirty[pid] = true
					}
				}
				c.bodies[id] = f
			case *graph.Organisation:
				if old := c.orgs[id]; old == nil || old.Kind != f.Kind {
					for pid := range c.orgPeople[id] {
						dirty[pid] = true
					}
				}
				c.orgs[id] = f
			default:
				if c.bodies[id] != nil || c.orgs[id] != nil {
					for pid := range c.bodyPeople[id] {
						dirty[pid] = true
					}
					for pid := range c.orgPeople[id] {
						dirty[pid] = true
					}
				}
				delete(c.bodies, id)
				delete(c.orgs, id)
			}
		}
	}
	if len(personIDs) > 0 {
		// A person the cache holds, whose documents the write can only
		// have changed by its own (w.knows), is read without sources; the
		// others with, to learn their documents.
		var bare, full []string
		for _, id := range personIDs {
			if c.people[id] != nil && w.knows(id) {
				bare = append(bare, id)
			} else {
				full = append(full, id)
			}
		}
		facts, err := getAll(graph.ReadOnly(graph.WithoutSources(ctx)), store, bare)
		if err != nil {
			return err
		}
		withSources, err := getAll(ctx, store, full)
		if err != nil {
			return err
		}
		maps.Copy(facts, withSources)
		var present []string
		for _, id := range personIDs {
			if _, ok := facts[id].(*graph.Person); ok {
				present = append(present, id)
			} else {
				c.remove(id)
			}
		}
		// Memberships. Of a person the cache holds whose documents the
		// write can only have changed by its own (w.knows), only the
		// memberships the write changed (mine) can have come, gone or
		// changed: a membership's ID names its person, and the loader
		// writes the backend unwrapped (no correction re-points one). The
		// others stay as cached, so a person with hundreds of seats costs
		// a write no more than one with a few. Every membership of the
		// other people is read; rel holds what is read of either.
		mine := map[string][]string{}
		var scan []string
		for _, id := range present {
			if c.people[id] != nil && w.knows(id) {
				mine[id] = nil
			} else {
				scan = append(scan, id)
			}
		}
		if len(mine) > 0 {
			for mid := range w.changed {
				if graph.KindOf(mid) != graph.KindMembership {
					continue
				}
				pid := w.memberOf[mid]
				if m := c.members[mid]; pid == "" && m != nil {
					pid = m.PersonID
				}
				if ms, ok := mine[pid]; ok {
					mine[pid] = append(ms, mid)
				}
			}
		}
		rel := map[string][]string{}
		for i := 0; i < len(scan); i += graph.MaxPageSize {
			part, err := store.Related(ctx, graph.RelMembershipsOfPerson, scan[i:min(i+graph.MaxPageSize, len(scan))])
			if err != nil {
				return fmt.Errorf("read memberships: %w", err)
			}
			maps.Copy(rel, part)
		}
		maps.Copy(rel, mine) // for the people of mine, the memberships the write changed
		// A cached membership the write did not change is kept; one it
		// changed, whose documents are known, is read without sources;
		// the others with.
		sc := c.scratch()
		prev := sc.prev
		var bareM, fullM []string
		for _, ms := range rel {
			for _, mid := range ms {
				m, docs := c.members[mid], c.memberDocs[mid]
				if m == nil || docs == nil || !w.knows(mid) {
					fullM = append(fullM, mid)
					continue
				}
				prev[mid] = knownSeat{m, docs}
				if w.changed[mid] {
					bareM = append(bareM, mid)
				}
			}
		}
		mfacts, err := getAll(graph.ReadOnly(graph.WithoutSources(ctx)), store, bareM)
		if err != nil {
			return err
		}
		mfull, err := getAll(ctx, store, fullM)
		if err != nil {
			return err
		}
		maps.Copy(mfacts, mfull)
		// seatOf is membership mid as it is after the write.
		seatOf := func(mid string) (*graph.Membership, bool) {
			if k, ok := prev[mid]; ok && !w.changed[mid] {
				return k.m, true
			}
			m, ok := mfacts[mid].(*graph.Membership)
			return m, ok
		}
		// Bodies and organisations not cached yet.
		var missing []string
		for _, ms := range rel {
			for _, mid := range ms {
				if m, ok := seatOf(mid); ok && c.bodies[m.BodyID] == nil {
					missing = append(missing, m.BodyID)
				}
			}
		}
		for _, id := range present {
			if o := facts[id].(*graph.Person).OrganisationID; o != "" && c.orgs[o] == nil {
				missing = append(missing, o)
			}
		}
		more, err := getAll(graph.WithoutSources(ctx), store, missing)
		if err != nil {
			return err
		}
		for id, f := range more {
			switch f := f.(type) {
			case *graph.Body:
				c.bodies[id] = f
			case *graph.Organisation:
				c.orgs[id] = f
			}
		}
		for _, id := range present {
			p := facts[id].(*graph.Person)
			old := c.people[id]
			oldBodies, oldDocs, bodies := sc.oldBodies, sc.oldDocs, sc.bodies // the old memberships' bodies and documents, the new ones' bodies
			clear(oldBodies)
			clear(oldDocs)
			clear(bodies)
			cp := &cachedPerson{p: p, docs: map[string]int{}, sortKey: graph.SortKey(p)}
			changed, kept := mine[id]
			if old != nil {
				cp.docs = old.docs
				if !kept {
					for _, s := range old.seats {
						oldBodies[s.body] = true
						oldDocs[s.id] = c.memberDocs[s.id]
					}
				}
				if old.p.Name == p.Name && slices.Equal(old.p.Aliases, p.Aliases) {
					cp.keys = old.keys
				}
			}
			if cp.keys == nil {
				cp.keys = nameKeys(append([]string{p.Name}, p.Aliases...), false)
			}
			if old != nil && w.knows(id) {
				cp.pdocs = cp.shift(id, old.pdocs, w, true)
			} else {
				var before []string
				if old != nil {
					before = old.pdocs
				}
				cp.pdocs = docsOf(p.Sources)
				cp.move(before, cp.pdocs)
			}
			// bring brings membership mid, as it is after the write, into
			// the cache: its documents (counted: those before the write
			// are counted in cp.docs) and the membership.
			bring := func(mid string, m *graph.Membership, before []string, counted bool) {
				var docs []string
				if k, ok := prev[mid]; ok {
					docs = cp.shift(mid, k.docs, w, counted)
					if !counted {
						cp.move(nil, docs)
					}
				} else {
					docs = docsOf(m.Sources)
					cp.move(before, docs)
				}
				c.members[mid], c.memberDocs[mid] = m, docs
			}
			sameSeats := false
			if kept {
				sameSeats = c.reseat(cp, old, changed, seatOf, bring, oldBodies, bodies)
			} else {
				for _, mid := range rel[id] {
					m, ok := seatOf(mid)
					if !ok {
						continue
					}
					before, counted := oldDocs[mid]
					delete(oldDocs, mid)
					bring(mid, m, before, counted)
					cp.seats = append(cp.seats, seatRef{mid, graph.SortKey(m), m.BodyID})
					bodies[m.BodyID] = true
				}
				for mid, before := range oldDocs { // seats gone
					cp.move(before, nil)
					delete(c.members, mid)
					delete(c.memberDocs, mid)
				}
			}
			c.reindex(id, old, cp, oldBodies, bodies)
			c.people[id] = cp
			if sameSeats && !dirty[id] && sameEvidence(old.p, p) {
				// Nothing newEntity reads changed: the person has the same
				// seats (the write changed only their documents, which the
				// entity for no document does not look at), and neither
				// their bodies nor their organisation changed (dirty).
				cp.full = old.full
			} else {
				cp.full = c.entity(cp, "")
			}
			delete(dirty, id)
		}
	}
	for id := range dirty {
		if cp := c.people[id]; cp != nil {
			cp.full = c.entity(cp, "")
		}
	}
	return nil
}

// reseat is refresh's update of the seats of a person the cache holds
// whose documents the write can only have changed by its own: cp takes
// old's seats with the memberships the write changed (changed) as they are
// after it (seatOf: gone, changed or new, each brought in by bring) in the
// store's order. oldBodies and bodies get, of the bodies those memberships
// are in, those the person had a seat in before and has after, which is
// all reindex needs to know of them. It reports whether the person has
// the same seats as before (the write changed only their documents).
func (c *peopleCache) reseat(cp, old *cachedPerson, changed []string, seatOf func(string) (*graph.Membership, bool),
	bring func(mid string, m *graph.Membership, before []string, counted bool), oldBodies, bodies map[string]bool) (same bool) {
	same = true
	cp.seats = slices.Clone(old.seats)
	var touched []string // bodies of the changed memberships, before and after
	for _, mid := range changed {
		i := slices.IndexFunc(cp.seats, func(s seatRef) bool { return s.id == mid })
		counted := i >= 0
		var before []string
		if counted {
			before = c.memberDocs[mid]
			touched = append(touched, cp.seats[i].body)
			cp.seats = slices.Delete(cp.seats, i, i+1)
		}
		m, ok := seatOf(mid)
		// A membership's ID names its body and role: a seat that stays
		// keeps them, and only one that comes or goes changes them.
		same = same && counted && ok
		if !ok {
			if counted {
				cp.move(before, nil)
				delete(c.members, mid)
				delete(c.memberDocs, mid)
			}
			continue
		}
		bring(mid, m, before, counted)
		s := seatRef{mid, graph.SortKey(m), m.BodyID}
		j, _ := slices.BinarySearchFunc(cp.seats, s.sortKey, func(s seatRef, k string) int { return strings.Compare(s.sortKey, k) })
		cp.seats = slices.Insert(cp.seats, j, s)
		touched = append(touched, m.BodyID)
	}
	in := func(seats []seatRef, b string) bool {
		return slices.ContainsFunc(seats, func(s seatRef) bool { return s.body == b })
	}
	for _, b := range touched {
		if in(old.seats, b) {
			oldBodies[b] = true
		}
		if in(cp.seats, b) {
			bodies[b] = true
		}
	}
	return same
}

// sameEvidence says whether two versions of a person agree on every field
// newEntity reads of them.
func sameEvidence(a, b *graph.Person) bool {
	return a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && a.Party == b.Party &&
		a.OrganisationID == b.OrganisationID && slices.Equal(a.Titles, b.Titles)
}

// refreshScratch holds refresh's working maps. They are cleared before
// each use and kept between writes, so that a write allocates none of
// them: with a person's every seat in them, they were a tenth of what a
// 100× load allocated.
type refreshScratch struct {
	prev      map[string]knownSeat // cached memberships whose documents follow from the write
	oldDocs   map[string][]string  // one person's memberships before the write, and their documents
	oldBodies map[string]bool      // their bodies
	bodies    map[string]bool      // the bodies of that person's memberships after it
}

type knownSeat struct {
	m    *graph.Membership
	docs []string
}

// scratch returns the cache's refreshScratch, cleared.
func (c *peopleCache) scratch() *refreshScratch {
	if c.sc == nil {
		c.sc = &refreshScratch{prev: map[string]knownSeat{}, oldDocs: map[string][]string{}, oldBodies: map[string]bool{}, bodies: map[string]bool{}}
	}
	clear(c.sc.prev)
	return c.sc
}

// reindex moves person id's entries in the indexes from old (nil for a
// person not cached) to cp, with a seat in the bodies oldBodies and bodies:
// only what changed, since a person's documents grow with the store.
func (c *peopleCache) reindex(id string, old, cp *cachedPerson, oldBodies, bodies map[string]bool) {
	var oldOrg string
	var oldKeys []string
	if old != nil {
		oldOrg, oldKeys = old.p.OrganisationID, old.keys
	}
	for b := range oldBodies {
		if !bodies[b] {
			removeFrom(c.bodyPeople, b, id)
		}
	}
	for b := range bodies {
		if !oldBodies[b] {
			addTo(c.bodyPeople, b, id)
		}
	}
	if org := cp.p.OrganisationID; org != oldOrg {
		if oldOrg != "" {
			removeFrom(c.orgPeople, oldOrg, id)
		}
		if org != "" {
			addTo(c.orgPeople, org, id)
		}
	}
	for _, k := range oldKeys {
		if _, ok := slices.BinarySearch(cp.keys, k); !ok {
			c.unindex(k, id)
		}
	}
	for _, k := range cp.keys {
		if _, ok := slices.BinarySearch(oldKeys, k); !ok {
			c.byKey[k] = append(c.byKey[k], id)
		}
	}
}

// unindex takes person id out of name key k.
func (c *peopleCache) unindex(k, id string) {
	ids := c.byKey[k]
	if i := slices.Index(ids, id); i >= 0 {
		ids[i] = ids[len(ids)-1]
		if ids = ids[:len(ids)-1]; len(ids) == 0 {
			delete(c.byKey, k)
		} else {
			c.byKey[k] = ids
		}
	}
}

// remove forgets a person and their memberships.
func (c *peopleCache) remove(id string) {
	cp := c.people[id]
	if cp == nil {
		return
	}
	for _, s := range cp.seats {
		removeFrom(c.bodyPeople, s.body, id)
		delete(c.members, s.id)
		delete(c.memberDocs, s.id)
	}
	if cp.p.OrganisationID != "" {
		removeFrom(c.orgPeople, cp.p.OrganisationID, id)
	}
	for _, k := range cp.keys {
		c.unindex(k, id)
	}
	delete(c.people, id)
}

// entity is newEntity for a cached person and document docID.
func (c *peopleCache) entity(cp *cachedPerson, docID string) *entity {
	seats := make([]seat, 0, len(cp.seats))
	for _, s := range cp.seats {
		seats = append(seats, seat{c.members[s.id], c.bodies[s.body], c.memberDocs[s.id]})
	}
	var o *graph.Organisation
	if id := cp.p.OrganisationID; id != "" {
		o = c.orgs[id]
	}
	return newEntity(c.ref, cp.p, o, seats, docID)
}

// resolver returns a resolver for document docID that reads the cache.
func (c *peopleCache) resolver(ref *refData, docID string) *resolver {
	return &resolver{ref: ref, docID: docID, view: &docView{c: c, docID: docID}}
}

// docView is the cache as one document's resolver sees it.
type docView struct {
	c     *peopleCache
	docID string
}

// hidden says whether a person is one only the document supports.
func (v *docView) hidden(cp *cachedPerson) bool {
	return onlyDoc(cp.pdocs, v.docID)
}

// candidates are the stored people a group of names may match, in the
// store's order: with the cache, those sharing a name key; without, all.
func (rs *resolver) candidates(names []string) []*entity {
	if rs.view == nil {
		return rs.entities
	}
	v := rs.view
	seen := map[string]bool{}
	var cps []*cachedPerson
	for _, k := range nameKeys(names, true) {
		for _, id := range v.c.byKey[k] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if cp := v.c.people[id]; cp != nil && !v.hidden(cp) {
				cps = append(cps, cp)
			}
		}
	}
	slices.SortFunc(cps, func(a, b *cachedPerson) int { return cmp.Compare(a.sortKey, b.sortKey) })
	out := make([]*entity, len(cps))
	for i, cp := range cps {
		if cp.docs[v.docID] > 0 {
			out[i] = v.c.entity(cp, v.docID)
		} else {
			out[i] = cp.full
		}
	}
	return out
}

// isTaken says whether a person ID is held by a person other documents
// than the one being resolved support.
func (rs *resolver) isTaken(id string) bool {
	if rs.view == nil {
		return rs.taken[id]
	}
	cp := rs.view.c.people[id]
	return cp != nil && !rs.view.hidden(cp)
}

// touched lists what writing facts can change in the cache: people,
// bodies and organisations the new version contributes (with the people
// of its memberships) and, from old (RelFactsOfDocument before the write),
// those the replaced version contributed.
func (c *peopleCache) touched(facts *graph.DocumentFacts, old []string) (people, bodyOrgs []string) {
	for _, p := range facts.People {
		people = append(people, p.ID)
	}
	for _, m := range facts.Memberships {
		people = append(people, m.PersonID)
		bodyOrgs = append(bodyOrgs, m.BodyID)
	}
	for _, b := range facts.Bodies {
		bodyOrgs = append(bodyOrgs, b.ID)
	}
	for _, o := range facts.Organisations {
		bodyOrgs = append(bodyOrgs, o.ID)
	}
	for _, id := range old {
		switch graph.KindOf(id) {
		case graph.KindPerson:
			people = append(people, id)
		case graph.KindMembership:
			if m := c.members[id]; m != nil {
				people = append(people, m.PersonID)
				bodyOrgs = append(bodyOrgs, m.BodyID)
			}
		case graph.KindBody, graph.KindOrganisation:
			bodyOrgs = append(bodyOrgs, id)
		}
	}
	slices.Sort(people)
	slices.Sort(bodyOrgs)
	return slices.Compact(people), slices.Compact(bodyOrgs)
}

// mayHaveChanged leaves out of bodyOrgs (touched's) the bodies and
// organisations whose cached fields (a body's kind, cluster and council, an
// organisation's kind: all newEntity reads) writing facts cannot have
// changed, so that refresh does not read them again: reference
// organisations and bodies are named by thousands of documents, and
// reading one assembles all their sources. That is one the replaced
// version (old) did not contribute to, which is cached, and which the new
// version either does not contribute to or contributes to only with those
// fields empty or equal to the cached ones: graph.Merge takes each of them
// from the last contribution that has it, which is then either one of the
// unchanged others or one of the new version's, equal to it.
func (c *peopleCache) mayHaveChanged(facts *graph.DocumentFacts, old, bodyOrgs []string) []string {
	same := func(v, cached string) bool { return v == "" || v == cached }
	differs := map[string]bool{}
	for _, id := range old {
		differs[id] = true
	}
	for _, b := range facts.Bodies {
		if cb := c.bodies[b.ID]; cb == nil || !same(b.Kind, cb.Kind) || !same(b.ClusterID, cb.ClusterID) || !same(b.CouncilID, cb.CouncilID) {
			differs[b.ID] = true
		}
	}
	for _, o := range facts.Organisations {
		if co := c.orgs[o.ID]; co == nil || !same(o.Kind, co.Kind) {
			differs[o.ID] = true
		}
	}
	out := bodyOrgs[:0:0]
	for _, id := range bodyOrgs {
		if differs[id] || (c.bodies[id] == nil && c.orgs[id] == nil) {
			out = append(out, id)
		}
	}
	return out
}

// resolvingStore is the store buildFacts resolves against: with the people
// cache, built now if there is none or the store changed behind the
// Loader's back. Call with l.mu held.
func (l *Loader) resolvingStore(ctx context.Context) (graph.Store, error) {
	if l.noPeopleCache {
		return l.store, nil
	}
	if l.people != nil {
		st, err := l.store.Stats(ctx)
		if err != nil {
			return nil, fmt.Errorf("read stats: %w", err)
		}
		if !sameStats(st, l.people.stats) {
			l.opts.Logger.Info("store changed by another writer; rebuilding the people cache")
			l.people = nil
		}
	}
	if l.people == nil {
		c, err := buildPeopleCache(ctx, l.store, reference())
		if err != nil {
			return nil, err
		}
		l.people = c
	}
	return cachedStore{l.store, l.people}, nil
}

func sameStats(a, b graph.Stats) bool {
	return a.Documents == b.Documents && a.Contributions == b.Contributions && maps.Equal(a.Facts, b.Facts)
}

// replaceDocument writes a document's facts and brings the people cache
// up to date with what the write changed. Call with l.mu held.
func (l *Loader) replaceDocument(ctx context.Context, facts *graph.DocumentFacts) (graph.WriteResult, error) {
	c := l.people
	if c == nil {
		return l.store.ReplaceDocument(ctx, facts)
	}
	id := facts.Document.ID
	rel, err := l.store.Related(ctx, graph.RelFactsOfDocument, []string{id})
	if err != nil {
		return graph.WriteResult{}, err
	}
	res, err := l.store.ReplaceDocument(ctx, facts)
	if err != nil || res.Unchanged {
		return res, err
	}
	w := newWritten(facts, rel[id])
	c.updateLinks(facts, w)
	people, bodyOrgs := c.touched(facts, rel[id])
	bodyOrgs = c.mayHaveChanged(facts, rel[id], bodyOrgs)
	if err := c.refresh(ctx, l.store, people, bodyOrgs, w); err != nil {
		l.people = nil // rebuilt on the next document
		return res, nil
	}
	if c.stats, err = l.store.Stats(ctx); err != nil {
		l.people = nil
	}
	return res, nil
}
