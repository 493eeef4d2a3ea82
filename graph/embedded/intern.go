package embedded

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// interner makes equal values of the stored documents share one copy.
// Decoding would give every string, list and map its own allocation (the
// facts codec reads strings through bytes, which allocates only the ones
// the interner lacks; gob, for records written before it, allocates all
// and own replaces them), yet a store
// of minutes repeats a few values over and over: every source names its
// document, file and hash; facts point at the same people, bodies and
// meetings; quotes repeat names; the person, attendance and membership read
// from one line cite the same source; many links carry the same properties.
// (The 1× generated corpus holds 1.47 million strings with 69,600 distinct
// values, and 21,900 link property maps with 1,540 distinct ones.)
//
// Stored facts are never changed (Merge and clone copy what they take), so
// sharing is safe. The interner is the writer's: it is used under Store.mu
// or during Open, never by readers. It keeps the values of documents since
// removed until the next compaction rebuilds it from the documents then
// loaded.
type interner struct {
	strs  map[string]string
	props map[string]map[string]string // by propsKey
	arena arena                        // where the strings it copies go
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, props: map[string]map[string]string{}}
}

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	in.strs[s] = s
	return s
}

// bytes is str of a string read from b; a string the interner holds costs
// no allocation, and one it lacks is copied into its arena.
func (in *interner) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if c, ok := in.strs[string(b)]; ok {
		return c
	}
	s := in.arena.bytes(b)
	in.strs[s] = s
	return s
}

// home gives a fact's new entry a place for its derived values (sort key,
// search text, edges): its previous version's where they are equal, as
// they are when a fact gains a contribution, else a copy in the arena.
// The entry's own values, freshly made, are then garbage.
func (in *interner) home(prev, next *factEntry) {
	switch {
	case next.sortKey == next.id:
		next.sortKey = next.id
	case prev != nil && prev.sortKey == next.sortKey:
		next.sortKey = prev.sortKey
	default:
		next.sortKey = in.arena.str(next.sortKey)
	}
	if prev != nil && prev.search == next.search {
		next.search = prev.search
	} else {
		next.search = in.arena.str(next.search)
	}
	if prev != nil && slices.Equal(prev.edges, next.edges) {
		next.edges = prev.edges
	} else {
		next.edges = in.arena.edgeList(next.edges)
	}
}

// own prepares a decoded document for the store: its strings and property
// maps interned, its facts normalised (graph.Normalize), so that a fact
// with a single contribution can share it as its merge, and facts citing
// the same single source share one list. The document must not be shared
// yet. Normalising changes nothing that is encoded: both codecs decode
// empty lists as nil, and Merge sorts string lists anyway.
//
// interned says that d's strings and property maps are the interner's
// and its lists of one source placed already (the facts codec decodes them
// so): then only the facts are normalised. Otherwise (gob records of older
// data directories) the lists of one source are placed as the codec's
// decoder places them (docLists).
func (in *interner) own(d *graph.DocumentFacts, interned bool) {
	var lists docLists
	in.walk(d, !interned, func(f any) {
		graph.Normalize(f)
		if p := sourcesOf(f); !interned && len(*p) == 1 {
			lists.oneSource(p, (*p)[0])
		}
	})
	lists.place()
}

// docLists gathers a document's lists of one source and its string lists
// while the store decodes or prepares it, and places each kind in one
// array at the end (place): one allocation per document instead of one
// per list. Equal sources are kept once, so the facts read from one line
// (a person, their membership and attendance) share their source.
type docLists struct {
	srcIndex map[graph.Source]int
	srcs     listPool[graph.Source]
	strs     listPool[string]
}

// oneSource notes that *list is to hold the one source src.
func (l *docLists) oneSource(list *[]graph.Source, src graph.Source) {
	i, ok := l.srcIndex[src]
	if !ok {
		if l.srcIndex == nil {
			l.srcIndex = map[graph.Source]int{}
		}
		i = len(l.srcs.vals)
		l.srcIndex[src] = i
		l.srcs.vals = append(l.srcs.vals, src)
	}
	l.srcs.uses = append(l.srcs.uses, listUse[graph.Source]{list, i, i + 1})
}

// place sets every noted list.
func (l *docLists) place() {
	l.srcs.place()
	l.strs.place()
}

