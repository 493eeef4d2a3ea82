package minutes

import "testing"

// TestMatchIsMaximum: key entry 0 fits either extracted record, key entry 1
// only the first. Taking the first fit for entry 0 (greedy) would leave
// entry 1 unmatched; the scorer must find both pairs.
func TestMatchIsMaximum(t *testing.T) {
	want := []string{"loose", "exact"}
	got := []string{"exact", "other"}
	eq := func(w, g string) bool { return w == "loose" || w == g }
	id := func(s string) string { return s }
	r := &Report{Counts: map[string]Counts{}, Missed: map[string][]string{}, Extra: map[string][]string{}}
	match(r, "x", want, got, eq, id, id)
	if c := r.Counts["x"]; c.Matched != 2 || len(r.Missed["x"]) != 0 || len(r.Extra["x"]) != 0 {
		t.Errorf("counts %+v, missed %v, extra %v; want both matched", c, r.Missed["x"], r.Extra["x"])
	}
	// One-to-one still holds: two key entries cannot share one record.
	r = &Report{Counts: map[string]Counts{}, Missed: map[string][]string{}, Extra: map[string][]string{}}
	match(r, "x", []string{"a", "a"}, []string{"a"}, func(w, g string) bool { return w == g }, id, id)
	if c := r.Counts["x"]; c.Matched != 1 || len(r.Missed["x"]) != 1 {
		t.Errorf("counts %+v, missed %v; want one match and one miss", c, r.Missed["x"])
	}
}
