package network

import "github.com/sundhedsgraf/sundhedsgraf/graph"

// The batch helpers live in package graph; these names keep the call sites
// short.
var (
	listAll    = graph.ListAll
	getAll     = graph.GetAll
	relatedAll = graph.RelatedAll
	flatten    = graph.Flatten
	uniq       = graph.Uniq
	uncertain  = graph.Uncertain
	origins    = graph.Origins
)
