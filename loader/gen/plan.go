package gen

import (
	"sort"
	"strconv"
)

// Layouts of the participant part of a document, after the samples.
const (
	// layoutHeaderLine: the one-line "Mødedeltagere Name, Party, Name, X
	// Kommune, ... (Fravær)" header and "Fraværende ..." under every item
	// (Sønderjylland).
	layoutHeaderLine = iota
	// layoutDeltagerliste: the header line plus item 1 "Deltagerliste"
	// grouped by organisation, with AFBUD and "(Deltager på mødet, grundet
	// afbud fra Y)" (Lillebælt).
	layoutDeltagerliste
	// layoutMoedeltagere: item 1 "Mødedeltagere" with "Sundhedsklyngens
	// medlemmer", "Udvalgsformænd med observatørstatus", "Administrativ
	// deltagelse" and an "Afbud:" decision (Nordjylland).
	layoutMoedeltagere
	// layoutNoList: no participant list; item 1 "Velkomst v. X" with
	// apologies and "X deltog i stedet for Y" (Sydvestjylland).
	layoutNoList
	numLayouts
)

var layoutNames = [numLayouts]string{"header_line", "deltagerliste", "moedeltagere", "no_list"}

// meeting is one document: a meeting of a level body or of a sub-body.
type meeting struct {
	cluster   int
	level     int      // 0 political, 1 professional-strategic, -1 sub-body
	sub       *subBody // when level is -1
	seq       int      // index among the body's meetings
	date      date
	start     int // minutes after midnight
	location  string
	layout    int
	firstItem int
	nItems    int
	name      string // file base name, without ".txt"
	creates   []*subBody
	next      *meeting // the body's next meeting, if any
	prev      *meeting // the body's previous meeting, if any
}

// subBody is a group set up under a cluster level: a styregruppe, an ad hoc
// gruppe and so on. At scale 1 sub-bodies are only created in items; at
// larger scales they also hold meetings with their own minutes.
type subBody struct {
	id       int
	cluster  int
	name     string
	kind     string
	parent   string // the level body's name
	parentLv int
	topic    string
	created  date
	members  []subMember
	meetings []*meeting
}

type subMember struct {
	person int
	role   string // chair, coordinator, member
	org    string
	title  string
}

var subTopics = []string{"lægedækning", "den ældre medicinske patient", "børn og unges mentale trivsel",
	"borgere med psykiske lidelser i eget hjem", "den akutte patient", "palliation og den sidste tid",
	"udskrivelse og overgange", "KOL og telemedicin", "diabetes", "rehabilitering", "forebyggelse og sundhedsfremme",
	"demens", "medicinhåndtering på tværs", "rekruttering og fastholdelse", "digitale løsninger", "ulighed i sundhed",
	"sårbare gravide", "misbrug og psykiatri", "hjertesygdom", "kræftrehabilitering", "genoptræning",
	"infektionshygiejne", "data og opfølgning", "borgere med multisygdom", "lænderygbesvær", "sepsis",
	"hjemmebehandling", "sundhedsreformen", "akutfunktioner i kommunerne", "sammenhængende forløb for børn og unge"}

var subKinds = []struct{ kind, prefix string }{
	{"steering_group", "Styregruppen for "},
	{"implementation_group", "Implementeringsgruppen for "},
	{"ad_hoc_group", "Ad hoc gruppen for "},
	{"coordination_forum", "Koordinationsforum for "},
	{"theme_committee", "Temaudvalget om "},
	{"working_group", "Arbejdsgruppen for "},
}

// plan is the whole corpus before rendering: the population, the bodies and
// every meeting, in document order.
type plan struct {
	opts     Options
	ref      *reference
	pop      *population
	clusters []clusterPeople
	subs     []*subBody
	meetings []*meeting
	orgKinds map[string]string
	start    date
	end      date
	subsOf   map[int][]*subBody    // by cluster
	byBody   map[[2]int][]*meeting // level meetings by cluster and level, in date order
	subNames map[subName]bool
}

var corpusStart = day(2022, 7, 1)

