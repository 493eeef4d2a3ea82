package resolvers

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDirectivesAcrossRequests: the fields collected for a selection set
// are shared by requests only where they cannot differ (bind.Collect), so
// one query text answers each request by its own variables, in any order,
// at the root, in a nested object and in what the loaders read ahead.
func TestDirectivesAcrossRequests(t *testing.T) {
	h := newTestHandler(t, sample(t), Config{})
	const q = `query($s: Boolean!, $p: Boolean!) { person(name: "bo libergren") {
		name memberships @skip(if: $s) { role body @include(if: $p) { name cluster { name } } } } }`
	type person struct {
		Person map[string]json.RawMessage
	}
	ask := func(s, p bool) map[string]json.RawMessage {
		var out person
		query(t, h, q, map[string]any{"s": s, "p": p}, &out)
		return out.Person
	}
	all := ask(false, true)
	var seats []map[string]any
	if err := json.Unmarshal(all["memberships"], &seats); err != nil || len(seats) == 0 {
		t.Fatalf("memberships %s: %v", all["memberships"], err)
	}
	for _, m := range seats {
		if _, ok := m["body"]; !ok {
			t.Fatalf("a membership without its body: %v", m)
		}
	}
	for round := range 2 {
		if got := ask(true, true); got["memberships"] != nil || string(got["name"]) != string(all["name"]) {
			t.Errorf("round %d, @skip(if: true): %v", round, got)
		}
		var bare []map[string]any
		if err := json.Unmarshal(ask(false, false)["memberships"], &bare); err != nil || len(bare) != len(seats) {
			t.Fatalf("round %d, @include(if: false): %d memberships (%v), want %d", round, len(bare), err, len(seats))
		}
		for _, m := range bare {
			_, body := m["body"]
			_, role := m["role"]
			if body || !role {
				t.Errorf("round %d, @include(if: false): %v", round, m)
			}
		}
		if got := ask(false, true); !reflect.DeepEqual(got, all) {
			t.Errorf("round %d: the first answer changed: %v, want %v", round, got, all)
		}
	}
}
