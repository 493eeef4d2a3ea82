package loader

import (
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The documents of the people cache. A person and each of their
// memberships are supported by documents (the documents their sources
// name), which the resolver needs: a person or seat that only the document
// being resolved supports is left out. Reading them means reading the
// facts' sources, and a person named in many minutes has a source for
// each: re-reading them after every write made a document cost more the
// more documents were loaded (at 100,000 documents of the 100× corpus it
// was most of the growth of a write's cost).
//
// So the cache keeps each fact's documents and, after a write, changes
// only what the write can have changed: whether its own document supports
// the facts it touched. It reads a fact's sources only when it does not
// hold its documents yet (a person or membership new to the cache, which
// few documents support), or when the written document has a source
// naming another document (none of the loader's facts do). The link cache
// (linkcache.go) keeps its links' documents by the same rules, through the
// same written and shift.

// docsOf is the sorted, distinct documents sources name.
func docsOf(sources []graph.Source) []string {
	docs := make([]string, 0, 1)
	for _, s := range sources {
		docs = append(docs, s.DocumentID)
	}
	slices.Sort(docs)
	return slices.Compact(docs)
}

// onlyDoc says whether docs (docsOf) is docID alone: onlyFrom of the
// sources they were taken from.
func onlyDoc(docs []string, docID string) bool {
	return len(docs) == 1 && docs[0] == docID
}

// written is what one write of a document can have changed in the
// documents of people, memberships and links.
type written struct {
	docID   string
	changed map[string]bool // facts the new version or the replaced one contributes
	now     map[string]bool // facts the new version contributes with a source
	unsure  map[string]bool // facts the new version contributes with a source naming another document
	// memberOf is the person of each membership the new version
	// contributes.
	memberOf map[string]string
}

// newWritten describes the write of facts that replaced a version
// contributing the facts old (RelFactsOfDocument before the write).
func newWritten(facts *graph.DocumentFacts, old []string) *written {
	w := &written{docID: facts.Document.ID, changed: map[string]bool{}, now: map[string]bool{}, unsure: map[string]bool{},
		memberOf: make(map[string]string, len(facts.Memberships))}
	note := func(id string, sources []graph.Source) {
		w.changed[id] = true
		if len(sources) > 0 {
			w.now[id] = true
		}
		for _, s := range sources {
			if s.DocumentID != w.docID {
				w.unsure[id] = true
			}
		}
	}
	for _, p := range facts.People {
		note(p.ID, p.Sources)
	}
	for _, m := range facts.Memberships {
		note(m.ID, m.Sources)
		w.memberOf[m.ID] = m.PersonID
	}
	for _, l := range facts.Links {
		note(l.ID, l.Sources)
	}
	for _, id := range old {
		w.changed[id] = true
	}
	return w
}

// knows says whether the documents of fact id after the write follow from
// those before it (shift); false for a nil w (the cache being built).
func (w *written) knows(id string) bool {
	return w != nil && !w.unsure[id]
}

// shift returns the documents of fact id after the write, given those
// before it, docs (docsOf; it may change them): the same but for w's
// document, which is one of them if w's new version contributes the fact
// with a source. It also says whether w's document was and is one of them.
func (w *written) shift(docs []string, id string) (after []string, had, has bool) {
	i, had := slices.BinarySearch(docs, w.docID)
	if !w.changed[id] {
		return docs, had, had
	}
	switch has = w.now[id]; {
	case has && !had:
		docs = slices.Insert(docs, i, w.docID)
	case had && !has:
		docs = slices.Delete(docs, i, i+1)
	}
	return docs, had, has
}

// shift is written.shift for a fact of person cp (the person or one of
// their memberships); if the fact is counted in cp.docs, the count
// follows.
func (cp *cachedPerson) shift(id string, docs []string, w *written, counted bool) []string {
	docs, had, has := w.shift(docs, id)
	if counted && had != has {
		delta := -1
		if has {
			delta = 1
		}
		cp.count(w.docID, delta)
	}
	return docs
}

// move counts a fact of person cp as supported by the documents after
// instead of before (nil: not a fact of theirs), both sorted.
func (cp *cachedPerson) move(before, after []string) {
	for _, d := range before {
		if _, ok := slices.BinarySearch(after, d); !ok {
			cp.count(d, -1)
		}
	}
	for _, d := range after {
		if _, ok := slices.BinarySearch(before, d); !ok {
			cp.count(d, 1)
		}
	}
}

// count adds delta to the number of the person's facts document d
// supports.
func (cp *cachedPerson) count(d string, delta int) {
	if n := cp.docs[d] + delta; n > 0 {
		cp.docs[d] = n
	} else {
		delete(cp.docs, d)
	}
}
