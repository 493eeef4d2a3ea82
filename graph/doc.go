// Package graph owns sundhedsgraf's data: the domain types (people, bodies,
// meetings, items, initiatives, memberships, attendance, reference entities),
// the Store interface and its two backends, and the rules that give both
// backends the same answers.
//
// # Model
//
// Every fact has a stable, content-derived ID whose prefix names its kind
// ("person:", "body:", ...). Facts come from documents: a minutes file, the
// reference skeleton or administrative corrections. A document writes its
// facts in one transaction (ReplaceDocument); the store keeps each
// document's contribution to a fact, and a read returns Merge of the
// contributions in DocumentCompare order. Replacing or deleting a document
// removes exactly its contributions; a fact no document supports any more is
// gone, and one other documents support stays.
//
// Every fact carries Sources: document, line range and quote. Source.Origin
// keeps reference data, minutes and corrections apart.
//
// # Shared semantics
//
// semantics.go holds the meaning of the Store's operations as pure
// functions: Merge, Edges (what Related follows), SortKey (list order and
// cursors), Matches (filters), Score (search ranking) and ContentHash. Both
// backends call them, and the conformance suite (graph/storetest) checks that
// they agree.
//
// # Backends
//
// graph/embedded is the default: an in-process store persisted in a data
// directory with a write-ahead log. graph/neo4j talks to Neo4j 5 over Bolt;
// it is the only package that imports the Neo4j driver, and its Cypher lives
// one statement per file in graph/neo4j/cypher/*.cypher.
package graph
