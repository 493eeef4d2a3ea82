package resolvers

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// hidingStore answers every Get without the fact hide.
type hidingStore struct {
	graph.Store
	hide string
}

func (s hidingStore) Get(ctx context.Context, ids []string) (map[string]any, error) {
	m, err := s.Store.Get(ctx, ids)
	m = maps.Clone(m)
	delete(m, s.hide)
	return m, err
}

// TestNestedFieldError: a resolver field below a list that fails
// (Membership.body, non-null, when its body is missing) answers as GraphQL
// says: one error with the field's path and location, and null propagated
// to the nearest nullable parent (the person). The execution code calls
// such resolvers in line (the generate command's rewrite 5); bind's
// TestInlineFieldAsResolveField compares the error and panic handling with
// gqlgen's ResolveField case by case.
func TestNestedFieldError(t *testing.T) {
	base := sample(t)
	h := newTestHandler(t, base, Config{})
	var people struct {
		People struct {
			Nodes []struct {
				ID          string
				Memberships []struct{ Body struct{ ID string } }
			}
		}
	}
	query(t, h, `{ people(first: 200) { nodes { id memberships { body { id } } } } }`, nil, &people)
	var person, hidden string
	var at int
	for _, p := range people.People.Nodes {
		bodies := map[string]bool{}
		for _, m := range p.Memberships {
			bodies[m.Body.ID] = true
		}
		if len(bodies) >= 3 {
			person, at = p.ID, len(p.Memberships)/2
			hidden = p.Memberships[at].Body.ID
			break
		}
	}
	if person == "" {
		t.Fatal("no person in the sample with memberships in three bodies")
	}
	const q = "query($id: ID!) {\n  person(id: $id) {\n    id\n    memberships { id role body { id name } }\n  }\n}"
	h = newTestHandler(t, hidingStore{base, hidden}, Config{})
	r := post(t, h, map[string]any{"query": q, "variables": map[string]any{"id": person}})
	if string(r.Data) != `{"person":null}` {
		t.Errorf("data %s, want the person null (the non-null body's null propagated)", r.Data)
	}
	if !slices.Equal(r.codes(), []string{CodeNotFound}) {
		t.Fatalf("errors %+v, want one NOT_FOUND", r.Errors)
	}
	path, _ := json.Marshal(r.Errors[0].Path)
	if want := fmt.Sprintf(`["person","memberships",%d,"body"]`, at); string(path) != want {
		t.Errorf("path %s, want %s", path, want)
	}
	var withLoc struct {
		Errors []struct{ Locations []struct{ Line, Column int } }
	}
	if err := json.Unmarshal(r.raw, &withLoc); err != nil || len(withLoc.Errors) != 1 {
		t.Fatalf("%v: %s", err, r.raw)
	}
	col := strings.Index(strings.Split(q, "\n")[3], "body {") + 1
	if l := withLoc.Errors[0].Locations; len(l) != 1 || l[0].Line != 4 || l[0].Column != col {
		t.Errorf("locations %+v, want line 4 column %d (body)", l, col)
	}
}
