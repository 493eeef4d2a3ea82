package bind

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// TestEnums: every Go value of Level and Outcome is written as its GraphQL
// name and read back; "" and values the schema does not know are null; a
// name the schema does not know is refused.
func TestEnums(t *testing.T) {
	for _, c := range []struct {
		typ       string
		marshal   func(string) graphql.Marshaler
		unmarshal func(any) (string, error)
		values    map[string]string
	}{
		{"Level", MarshalLevel, UnmarshalLevel, map[string]string{
			graph.LevelPolitical: `"POLITICAL"`, graph.LevelProfessionalStrategic: `"PROFESSIONAL_STRATEGIC"`, graph.LevelOther: `"OTHER"`}},
		{"Outcome", MarshalOutcome, UnmarshalOutcome, map[string]string{
			graph.OutcomeApproved: `"APPROVED"`, graph.OutcomeNoted: `"NOTED"`, graph.OutcomeDiscussed: `"DISCUSSED"`,
			graph.OutcomeRejected: `"REJECTED"`, graph.OutcomePostponed: `"POSTPONED"`, graph.OutcomeOther: `"OTHER"`}},
	} {
		for value, name := range c.values {
			if got := marshalled(c.marshal(value)); got != name {
				t.Errorf("%s %q is written %s, want %s", c.typ, value, got, name)
			}
			back, err := c.unmarshal(name[1 : len(name)-1])
			if err != nil || back != value {
				t.Errorf("%s %s is read as %q, %v; want %q", c.typ, name, back, err, value)
			}
		}
		for _, v := range []string{"", "unknown"} {
			if got := c.marshal(v); got != graphql.Null {
				t.Errorf("%s %q is written %s, want null", c.typ, v, marshalled(got))
			}
		}
		if _, err := c.unmarshal("NOPE"); graph.ErrorCode(err) != graph.ErrInvalid {
			t.Errorf("%s NOPE: %v, want ErrInvalid", c.typ, err)
		}
	}
}
