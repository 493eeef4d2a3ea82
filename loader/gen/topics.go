package gen

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// welcomer is who opens a meeting without a participant list: a co-chair
// or the chair if present, else any present member.
func (d *doc) welcomer() int {
	var any []int
	for _, pt := range d.parts {
		if pt.status != minutes.StatusPresent || pt.group != groupMember {
			continue
		}
		if pt.coChair != "" || pt.role == "chair" {
			return pt.person
		}
		any = append(any, pt.person)
	}
	if len(any) == 0 {
		for _, pt := range d.parts {
			if pt.status == minutes.StatusPresent {
				return pt.person
			}
		}
		// Nobody came but substitutes: the first of them opens.
		for _, pt := range d.parts {
			if pt.sub >= 0 {
				return pt.sub
			}
		}
		return d.parts[0].person
	}
	return any[0]
}

// welcomeBy prints item 1 of the Sydvestjylland layout: "Velkomst v. X",
// newcomers, and the apologies with their substitutes.
func (d *doc) welcomeBy(welcomer, line int, dec func(string)) {
	if d.m.prev != nil {
		for _, pt := range d.parts {
			if pt.status != minutes.StatusPresent || pt.group != groupMember || pt.post == nil || pt.person == welcomer {
				continue
			}
			if pt.post.at(d.m.prev.date) == pt.person {
				continue
			}
			l := len(d.lines) + 1
			d.para("Særlig velkomst til " + d.name(pt.person, l) + ", " + d.org(pt.org) + ", som er ny i klyngen.")
			d.setOrg(pt.person, pt.org)
			d.member(pt.person, d.body, minutes.RoleMember, pt.org, l, "new in the cluster")
			d.attend(pt.person, minutes.StatusPresent, -1, "welcomed as new in the cluster (item 1)", "", l)
		}
	}
	d.member(welcomer, d.body, minutes.RoleMember, "", line, "gives the welcome; role not stated")
	subFor := -1
	for _, pt := range d.parts {
		if pt.sub == welcomer {
			subFor = pt.person
		}
	}
	if subFor < 0 {
		d.attend(welcomer, minutes.StatusPresent, -1, "gives the welcome (item 1)", "", line)
	}
	d.decisionHeading()
	var away []*participant
	for _, pt := range d.parts {
		if pt.status != minutes.StatusPresent {
			away = append(away, pt)
		}
	}
	if len(away) == 0 {
		dec("Der var ingen afbud.")
		return
	}
	dec("Afbud:")
	for _, pt := range away {
		l := len(d.lines) + 1
		if pt.sub >= 0 {
			dec(d.name(pt.sub, l) + " deltog i stedet for " + d.say(pt.person, l, 0.1, false))
			d.member(pt.sub, d.body, minutes.RoleSubstitute, "", l, "")
			d.attend(pt.sub, minutes.StatusSubstitute, pt.person, "'deltog i stedet for'", "", l)
		} else {
			dec(d.say(pt.person, l, 0.1, false))
		}
		d.member(pt.person, d.body, minutes.RoleMember, "", l, "inferred from Afbud")
		d.attend(pt.person, minutes.StatusSentApologies, -1, "Afbud, item 1", "", l)
	}
}

// indstilling prints the proposal and returns it.
func (d *doc) indstilling(item *minutes.AgendaItem, points ...string) {
	d.heading("Indstilling")
	s := "Det indstilles, at " + d.body + ":"
	d.para(s)
	for _, p := range points {
		d.para("- " + p)
		s += "\n- " + p
	}
	item.Proposal = s
}

func (d *doc) resume(item *minutes.AgendaItem, s string) {
	d.heading("Resumé")
	d.para(s)
	item.Summary = s
}

// create prints an item that sets up a sub-body and lists its members.
func (d *doc) create(n int, it *itemPlan, item *minutes.AgendaItem, dec func(string)) {
	s := it.sub
	l := len(d.lines) + 3
	d.resume(item, "Der lægges op til at nedsætte "+s.name+", som skal styrke samarbejdet om "+s.topic+".")
	d.bodyRef(s.name, s.kind, s.parent, n, l)
	d.heading("Sagsfremstilling")
	d.filler(s.topic, 2)
	d.para("Gruppen sammensættes af:")
	for _, sm := range s.members {
		l := len(d.lines) + 1
		line := "- " + d.name(sm.person, l) + ", " + sm.title + ", " + d.org(sm.org)
		role := minutes.RoleMember
		switch sm.role {
		case "chair":
			line += " (formand)"
			role = minutes.RoleChair
		case "coordinator":
			line += " (tovholder)"
			role = minutes.RoleCoordinator
		}
		d.para(line)
		d.addTitle(sm.person, sm.title)
		d.setOrg(sm.person, sm.org)
		d.member(sm.person, s.name, role, sm.org, l, "")
	}
	d.indstilling(item, "Godkender kommissoriet for "+s.name+".")
	d.decisionHeading()
	if d.r.chance(0.5) {
		dec("Kommissoriet for " + s.name + " blev godkendt.")
	} else {
		dec(d.bodyPhrase() + " godkendte kommissoriet for " + s.name + ".")
	}
	d.heading("Bilag")
	d.para("Kommissorium for " + s.name + ".pdf")
}

