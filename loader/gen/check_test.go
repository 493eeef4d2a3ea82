package gen

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

var (
	validStatus  = map[string]bool{minutes.StatusPresent: true, minutes.StatusAbsent: true, minutes.StatusSentApologies: true, minutes.StatusSubstitute: true}
	validOutcome = map[string]bool{minutes.OutcomeApproved: true, minutes.OutcomeNoted: true, minutes.OutcomeDiscussed: true,
		minutes.OutcomeRejected: true, minutes.OutcomePostponed: true, minutes.OutcomeOther: true}
	validRole = map[string]bool{minutes.RoleCoChair: true, minutes.RoleChair: true, minutes.RoleMember: true, minutes.RoleAdministrative: true,
		minutes.RoleSecretariat: true, minutes.RoleCommitteeChair: true, minutes.RolePatientRep: true, minutes.RoleSubstitute: true,
		minutes.RoleGuest: true, minutes.RoleCoordinator: true, minutes.RoleObserver: true}
	validOrgKind = map[string]bool{"region": true, "municipality": true, "gp_association": true, "hospital": true, "psychiatry": true,
		"patient_org": true, "research": true, "national_body": true, "other": true}
)

// checkDocument checks that a key is consistent in itself and with its text:
// every name it claims is printed, every reference resolves.
func checkDocument(d *Document) []error {
	var errs []error
	bad := func(f string, a ...any) { errs = append(errs, fmt.Errorf(f, a...)) }
	k := &d.Key
	text := d.Text
	lower := strings.ToLower(text)
	in := func(s string) bool { return s != "" && strings.Contains(text, s) }

	if k.Document != d.Name+".txt" {
		bad("document %q, want %q", k.Document, d.Name+".txt")
	}
	if len(k.Meetings) != 1 {
		bad("%d meetings, want 1", len(k.Meetings))
		return errs
	}
	meet := k.Meetings[0]
	if !in(meet.Body) {
		bad("meeting body %q not in the text", meet.Body)
	}
	if meet.Date == nil || !in(dmyOf(*meet.Date)) {
		bad("meeting date %v not in the REFERAT header", meet.Date)
	}
	if len(d.Persons) != len(k.People) {
		bad("%d population IDs for %d people", len(d.Persons), len(k.People))
	}

	people := map[string]bool{}
	for _, p := range k.People {
		if people[p.Name] {
			bad("person %q twice", p.Name)
		}
		people[p.Name] = true
		if !in(p.Name) {
			bad("person %q not in the text", p.Name)
		}
		for _, a := range p.Aliases {
			if !in(a) {
				bad("alias %q of %q not in the text", a, p.Name)
			}
			if a == p.Name {
				bad("alias %q equals the canonical name", a)
			}
		}
		for _, t := range p.Titles {
			if !strings.Contains(lower, strings.ToLower(t)) {
				bad("title %q of %q not in the text", t, p.Name)
			}
		}
		if p.Organisation != nil && !in(*p.Organisation) {
			bad("organisation %q of %q not in the text", *p.Organisation, p.Name)
		}
		if p.Party != nil && !in(p.Name+", "+*p.Party) && !hasAliasParty(text, p) {
			bad("party %q of %q not printed after the name", *p.Party, p.Name)
		}
	}
	for _, p := range k.People {
		for _, a := range p.Aliases {
			if people[a] {
				bad("alias %q of %q is another person's name", a, p.Name)
			}
		}
	}

	bodies := map[string]bool{}
	for _, b := range k.Bodies {
		if bodies[b.Name] {
			bad("body %q twice", b.Name)
		}
		bodies[b.Name] = true
		if !in(b.Name) {
			bad("body %q not in the text", b.Name)
		}
		for _, a := range b.Aliases {
			if !in(a) {
				bad("body alias %q not in the text", a)
			}
		}
		if b.Parent == nil || *b.Parent == "" {
			bad("body %q has no parent", b.Name)
		}
	}
	if !bodies[meet.Body] {
		bad("the meeting's body %q is not among the bodies", meet.Body)
	}

	seenMember := map[[2]string]bool{}
	for _, m := range k.Memberships {
		if !people[m.Person] {
			bad("membership of unknown person %q", m.Person)
		}
		if !bodies[m.Body] {
			bad("membership in unknown body %q", m.Body)
		}
		if !validRole[m.Role] {
			bad("membership role %q", m.Role)
		}
		if m.OnBehalfOf != nil && !in(*m.OnBehalfOf) {
			bad("on_behalf_of %q not in the text", *m.OnBehalfOf)
		}
		key := [2]string{m.Person, m.Body}
		if seenMember[key] {
			bad("%q has two memberships of %q", m.Person, m.Body)
		}
		seenMember[key] = true
	}

	status := map[string]string{}
	for _, a := range k.Attendance {
		if !people[a.Person] {
			bad("attendance of unknown person %q", a.Person)
		}
		if _, dup := status[a.Person]; dup {
			bad("two attendance entries for %q", a.Person)
		}
		status[a.Person] = a.Status
		if !validStatus[a.Status] {
			bad("attendance status %q", a.Status)
		}
		if a.MeetingDate == nil || *a.MeetingDate != *meet.Date {
			bad("attendance date %v, want %s", a.MeetingDate, *meet.Date)
		}
		if (a.Status == minutes.StatusSubstitute) != (a.SubstituteFor != nil) {
			bad("%q: status %s with substitute_for %v", a.Person, a.Status, a.SubstituteFor)
		}
	}
	for _, a := range k.Attendance {
		if a.SubstituteFor == nil {
			continue
		}
		if status[*a.SubstituteFor] != minutes.StatusSentApologies {
			bad("%q substitutes for %q, whose status is %q, want sent_apologies", a.Person, *a.SubstituteFor, status[*a.SubstituteFor])
		}
	}

	for i, it := range k.AgendaItems {
		if i > 0 && it.Number != k.AgendaItems[i-1].Number+1 {
			bad("item %d follows item %d", it.Number, k.AgendaItems[i-1].Number)
		}
		if !in("Punkt " + strconv.Itoa(it.Number) + ": " + it.Title + "\n") {
			bad("heading of item %d %q not in the text", it.Number, it.Title)
		}
		if !validOutcome[it.Outcome] {
			bad("item %d outcome %q", it.Number, it.Outcome)
		}
		if it.CaseNumber != nil && !in(*it.CaseNumber) {
			bad("case number %q not in the text", *it.CaseNumber)
		}
		for _, line := range strings.Split(it.DecisionSummary, " ") {
			_ = line
		}
		if it.Pos.Line < 1 || it.Pos.EndLine < it.Pos.Line {
			bad("item %d position %+v", it.Number, it.Pos)
		}
	}

	for _, x := range k.Initiatives {
		if !in(x.Name) {
			bad("initiative %q not in the text", x.Name)
		}
		if x.AmountDKK != nil {
			found := false
			for _, f := range amountForms(*x.AmountDKK) {
				found = found || in(f)
			}
			if !found {
				bad("amount %d of %q not in the text in a Danish format", *x.AmountDKK, x.Name)
			}
		}
		if x.Owner != nil && !in(*x.Owner) {
			bad("owner %q of %q not in the text", *x.Owner, x.Name)
		}
		for _, o := range x.Organisations {
			if !in(o) {
				bad("organisation %q of %q not in the text", o, x.Name)
			}
		}
		if x.PeriodStart != nil && x.PeriodEnd != nil && *x.PeriodStart > *x.PeriodEnd {
			bad("period of %q ends before it starts", x.Name)
		}
		if x.Item == nil {
			bad("initiative %q has no item", x.Name)
		}
	}

	orgs := map[string]bool{}
	for _, o := range k.Organisations {
		if orgs[o.Name] {
			bad("organisation %q twice", o.Name)
		}
		orgs[o.Name] = true
		if !in(o.Name) {
			bad("organisation %q not in the text", o.Name)
		}
		if !validOrgKind[o.Kind] {
			bad("organisation %q kind %q", o.Name, o.Kind)
		}
	}
	for _, p := range k.People {
		if p.Organisation != nil && !orgs[*p.Organisation] {
			bad("organisation %q of %q is not among the organisations", *p.Organisation, p.Name)
		}
	}

	for _, f := range k.FutureMeetings {
		if f.Date <= *meet.Date {
			bad("future meeting on %s is not after the meeting", f.Date)
		}
		if !in(f.Body) {
			bad("future meeting body %q not in the text", f.Body)
		}
		if f.Location != nil && !in(*f.Location) {
			bad("future meeting location %q not in the text", *f.Location)
		}
	}
	return errs
}