func newPlan(opts Options, ref *reference) *plan {
	r := newRNG(opts.Seed, 1)
	end := corpusStart.AddDate(opts.Years, 0, 0)
	pop, cps := buildPopulation(ref, r, day(2022, 1, 1), end)
	p := &plan{opts: opts, ref: ref, pop: pop, clusters: cps, start: corpusStart, end: end, subsOf: map[int][]*subBody{}, subNames: map[subName]bool{}, byBody: map[[2]int][]*meeting{}}
	p.orgKinds = map[string]string{"PLO": "gp_association", "Fælleskommunalt Sundhedssekretariat": "other"}
	for _, rg := range ref.regions {
		p.orgKinds[rg.name], p.orgKinds[rg.psychiatry], p.orgKinds[rg.plo] = "region", "psychiatry", "gp_association"
	}
	for _, m := range ref.municipalities {
		p.orgKinds[m.org] = "municipality"
	}
	for _, c := range ref.clusters {
		p.orgKinds[c.hospital] = "hospital"
	}
	for _, o := range patientOrgs {
		p.orgKinds[o] = "patient_org"
	}

	// Level meetings.
	sr := newRNG(opts.Seed, 2)
	for ci := range ref.clusters {
		for lv := range 2 {
			var prev *meeting
			yearItems := map[int]int{}
			continued := ci%5 == 3 // these clusters number items across the year
			for y := range opts.Years {
				for k := range opts.MeetingsPerYear {
					month := y*12 + k*12/opts.MeetingsPerYear
					d := day(corpusStart.Year(), int(corpusStart.Month())+month, sr.between(3, 26))
					for d.Weekday() == 0 || d.Weekday() == 6 {
						d = d.AddDate(0, 0, 1)
					}
					m := &meeting{cluster: ci, level: lv, seq: y*opts.MeetingsPerYear + k, date: d}
					if lv == 0 {
						m.start = pick(sr, []int{13 * 60, 14 * 60, 15 * 60, 16 * 60, 17*60 + 30, 12*60 + 30})
					} else {
						m.start = pick(sr, []int{9 * 60, 9*60 + 30, 10 * 60, 11*60 + 15, 13 * 60})
					}
					m.layout = (ci + 3*lv + m.seq/12) % numLayouts
					m.nItems = sr.between(6, 12)
					m.firstItem = 1
					if continued {
						m.firstItem = yearItems[d.Year()] + 1
						yearItems[d.Year()] += m.nItems
					}
					m.location = p.location(sr, ci, lv)
					c := ref.clusters[ci]
					m.name = d.Format("2006-01-02") + "_" + slug(c.name) + "_" + []string{"politisk", "fagligt-strategisk"}[lv]
					if prev != nil {
						prev.next = m
						m.prev = prev
					}
					prev = m
					p.meetings = append(p.meetings, m)
				}
			}
		}
	}
	base := len(p.meetings)

	// Sub-bodies created in items at every scale: two a year per cluster.
	for ci := range ref.clusters {
		for range 2 * opts.Years {
			p.newSub(sr, ci, false)
		}
	}
	// Sub-bodies with minutes of their own for scales above 1.
	target := (opts.Scale - 1) * base
	extra := 0
	for ci := 0; extra < target; ci = (ci + 1) % len(ref.clusters) {
		s := p.newSub(sr, ci, true)
		if extra+len(s.meetings) > target {
			s.meetings = s.meetings[:target-extra]
		}
		for i, m := range s.meetings {
			if i+1 < len(s.meetings) {
				m.next = s.meetings[i+1]
			}
		}
		extra += len(s.meetings)
		p.meetings = append(p.meetings, s.meetings...)
	}
	p.assignCreations(sr)
	for _, s := range p.subs {
		p.subsOf[s.cluster] = append(p.subsOf[s.cluster], s)
	}
	return p
}

// location draws where a level meets.
func (p *plan) location(r *rng, ci, lv int) string {
	c := p.ref.clusters[ci]
	reg := p.ref.regions[c.region]
	m := pick(r, c.munis)
	switch r.intn(6) {
	case 0:
		return "Videomøde"
	case 1:
		return reg.house
	case 2:
		return "Mødelokale " + strconv.Itoa(r.between(1, 9)) + ", " + c.hospital
	case 3:
		return "Rådhuset, " + m.name
	case 4:
		return "Sundhedshuset i " + m.name
	}
	return "Byrådssalen, Rådhuset, " + m.name
}