// listPool holds the values of many lists (vals) and which list holds
// which of them (uses).
type listPool[T any] struct {
	vals []T
	uses []listUse[T]
}

type listUse[T any] struct {
	list     *[]T
	from, to int // in vals
}

// note says that *list is to hold the values from from to the end.
func (p *listPool[T]) note(list *[]T, from int) {
	p.uses = append(p.uses, listUse[T]{list, from, len(p.vals)})
}

// place copies the values into one array and sets each list to its part,
// with no room to append.
func (p *listPool[T]) place() {
	if len(p.vals) == 0 {
		return
	}
	all := slices.Clone(p.vals)
	for _, u := range p.uses {
		*u.list = all[u.from:u.to:u.to]
	}
}

// add puts the values of a stored document into the tables without
// changing it (readers may be reading it).
func (in *interner) add(d *graph.DocumentFacts) { in.walk(d, true, nil) }

// walk interns the values of d (if values) in place, or with visit nil
// only adds them to the tables, and calls visit for every fact.
func (in *interner) walk(d *graph.DocumentFacts, values bool, visit func(any)) {
	set := visit != nil
	if values {
		in.value(reflect.ValueOf(&d.Document).Elem(), set)
	}
	for _, k := range graph.Kinds {
		forEachFact(d, k, func(f any) {
			if values {
				in.value(reflect.ValueOf(f).Elem(), set)
			}
			if set {
				visit(f)
			}
		})
	}
}

// value interns the strings of a struct (fields of kind string, []string,
// map[string]string, and slices of structs with such fields, such as
// []graph.Source), in place if set.
func (in *interner) value(v reflect.Value, set bool) {
	for _, f := range plan(v.Type()) {
		fv := v.Field(f.index)
		switch f.kind {
		case fieldString:
			if s := in.str(fv.String()); set {
				fv.SetString(s)
			}
		case fieldStrings:
			for i := 0; i < fv.Len(); i++ {
				e := fv.Index(i)
				if s := in.str(e.String()); set {
					e.SetString(s)
				}
			}
		case fieldStructs:
			for i := 0; i < fv.Len(); i++ {
				in.value(fv.Index(i), set)
			}
		case fieldStringMap:
			if fv.Len() == 0 {
				continue
			}
			m := fv.Interface().(map[string]string)
			if c := in.propsMap(m, set); set {
				fv.Set(reflect.ValueOf(c))
			}
		}
	}
}

// propsMap returns the interner's map equal to m, making m that map (its
// values interned, if set) when it has none.
func (in *interner) propsMap(m map[string]string, set bool) map[string]string {
	k := propsKey(m)
	if c, ok := in.props[k]; ok {
		return c
	}
	if set {
		// Only the values: a map cannot change a key in place.
		for key, s := range m {
			m[key] = in.str(s)
		}
	}
	in.props[k] = m
	return m
}

// propsKey encodes a map's content, the same for equal maps.
func propsKey(m map[string]string) string {
	keys := slices.Sorted(maps.Keys(m))
	var b strings.Builder
	for _, k := range keys {
		for _, s := range []string{k, m[k]} {
			b.WriteString(strconv.Itoa(len(s)))
			b.WriteByte(':')
			b.WriteString(s)
		}
	}
	return b.String()
}

type fieldKind int

const (
	fieldString fieldKind = iota
	fieldStrings
	fieldStructs
	fieldStringMap
)

type fieldPlan struct {
	index int
	kind  fieldKind
}

var plans sync.Map // reflect.Type → []fieldPlan

// plan lists the fields of a struct type that hold strings the interner
// visits. Structs without exported fields (time.Time) are skipped.
func plan(t reflect.Type) []fieldPlan {
	if p, ok := plans.Load(t); ok {
		return p.([]fieldPlan)
	}
	var p []fieldPlan
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		switch ft := f.Type; {
		case ft.Kind() == reflect.String:
			p = append(p, fieldPlan{i, fieldString})
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			p = append(p, fieldPlan{i, fieldStrings})
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && len(plan(ft.Elem())) > 0:
			p = append(p, fieldPlan{i, fieldStructs})
		case ft == reflect.TypeFor[map[string]string]():
			p = append(p, fieldPlan{i, fieldStringMap})
		}
	}
	plans.Store(t, p)
	return p
}