// funding prints an item about money for an initiative.
func (d *doc) funding(n int, it *itemPlan, in *initiative, item *minutes.AgendaItem, dec func(string)) {
	quoted := "'" + in.name + "'"
	d.resume(item, "Her præsenteres forslag om anvendelse af "+formatAmount(in.amount, in.formats[0])+" af klyngemidlerne til projektet "+quoted+".")
	d.heading("Sagsfremstilling")
	d.filler(it.topic, d.r.between(1, 3))
	var orgs []string
	for _, o := range in.orgs {
		orgs = append(orgs, d.org(o))
	}
	d.para("Projektet gennemføres i samarbejde mellem " + joinAnd(orgs) + ".")
	key := minutes.Initiative{Name: in.name, Organisations: orgs, Item: &n, Pos: pos(len(d.lines) - 1)}
	a := in.amount
	key.AmountDKK = &a
	switch in.period {
	case 1:
		d.para("Projektperioden forventes at være " + longDate(in.start) + " til og med " + longDate(in.end) + ".")
		key.PeriodStart, key.PeriodEnd = strp(iso(in.start)), strp(iso(in.end))
	case 2:
		d.para("Indsatsen forventes afsluttet ved udgangen af " + strconv.Itoa(in.end.Year()) + ".")
		key.PeriodEnd = strp(iso(in.end))
	case 3:
		d.para("Projektet løber i perioden " + strconv.Itoa(in.start.Year()) + "-" + strconv.Itoa(in.end.Year()) + ".")
		key.PeriodStart, key.PeriodEnd = strp(iso(in.start)), strp(iso(in.end))
	}
	l := d.para("Det foreslås, at ansvaret for projektet placeres i " + in.owner + ".")
	if in.ownerSb != nil {
		d.bodyRef(in.ownerSb.name, in.ownerSb.kind, in.ownerSb.parent, n, l)
	} else {
		d.org(in.owner)
	}
	key.Owner = strp(in.owner)
	var pot *minutes.Initiative
	if d.r.chance(0.3) {
		y := d.m.date.Year()
		amt := int64(d.r.between(2, 9))*1_000_000 + int64(d.r.intn(1_000_000))
		name := "Klyngemidler " + strconv.Itoa(y)
		l := d.para("Puljen '" + name + "' udgør " + formatAmount(amt, amountKrPrefix) + " for perioden 1. januar " + strconv.Itoa(y) + " til og med 31. december " + strconv.Itoa(y) + ".")
		pot = &minutes.Initiative{Name: name, AmountDKK: &amt, PeriodStart: strp(iso(day(y, 1, 1))), PeriodEnd: strp(iso(day(y, 12, 31))),
			Organisations: []string{}, Item: &n, Pos: pos(l)}
	}
	d.indstilling(item, "Godkender, at der anvendes "+formatAmount(in.amount, in.formats[1])+" af klyngemidlerne til projektet "+quoted+".")
	d.decisionHeading()
	switch it.outcome {
	case minutes.OutcomeApproved:
		dec(d.bodyPhrase() + " godkendte, at der anvendes " + formatAmount(in.amount, in.formats[2]) + " af klyngemidlerne til projektet " + quoted + ".")
	case minutes.OutcomeRejected:
		dec("Indstillingen blev ikke godkendt. Det blev besluttet ikke at anvende klyngemidler til projektet " + quoted + " på nuværende tidspunkt.")
	default:
		dec("Punktet blev udsat til et kommende møde, da der ønskes et mere detaljeret budget for projektet " + quoted + ".")
	}
	d.key.Initiatives = append(d.key.Initiatives, key)
	if pot != nil {
		d.key.Initiatives = append(d.key.Initiatives, *pot)
	}
	if d.r.chance(0.5) {
		d.heading("Bilag")
		d.para("Projektbeskrivelse - " + in.name + ".pdf")
	}
}

// presenter is a present participant who can speak to an item.
func (d *doc) presenter() int {
	var c []int
	for _, pt := range d.parts {
		if pt.status == minutes.StatusPresent {
			c = append(c, pt.person)
		}
	}
	if len(c) == 0 {
		return -1
	}
	return pick(d.r, c)
}