// newSub plans a sub-body of cluster ci; with meetings, it also gets a
// membership of its own (mostly new staff) and a meeting series.
func (p *plan) newSub(r *rng, ci int, withMeetings bool) *subBody {
	c := p.ref.clusters[ci]
	cp := &p.clusters[ci]
	k := pick(r, subKinds)
	topic := pick(r, subTopics)
	s := &subBody{id: len(p.subs), cluster: ci, kind: k.kind, topic: topic, parentLv: 1}
	if r.chance(0.25) {
		s.parentLv = 0
	}
	s.parent = cp.levels[s.parentLv].name
	s.name = k.prefix + topic
	if k.kind == "ad_hoc_group" {
		s.name = "Ad hoc gruppen '" + capitalise(topic) + "'"
	}
	for n := 0; p.subNameUsed(ci, s.name); n++ {
		s.name = k.prefix + topic + " i " + c.munis[n%len(c.munis)].name
		if n >= len(c.munis) {
			s.name = k.prefix + topic + " " + strconv.Itoa(n-len(c.munis)+2)
		}
	}
	months := int(p.end.Sub(p.start).Hours()/24/30) - 2
	s.created = p.start.AddDate(0, r.between(0, max(months, 1)), r.between(0, 27))

	// Chair: a member of the professional-strategic level at the time.
	var heads []int
	for _, st := range cp.levels[1].seats {
		if st.group == groupMember {
			if h := st.post.at(s.created); h >= 0 {
				heads = append(heads, h)
			}
		}
	}
	chair := pick(r, heads)
	cper := p.pop.people[chair]
	s.members = append(s.members, subMember{chair, "chair", cper.Organisation, cper.Title})
	used := map[int]bool{chair: true}
	addStaff := func(id int, role string) {
		if used[id] {
			return
		}
		used[id] = true
		pe := p.pop.people[id]
		s.members = append(s.members, subMember{id, role, pe.Organisation, pe.Title})
	}
	if withMeetings {
		addStaff(p.pop.newStaff(p.ref, &c), "coordinator")
		for range r.between(1, 2) {
			addStaff(pick(r, cp.staff), "member")
		}
		for range r.between(5, 8) {
			id := p.pop.newStaff(p.ref, &c)
			addStaff(id, "member")
			if r.chance(0.15) {
				cp.staff = append(cp.staff, id) // later groups may draw on them
			}
		}
		d := s.created.AddDate(0, 1, r.between(0, 20))
		for range r.between(4, 8) {
			for d.Weekday() == 0 || d.Weekday() == 6 {
				d = d.AddDate(0, 0, 1)
			}
			if !d.Before(p.end) {
				break
			}
			m := &meeting{cluster: ci, level: -1, sub: s, seq: len(s.meetings), date: d,
				start: pick(r, []int{8*60 + 30, 9 * 60, 10 * 60, 13 * 60, 14 * 60}), nItems: r.between(4, 8), firstItem: 1}
			m.layout = []int{layoutHeaderLine, layoutMoedeltagere, layoutNoList}[(s.id+m.seq)%3]
			m.location = p.location(r, ci, 1)
			m.name = d.Format("2006-01-02") + "_" + slug(c.name) + "_" + slug(s.kind) + "-" + strconv.Itoa(s.id)
			s.meetings = append(s.meetings, m)
			d = d.AddDate(0, r.between(1, 3), r.between(-5, 5))
		}
	} else {
		if r.chance(0.6) {
			addStaff(pick(r, cp.staff), "coordinator")
		}
		for range r.between(2, 4) {
			addStaff(pick(r, cp.staff), "member")
		}
	}
	p.subNames[subName{ci, s.name}] = true
	p.subs = append(p.subs, s)
	return s
}

func (p *plan) subNameUsed(ci int, name string) bool {
	return p.subNames[subName{ci, name}]
}

type subName struct {
	cluster int
	name    string
}

// assignCreations puts each sub-body's creation into the first meeting of
// its parent level on or after its creation day, at most two a meeting. A
// sub-body's own meetings start after that meeting.
func (p *plan) assignCreations(r *rng) {
	for _, m := range p.meetings {
		if m.level >= 0 {
			k := [2]int{m.cluster, m.level}
			p.byBody[k] = append(p.byBody[k], m)
		}
	}
	for _, s := range p.subs {
		ms := p.byBody[[2]int{s.cluster, s.parentLv}]
		i := sort.Search(len(ms), func(i int) bool { return !ms[i].date.Before(s.created) })
		for ; i < len(ms); i++ {
			if len(ms[i].creates) < 2 && ms[i].nItems >= 7 {
				break
			}
		}
		if i == len(ms) {
			continue
		}
		if len(s.meetings) > 0 && !ms[i].date.Before(s.meetings[0].date) {
			continue // already meeting: its creation is not reported
		}
		ms[i].creates = append(ms[i].creates, s)
		s.created = ms[i].date
	}
	_ = r
}
