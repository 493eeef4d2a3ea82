package minutes

// Stage functions for agenda items, bodies, initiatives, future meetings and
// the committee-case layout. Parse (parse.go) calls them after the header and
// participant stages have filled the docContext.
//
// TEMPORARY: these return nothing until their real implementations land in
// items.go, bodies.go, initiatives.go, future.go and committee.go, which
// replace this file.

func parseInitiatives(t *text, items []itemSpan, c *docContext) []Initiative { return nil }

// parseCommitteeCase parses a municipal committee case (the Slagelse layout:
// no participants; meetings reported on; "|"-separated funding tables) into
// meetings, items, bodies and initiatives. Parse fills Document, Kind and
// Organisations.
