package gen

import (
	"strings"
	"unicode/utf8"
)

// Name stock. Danish first names (some double, as "Anne Mette" or "Knud
// Erik"), middle names (mostly family names used as middle names, as in
// "Kim Agerholm Brogaard") and family names. Together they give millions of
// distinct full names, enough for the 100x population.

var femaleFirst = strings.Fields(`Anne Mette Hanne Susanne Lene Marianne Pia Tina Lone Charlotte Helle Kirsten
Camilla Louise Maria Birgitte Karin Inge Bente Jette Gitte Lisbeth Annette Rikke Dorthe Tine Heidi Malene
Trine Line Sofie Ida Emma Signe Stine Julie Katrine Maja Nanna Sara Cecilie Christina Eva Ulla Vibeke Lis
Grethe Merete Inger Karen Anja Laila Connie Bodil Dorte Henriette Agnete Frida Ditte Lotte Mia Pernille Sanne
Tanja Winnie Jane Janni Kamilla Berit Else Irene Marie Mathilde Astrid Ellen Hanna Johanne Kristina Lærke
Mille Nina Randi Ruth Sidsel Solveig Tove Vivi Yvonne Gitte Birthe Jytte Lena Lise Majbritt Natascha Ane
Britt Dagmar Elisabeth Gunhild Hedvig Jeanette Kathrine Liselotte Margit Mona Nadia Pauline Rebekka Rita
Sonja Stephanie Susan Thea Tilde Ulrikke Vera Viktoria Aase Agnes Alberte Benedikte Bettina Carina Dorit
Edith Emilie Gry Gudrun Inga Isabella Josefine Karoline Kirstine Lilian Lykke Marlene Mette Nathalie Olivia`)

var femaleDouble = []string{"Anne Mette", "Anne Marie", "Anne Sofie", "Anna Marie", "Mette Marie", "Lise Lotte",
	"Karen Margrethe", "Bodil Marie", "Anne Grethe", "Inge Lise", "Ann Britt", "Marie Louise"}

var maleFirst = strings.Fields(`Jens Peter Lars Michael Henrik Søren Thomas Jan Niels Anders Morten Jesper Mads
Rasmus Martin Christian Kim Hans Per Ole Poul Erik Bo Torben Claus Flemming Steen Frank Kurt Kaj Knud
Johannes Jørgen Mogens Ib Preben Bent Carsten Allan Brian Dennis Finn Frederik Gert Jakob Jacob Jonas Kasper
Kristian Leif Mikkel Nicolai Palle Rune Simon Stig Tommy Ulrik Villy Asger Daniel Emil Jonathan Andreas Aksel
Bjarne Erling Esben Gunnar Jimmy Kenneth Lasse Magnus Oliver Otto Troels Viggo Arne Benny Birger Holger
Karsten Keld Klaus Lauge Mathias Max Noah Oskar Povl Rene Sebastian Svend Tage Tobias Uffe Vagn Valdemar
Verner Aage Alex Bjørn Casper Dan Ebbe Egon Elias Eske Filip Gustav Hakon Harald Helge Henning Ivan Jeppe
Johan Jon Jørn Karl Kjeld Kristoffer Lennart Linus Lucas Malthe Marius Niklas Ove Peder Philip Robert`)

var maleDouble = []string{"Knud Erik", "Hans Henrik", "Jens Peter", "Jens Ole", "Karl Johan", "Hans Christian",
	"Poul Erik", "Jens Erik", "Carl Christian", "Per Ole", "Niels Erik", "Bent Ove"}

var middleNames = strings.Fields(`Agerholm Bossen Damsø Ries Riber Popp Skau Brinch Holmgaard Hartvig Vestergaard
Kjær Bach Buus Lückou Kjærgaard Egeris Sejersdal Krøjer Malling Klitgaard Blaabjerg Mose Thorbøll Schmidt Juul
Lykke Bundgaard Munk Høgh Krag Lind Dam Due Bak Bech Borg Friis Gram Holm Kirk Lund Moes Nørby Ravn Skov Toft
Vang Winther Østergaard Kronborg Stampe Fogh Bøgh Hessellund Bjerg Ladefoged Søgaard Krogsgaard Birk Bonde
Dahl Engelbrecht Fisker Grønbæk Hedegaard Ibsen Kofoed Lassen Mølgaard Nedergaard Plenge Rosenkrantz Storm
Thybo Udsen Wedel Aaen Brix Ejlersen Frost Hjorth Kirkegaard Lauge Myrup Nyholm Riis Slot Sloth Tang Wiese`)

