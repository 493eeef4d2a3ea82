// Package explore serves the explorer page at /explore/: a small page of
// plain HTML, CSS and JavaScript, embedded in the binary, so nothing is built
// or fetched at run time.
//
// The page reads the graph only through the public GraphQL API (/graphql),
// like any other client: search for a person, body or cluster; a person's
// seats and a body's members with their sources (document, lines, quote); a
// meeting's attendance (present, apologies, substitutes and for whom); a
// network view of a cluster (bodies, members and municipalities, laid out by
// a small force simulation in static/app.js and drawn as SVG); and a health
// council's transition plan (its municipalities, the clusters they come
// from and the initiatives running there on a date, with amounts).
//
// Routes live in the URL fragment (#/person/ID, #/cluster/ID, ...), so every
// view can be linked to and the server needs no routing of its own. The
// responses forbid loading anything from another origin
// (Content-Security-Policy), so the page cannot depend on a CDN by mistake.
//
// The browser tests (browser_test.go) drive Debian's headless Chromium over
// the DevTools protocol with the standard library only; they skip when
// Chromium is missing unless BROWSER_REQUIRED=1.
package explore
