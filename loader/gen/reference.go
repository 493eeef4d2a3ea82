package gen

import (
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
)

// reference is the part of corpus/reference the generator draws on: the
// regions, the municipalities and the 22 clusters with their hospitals.
type reference struct {
	regions        []region
	municipalities map[string]*municipality // by code
	clusters       []cluster
}

type region struct {
	code, name string
	plo        string // the PLO branch
	psychiatry string // the region's psychiatry
	house      string // where the region's meetings are held
	city       string
}

type municipality struct {
	code, name string // "575", "Vejen"
	org        string // "Vejen Kommune"
	region     string // region code
}

type cluster struct {
	id, name   string
	region     int // index in reference.regions
	hospital   string
	munis      []*municipality
	regionName string
}

// regionDetails are facts about the regions that are not in the reference
// files but are printed in minutes.
var regionDetails = map[string]struct{ plo, psychiatry, house, city string }{
	"1081": {"PLO-Nordjylland", "Psykiatrien i Region Nordjylland", "Regionshuset, Niels Bohrs Vej 30, 9220 Aalborg Ø", "Aalborg"},
	"1082": {"PLO-Midtjylland", "Psykiatrien i Region Midtjylland", "Regionshuset Viborg, Skottenborg 26, 8800 Viborg", "Viborg"},
	"1083": {"PLO Syddanmark", "Psykiatrien i Region Syddanmark", "Regionshuset, Damhaven 12, 7100 Vejle", "Vejle"},
	"1084": {"PLO-Hovedstaden", "Region Hovedstadens Psykiatri", "Regionsgården, Kongens Vænge 2, 3400 Hillerød", "Hillerød"},
	"1085": {"PLO-Sjælland", "Psykiatrien Region Sjælland", "Regionshuset, Alleen 15, 4180 Sorø", "Sorø"},
}

func readCSV(fsys fs.FS, name string) ([]map[string]string, error) {
	f, err := fsys.Open("reference/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reference/%s: %w", name, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("reference/%s: no rows", name)
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := make(map[string]string, len(rows[0]))
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = strings.TrimSpace(row[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// municipalityOrg is the name a municipality goes by in minutes.
func municipalityOrg(name string) string {
	switch name {
	case "København":
		return "Københavns Kommune"
	case "Bornholm":
		return "Bornholms Regionskommune"
	}
	return name + " Kommune"
}

// hospitalName strips the reference's explanations: "Sydvestjysk Sygehus
// (Esbjerg)" -> "Sydvestjysk Sygehus".
func hospitalName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func loadReference() (*reference, error) {
	fsys := corpus.FS()
	regs, err := readCSV(fsys, "regions.csv")
	if err != nil {
		return nil, err
	}
	munis, err := readCSV(fsys, "municipalities.csv")
	if err != nil {
		return nil, err
	}
	cls, err := readCSV(fsys, "clusters.csv")
	if err != nil {
		return nil, err
	}
	ref := &reference{municipalities: map[string]*municipality{}}
	regionIndex := map[string]int{}
	for _, r := range regs {
		d, ok := regionDetails[r["code"]]
		if !ok {
			return nil, fmt.Errorf("reference/regions.csv: unknown region %s", r["code"])
		}
		regionIndex[r["code"]] = len(ref.regions)
		ref.regions = append(ref.regions, region{code: r["code"], name: r["name"], plo: d.plo, psychiatry: d.psychiatry, house: d.house, city: d.city})
	}
	for _, m := range munis {
		ref.municipalities[m["code"]] = &municipality{code: m["code"], name: m["name"], org: municipalityOrg(m["name"]), region: m["region_code"]}
	}
	for _, c := range cls {
		ri, ok := regionIndex[c["region_code"]]
		if !ok {
			return nil, fmt.Errorf("reference/clusters.csv: cluster %s: unknown region %s", c["id"], c["region_code"])
		}
		cl := cluster{id: c["id"], name: c["name"], region: ri, hospital: hospitalName(c["hospitals"]), regionName: ref.regions[ri].name}
		for _, code := range strings.Split(c["municipality_codes"], ";") {
			m, ok := ref.municipalities[strings.TrimSpace(code)]
			if !ok {
				return nil, fmt.Errorf("reference/clusters.csv: cluster %s: unknown municipality %s", c["id"], code)
			}
			cl.munis = append(cl.munis, m)
		}
		ref.clusters = append(ref.clusters, cl)
	}
	if len(ref.clusters) == 0 {
		return nil, fmt.Errorf("reference/clusters.csv: no clusters")
	}
	return ref, nil
}