// hasAliasParty reports a party printed after one of the person's aliases
// (the header line may carry a misspelling).
func hasAliasParty(text string, p minutes.Person) bool {
	for _, a := range p.Aliases {
		if strings.Contains(text, a+", "+*p.Party) {
			return true
		}
	}
	return false
}

func dmyOf(isoDate string) string {
	return isoDate[8:10] + "-" + isoDate[5:7] + "-" + isoDate[0:4]
}

func TestKeysMatchTheirText(t *testing.T) {
	docs := scale1Docs()
	if docs == nil {
		t.Fatal("no corpus")
	}
	failed := 0
	for _, d := range docs {
		errs := checkDocument(d)
		for _, err := range errs {
			if failed < 40 {
				t.Errorf("%s: %v", d.Name, err)
			}
			failed++
		}
	}
	if failed > 0 {
		t.Errorf("%d problems in all", failed)
	}
}

// TestCorpusHasTheFeatures checks that the corpus exercises what the
// parser must handle: every layout and outcome, substitutions, absences,
// partial attendance, aliases, amounts in every format, sub-bodies, future
// meetings, item numbers continuing across a year.
func TestCorpusHasTheFeatures(t *testing.T) {
	docs := scale1Docs()
	count := map[string]int{}
	for _, d := range docs {
		count["layout "+d.Layout]++
		for _, a := range d.Key.Attendance {
			count["status "+a.Status]++
			if a.Items != "" {
				count["partial attendance"]++
			}
		}
		for _, it := range d.Key.AgendaItems {
			count["outcome "+it.Outcome]++
		}
		if len(d.Key.AgendaItems) > 0 && d.Key.AgendaItems[0].Number > 1 {
			count["items continue across the year"]++
		}
		for _, p := range d.Key.People {
			for _, a := range p.Aliases {
				switch {
				case !strings.Contains(a, " "):
					count["alias first name"]++
				case len(strings.Fields(a)) < len(strings.Fields(p.Name)):
					count["alias shorter"]++
				default:
					count["alias respelled"]++
				}
			}
			if p.Party != nil {
				count["party"]++
			}
		}
		for _, m := range d.Key.Memberships {
			count["role "+m.Role]++
		}
		for _, b := range d.Key.Bodies {
			count["body "+b.Kind]++
		}
		for _, x := range d.Key.Initiatives {
			if x.AmountDKK == nil {
				continue
			}
			switch {
			case strings.Contains(d.Text, formatAmount(*x.AmountDKK, amountKrPrefix)):
				count["amount kr. prefix"]++
			case *x.AmountDKK >= 1_000_000 && strings.Contains(d.Text, formatAmount(*x.AmountDKK, amountMio)):
				count["amount mio."]++
			default:
				count["amount kr."]++
			}
			if x.PeriodStart == nil && x.PeriodEnd != nil {
				count["period end only"]++
			}
		}
		count["future meetings"] += len(d.Key.FutureMeetings)
		if strings.Contains(d.Text, "Fraværende ") {
			count["Fraværende lines"]++
		}
		if strings.Contains(d.Text, "(Deltager på mødet, grundet afbud fra ") {
			count["Deltager på mødet"]++
		}
		if strings.Contains(d.Text, " deltog i stedet for ") {
			count["deltog i stedet for"]++
		}
		if strings.Contains(d.Text, "som er ny i klyngen") {
			count["newcomer"]++
		}
	}
	var want []string
	for _, l := range layoutNames {
		want = append(want, "layout "+l)
	}
	for s := range validStatus {
		want = append(want, "status "+s)
	}
	for o := range validOutcome {
		want = append(want, "outcome "+o)
	}
	for r := range validRole {
		want = append(want, "role "+r)
	}
	for _, k := range subKinds {
		want = append(want, "body "+k.kind)
	}
	want = append(want, "partial attendance", "items continue across the year", "alias first name", "alias shorter",
		"alias respelled", "party", "amount kr. prefix", "amount mio.", "amount kr.", "period end only", "future meetings",
		"Fraværende lines", "Deltager på mødet", "deltog i stedet for", "newcomer")
	for _, w := range want {
		if count[w] == 0 {
			t.Errorf("the corpus has no %s", w)
		}
	}
}

