package graph

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Lægedækning", "laegedaekning"},
		{"LÆGEDÆKNING", "laegedaekning"},
		{"Sønderjylland", "soenderjylland"},
		{"Åbenrå", "aabenraa"},
		{"Anne-Mette  Dalgaard", "anne mette dalgaard"},
		{"  Nanna Jancyardóttir, PLO ", "nanna jancyardottir plo"},
		{"Café Ærø", "cafe aeroe"},
		{"", ""},
		{"--", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func doc(id string, origin Origin, date string) Document {
	return Document{ID: id, Origin: origin, Date: date}
}

func TestDocumentCompare(t *testing.T) {
	ref := doc("document:reference", OriginReference, "")
	a := doc("document:a", OriginMinutes, "2023-01-16")
	b := doc("document:b", OriginMinutes, "2024-06-19")
	adm := doc("document:admin", OriginAdmin, "")
	docs := []Document{adm, b, ref, a}
	slices.SortFunc(docs, DocumentCompare)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	want := []string{"document:reference", "document:a", "document:b", "document:admin"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v; want %v", ids, want)
	}
}

func TestMergePerson(t *testing.T) {
	a := doc("document:a", OriginMinutes, "2023-01-16")
	b := doc("document:b", OriginMinutes, "2024-06-19")
	got := Merge([]Contribution{
		// Out of order on purpose: Merge sorts by document.
		{b, &Person{ID: "person:x", Name: "Kim Brogaard", Party: "V", Titles: []string{"læge"}, Sources: []Source{{DocumentID: b.ID}}}},
		{a, &Person{ID: "person:x", Name: "Kim Agerholm Brogaard", Aliases: []string{"K. Brogaard"}, Party: "A", OrganisationID: "org:plo", Sources: []Source{{DocumentID: a.ID}}}},
	}).(*Person)
	if got.Name != "Kim Agerholm Brogaard" {
		t.Errorf("Name = %q; want the fullest form", got.Name)
	}
	if !slices.Equal(got.Aliases, []string{"K. Brogaard", "Kim Brogaard"}) {
		t.Errorf("Aliases = %v", got.Aliases)
	}
	if got.Party != "V" || got.OrganisationID != "org:plo" {
		t.Errorf("Party, Organisation = %q, %q; want the later party and the only organisation", got.Party, got.OrganisationID)
	}
	if len(got.Sources) != 2 || got.Sources[0].DocumentID != a.ID {
		t.Errorf("Sources = %v; want both, in document order", got.Sources)
	}
}

func TestMergeDoesNotAliasInput(t *testing.T) {
	a := doc("document:a", OriginMinutes, "2023")
	b := doc("document:b", OriginMinutes, "2024")
	first := &Person{ID: "person:x", Name: "A", Aliases: []string{"x"}, Sources: []Source{{DocumentID: a.ID}}}
	Merge([]Contribution{{a, first}, {b, &Person{ID: "person:x", Name: "A", Aliases: []string{"y"}, Sources: []Source{{DocumentID: b.ID}}}}})
	if !slices.Equal(first.Aliases, []string{"x"}) || len(first.Sources) != 1 {
		t.Errorf("Merge changed its input: %+v", first)
	}
}

func TestMergeAdminName(t *testing.T) {
	a := doc("document:a", OriginMinutes, "2023")
	adm := doc("document:admin", OriginAdmin, "")
	got := Merge([]Contribution{
		{adm, &Person{ID: "person:x", Name: "Stephanie Lose"}},
		{a, &Person{ID: "person:x", Name: "Stephenie Lose Hansen"}},
	}).(*Person)
	if got.Name != "Stephanie Lose" || !slices.Equal(got.Aliases, []string{"Stephenie Lose Hansen"}) {
		t.Errorf("got %q %v; want the administrator's name, the printed one as alias", got.Name, got.Aliases)
	}
}

func TestMergeNamelessContribution(t *testing.T) {
	a := doc("document:a", OriginMinutes, "2023")
	adm := doc("document:admin", OriginAdmin, "")
	got := Merge([]Contribution{
		{adm, &Person{ID: "person:x", Aliases: []string{"S. Lose"}}},
		{a, &Person{ID: "person:x", Name: "Stephanie Lose"}},
	}).(*Person)
	if got.Name != "Stephanie Lose" || !slices.Equal(got.Aliases, []string{"S. Lose"}) {
		t.Errorf("got %q %q; want the printed name and only the added alias (no empty one)", got.Name, got.Aliases)
	}
}

func TestMergeMembershipAndMeeting(t *testing.T) {
	a := doc("document:a", OriginMinutes, "2023-01-16")
	b := doc("document:b", OriginMinutes, "2024-06-19")
	m := Merge([]Contribution{
		{a, &Membership{ID: "membership:1", FirstSeen: "2023-01-16", LastSeen: "2023-01-16"}},
		{b, &Membership{ID: "membership:1", FirstSeen: "2024-06-19", LastSeen: "2024-06-19", StartDate: "2024-01-01"}},
	}).(*Membership)
	if m.FirstSeen != "2023-01-16" || m.LastSeen != "2024-06-19" || m.StartDate != "2024-01-01" {
		t.Errorf("membership dates = %+v", m)
	}
	mt := Merge([]Contribution{
		{a, &Meeting{ID: "meeting:1", Planned: true}},
		{b, &Meeting{ID: "meeting:1", Planned: false, Location: "Videomøde"}},
	}).(*Meeting)
	if mt.Planned || mt.Location != "Videomøde" {
		t.Errorf("a meeting with minutes is not planned: %+v", mt)
	}
	amt := int64(300000)
	in := Merge([]Contribution{
		{a, &Initiative{ID: "initiative:1", Name: "Lægedækning", AmountDKK: &amt}},
		{b, &Initiative{ID: "initiative:1", Name: "Lægedækning"}},
	}).(*Initiative)
	if in.AmountDKK == nil || *in.AmountDKK != 300000 {
		t.Errorf("a later document without an amount keeps the earlier amount: %+v", in)
	}
	if Merge(nil) != nil {
		t.Error("Merge(nil) != nil")
	}
}

func TestScore(t *testing.T) {
	item := &AgendaItem{ID: "item:1", Title: "Godkendelse af kommissorium", DecisionText: "Det politiske niveau godkendte lægedækning af almen praksis."}
	person := &Person{ID: "person:1", Name: "Bo Libergren", Aliases: []string{"B. Libergren"}}
	for _, tc := range []struct {
		fact  any
		q     string
		score float64
	}{
		{person, "bo libergren", 10},
		{person, "bo", 6},
		{person, "libergren", 4},
		{person, "libergren bo", 3},
		{person, "hansen", 0},
		{item, Fold("Lægedækning"), 1},
		{item, "kommissorium", 4},
		{item, "", 0},
	} {
		got, snippet := Score(tc.fact, tc.q)
		if got != tc.score {
			t.Errorf("Score(%s, %q) = %v (%q); want %v", IDOf(tc.fact), tc.q, got, snippet, tc.score)
		}
	}
	if _, snip := Score(item, "laegedaekning"); snip == "" || snip[0] == 'G' {
		t.Errorf("snippet of a text match = %q; want an excerpt of the decision", snip)
	}
}

func TestRankHits(t *testing.T) {
	hits := RankHits([]SearchHit{
		{ID: "person:b", Kind: KindPerson, Score: 4},
		{ID: "item:a", Kind: KindAgendaItem, Score: 10},
		{ID: "person:a", Kind: KindPerson, Score: 4},
	}, 2)
	if len(hits) != 2 || hits[0].ID != "item:a" || hits[1].ID != "person:a" {
		t.Errorf("RankHits = %v", hits)
	}
}

func TestMatchesAndCheckFilter(t *testing.T) {
	amt := int64(300000)
	in := &Initiative{ID: "initiative:1", Name: "Lægedækning", AmountDKK: &amt, ClusterID: "cluster:SD", PeriodStart: "2024-06-19", PeriodEnd: "2026-12-31",
		Sources: []Source{{Origin: OriginMinutes}}}
	region := func(c string) string {
		if c == "cluster:SD" {
			return "region:1083"
		}
		return ""
	}
	lo, hi := int64(100000), int64(200000)
	for _, tc := range []struct {
		f    Filter
		want bool
	}{
		{Filter{}, true},
		{Filter{NameContains: "LAEGE"}, true},
		{Filter{NameContains: "ulighed"}, false},
		{Filter{RegionID: "region:1083"}, true},
		{Filter{RegionID: "region:1081"}, false},
		{Filter{AmountMin: &lo}, true},
		{Filter{AmountMax: &hi}, false},
		{Filter{RunningOn: "2026-12-31"}, true},
		{Filter{RunningOn: "2027-01-01"}, false},
		{Filter{RunningOn: "2024-01-01"}, false},
		{Filter{Origin: OriginReference}, false},
		{Filter{Origin: OriginMinutes}, true},
	} {
		if got := Matches(in, tc.f, region); got != tc.want {
			t.Errorf("Matches(%+v) = %v; want %v", tc.f, got, tc.want)
		}
	}
	if err := CheckFilter(KindPerson, Filter{DateFrom: "2024-01-01"}); ErrorCode(err) != ErrInvalid {
		t.Errorf("CheckFilter(Person, DateFrom) = %v; want %s", err, ErrInvalid)
	}
	if err := CheckFilter(KindMeeting, Filter{DateFrom: "2024-01-01", Origin: OriginMinutes}); err != nil {
		t.Errorf("CheckFilter(Meeting, DateFrom) = %v", err)
	}
	if err := CheckFilter(KindDocument, Filter{}); ErrorCode(err) != ErrInvalid {
		t.Errorf("CheckFilter(Document) = %v; want %s", err, ErrInvalid)
	}
}

func TestCursor(t *testing.T) {
	key := SortKey(&Person{ID: "person:æ", Name: "Ærø Ø"})
	got, err := DecodeCursor(EncodeCursor(key))
	if err != nil || got != key {
		t.Errorf("cursor round trip = %q, %v", got, err)
	}
	if _, err := DecodeCursor("not hex!"); ErrorCode(err) != ErrInvalid {
		t.Errorf("DecodeCursor(bad) = %v; want %s", err, ErrInvalid)
	}
	for first, want := range map[int]int{0: DefaultPageSize, -1: DefaultPageSize, 7: 7, 100000: MaxPageSize} {
		if got := PageSize(first); got != want {
			t.Errorf("PageSize(%d) = %d; want %d", first, got, want)
		}
	}
}

func TestSortKeyAndEdges(t *testing.T) {
	a := SortKey(&AgendaItem{ID: "item:m:2", MeetingID: "meeting:m", Number: 2})
	b := SortKey(&AgendaItem{ID: "item:m:10", MeetingID: "meeting:m", Number: 10})
	if !(a < b) {
		t.Errorf("item 2 sorts after item 10: %q >= %q", a, b)
	}
	es := Edges(&Membership{ID: "membership:1", PersonID: "person:p", BodyID: "body:b", OnBehalfOfID: "org:o"})
	want := []Edge{
		{RelMembershipsOfBody, "body:b", "membership:1"},
		{RelMembershipsOfPerson, "person:p", "membership:1"},
		{RelMembershipsOnBehalfOf, "org:o", "membership:1"},
	}
	if !slices.Equal(es, want) {
		t.Errorf("Edges = %v; want %v", es, want)
	}
	if es := Edges(&Cluster{ID: "cluster:c", MunicipalityIDs: []string{"municipality:1", "municipality:1"}}); len(es) != 1 {
		t.Errorf("duplicate edges not removed: %v", es)
	}
}

func TestKindOf(t *testing.T) {
	for k, p := range IDPrefix {
		if got := KindOf(p + "x"); got != k {
			t.Errorf("KindOf(%q) = %q; want %q", p+"x", got, k)
		}
	}
	if KindOf("person:") != "" || KindOf("nothing") != "" {
		t.Error("KindOf accepts an ID without a key")
	}
}

func TestContentHashIgnoresLoadTimeAndOrder(t *testing.T) {
	d1 := &Document{ID: "document:a", SHA256: "x", LoadedAt: time.Now()}
	d2 := &Document{ID: "document:a", SHA256: "x", LoadedAt: time.Now().Add(time.Hour)}
	p := &Person{ID: "person:p", Name: "P"}
	if ContentHash([]any{d1, p}) != ContentHash([]any{p, d2}) {
		t.Error("ContentHash depends on load time or order")
	}
	if ContentHash([]any{d1, p}) == ContentHash([]any{d1, &Person{ID: "person:p", Name: "Q"}}) {
		t.Error("ContentHash ignores a changed name")
	}
}

func TestErrors(t *testing.T) {
	inner := errors.New("socket closed")
	err := Wrap(ErrUnavailable, "the store is unavailable", inner)
	if ErrorCode(err) != ErrUnavailable || ErrorMessage(err) != "the store is unavailable" || !errors.Is(err, inner) {
		t.Errorf("Wrap: code %q, message %q", ErrorCode(err), ErrorMessage(err))
	}
	if ErrorCode(inner) != ErrInternal || ErrorMessage(inner) != "internal error" || ErrorCode(nil) != "" {
		t.Error("a plain error is not internal")
	}
}

func TestFormatAmount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 300000: "300.000", 1350000: "1.350.000", 999: "999", -8310111: "-8.310.111"} {
		if got := FormatAmount(n); got != want {
			t.Errorf("FormatAmount(%d) = %q; want %q", n, got, want)
		}
	}
}