var lastNames = strings.Fields(`Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen
Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen
Jakobsen Jacobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm Kristiansen Clausen
Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Mogensen Nissen Lauridsen Kjær Jepsen Bech
Søndergaard Mathiasen Dahl Bak Berg Nygaard Lindberg Bruun Dalgaard Holst Juhl Krogh Lauritzen Lassen Skov
Thygesen Villadsen Winther Kjeldsen Bundgaard Brogaard Gregersen Damgaard Ravn Friis Overgaard Storgaard Toft
Jespersen Bertelsen Hedegaard Ebbesen Kirkegaard Lykke Nørgaard Vinther Brandt Mølgaard Bisgaard Lorentzen
Thorsen Markussen Boesen Gade Hviid Aagaard Bjerre Borup Buus Fog Grøn Hald Hjort Høj Kragh Lindhardt Munk
Nørregaard Quist Riis Skaarup Stokholm Tang Thrane Wulff Øster Abildgaard Agerbæk Bundsgaard Daugaard Egeberg
Fabricius Gammelgaard Hauge Isaksen Jessen Kastrup Lehmann Mathiesen Nyborg Pallesen Refsgaard Sand Staal
Tvede Ulrich Warming Østergaard Ahlers Bilde Carstensen Degn Enevoldsen Flyvholm Graversen Hammer Hvid
Jessing Kaae Langhoff Linnet Maagaard Nymand Obel Pinstrup Reinert Sauer Thøgersen Libergren Lungskov Haslund
Heidemann Lundsfryd Styrishave Søvnal Hummelose Bønnelykke Elkjær Münster Espesen Nanfeldt Reintoft Mainz
Duedahl Greth Mancini Gamst Skeel Aalestrup Lagoni Aalund Groth Wigh Kakulidis Sauvr Wrist Ejner Brøndum
Bilgrav Dissing Espersen Fuglsang Gravgaard Hesselberg Ingvardsen Juelsgaard Kaspersen Lomholt Mørup Norup
Ottesen Pihl Rytter Sommer Trolle Uldall Valentin Wagner Yde Zacho Ærenlund Ørsted Abrahamsen Bojesen
Christoffersen Dyhr Eskildsen Falk Gundersen Halkjær Ipsen Jul Kamp Lykkegaard Mouritsen Nordentoft Ohlsen
Præstegaard Rahbek Schou Terkelsen Ussing Vad Westergaard Østerby`)

// personName is a full name in parts.
type personName struct {
	First, Middle, Last string
}

func (n personName) full() string {
	if n.Middle == "" {
		return n.First + " " + n.Last
	}
	return n.First + " " + n.Middle + " " + n.Last
}

// drawName draws a name; female selects the first-name list.
func drawName(r *rng, female bool) personName {
	var n personName
	switch {
	case female && r.chance(0.08):
		n.First = pick(r, femaleDouble)
	case female:
		n.First = pick(r, femaleFirst)
	case r.chance(0.06):
		n.First = pick(r, maleDouble)
	default:
		n.First = pick(r, maleFirst)
	}
	if r.chance(0.45) {
		n.Middle = pick(r, middleNames)
	}
	n.Last = pick(r, lastNames)
	if r.chance(0.04) {
		if other := pick(r, lastNames); other != n.Last {
			n.Last = other + "-" + n.Last
		}
	}
	return n
}

// Name variants. A document prints a person either by the full name or by a
// consistent short form (the document's canonical form); further mentions
// may use another variant of that form, which the answer key lists as an
// alias.
const (
	variantDropMiddle    = iota // "Kim Agerholm Brogaard" -> "Kim Brogaard"
	variantMiddleInitial        // "Trine Malling Lungskov" -> "Trine M. Lungskov"
	variantHyphen               // "Anne Mette" <-> "Anne-Mette"
	variantTypo                 // one-letter edit in the family name
	variantFirstOnly            // "Agnete"
)

// variant returns a variant of form (a printed name of n), or "" when the
// variant does not apply.
func variant(r *rng, n personName, form string, kind int) string {
	switch kind {
	case variantDropMiddle:
		if n.Middle != "" && strings.Contains(form, " "+n.Middle+" ") {
			return strings.Replace(form, " "+n.Middle+" ", " ", 1)
		}
	case variantMiddleInitial:
		if n.Middle != "" && strings.Contains(form, " "+n.Middle+" ") {
			ini, _ := utf8.DecodeRuneInString(n.Middle)
			return strings.Replace(form, " "+n.Middle+" ", " "+string(ini)+". ", 1)
		}
	case variantHyphen:
		if strings.Contains(n.First, " ") && strings.HasPrefix(form, n.First+" ") {
			return strings.Replace(n.First, " ", "-", 1) + form[len(n.First):]
		}
	case variantTypo:
		last := n.Last
		if !strings.HasSuffix(form, last) {
			return ""
		}
		t := typo(r, last)
		if t == "" {
			return ""
		}
		return form[:len(form)-len(last)] + t
	case variantFirstOnly:
		return n.First
	}
	return ""
}

// typo makes one one-letter edit in a family name: a doubled consonant
// (Hummelose/Hummellose), a dropped letter (Søvnald/Søvnal), a changed vowel
// (Stephanie/Stephenie) or an inserted d after n (Pinstrup/Pindstrup).
func typo(r *rng, s string) string {
	rs := []rune(s)
	if len(rs) < 4 {
		return ""
	}
	vowels := "aeiouyæøå"
	for range 8 {
		i := r.between(1, len(rs)-1) // never the capital
		c := rs[i]
		switch r.intn(4) {
		case 0: // double a consonant
			if strings.ContainsRune("lnmstrkp", c) && (i+1 >= len(rs) || rs[i+1] != c) && rs[i-1] != c {
				return string(rs[:i+1]) + string(c) + string(rs[i+1:])
			}
		case 1: // drop a letter
			if rs[i] != '-' && rs[i-1] != '-' && len(rs) > 5 {
				return string(rs[:i]) + string(rs[i+1:])
			}
		case 2: // change a vowel
			if strings.ContainsRune(vowels, c) {
				repl := map[rune]rune{'a': 'e', 'e': 'a', 'i': 'e', 'o': 'u', 'u': 'o', 'y': 'i', 'æ': 'e', 'ø': 'ö', 'å': 'a'}[c]
				if repl == 'ö' {
					repl = 'o'
				}
				return string(rs[:i]) + string(repl) + string(rs[i+1:])
			}
		case 3: // "n" -> "nd"
			if c == 'n' && i+1 < len(rs) && rs[i+1] != 'd' {
				return string(rs[:i+1]) + "d" + string(rs[i+1:])
			}
		}
	}
	return ""
}

// Parties with their letters, for regional councillors.
var partyLetters = []string{"A", "A", "A", "V", "V", "V", "C", "C", "F", "F", "Ø", "B", "O", "I", "D", "Æ", "K", "M"}
