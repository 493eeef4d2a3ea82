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
// contribute it (facts.go's sources always name their own document), and
// kept as the people cache keeps a person's (peopledocs.go); a new
// contribution with a source naming another document drops the
// municipality from the cache, to be read again.

// muniLink is a cluster_municipality link as otherClusters needs it.
type muniLink struct {
	to   string   // the cluster
	docs []string // the documents that support it (docsOf)
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
				links[id] = &muniLink{to: l.ToID, docs: docsOf(l.Sources)}
			}
		}
		c.muniLinks[mid] = links
	}
	var out []string
	for _, ml := range links {
		if ml.to == cid || onlyDoc(ml.docs, docID) {
			continue
		}
		out = appendNew(out, ml.to)
	}
	slices.Sort(out)
	return out, nil
}

// updateLinks brings the cached links up to date with write w of facts.
// A link the write may have changed in ways its documents do not follow
// from (w.knows), or left with none, drops its municipality from the
// cache, to be read again.
func (c *peopleCache) updateLinks(facts *graph.DocumentFacts, w *written) {
	for mid, links := range c.muniLinks {
		for id, ml := range links {
			if !w.changed[id] {
				continue
			}
			if ml.docs, _, _ = w.shift(ml.docs, id); len(ml.docs) == 0 || !w.knows(id) {
				delete(c.muniLinks, mid)
				break
			}
		}
	}
	for _, l := range facts.Links {
		links, ok := c.muniLinks[l.FromID]
		if l.Type != graph.LinkClusterMunicipality || !ok || links[l.ID] != nil {
			continue
		}
		if !w.knows(l.ID) {
			delete(c.muniLinks, l.FromID)
			continue
		}
		docs, _, _ := w.shift(nil, l.ID)
		links[l.ID] = &muniLink{to: l.ToID, docs: docs}
	}
}
