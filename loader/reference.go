package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/sundhedsgraf/sundhedsgraf/corpus"
	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// The reference skeleton (corpus/reference) is read once from the embedded
// corpus. It serves twice: as the document "document:reference", whose facts
// LoadReference writes, and as the index that resolves the names in minutes
// to reference entities (regions, municipalities, clusters).

// ReferenceDocumentID is the ID of the reference skeleton's document.
const ReferenceDocumentID = "document:reference"

type refRow struct {
	file string // "reference/clusters.csv"
	line int    // 1-based line in the file; the header is line 1
	text string // the row as printed
}

type refRegion struct {
	refRow
	Code, Name string
}

type refMunicipality struct {
	refRow
	Code, Name, RegionCode string
}

type refCluster struct {
	refRow
	Code, Name, RegionCode, Hospitals string
	Variants                          []string // without the "(ikke verificeret)" marks
	Unverified                        []string // variants marked "(ikke verificeret)"
	Municipalities                    []string // codes
}

type refCouncil struct {
	refRow
	Code, Name, RegionCode string
	Municipalities         []string
}

type refMember struct {
	refRow
	Council, Name, Role, Side, Organisation, Party, Title string
}

// refData is the parsed reference skeleton.
type refData struct {
	Regions        []refRegion
	Municipalities []refMunicipality
	Clusters       []refCluster
	Councils       []refCouncil
	Members        []refMember
	SHA256         string // over all reference files, so a changed file reloads
	files          map[string]string

	muniByCode    map[string]*refMunicipality
	muniByName    map[string]string // folded name (and without a genitive s) → code
	regionByCode  map[string]*refRegion
	regionByName  map[string]string // folded name → code
	regionSlug    map[string]string // code → "syddanmark"
	clusterByCode map[string]*refCluster
	councilOf     map[string]string   // municipality code → council code
	clustersOf    map[string][]string // municipality code → cluster codes
	clusterKeys   map[string][]int    // clusterKey of a cluster's name or variant → the clusters' positions in Clusters, ascending
}

var loadRef = sync.OnceValues(func() (*refData, error) { return parseReference(corpus.FS()) })

// reference returns the parsed embedded reference skeleton. It panics if the
// embedded files are malformed, which a unit test rules out.
func reference() *refData {
	r, err := loadRef()
	if err != nil {
		panic(err)
	}
	return r
}

func parseReference(fsys fs.FS) (*refData, error) {
	r := &refData{files: map[string]string{}}
	h := sha256.New()
	names := []string{"regions.csv", "municipalities.csv", "clusters.csv", "health_councils.csv", "health_council_members.csv"}
	tables := map[string][][]string{}
	rows := map[string][]refRow{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, "reference/"+n)
		if err != nil {
			return nil, fmt.Errorf("reference: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
		file := "reference/" + n
		r.files[file] = string(b)
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		cr := csv.NewReader(bytes.NewReader(b))
		header, err := cr.Read()
		if err != nil {
			return nil, fmt.Errorf("%s: header: %w", file, err)
		}
		if err := checkHeader(file, header, n); err != nil {
			return nil, err
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			line, _ := cr.FieldPos(0)
			if len(rec) != len(header) {
				return nil, fmt.Errorf("%s:%d: %d fields, want %d", file, line, len(rec), len(header))
			}
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
			}
			tables[n] = append(tables[n], rec)
			text := ""
			if line-1 < len(lines) {
				text = strings.TrimRight(lines[line-1], "\r")
			}
			rows[n] = append(rows[n], refRow{file: file, line: line, text: text})
		}
	}
	r.SHA256 = hex.EncodeToString(h.Sum(nil))
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ";") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	for i, rec := range tables["regions.csv"] {
		r.Regions = append(r.Regions, refRegion{rows["regions.csv"][i], rec[0], rec[1]})
	}
	for i, rec := range tables["municipalities.csv"] {
		r.Municipalities = append(r.Municipalities, refMunicipality{rows["municipalities.csv"][i], rec[0], rec[1], rec[2]})
	}
	for i, rec := range tables["clusters.csv"] {
		c := refCluster{refRow: rows["clusters.csv"][i], Code: rec[0], Name: rec[1], RegionCode: rec[3], Hospitals: rec[4], Municipalities: split(rec[5])}
		for _, v := range split(rec[2]) {
			if base, ok := strings.CutSuffix(v, "(ikke verificeret)"); ok {
				c.Unverified = append(c.Unverified, strings.TrimSpace(base))
				v = strings.TrimSpace(base)
			}
			c.Variants = append(c.Variants, v)
		}
		r.Clusters = append(r.Clusters, c)
	}
	for i, rec := range tables["health_councils.csv"] {
		r.Councils = append(r.Councils, refCouncil{rows["health_councils.csv"][i], rec[0], rec[1], rec[2], split(rec[3])})
	}
	for i, rec := range tables["health_council_members.csv"] {
		r.Members = append(r.Members, refMember{rows["health_council_members.csv"][i], rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6]})
	}
	return r, r.index()
}

var wantHeaders = map[string]string{
	"regions.csv":                "code,name",
	"municipalities.csv":         "code,name,region_code",
	"clusters.csv":               "id,name,name_variants,region_code,hospitals,municipality_codes",
	"health_councils.csv":        "id,name,region_code,municipality_codes",
	"health_council_members.csv": "council_id,name,role,side,organisation,party,title,source_version",
}

