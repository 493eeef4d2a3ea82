package gen

import (
	"strconv"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// Item kinds.
const (
	itParticipants = iota // "Deltagerliste" / "Mødedeltagere"
	itWelcomeBy           // "Velkomst v. X" with apologies
	itWelcome             // "Godkendelse af dagsorden" / "Velkomst"
	itCreate              // a sub-body is set up
	itFunding             // an initiative with an amount
	itOrientation
	itDiscussion
	itStatus
	itProposal
	itMutual
	itNext
	itAOB
	itPause
)

type itemPlan struct {
	kind    int
	title   string
	outcome string
	topic   string
	sub     *subBody
	variant int
	in      *initiative // itFunding
	who     int         // itWelcomeBy: who opens the meeting
}

var orientationTopics = []string{"sundhedsreformen", "økonomiaftalen", "akutplanen", "praksisplanen", "status på klyngemidlerne",
	"ny sygehusstruktur", "rekrutteringssituationen", "udviklingen i antallet af genindlæggelser", "vagtlægeordningen",
	"aktiviteten i almen praksis", "det nære sundhedsvæsen", "arbejdet med data på tværs", "kvalitetsmål for forløbsprogrammer"}

var projectNames = []string{"Kom trygt hjem", "Social sygepleje", "Fælles akutteam", "Sammenhængende forløb for ældre",
	"Tidlig opsporing", "Lettilgængelige gruppeforløb for børn og unge", "Virtuel borgerundervisning", "Opsporing af KOL",
	"Udgående geriatrisk team", "Fælles rygestopindsats", "Tværsektoriel lægerekruttering", "Hjemmebehandling med IV-antibiotika",
	"Videokonsultationer på tværs", "Fælles sårambulatorium", "Peer-støtte i psykiatrien", "Styrket udskrivelse",
	"Palliativt netværk", "Demensvenlige forløb", "Medicingennemgang på plejecentre", "Ulighed i sundhed", "Akutsygepleje i eget hjem",
	"Fælles rehabiliteringsforløb", "Tværsektoriel diabetesindsats", "Sundhedsfaglig rådgivning til plejecentre"}

var fillers = []string{
	"Der er i sundhedsklyngen et fælles ønske om at styrke samarbejdet om %s på tværs af sektorerne.",
	"Erfaringerne fra de seneste år viser, at der er behov for en mere ensartet indsats vedrørende %s.",
	"Punktet er forberedt af sekretariatet i samarbejde med repræsentanter fra kommunerne, regionen og almen praksis.",
	"Der er vedlagt et notat, som beskriver de væsentligste udfordringer og muligheder vedrørende %s.",
	"Indsatsen skal bidrage til færre indlæggelser og genindlæggelser og til bedre overgange mellem sektorerne.",
	"Området har været drøftet på tidligere møder, hvor der var enighed om at følge udviklingen tæt.",
	"Det er vigtigt, at borgerne oplever sammenhæng, uanset hvor i sundhedsvæsenet de møder den fælles indsats.",
	"Data fra de seneste opgørelser peger på betydelige forskelle mellem kommunerne på dette område.",
	"Der lægges op til, at parterne i fællesskab vurderer, hvordan de eksisterende ressourcer bedst anvendes.",
}

func (d *doc) filler(topic string, n int) {
	for _, f := range sample(d.r, fillers, n) {
		d.para(strings.ReplaceAll(f, "%s", topic))
	}
}

// heading prints a section heading in the document's style.
func (d *doc) heading(s string) {
	if d.caps {
		s = strings.ToUpper(s)
	}
	d.para(s)
}

// listed reports whether the layout's decisions are headed "Beslutning i
// <cluster> den DD-MM-YYYY" and items carry case numbers.
func (d *doc) listed() bool {
	return d.m.level >= 0 && (d.m.layout == layoutHeaderLine || d.m.layout == layoutDeltagerliste)
}

func (d *doc) decisionHeading() {
	if d.listed() {
		d.para("Beslutning i " + d.c.name + " den " + dmy(d.m.date))
		return
	}
	d.para("Beslutning")
}

// caseNumber is the case number all items of a level's year carry.
func (d *doc) caseNumber() string {
	r := newRNG(d.p.opts.Seed, uint64(1<<40)+uint64(d.m.cluster)<<20+uint64(d.m.level)<<16+uint64(d.m.date.Year()))
	return strconv.Itoa(d.m.date.Year()%100-1) + "/" + strconv.Itoa(r.between(1000, 49999))
}

// bodyPhrase is how decisions refer to the meeting's body.
func (d *doc) bodyPhrase() string {
	if d.m.level < 0 || d.r.chance(0.4) {
		return d.body
	}
	a := []string{"Det politiske niveau", "Det fagligt strategiske niveau"}[d.m.level]
	d.bodyAlias(d.body, a)
	return a
}

// otherLevel is the name of the cluster's other level.
func (d *doc) otherLevel() string {
	lv := 1
	if d.m.level == 1 {
		lv = 0
	}
	return d.p.clusters[d.m.cluster].levels[lv].name
}

// planItems decides the agenda.
func (d *doc) planItems() []*itemPlan {
	n := d.m.nItems
	var items []*itemPlan
	switch d.m.layout {
	case layoutDeltagerliste:
		if d.m.level >= 0 {
			items = append(items, &itemPlan{kind: itParticipants, title: "Deltagerliste", outcome: minutes.OutcomeNoted})
		} else {
			items = append(items, &itemPlan{kind: itWelcome})
		}
	case layoutMoedeltagere:
		items = append(items, &itemPlan{kind: itParticipants, title: "Mødedeltagere", outcome: minutes.OutcomeNoted})
	case layoutNoList:
		items = append(items, &itemPlan{kind: itWelcomeBy, outcome: minutes.OutcomeNoted})
	default:
		items = append(items, &itemPlan{kind: itWelcome})
	}
	if d.m.layout == layoutMoedeltagere || (d.m.layout == layoutDeltagerliste && d.m.level >= 0) {
		items = append(items, &itemPlan{kind: itWelcome})
	}
	for _, s := range d.m.creates {
		items = append(items, &itemPlan{kind: itCreate, sub: s, outcome: minutes.OutcomeApproved})
	}
	tail := []*itemPlan{{kind: itMutual}, {kind: itNext}, {kind: itAOB}}
	if d.m.level < 0 {
		tail = []*itemPlan{{kind: itNext}, {kind: itAOB}}
	}
	middle := n - len(items) - len(tail)
	for i := 0; i < middle; i++ {
		k := pick(d.r, []int{itFunding, itFunding, itOrientation, itOrientation, itDiscussion, itStatus, itProposal})
		if d.timing == 2 && i == middle/2 && middle > 3 {
			k = itPause
		}
		items = append(items, &itemPlan{kind: k})
	}
	items = append(items, tail...)
	if len(items) > n {
		// too many fixed items for the planned count: drop the middle ones
		items = append(items[:n-len(tail)], tail...)
	}
	for _, it := range items {
		d.titleItem(it)
	}
	return items
}

// titleItem fixes an item's title (with its time slot) and outcome.
func (d *doc) titleItem(it *itemPlan) {
	it.topic = pick(d.r, subTopics)
	dur := 5
	switch it.kind {
	case itParticipants:
		dur = 0
	case itWelcomeBy:
		it.who = d.welcomer()
		it.title = "Velkomst v. " + d.primaryOf(it.who)
	case itWelcome:
		it.variant = d.r.intn(3)
		it.title = []string{"Godkendelse af dagsorden", "Velkomst", "Velkomst og godkendelse af dagsorden"}[it.variant]
		it.outcome = []string{minutes.OutcomeApproved, minutes.OutcomeOther, minutes.OutcomeApproved}[it.variant]
	case itCreate:
		it.title = pick(d.r, []string{"Godkendelse af kommissorium for ", "Etablering af "}) + it.sub.name
		dur = 15
	case itFunding:
		it.outcome = weighted(d.r, []string{minutes.OutcomeApproved, minutes.OutcomeRejected, minutes.OutcomePostponed}, []int{75, 10, 15})
		it.variant = d.r.intn(3)
		it.in = d.drawInitiative()
		it.title = []string{"Godkendelse af anvendelse af klyngemidler til ", "Ansøgning om midler til ", "Forslag til anvendelse af klyngemidler - "}[it.variant] + it.in.name
		dur = 20
	case itOrientation:
		it.topic = pick(d.r, append(orientationTopics, subTopics...))
		it.title = pick(d.r, []string{"Orientering om ", "Orientering vedr. ", "Status på "}) + it.topic
		it.outcome = minutes.OutcomeNoted
		dur = 15
	case itDiscussion:
		it.title = pick(d.r, []string{"Drøftelse af ", "Temadrøftelse om ", "Drøftelse vedr. "}) + it.topic
		it.outcome = minutes.OutcomeDiscussed
		dur = 30
	case itStatus:
		it.sub = d.earlierSub()
		if it.sub == nil {
			it.kind = itOrientation
			it.title = "Orientering om " + it.topic
			it.outcome = minutes.OutcomeNoted
			break
		}
		it.title = "Status fra " + it.sub.name
		it.outcome = weighted(d.r, []string{minutes.OutcomeNoted, minutes.OutcomeApproved}, []int{60, 40})
		dur = 10
	case itProposal:
		it.title = "Forslag om fælles indsats for " + it.topic
		it.outcome = weighted(d.r, []string{minutes.OutcomeApproved, minutes.OutcomeRejected, minutes.OutcomePostponed}, []int{55, 25, 20})
		dur = 20
	case itMutual:
		it.title = "Gensidig orientering"
		it.outcome = minutes.OutcomeNoted
		dur = 10
	case itNext:
		it.title = "Punkter til kommende møder"
		if d.m.level < 0 {
			it.title = "Næste møde"
		}
		it.outcome = minutes.OutcomeNoted
	case itAOB:
		it.variant = d.r.intn(3)
		it.title = "Eventuelt"
		it.outcome = []string{minutes.OutcomeNoted, minutes.OutcomeNoted, minutes.OutcomeOther}[it.variant]
	case itPause:
		it.title = "Pause"
		it.outcome = minutes.OutcomeOther
		dur = 10
	}
	if dur > 0 {
		it.title += d.slot(dur)
	}
}

// slot returns the time-slot suffix of an item of dur minutes and
// advances the clock.
func (d *doc) slot(dur int) string {
	from := d.clock
	d.clock += dur
	switch d.timing {
	case 1:
		return " - " + strconv.Itoa(dur) + " min"
	case 2:
		return ", kl. " + clock(from, true) + "-" + clock(d.clock, true)
	}
	return ""
}

func weighted(r *rng, xs []string, ws []int) string {
	t := 0
	for _, w := range ws {
		t += w
	}
	x := r.intn(t)
	for i, w := range ws {
		if x < w {
			return xs[i]
		}
		x -= w
	}
	return xs[len(xs)-1]
}

// earlierSub is a sub-body of the cluster set up before this meeting.
func (d *doc) earlierSub() *subBody {
	var cands []*subBody
	for _, s := range d.p.subsOf[d.m.cluster] {
		if s.created.Before(d.m.date) && s != d.m.sub {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	return pick(d.r, cands)
}

// drawInitiative fixes the funding item's initiative before the TOC.
type initiative struct {
	name    string
	amount  int64
	formats [3]int
	period  int // 0 none, 1 from-to, 2 end of year, 3 year span
	start   date
	end     date
	owner   string
	ownerSb *subBody
	orgs    []string
}

func (d *doc) drawInitiative() *initiative {
	in := &initiative{}
	in.name = pick(d.r, projectNames)
	if d.r.chance(0.5) {
		in.name += " i " + pick(d.r, d.c.munis).name
	}
	switch d.r.intn(3) {
	case 0:
		in.amount = int64(d.r.between(3, 39)) * 25_000
	case 1:
		in.amount = int64(d.r.between(4, 40)) * 250_000
	default:
		in.amount = int64(d.r.between(1, 9))*1_000_000 + int64(d.r.between(1, 999))*1000 + int64(d.r.intn(1000))
	}
	for i := range in.formats {
		in.formats[i] = d.r.intn(3)
	}
	in.period = d.r.intn(4)
	y := d.m.date.Year()
	switch in.period {
	case 1:
		in.start = day(y, int(d.m.date.Month())+d.r.between(2, 5), 1)
		in.end = in.start.AddDate(d.r.between(1, 3), 0, -1)
	case 2:
		in.end = day(y+d.r.between(1, 2), 12, 31)
	case 3:
		in.start = day(y+1, 1, 1)
		in.end = day(y+d.r.between(2, 3), 12, 31)
	}
	if s := d.earlierSub(); s != nil && d.r.chance(0.5) {
		in.owner, in.ownerSb = s.name, s
	} else {
		in.owner = pick(d.r, d.clusterOrgs())
	}
	in.orgs = sample(d.r, d.clusterOrgs(), d.r.between(2, 3))
	return in
}

// clusterOrgs are the cluster's municipalities, hospital and region.
func (d *doc) clusterOrgs() []string {
	var os []string
	for _, m := range d.c.munis {
		os = append(os, m.org)
	}
	return append(os, d.c.hospital, d.p.ref.regions[d.c.region].name)
}

// renderItem prints item number n and records its facts.
func (d *doc) renderItem(n int, it *itemPlan) {
	title := it.title
	start := d.para("Punkt " + strconv.Itoa(n) + ": " + title)
	if it.kind == itWelcomeBy {
		d.name(it.who, start)
	}
	item := minutes.AgendaItem{Number: n, Title: title, Outcome: it.outcome}
	if d.listed() {
		cn := d.caseNumber()
		d.para(cn)
		item.CaseNumber = &cn
	}
	if len(d.key.Bodies) == 0 {
		if d.m.level >= 0 {
			d.bodyRef(d.body, minutes.BodyOther, d.c.name, n, start)
		} else {
			d.bodyRef(d.body, d.m.sub.kind, d.m.sub.parent, n, start)
			d.bodyRef(d.m.sub.parent, minutes.BodyOther, d.c.name, n, start)
			d.para("Møde i " + d.body + " under " + d.m.sub.parent + ".")
		}
	}
	var decision []string
	dec := func(s string) {
		d.para(s)
		decision = append(decision, s)
	}
	switch it.kind {
	case itParticipants:
		if d.m.layout == layoutDeltagerliste {
			d.deltagerliste(n, dec)
		} else {
			d.moedeltagere(dec)
		}
	case itWelcomeBy:
		d.welcomeBy(it.who, start, dec)
	case itWelcome:
		if it.variant != 1 {
			d.heading("Indstilling")
			item.Proposal = "Det indstilles, at dagsordenen godkendes."
			d.para(item.Proposal)
		}
		d.decisionHeading()
		if it.variant == 1 {
			dec("-")
		} else {
			dec(pick(d.r, []string{"Dagsordenen blev godkendt.", "Indstillingen blev godkendt.", "Godkendt."}))
		}
		if d.m.layout == layoutHeaderLine && n == d.m.firstItem {
			d.afbud(start)
		}
	case itCreate:
		d.create(n, it, &item, dec)
	case itFunding:
		d.funding(n, it, it.in, &item, dec)
	case itOrientation, itDiscussion, itStatus, itProposal:
		d.topicItem(n, it, &item, dec)
	case itMutual:
		d.filler(it.topic, 1)
		d.decisionHeading()
		dec(pick(d.r, []string{"Intet at bemærke.", "Orienteringen blev taget til efterretning.", "Der var intet til gensidig orientering."}))
	case itNext:
		d.next(n, dec)
	case itAOB:
		d.decisionHeading()
		dec([]string{"Intet at bemærke.", "Der var intet under eventuelt, som gav anledning til bemærkninger.", "-"}[it.variant])
		if it.variant == 1 {
			decision = []string{"Der var intet under eventuelt, som gav anledning til bemærkninger."}
		}
	case itPause:
	}
	if d.listed() && len(d.absentees) > 0 {
		d.para("Fraværende " + strings.Join(d.absentees, ", "))
	}
	item.DecisionSummary = strings.Join(decision, " ")
	end := len(d.lines)
	for end > start && d.lines[end-1] == "" {
		end--
	}
	item.Pos = minutes.Pos{Line: start, EndLine: end}
	d.key.AgendaItems = append(d.key.AgendaItems, item)
}

// afbud prints the apologies and substitutes of the header-line layout in
// item 1's decision and records everyone's attendance.
func (d *doc) afbud(line int) {
	var block []string
	for _, pt := range d.parts {
		if pt.group != groupMember || pt.status != minutes.StatusSentApologies {
			continue
		}
		if pt.sub >= 0 {
			block = append(block, d.name(pt.sub, line)+" deltog i stedet for "+d.say(pt.person, line, 0.1, false))
		} else {
			block = append(block, d.say(pt.person, line, 0.1, false))
		}
	}
	if len(block) > 0 {
		d.para("Afbud:")
		for _, b := range block {
			d.para(b)
		}
	}
	d.headerAttendance(line)
}

// headerAttendance records attendance for the header-line layout.
func (d *doc) headerAttendance(line int) {
	for _, pt := range d.parts {
		if pt.group != groupMember {
			continue
		}
		switch pt.status {
		case minutes.StatusPresent:
			d.attend(pt.person, minutes.StatusPresent, -1, "header 'Mødedeltagere'", "", line)
		case minutes.StatusAbsent:
			d.attend(pt.person, minutes.StatusAbsent, -1, "'(Fravær)' in the header; no 'Afbud'", "", line)
		default:
			d.attend(pt.person, minutes.StatusSentApologies, -1, "'(Fravær)' in the header and under 'Afbud'", "", line)
			if pt.sub >= 0 {
				d.attend(pt.sub, minutes.StatusSubstitute, pt.person, "'deltog i stedet for'", "", line)
			}
		}
	}
}

// deltagerliste prints item 1 of the Lillebælt layout.
func (d *doc) deltagerliste(n int, dec func(string)) {
	reg := d.p.ref.regions[d.c.region].name
	d.heading("Resumé")
	d.para("Oversigt over mødedeltagere, herunder administrative deltagere, sekretariat og eventuelle afbud.")
	d.heading("Sagsfremstilling")
	d.para("MEDLEMMER AF " + strings.ToUpper(d.body))
	var lates []*participant
	var afbud []*participant
	printGroup := func(head string, orgHead string, sel func(pt *participant) bool, role func(pt *participant) string) {
		var rows []*participant
		for _, pt := range d.parts {
			if sel(pt) {
				rows = append(rows, pt)
			}
		}
		if len(rows) == 0 {
			return
		}
		if head != "" {
			d.para(head)
		}
		if orgHead != "" {
			d.para(d.org(orgHead))
		}
		for _, pt := range rows {
			if pt.status == minutes.StatusSentApologies {
				if pt.sub < 0 && (pt.group == groupCommittee || pt.group == groupPatient) && d.r.chance(0.5) {
					lates = append(lates, pt) // listed, apologies in the decision
				} else {
					afbud = append(afbud, pt)
					if pt.sub >= 0 {
						line := len(d.lines) + 1
						s := d.name(pt.sub, line)
						if !(pt.group == groupMember && pt.side == sideRegion && d.m.level == 0) {
							s += ", " + capitalise(pt.subTtl) + ", " + pt.org
							d.addTitle(pt.sub, pt.subTtl)
						}
						d.para(s + " (Deltager på mødet, grundet afbud fra " + d.name(pt.person, line) + ")")
						d.setOrg(pt.sub, pt.org)
						r := role(pt)
						if pt.group == groupMember {
							r = minutes.RoleSubstitute
						}
						d.member(pt.sub, d.body, r, pt.org, line, "")
						d.attend(pt.sub, minutes.StatusSubstitute, pt.person, "'(Deltager på mødet, grundet afbud fra ...)'", "", line)
					}
					continue
				}
			}
			line := len(d.lines) + 1
			s := d.name(pt.person, line)
			councillor := pt.group == groupMember && pt.side == sideRegion && d.m.level == 0
			if !councillor {
				switch pt.group {
				case groupPatient:
					s += ", " + pt.org
				case groupCommittee:
					s += ", " + pt.title + ", " + pt.org
					d.addTitle(pt.person, pt.title)
				default:
					s += ", " + capitalise(pt.title) + ", " + pt.org
					d.addTitle(pt.person, pt.title)
				}
			}
			r := role(pt)
			switch pt.coChair {
			case "regional":
				s += " (regional medformand)"
				r = minutes.RoleCoChair
			case "kommunal":
				s += " (kommunal medformand)"
				r = minutes.RoleCoChair
			}
			d.para(s)
			d.setOrg(pt.person, pt.org)
			d.member(pt.person, d.body, r, pt.org, line, "")
			switch pt.status {
			case minutes.StatusPresent:
				d.attend(pt.person, minutes.StatusPresent, -1, "listed in the item-1 participant overview and not under Afbud", "", line)
			case minutes.StatusAbsent:
				d.attend(pt.person, minutes.StatusAbsent, -1, "'(Fravær)' in the header and not under AFBUD", "", line)
			}
		}
	}
	memberRole := func(*participant) string { return minutes.RoleMember }
	fixed := func(r string) func(*participant) string { return func(*participant) string { return r } }
	is := func(g, side int) func(pt *participant) bool {
		return func(pt *participant) bool { return pt.group == g && pt.side == side }
	}
	printGroup("", reg, is(groupMember, sideRegion), memberRole)
	printGroup("Kommunale deltagere", "", is(groupMember, sideMunicipal), memberRole)
	printGroup("Repræsentanter fra almen praksis/PLO", "", is(groupMember, sidePLO), memberRole)
	if hasGroup(d.parts, groupAdmin) {
		d.para("ADMINISTRATIV DELTAGELSE")
	}
	printGroup("", reg, is(groupAdmin, sideRegion), fixed(minutes.RoleAdministrative))
	printGroup("Kommunale deltagere", "", is(groupAdmin, sideMunicipal), fixed(minutes.RoleAdministrative))
	printGroup("Sekretariat", "", func(pt *participant) bool { return pt.group == groupSecretariat }, fixed(minutes.RoleSecretariat))
	printGroup("KOMMUNALE UDVALGSFORMÆND", "", is(groupCommittee, sideMunicipal), fixed(minutes.RoleCommitteeChair))
	printGroup("REGIONALE UDVALGSFORMÆND", "", is(groupCommittee, sideRegion), fixed(minutes.RoleCommitteeChair))
	printGroup("PATIENT- OG PÅRØRENDEREPRÆSENTANTER", "", func(pt *participant) bool { return pt.group == groupPatient }, fixed(minutes.RolePatientRep))
	if len(afbud) > 0 {
		d.para("AFBUD")
		for _, pt := range afbud {
			line := len(d.lines) + 1
			title := pt.title
			if pt.group == groupMember && pt.side == sideRegion && d.m.level == 0 {
				title = "regionsrådsmedlem"
			}
			d.para(d.name(pt.person, line) + ", " + capitalise(title) + ", " + pt.org)
			d.addTitle(pt.person, title)
			d.setOrg(pt.person, pt.org)
			d.member(pt.person, d.body, groupRole(pt.group), pt.org, line, "listed under AFBUD")
			d.attend(pt.person, minutes.StatusSentApologies, -1, "listed under AFBUD", "", line)
		}
	}
	d.decisionHeading()
	wrote := false
	if len(lates) > 0 {
		dec("Afbud:")
		for _, pt := range lates {
			line := len(d.lines) + 1
			dec("- " + d.say(pt.person, line, 0.3, false))
			d.attend(pt.person, minutes.StatusSentApologies, -1, "Afbud in the decision of item 1", "", line)
		}
		wrote = true
	}
	// Staff who joined for some items.
	if d.r.chance(0.35) && d.m.nItems >= 5 {
		var cands []int
		for _, id := range d.p.clusters[d.m.cluster].staff {
			if !d.inDoc[id] {
				cands = append(cands, id)
			}
		}
		if len(cands) > 0 {
			dec("Administrativ deltagelse:")
			for _, id := range sample(d.r, cands, d.r.between(1, 2)) {
				d.inDoc[id] = true
				per := d.p.pop.people[id]
				a := d.m.firstItem + 1
				b := a + d.r.between(1, 2)
				items := strconv.Itoa(a) + "-" + strconv.Itoa(b)
				line := len(d.lines) + 1
				dec("- " + d.name(id, line) + ", " + per.Title + ", " + d.org(per.Organisation) + ". Deltog under punkt " + items + ".")
				d.addTitle(id, per.Title)
				d.setOrg(id, per.Organisation)
				d.member(id, d.body, minutes.RoleAdministrative, per.Organisation, line, "added in the decision of item 1")
				d.attend(id, minutes.StatusPresent, -1, "only items "+items, items, line)
			}
			wrote = true
		}
	}
	if !wrote {
		dec("Deltagerlisten blev taget til efterretning.")
	}
	_ = n
}

func hasGroup(ps []*participant, g int) bool {
	for _, pt := range ps {
		if pt.group == g {
			return true
		}
	}
	return false
}

func groupRole(g int) string {
	switch g {
	case groupCommittee:
		return minutes.RoleCommitteeChair
	case groupAdmin:
		return minutes.RoleAdministrative
	case groupSecretariat:
		return minutes.RoleSecretariat
	case groupPatient:
		return minutes.RolePatientRep
	}
	return minutes.RoleMember
}

// moedeltagere prints item 1 of the Nordjylland layout.
func (d *doc) moedeltagere(dec func(string)) {
	reg := d.p.ref.regions[d.c.region]
	d.para("Mødedeltagere")
	leader := false
	group := func(head string, sel func(pt *participant) bool, format func(pt *participant) (string, string)) {
		var rows []*participant
		for _, pt := range d.parts {
			if sel(pt) {
				rows = append(rows, pt)
			}
		}
		if len(rows) == 0 {
			return
		}
		d.para(head)
		for _, pt := range rows {
			line := len(d.lines) + 1
			s, role := format(pt)
			d.add(d.name(pt.person, line) + ", " + s)
			d.member(pt.person, d.body, role, orgOf(d.key.People[d.entries[pt.person].idx]), line, "")
			if pt.status == minutes.StatusPresent {
				d.attend(pt.person, minutes.StatusPresent, -1, "listed under 'Mødedeltagere' (item 1) and not under Afbud", "", line)
			}
		}
		d.add("")
	}
	org := func(pt *participant) string {
		if pt.org == "PLO" {
			return reg.plo
		}
		return pt.org
	}
	memberLine := func(pt *participant) (string, string) {
		o := org(pt)
		d.ent(pt.person, len(d.lines)+1)
		d.setOrg(pt.person, o)
		role := minutes.RoleMember
		var s string
		switch {
		case d.m.level < 0:
			s = pt.title + ", " + d.org(o)
			d.addTitle(pt.person, pt.title)
			switch pt.role {
			case "chair":
				s += " (formand)"
				role = minutes.RoleChair
			case "coordinator":
				s += " (tovholder)"
				role = minutes.RoleCoordinator
			}
		case pt.side == sidePLO:
			s = d.org(o)
		case pt.side == sideMunicipal && pt.title == "borgmester":
			s = "Borgmester " + d.org(o)
			d.addTitle(pt.person, "borgmester")
		default:
			s = capitalise(pt.title) + ", " + d.org(o)
			d.addTitle(pt.person, pt.title)
		}
		if pt.coChair != "" {
			s += " (medformand)"
			role = minutes.RoleCoChair
			if !leader && d.m.level == 0 && pt.status == minutes.StatusPresent {
				s += " - mødeleder"
				leader = true
			}
		}
		return s, role
	}
	otherLine := func(role string) func(pt *participant) (string, string) {
		return func(pt *participant) (string, string) {
			o := org(pt)
			d.ent(pt.person, len(d.lines)+1)
			d.setOrg(pt.person, o)
			d.addTitle(pt.person, pt.title)
			switch role {
			case minutes.RolePatientRep:
				d.key.People[d.entries[pt.person].idx].Titles = []string{}
				return d.org(o), role
			case minutes.RoleObserver:
				return pt.title + ", " + d.org(o), role
			case minutes.RoleSecretariat:
				return capitalise(pt.title) + ", " + d.org(o) + " (sekretariat)", role
			}
			return pt.title + " " + d.org(o), role
		}
	}
	head := "Sundhedsklyngens medlemmer"
	if d.m.level < 0 {
		head = "Gruppens medlemmer"
	}
	group(head, func(pt *participant) bool { return pt.group == groupMember }, memberLine)
	group("Udvalgsformænd med observatørstatus", func(pt *participant) bool { return pt.group == groupCommittee }, otherLine(minutes.RoleObserver))
	group("Patient- og pårørenderepræsentanter", func(pt *participant) bool { return pt.group == groupPatient }, otherLine(minutes.RolePatientRep))
	group("Administrativ deltagelse", func(pt *participant) bool { return pt.group == groupAdmin || pt.group == groupSecretariat },
		func(pt *participant) (string, string) {
			if pt.group == groupSecretariat {
				return otherLine(minutes.RoleSecretariat)(pt)
			}
			return otherLine(minutes.RoleAdministrative)(pt)
		})
	// Guests.
	if d.m.level >= 0 && d.r.chance(0.4) {
		var cands []int
		for _, id := range d.p.clusters[d.m.cluster].staff {
			if !d.inDoc[id] {
				cands = append(cands, id)
			}
		}
		if len(cands) > 0 {
			d.para("Gæster")
			for _, id := range sample(d.r, cands, d.r.between(1, 2)) {
				d.inDoc[id] = true
				per := d.p.pop.people[id]
				line := len(d.lines) + 1
				d.add(d.name(id, line) + ", " + per.Title + ", " + d.org(per.Organisation))
				d.addTitle(id, per.Title)
				d.setOrg(id, per.Organisation)
				d.member(id, d.body, minutes.RoleGuest, per.Organisation, line, "")
				d.attend(id, minutes.StatusPresent, -1, "listed under 'Gæster'", "", line)
			}
			d.add("")
		}
	}
	d.decisionHeading()
	var away []string
	var subs []*participant
	line := len(d.lines) + 3
	for _, pt := range d.parts {
		if pt.status == minutes.StatusPresent {
			continue
		}
		away = append(away, d.say(pt.person, line, 0.12, false))
		d.attend(pt.person, minutes.StatusSentApologies, -1, "Afbud in the decision of item 1", "", line)
		if pt.sub >= 0 {
			subs = append(subs, pt)
		}
	}
	dec("Afbud:")
	if len(away) == 0 {
		dec("Ingen afbud.")
		return
	}
	dec(joinAnd(away) + ".")
	for _, pt := range subs {
		line := len(d.lines) + 1
		dec(d.name(pt.sub, line) + " deltog i stedet for " + d.name(pt.person, line) + ".")
		d.member(pt.sub, d.body, minutes.RoleSubstitute, "", line, "")
		d.attend(pt.sub, minutes.StatusSubstitute, pt.person, "'deltog i stedet for'", "", line)
	}
}

// orgOf is a key person's organisation, "" when null.
func orgOf(p minutes.Person) string {
	if p.Organisation == nil {
		return ""
	}
	return *p.Organisation
}
