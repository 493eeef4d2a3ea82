package bind

import (
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// Level and Outcome are enums whose Go value may be empty: a body outside
// a cluster has no level, an item whose outcome the minutes do not state
// has none. Their marshalers write "" as null, so the fields read the fact
// directly instead of through a resolver that turns "" into a nil pointer.
// The tables are the one mapping between the GraphQL values and graph's
// constants (gqlgen.yml names these functions).

type enum []struct{ name, value string }

var (
	levels = enum{
		{"POLITICAL", graph.LevelPolitical},
		{"PROFESSIONAL_STRATEGIC", graph.LevelProfessionalStrategic},
		{"OTHER", graph.LevelOther},
	}
	outcomes = enum{
		{"APPROVED", graph.OutcomeApproved},
		{"NOTED", graph.OutcomeNoted},
		{"DISCUSSED", graph.OutcomeDiscussed},
		{"REJECTED", graph.OutcomeRejected},
		{"POSTPONED", graph.OutcomePostponed},
		{"OTHER", graph.OutcomeOther},
	}
	// names are the enum values as marshalers, made once.
	levelNames   = levels.names()
	outcomeNames = outcomes.names()
)

func (e enum) names() map[string]graphql.Marshaler {
	out := make(map[string]graphql.Marshaler, len(e))
	for _, v := range e {
		out[v.value] = graphql.MarshalString(v.name)
	}
	return out
}

func (e enum) unmarshal(typ string, v any) (string, error) {
	s, ok := v.(string)
	if ok {
		for _, x := range e {
			if x.name == s {
				return x.value, nil
			}
		}
	}
	return "", graph.Errorf(graph.ErrInvalid, "%s is not a valid %s", fmt.Sprint(v), typ)
}

// MarshalLevel writes a level: null for "" (and for a value the schema
// does not know).
func MarshalLevel(v string) graphql.Marshaler { return marshalEnum(levelNames, v) }

// UnmarshalLevel reads a Level value.
func UnmarshalLevel(v any) (string, error) { return levels.unmarshal("Level", v) }

// MarshalOutcome writes an outcome: null for "" (and for a value the
// schema does not know).
func MarshalOutcome(v string) graphql.Marshaler { return marshalEnum(outcomeNames, v) }

// UnmarshalOutcome reads an Outcome value.
func UnmarshalOutcome(v any) (string, error) { return outcomes.unmarshal("Outcome", v) }

func marshalEnum(names map[string]graphql.Marshaler, v string) graphql.Marshaler {
	if m, ok := names[v]; ok {
		return m
	}
	return graphql.Null
}
