// Command sundhedsgraf serves the graph of Denmark's cross-sector health
// collaboration over GraphQL, loads published minutes into it and shows what
// the loader reads from a document.
//
//	sundhedsgraf serve [--addr :8080] [--data ./data] [limits]
//	sundhedsgraf load FILE|DIR ...
//	sundhedsgraf extract --json FILE
//	sundhedsgraf network --kind KIND [--from D] [--to D] [--region ID] [--cluster ID] --format gexf|csv|nodes-csv|json [--out FILE]
//	sundhedsgraf transition --council ID [--cutover D] [--out FILE]
//
// NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) selects the
// Neo4j backend; otherwise the embedded store in --data is used. Each
// subcommand takes --help.
//
// The package is small on purpose: Main reads configuration, builds the
// store, loader and HTTP handler, runs and stops. Tests build a Main with
// their own writers, environment and listen callback.
package main
