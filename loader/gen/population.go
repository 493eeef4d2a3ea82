package gen

import (
	"strconv"
)

// Person is one member of the generated population. The documents print
// people by their posts (a mayor as "Borgmester, Vejen Kommune"), so Title
// and Organisation here are those of the first post the person holds.
type Person struct {
	ID           int    `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Organisation string `json:"organisation"`
	Title        string `json:"title"`
	Party        string `json:"party,omitempty"`

	name personName
}

// Kinds of people in the population.
const (
	KindRegionalCouncillor    = "regional_councillor"
	KindMayor                 = "mayor"
	KindCommitteeChair        = "committee_chair"
	KindMunicipalDirector     = "municipal_director"
	KindMunicipalManager      = "municipal_manager"
	KindHospitalDirector      = "hospital_director"
	KindPsychiatryDirector    = "psychiatry_director"
	KindRegionalAdministrator = "regional_administrator"
	KindGP                    = "gp"
	KindPatientRepresentative = "patient_representative"
	KindSecretariat           = "secretariat"
	KindStaff                 = "staff"
)

// tenure is one person's time in a post: [from, to).
type tenure struct {
	person   int
	from, to date
}

func holderAt(ts []tenure, t date) int {
	for _, h := range ts {
		if !t.Before(h.from) && t.Before(h.to) {
			return h.person
		}
	}
	return -1
}

// post is a position whose holder sits in cluster bodies: the mayor of
// Vejen, the administrative director of Sygehus Lillebælt. A post shared by
// two clusters (a municipality in two clusters, a hospital serving three)
// puts the same person in both.
type post struct {
	kind        string
	org         string // as printed: "Vejen Kommune", "Region Syddanmark", "PLO"
	orgKind     string // minutes.Org*
	title       string // as printed, lower case: "borgmester", "sygeplejefaglig direktør"
	committee   string // committee chairs: the committee they chair
	deputyTitle string
	holders     []tenure
	deputies    []tenure
}

func (p *post) at(t date) int       { return holderAt(p.holders, t) }
func (p *post) deputyAt(t date) int { return holderAt(p.deputies, t) }
func (p *post) fullTitle() string {
	if p.committee != "" {
		return "formand for " + p.committee
	}
	return p.title
}

var patientOrgs = []string{"Danske Patienter", "Ældre Sagen", "Diabetesforeningen", "Hjerteforeningen",
	"Kræftens Bekæmpelse", "SIND", "Bedre Psykiatri", "Lungeforeningen", "Scleroseforeningen",
	"Gigtforeningen", "Alzheimerforeningen", "Dansk Handicap Forbund", "Landsforeningen LEV", "Danske Handicaporganisationer"}

var municipalDirectorTitles = []string{"social- og sundhedsdirektør", "velfærdsdirektør", "direktør for Sundhed og Omsorg",
	"direktør for Sundhed og Ældre", "kommunaldirektør", "direktør for Social og Sundhed", "direktør for Borgerservice og Sundhed"}

var municipalManagerTitles = []string{"sundhedschef", "chef for Sundhed og Forebyggelse", "ældrechef", "chef for Sundhed og Omsorg", "afdelingschef for Sundhed"}

var municipalCommittees = []string{"Sundheds- og Ældreudvalget", "Social- og Sundhedsudvalget", "Sundheds- og Forebyggelsesudvalget",
	"Sundheds- og Omsorgsudvalget", "Ældre- og Sundhedsudvalget", "Udvalget for Sundhed og Forebyggelse",
	"Socialudvalget", "Børne- og Ungeudvalget", "Beskæftigelsesudvalget", "Udvalget for Social og Sundhed", "Sundheds- og Fritidsudvalget"}

var regionalCommittees = []string{"Udvalg for Det Nære Sundhedsvæsen", "Psykiatri- og Socialudvalget", "Sundhedsudvalget", "Udvalget for Forebyggelse og Sammenhæng"}

// Staff titles for presenters, guests and members of sub-bodies, with the
// kind of organisation they work in.
var (
	regionStaffTitles    = []string{"specialkonsulent", "chefkonsulent", "kontorchef", "AC-fuldmægtig", "projektleder", "konsulent", "udviklingskonsulent"}
	hospitalStaffTitles  = []string{"overlæge", "cheflæge", "oversygeplejerske", "ledende oversygeplejerske", "afdelingssygeplejerske", "klinisk sygeplejespecialist", "udviklingssygeplejerske"}
	municipalStaffTitles = []string{"sundhedskonsulent", "leder af hjemmeplejen", "leder af sygeplejen", "afdelingsleder", "udviklingskonsulent", "leder af Sundhedscentret", "visitationschef"}
	psychiatryStaffTitle = []string{"cheflæge i psykiatrien", "overlæge", "afdelingssygeplejerske"}
)

// population is the generated people and the posts they hold.
type population struct {
	r      *rng
	people []Person
	names  map[string]bool
	start  date // when the first tenures begin
	end    date // after the last meeting
}

// newPerson draws a person with a name not yet used in the population.
func (p *population) newPerson(kind, org, title string) int {
	var n personName
	for {
		n = drawName(p.r, p.r.chance(0.5))
		if !p.names[n.full()] {
			break
		}
	}
	p.names[n.full()] = true
	id := len(p.people)
	per := Person{ID: id, Name: n.full(), Kind: kind, Organisation: org, Title: title, name: n}
	if kind == KindRegionalCouncillor {
		per.Party = pick(p.r, partyLetters)
	}
	p.people = append(p.people, per)
	return id
}

// electionDays are the starts of the municipal and regional terms after the
// first (elections in November 2025, 2029, ...).
func (p *population) electionDays() []date {
	var ds []date
	for y := 2026; ; y += 4 {
		d := day(y, 1, 1)
		if !d.Before(p.end) {
			return ds
		}
		ds = append(ds, d)
	}
}

// electedTenures fills a political post: a holder per term, who is
// re-elected with probability 1-change, and an occasional resignation.
// successor, when it returns a person, names who takes over at a term
// change (a former mayor becoming committee chair).
func (p *population) electedTenures(kind, org, title string, change float64, successor func(at date) int) []tenure {
	var ts []tenure
	cur := p.newPerson(kind, org, title)
	from := p.start
	for _, e := range p.electionDays() {
		if p.r.chance(0.04) { // resignation mid-term
			mid := from.AddDate(0, p.r.between(6, 40), 0)
			if mid.Before(e) {
				ts = append(ts, tenure{cur, from, mid})
				cur, from = p.newPerson(kind, org, title), mid
			}
		}
		if p.r.chance(change) {
			ts = append(ts, tenure{cur, from, e})
			next := -1
			if successor != nil {
				next = successor(e)
			}
			if next < 0 {
				next = p.newPerson(kind, org, title)
			}
			cur, from = next, e
		}
	}
	return append(ts, tenure{cur, from, farFuture})
}

var farFuture = day(2100, 1, 1)

// staffTenures fills an appointed post: each year the holder leaves with
// probability change, on a random day.
func (p *population) staffTenures(kind, org, title string, change float64, successor func(at date) int) []tenure {
	var ts []tenure
	cur := p.newPerson(kind, org, title)
	from := p.start
	for y := p.start.Year(); y <= p.end.Year(); y++ {
		if !p.r.chance(change) {
			continue
		}
		at := day(y, p.r.between(1, 12), p.r.between(1, 28))
		if !at.After(from) || !at.Before(p.end) {
			continue
		}
		ts = append(ts, tenure{cur, from, at})
		next := -1
		if successor != nil {
			next = successor(at)
		}
		if next < 0 {
			next = p.newPerson(kind, org, title)
		}
		cur, from = next, at
	}
	return append(ts, tenure{cur, from, farFuture})
}

// Seat groups: how a member's participation is printed and which role the
// answer key gives it.
const (
	groupMember = iota
	groupCommittee
	groupAdmin
	groupSecretariat
	groupPatient
)

// Sides of the collaboration, for lists grouped by organisation.
const (
	sideRegion = iota
	sideMunicipal
	sidePLO
	sideOther
)

// seat is a post's place in one body.
type seat struct {
	post    *post
	group   int
	side    int
	coChair string // "", "regional", "kommunal"
}

// levelBody is one of a cluster's two levels.
type levelBody struct {
	cluster int
	level   string // minutes level: political / professional_strategic
	name    string // "Sundhedsklynge Lillebælt - Politisk niveau"
	short   string // "Politisk niveau"
	seats   []seat
}

// clusterPeople are the posts and the staff of one cluster.
type clusterPeople struct {
	levels [2]*levelBody
	staff  []int // presenters, guests and sub-body members
}

// buildPopulation creates the people and posts of all clusters.
func buildPopulation(ref *reference, r *rng, start, end date) (*population, []clusterPeople) {
	pop := &population{r: r, names: map[string]bool{}, start: start, end: end}
	mayors := map[string]*post{}
	formerMayors := map[string]int{} // municipality code -> a mayor who lost the 2026 election
	munDirectors := map[string]*post{}
	committees := map[string][]*post{}
	hospitals := map[string][2]*post{}
	regionPosts := map[int][]*post{} // koncerndirektør, afdelingschef for Praksis, kontorchef, psychiatry director
	regionChairs := map[int][]*post{}

	deputy := func(p *post, kind, title string, change float64) {
		p.deputyTitle = title
		p.deputies = pop.staffTenures(kind, p.org, title, change, nil)
	}
	mayorOf := func(m *municipality) *post {
		if p, ok := mayors[m.code]; ok {
			return p
		}
		p := &post{kind: KindMayor, org: m.org, orgKind: "municipality", title: "borgmester"}
		p.holders = pop.electedTenures(KindMayor, m.org, "borgmester", 0.35, nil)
		for i := 1; i < len(p.holders); i++ {
			if p.holders[i].from.Equal(day(2026, 1, 1)) && pop.r.chance(0.5) {
				formerMayors[m.code] = p.holders[i-1].person
			}
		}
		mayors[m.code] = p
		return p
	}
	directorOf := func(m *municipality) *post {
		if p, ok := munDirectors[m.code]; ok {
			return p
		}
		title := pick(pop.r, municipalDirectorTitles)
		p := &post{kind: KindMunicipalDirector, org: m.org, orgKind: "municipality", title: title}
		deputy(p, KindMunicipalManager, pick(pop.r, municipalManagerTitles), 0.12)
		// A director who leaves is followed by the deputy half the time;
		// the deputy's post then gets a new holder from that day.
		p.holders = pop.staffTenures(KindMunicipalDirector, m.org, title, 0.12, func(at date) int {
			d := holderAt(p.deputies, at)
			if d < 0 || !pop.r.chance(0.5) {
				return -1
			}
			for i := range p.deputies {
				t := &p.deputies[i]
				if t.person == d && t.to.After(at) {
					rest := tenure{pop.newPerson(KindMunicipalManager, m.org, p.deputyTitle), at, t.to}
					t.to = at
					p.deputies = append(p.deputies[:i+1], append([]tenure{rest}, p.deputies[i+1:]...)...)
					break
				}
			}
			return d
		})
		munDirectors[m.code] = p
		return p
	}
	committeesOf := func(m *municipality) []*post {
		if ps, ok := committees[m.code]; ok {
			return ps
		}
		mayorOf(m)
		n := 1
		if pop.r.chance(0.3) {
			n = 2
		}
		var ps []*post
		for i, c := range sample(pop.r, municipalCommittees, n) {
			p := &post{kind: KindCommitteeChair, org: m.org, orgKind: "municipality", title: "udvalgsformand", committee: c}
			first := i == 0
			p.holders = pop.electedTenures(KindCommitteeChair, m.org, "udvalgsformand", 0.5, func(at date) int {
				if id, ok := formerMayors[m.code]; ok && first && at.Equal(day(2026, 1, 1)) {
					return id
				}
				return -1
			})
			ps = append(ps, p)
		}
		committees[m.code] = ps
		return ps
	}
	hospitalOf := func(c *cluster) [2]*post {
		if hs, ok := hospitals[c.hospital]; ok {
			return hs
		}
		a := &post{kind: KindHospitalDirector, org: c.hospital, orgKind: "hospital", title: "administrerende direktør"}
		a.holders = pop.staffTenures(KindHospitalDirector, c.hospital, a.title, 0.1, nil)
		deputy(a, KindHospitalDirector, "vicedirektør", 0.12)
		n := &post{kind: KindHospitalDirector, org: c.hospital, orgKind: "hospital", title: pick(pop.r, []string{"sygeplejefaglig direktør", "lægefaglig direktør"})}
		n.holders = pop.staffTenures(KindHospitalDirector, c.hospital, n.title, 0.12, nil)
		hs := [2]*post{a, n}
		hospitals[c.hospital] = hs
		return hs
	}
	regionOf := func(ri int) []*post {
		if ps, ok := regionPosts[ri]; ok {
			return ps
		}
		reg := ref.regions[ri]
		mk := func(kind, org, orgKind, title string, change float64) *post {
			p := &post{kind: kind, org: org, orgKind: orgKind, title: title}
			p.holders = pop.staffTenures(kind, org, title, change, nil)
			return p
		}
		ps := []*post{
			mk(KindRegionalAdministrator, reg.name, "region", "koncerndirektør", 0.08),
			mk(KindRegionalAdministrator, reg.name, "region", "afdelingschef for Praksis", 0.1),
			mk(KindRegionalAdministrator, reg.name, "region", "kontorchef", 0.15),
			mk(KindPsychiatryDirector, reg.psychiatry, "psychiatry", "direktør", 0.1),
		}
		deputy(ps[1], KindRegionalAdministrator, "specialkonsulent", 0.15)
		deputy(ps[3], KindPsychiatryDirector, "vicedirektør", 0.15)
		for i := range 2 {
			p := &post{kind: KindRegionalCouncillor, org: reg.name, orgKind: "region", title: "regionsrådsmedlem", committee: regionalCommittees[i]}
			p.holders = pop.electedTenures(KindRegionalCouncillor, reg.name, "regionsrådsmedlem", 0.5, nil)
			regionChairs[ri] = append(regionChairs[ri], p)
		}
		regionPosts[ri] = ps
		return ps
	}

	out := make([]clusterPeople, len(ref.clusters))
	firstOfRegion := map[int]bool{}
	for ci := range ref.clusters {
		c := &ref.clusters[ci]
		reg := ref.regions[c.region]
		rps := regionOf(c.region)
		hs := hospitalOf(c)
		pol := &levelBody{cluster: ci, level: "political", short: "Politisk niveau", name: c.name + " - Politisk niveau"}
		pro := &levelBody{cluster: ci, level: "professional_strategic", short: "Fagligt strategisk niveau", name: c.name + " - Fagligt strategisk niveau"}

		// Political level.
		nCouncillors := pop.r.between(3, 4)
		for i := range nCouncillors {
			title := "regionsrådsmedlem"
			if i == 0 && !firstOfRegion[c.region] {
				title = "regionsrådsformand"
				firstOfRegion[c.region] = true
			}
			p := &post{kind: KindRegionalCouncillor, org: reg.name, orgKind: "region", title: title}
			p.holders = pop.electedTenures(KindRegionalCouncillor, reg.name, title, 0.4, nil)
			deputy(p, KindRegionalCouncillor, "regionsrådsmedlem", 0.1)
			s := seat{post: p, group: groupMember, side: sideRegion}
			if i == 0 {
				s.coChair = "regional"
			}
			pol.seats = append(pol.seats, s)
		}
		for i, m := range c.munis {
			s := seat{post: mayorOf(m), group: groupMember, side: sideMunicipal}
			if i == 0 {
				s.coChair = "kommunal"
			}
			pol.seats = append(pol.seats, s)
		}
		for range 2 {
			p := &post{kind: KindGP, org: "PLO", orgKind: "gp_association", title: "praktiserende læge"}
			p.holders = pop.staffTenures(KindGP, "PLO", p.title, 0.12, nil)
			pol.seats = append(pol.seats, seat{post: p, group: groupMember, side: sidePLO})
		}
		for _, p := range regionChairs[c.region] {
			pol.seats = append(pol.seats, seat{post: p, group: groupCommittee, side: sideRegion})
		}
		for _, m := range c.munis {
			for _, p := range committeesOf(m) {
				pol.seats = append(pol.seats, seat{post: p, group: groupCommittee, side: sideMunicipal})
			}
		}
		for _, org := range sample(pop.r, patientOrgs, 2) {
			p := &post{kind: KindPatientRepresentative, org: org, orgKind: "patient_org", title: "patient- og pårørenderepræsentant"}
			p.holders = pop.staffTenures(KindPatientRepresentative, org, p.title, 0.1, nil)
			pol.seats = append(pol.seats, seat{post: p, group: groupPatient, side: sideOther})
		}
		pol.seats = append(pol.seats, seat{post: hs[0], group: groupAdmin, side: sideRegion},
			seat{post: rps[3], group: groupAdmin, side: sideRegion},
			seat{post: rps[0], group: groupAdmin, side: sideRegion})
		for _, m := range c.munis {
			pol.seats = append(pol.seats, seat{post: directorOf(m), group: groupAdmin, side: sideMunicipal})
		}
		secR := &post{kind: KindSecretariat, org: reg.name, orgKind: "region", title: pick(pop.r, []string{"specialkonsulent", "AC-fuldmægtig", "chefkonsulent"})}
		secR.holders = pop.staffTenures(KindSecretariat, reg.name, secR.title, 0.15, nil)
		lead := c.munis[0].org
		secM := &post{kind: KindSecretariat, org: lead, orgKind: "municipality", title: pick(pop.r, []string{"sundhedskonsulent", "specialkonsulent", "udviklingskonsulent"})}
		secM.holders = pop.staffTenures(KindSecretariat, lead, secM.title, 0.15, nil)
		pol.seats = append(pol.seats, seat{post: secR, group: groupSecretariat, side: sideRegion}, seat{post: secM, group: groupSecretariat, side: sideMunicipal})

		// Professional-strategic level.
		pro.seats = append(pro.seats, seat{post: hs[0], group: groupMember, side: sideRegion, coChair: "regional"},
			seat{post: hs[1], group: groupMember, side: sideRegion},
			seat{post: rps[3], group: groupMember, side: sideRegion},
			seat{post: rps[1], group: groupMember, side: sideRegion})
		for i, m := range c.munis {
			s := seat{post: directorOf(m), group: groupMember, side: sideMunicipal}
			if i == 0 {
				s.coChair = "kommunal"
			}
			pro.seats = append(pro.seats, s)
		}
		for range 2 {
			p := &post{kind: KindGP, org: "PLO", orgKind: "gp_association", title: "praktiserende læge"}
			p.holders = pop.staffTenures(KindGP, "PLO", p.title, 0.12, nil)
			deputy(p, KindGP, "praktiserende læge", 0.1)
			pro.seats = append(pro.seats, seat{post: p, group: groupMember, side: sidePLO})
		}
		pro.seats = append(pro.seats, seat{post: rps[2], group: groupAdmin, side: sideRegion},
			seat{post: secR, group: groupSecretariat, side: sideRegion}, seat{post: secM, group: groupSecretariat, side: sideMunicipal})

		var staff []int
		for range 9 {
			staff = append(staff, pop.newStaff(ref, c))
		}
		out[ci] = clusterPeople{levels: [2]*levelBody{pol, pro}, staff: staff}
	}
	return pop, out
}

// newStaff draws a member of staff of one of the cluster's organisations.
func (p *population) newStaff(ref *reference, c *cluster) int {
	reg := ref.regions[c.region]
	switch p.r.intn(5) {
	case 0, 1:
		m := pick(p.r, c.munis)
		return p.newPerson(KindStaff, m.org, pick(p.r, municipalStaffTitles))
	case 2:
		return p.newPerson(KindStaff, c.hospital, pick(p.r, hospitalStaffTitles))
	case 3:
		return p.newPerson(KindStaff, reg.name, pick(p.r, regionStaffTitles))
	default:
		if p.r.chance(0.5) {
			return p.newPerson(KindStaff, reg.psychiatry, pick(p.r, psychiatryStaffTitle))
		}
		return p.newPerson(KindGP, "PLO", "praktiserende læge")
	}
}

// orgKindOf returns the answer-key kind of an organisation the generator
// prints.
func orgKindOf(ref *reference, org string) string {
	for _, r := range ref.regions {
		switch org {
		case r.name:
			return "region"
		case r.psychiatry:
			return "psychiatry"
		case r.plo:
			return "gp_association"
		}
	}
	for _, c := range ref.clusters {
		if org == c.hospital {
			return "hospital"
		}
	}
	for _, m := range ref.municipalities {
		if org == m.org {
			return "municipality"
		}
	}
	switch org {
	case "PLO":
		return "gp_association"
	case "Fælleskommunalt Sundhedssekretariat", "Tværsektorielt Samarbejde":
		return "other"
	}
	for _, o := range patientOrgs {
		if o == org {
			return "patient_org"
		}
	}
	return "other"
}

var _ = strconv.Itoa
