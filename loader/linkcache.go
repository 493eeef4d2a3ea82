package loader

import (
	"context"
	"fmt"
	"slices"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// The people cache also keeps, per municipality, the cluster_municipality
// links from it (what otherClusters asks), so that a document does not read
// them from the store: such a link has a source for every document that
// shows the municipality in the cluster, so reading it cost a document more
// the more documents were loaded. A municipality's links are read from the
// store the first time a document asks for them, then kept up to date from
// what each write contributes and what it replaces, like the people.
//
// The documents a link's sources name are taken to be the documents that
// contribute it (facts.go's sources always name their own document); a new
// contribution with a source naming another document drops the
// municipality from the cache, to be read again.

// muniLink is a cluster_municipality link as otherClusters needs it.
type muniLink struct {
	to   string         // the cluster
	docs map[string]int // document ID → the link's sources from it
}

// otherClusters is builder.otherClusters on the cache: the clusters other
// documents' minutes show municipality mid in, besides cid, for document
// docID.
func (c *peopleCache) otherClusters(ctx context.Context, store graph.Store, mid, cid, docID string) ([]string, error) {
	links, ok := c.muniLinks[mid]
	if !ok {
		rel, err := store.Related(ctx, graph.RelLinksFrom, []string{mid})
		if err != nil {
			return nil, fmt.Errorf("read links: %w", err)
		}
		facts, err := getAll(ctx, store, rel[mid])
		if err != nil {
			return nil, err
		}
		links = map[string]*muniLink{}
		for _, id := range rel[mid] {
			if l, ok := facts[id].(*graph.Link); ok && l.Type == graph.LinkClusterMunicipality {
				ml := &muniLink{to: l.ToID, docs: map[string]int{}}
				for _, s := range l.Sources {
					ml.docs[s.DocumentID]++
				}
				links[id] = ml
			}
		}
		c.muniLinks[mid] = links
	}
	var out []string
	for _, ml := range links {
		// onlyFrom(l.Sources, docID): sources, all from docID.
		if ml.to == cid || (len(ml.docs) == 1 && ml.docs[docID] > 0) {
			continue
		}
		out = appendNew(out, ml.to)
	}
	slices.Sort(out)
	return out, nil
}

// updateLinks brings the cached links up to date with a write of facts
// that replaced a version contributing the facts old (RelFactsOfDocument
// before the write).
func (c *peopleCache) updateLinks(facts *graph.DocumentFacts, old []string) {
	docID := facts.Document.ID
	isOld := map[string]bool{}
	for _, id := range old {
		if graph.KindOf(id) == graph.KindLink {
			isOld[id] = true
		}
	}
	// The replaced version's sources go. A link left with none is gone
	// unless the new version contributes it, or has contributions without
	// sources (none of the loader's): the municipality is read again.
	for mid, links := range c.muniLinks {
		for id, ml := range links {
			if isOld[id] {
				if delete(ml.docs, docID); len(ml.docs) == 0 {
					delete(c.muniLinks, mid)
					break
				}
			}
		}
	}
	for _, l := range facts.Links {
		links, ok := c.muniLinks[l.FromID]
		if l.Type != graph.LinkClusterMunicipality || !ok {
			continue
		}
		ml := links[l.ID]
		if ml == nil {
			ml = &muniLink{to: l.ToID, docs: map[string]int{}}
			links[l.ID] = ml
		}
		for _, s := range l.Sources {
			if s.DocumentID != docID {
				delete(c.muniLinks, l.FromID)
				break
			}
			ml.docs[docID]++
		}
	}
}
