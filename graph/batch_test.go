package graph

import (
	"slices"
	"testing"
)

func TestBatchValueHelpers(t *testing.T) {
	if got := Uniq([]string{"b", "", "a", "b"}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Uniq = %v", got)
	}
	if got := Flatten(map[string][]string{"x": {"c", "a"}, "y": {"a", "b"}}); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Flatten = %v", got)
	}
	p := &Person{ID: "person:p", Sources: []Source{{Origin: OriginMinutes}, {Origin: OriginReference, Uncertain: true}, {Origin: OriginMinutes}}}
	if got := Origins(p); !slices.Equal(got, []Origin{OriginMinutes, OriginReference}) {
		t.Errorf("Origins = %v", got)
	}
	if !Uncertain(p) || Uncertain(&Person{ID: "person:q", Sources: []Source{{Origin: OriginMinutes}}}) {
		t.Error("Uncertain ignores or invents an uncertain source")
	}
	if !Uncertain(&Cluster{ID: "cluster:c", Uncertain: true}) {
		t.Error("an uncertain cluster is not uncertain")
	}
}