func checkHeader(file string, header []string, name string) error {
	if got := strings.Join(header, ","); got != wantHeaders[name] {
		return fmt.Errorf("%s: unexpected header %q, want %q", file, got, wantHeaders[name])
	}
	return nil
}

func (r *refData) index() error {
	r.muniByCode = map[string]*refMunicipality{}
	r.muniByName = map[string]string{}
	r.regionByCode = map[string]*refRegion{}
	r.regionByName = map[string]string{}
	r.regionSlug = map[string]string{}
	r.clusterByCode = map[string]*refCluster{}
	r.councilOf = map[string]string{}
	r.clustersOf = map[string][]string{}
	r.clusterKeys = map[string][]int{}
	for i := range r.Regions {
		g := &r.Regions[i]
		r.regionByCode[g.Code] = g
		r.regionByName[graph.Fold(g.Name)] = g.Code
		r.regionSlug[g.Code] = slug(strings.TrimPrefix(g.Name, "Region "))
	}
	for i := range r.Municipalities {
		m := &r.Municipalities[i]
		if r.regionByCode[m.RegionCode] == nil {
			return fmt.Errorf("%s:%d: unknown region %s", m.file, m.line, m.RegionCode)
		}
		r.muniByCode[m.Code] = m
		f := graph.Fold(m.Name)
		r.muniByName[f] = m.Code
	}
	// Genitive and short forms ("Københavns", "Nordfyn") are added only where
	// they do not clash with another municipality's name.
	for i := range r.Municipalities {
		m := &r.Municipalities[i]
		f := graph.Fold(m.Name)
		alt := f + "s"
		if s, ok := strings.CutSuffix(f, "s"); ok {
			alt = s
		}
		if _, taken := r.muniByName[alt]; !taken {
			r.muniByName[alt] = m.Code
		}
	}
	for i := range r.Clusters {
		c := &r.Clusters[i]
		if r.regionByCode[c.RegionCode] == nil {
			return fmt.Errorf("%s:%d: unknown region %s", c.file, c.line, c.RegionCode)
		}
		r.clusterByCode[c.Code] = c
		for _, m := range c.Municipalities {
			if r.muniByCode[m] == nil {
				return fmt.Errorf("%s:%d: unknown municipality %s", c.file, c.line, m)
			}
			r.clustersOf[m] = append(r.clustersOf[m], c.Code)
		}
		for _, n := range append([]string{c.Name}, c.Variants...) {
			if k := clusterKey(n); k != "" && !slices.Contains(r.clusterKeys[k], i) {
				r.clusterKeys[k] = append(r.clusterKeys[k], i)
			}
		}
	}
	for i := range r.Councils {
		c := &r.Councils[i]
		for _, m := range c.Municipalities {
			if r.muniByCode[m] == nil {
				return fmt.Errorf("%s:%d: unknown municipality %s", c.file, c.line, m)
			}
			r.councilOf[m] = c.Code
		}
	}
	for _, m := range r.Members {
		if !slices.ContainsFunc(r.Councils, func(c refCouncil) bool { return c.Code == m.Council }) {
			return fmt.Errorf("%s:%d: unknown council %s", m.file, m.line, m.Council)
		}
	}
	return nil
}

// clusterNotes says which cluster rows SOURCES.md calls inferred or
// uncertain, and why (see corpus/reference/SOURCES.md, "clusters.csv").
// Rows with a variant marked "(ikke verificeret)" are uncertain as well.
var clusterNotes = map[string]string{
	"H-MIDT":            "membership taken from Herlev Hospital's catchment list (medium-high confidence)",
	"H-NORD":            "membership is the remaining municipalities after Midt (medium-high confidence)",
	"S-HOLBAEK":         "membership inferred from the 2019 catchment lists; Lejre is least certain",
	"S-SUH":             "membership inferred from the 2019 catchment lists; Lejre is least certain",
	"S-SLAGELSE":        "membership inferred from the 2019 catchment lists; Næstved is least certain; variant names not verified",
	"S-NYKOBING":        "membership inferred from the 2019 catchment lists",
	"SD-FYN":            "membership inferred from the 2019 catchment lists; Middelfart lies between two hospitals",
	"SD-LILLEBAELT":     "membership inferred from the 2019 catchment lists; Middelfart, Billund and Vejen uncertain; Vejen added from the sample minutes",
	"SD-SYDVESTJYLLAND": "membership inferred from the 2019 catchment lists; Billund and Vejen uncertain",
	"N-NORD":            "hospital assignment is a reading, not stated by the sources",
	"N-MIDT":            "hospital assignment is a reading, not stated by the sources",
	"N-SYD":             "hospital assignment is a reading, not stated by the sources",
	"N-VEST":            "hospital assignment is a reading, not stated by the sources",
}

// municipalityOrgName is the name of a municipality as an organisation.
// The reference uses short names ("København", "Bornholm").
func municipalityOrgName(m *refMunicipality) string {
	switch m.Code {
	case "101":
		return "Københavns Kommune"
	case "400":
		return "Bornholms Regionskommune"
	}
	return m.Name + " Kommune"
}

func (r *refData) source(row refRow, uncertain bool, note string) graph.Source {
	return graph.Source{
		DocumentID: ReferenceDocumentID,
		FileName:   row.file,
		SHA256:     sha256Hex([]byte(r.files[row.file])),
		LineStart:  row.line,
		LineEnd:    row.line,
		Quote:      minutes.Clip(row.text, 200),
		Origin:     graph.OriginReference,
		Uncertain:  uncertain,
		Note:       note,
	}
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