// TestPeopleMove checks the population's history: mayors change at the
// 2026 election, some people sit in several bodies over time, and the
// same person is printed in different forms in different documents.
func TestPeopleMove(t *testing.T) {
	c, err := scale1()
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, cp := range c.plan.clusters {
		for _, s := range cp.levels[0].seats {
			if s.post.kind == KindMayor && s.post.at(day(2025, 6, 1)) != s.post.at(day(2026, 3, 1)) {
				changed++
			}
		}
	}
	if changed == 0 {
		t.Error("no mayor changed at the 2026 election")
	}
	bodies := map[int]map[string]bool{}
	forms := map[int]map[string]bool{}
	for _, d := range scale1Docs() {
		ids := map[string]int{}
		for i, p := range d.Key.People {
			ids[p.Name] = d.Persons[i]
			if forms[d.Persons[i]] == nil {
				forms[d.Persons[i]] = map[string]bool{}
			}
			forms[d.Persons[i]][p.Name] = true
		}
		for _, m := range d.Key.Memberships {
			id := ids[m.Person]
			if bodies[id] == nil {
				bodies[id] = map[string]bool{}
			}
			bodies[id][m.Body] = true
		}
	}
	multi, variants := 0, 0
	for _, b := range bodies {
		if len(b) >= 3 {
			multi++
		}
	}
	for _, f := range forms {
		if len(f) >= 2 {
			variants++
		}
	}
	if multi < 50 {
		t.Errorf("only %d people sit in three or more bodies", multi)
	}
	if variants < 20 {
		t.Errorf("only %d people have different canonical forms in different documents", variants)
	}
	t.Logf("%d mayors changed in 2026; %d people in 3+ bodies; %d people printed in 2+ canonical forms", changed, multi, variants)
}

func TestTypoIsOneEdit(t *testing.T) {
	r := newRNG(1, 99)
	for _, s := range lastNames {
		v := typo(r, s)
		if v == "" {
			continue
		}
		if v == s {
			t.Errorf("typo(%q) returned the name unchanged", s)
		}
		if d := editDistance(s, v); d != 1 {
			t.Errorf("typo(%q) = %q, %d edits, want 1", s, v, d)
		}
	}
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func TestFormatAmount(t *testing.T) {
	for _, c := range []struct {
		n      int64
		format int
		want   string
	}{
		{1_350_000, amountMio, "1,350 mio. kr."},
		{20_000_000, amountMio, "20 mio. kr."},
		{1_350_000, amountKr, "1.350.000 kr."},
		{300_000, amountKr, "300.000 kr."},
		{300_000, amountMio, "300.000 kr."},
		{8_310_111, amountKrPrefix, "kr. 8.310.111"},
		{8_310_111, amountMio, "8.310.111 kr."},
	} {
		if got := formatAmount(c.n, c.format); got != c.want {
			t.Errorf("formatAmount(%d, %d) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}