// topicItem prints an orientation, a discussion, a status from a
// sub-body or a proposal.
func (d *doc) topicItem(n int, it *itemPlan, item *minutes.AgendaItem, dec func(string)) {
	switch it.kind {
	case itStatus:
		l := len(d.lines) + 3
		d.resume(item, it.sub.name+" giver en status på arbejdet med "+it.sub.topic+".")
		d.bodyRef(it.sub.name, it.sub.kind, it.sub.parent, n, l)
	default:
		if d.r.chance(0.5) {
			d.resume(item, "Punktet omhandler "+it.topic+".")
		}
	}
	if it.kind != itProposal && d.r.chance(0.4) {
		var cands []int
		for _, id := range d.p.clusters[d.m.cluster].staff {
			if !d.inDoc[id] {
				cands = append(cands, id)
			}
		}
		if len(cands) > 0 {
			id := pick(d.r, cands)
			per := d.p.pop.people[id]
			l := len(d.lines) + 1
			d.para("Sagen vil blive præsenteret af " + per.Title + " " + d.name(id, l) + ", " + d.org(per.Organisation) + ".")
			d.addTitle(id, per.Title)
			d.setOrg(id, per.Organisation)
		}
	}
	d.heading("Sagsfremstilling")
	d.filler(it.topic, d.r.between(2, 4))
	if it.kind == itProposal && d.m.level >= 0 && d.r.chance(0.5) {
		other := d.otherLevel()
		l := d.para("Forslaget har tidligere været drøftet i " + other + ".")
		d.bodyRef(other, minutes.BodyOther, d.c.name, n, l)
	}
	switch it.kind {
	case itOrientation:
		d.indstilling(item, "Tager orienteringen til efterretning.")
	case itDiscussion:
		d.indstilling(item, "Drøfter "+it.topic+".")
	case itStatus:
		if it.outcome == minutes.OutcomeApproved {
			d.indstilling(item, "Tager status til efterretning.", "Godkender den videre proces.")
		} else {
			d.indstilling(item, "Tager status til efterretning.")
		}
	case itProposal:
		d.indstilling(item, "Godkender forslaget om en fælles indsats for "+it.topic+".")
	}
	d.decisionHeading()
	if it.kind != itProposal && d.r.chance(0.5) {
		if id := d.presenter(); id >= 0 {
			l := len(d.lines) + 1
			dec(d.say(id, l, 0.15, true) + pick(d.r, []string{" gav en orientering.", " præsenterede sagen.", " indledte punktet."}))
			if d.m.layout == layoutNoList {
				d.attend(id, minutes.StatusPresent, -1, "presented item "+strconv.Itoa(n), "", l)
			}
		}
	}
	switch it.kind {
	case itOrientation:
		dec(pick(d.r, []string{"Orienteringen blev taget til efterretning.", "Orienteringen blev taget til efterretning uden bemærkninger."}))
	case itDiscussion:
		dec("Emnet blev drøftet.")
		if d.r.chance(0.5) {
			dec("Drøftelsen tages med i det videre arbejde.")
		}
	case itStatus:
		if it.outcome == minutes.OutcomeApproved {
			dec("Status blev taget til efterretning, og den videre proces blev godkendt.")
		} else {
			dec("Status blev taget til efterretning.")
		}
	case itProposal:
		switch it.outcome {
		case minutes.OutcomeApproved:
			if d.r.chance(0.5) {
				dec("Forslaget blev godkendt.")
			} else {
				dec(d.bodyPhrase() + " godkendte forslaget.")
			}
		case minutes.OutcomeRejected:
			dec("Forslaget blev ikke godkendt, og der igangsættes ikke en fælles indsats på nuværende tidspunkt.")
		default:
			dec("Punktet blev udsat til næste møde.")
		}
	}
	if d.r.chance(0.3) {
		d.heading("Bilag")
		d.para("Notat om " + it.topic + ".pdf")
	}
}

// next announces the body's next meeting and sometimes the other level's.
func (d *doc) next(n int, dec func(string)) {
	nx := d.m.next
	var when date
	var start int
	var loc *string
	if nx != nil {
		when, start, loc = nx.date, nx.start, strp(nx.location)
	} else {
		when, start = d.m.date.AddDate(0, 2, 0), d.m.start
		for when.Weekday() == 0 || when.Weekday() == 6 {
			when = when.AddDate(0, 0, 1)
		}
	}
	end := start + 180
	if d.m.level == 0 {
		end = start + 150
	}
	dotted := d.r.chance(0.5)
	l := len(d.lines) + 1
	s := "Næste møde i " + d.body + " afholdes " + lowerFirst(weekdayDate(when)) + " kl. " + clock(start, dotted) + "-" + clock(end, dotted) + "."
	if loc != nil {
		s += " Mødested: " + *loc + "."
		d.locationOrgs(*loc)
	} else {
		s += " Mødested er endnu ikke fastlagt."
	}
	d.heading("Sagsfremstilling")
	d.para(s)
	d.key.FutureMeetings = append(d.key.FutureMeetings, minutes.FutureMeeting{Body: d.body, Date: iso(when),
		Time: strp(clock(start, false) + "-" + clock(end, false)), Location: loc, Pos: pos(l)})
	if d.m.level >= 0 && d.r.chance(0.4) {
		lv := 1 - d.m.level
		for _, om := range d.p.byBody[[2]int{d.m.cluster, lv}] {
			if om.date.After(d.m.date) {
				other := d.otherLevel()
				l := d.para(other + " mødes næste gang den " + longDate(om.date) + " kl. " + clock(om.start, true) + ".")
				d.bodyRef(other, minutes.BodyOther, d.c.name, n, l)
				d.key.FutureMeetings = append(d.key.FutureMeetings, minutes.FutureMeeting{Body: other, Date: iso(om.date),
					Time: strp(clock(om.start, false)), Pos: pos(l)})
				break
			}
		}
	}
	d.decisionHeading()
	dec("Orienteringen blev taget til efterretning.")
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
