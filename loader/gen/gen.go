package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/sundhedsgraf/sundhedsgraf/loader/minutes"
)

// Options select the corpus. The zero value of a field means its default.
type Options struct {
	// Seed selects the corpus: the same seed and options give the same bytes.
	Seed int64
	// Scale multiplies the documents and the population: 1 (default), 10,
	// 100. Scale 1 is the 22 clusters' two levels; larger scales add
	// ad hoc bodies with minutes of their own.
	Scale int
	// Years of meetings from July 2022 (default 4).
	Years int
	// MeetingsPerYear of each level (default 6).
	MeetingsPerYear int
}

func (o Options) withDefaults() (Options, error) {
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.Years == 0 {
		o.Years = 4
	}
	if o.MeetingsPerYear == 0 {
		o.MeetingsPerYear = 6
	}
	switch {
	case o.Scale < 1 || o.Scale > 1000:
		return o, fmt.Errorf("gen: scale %d out of range 1..1000", o.Scale)
	case o.Years < 1 || o.Years > 20:
		return o, fmt.Errorf("gen: years %d out of range 1..20", o.Years)
	case o.MeetingsPerYear < 1 || o.MeetingsPerYear > 12:
		return o, fmt.Errorf("gen: meetings per year %d out of range 1..12", o.MeetingsPerYear)
	}
	return o, nil
}

// Corpus is a planned corpus: the population, the bodies and every meeting.
// Documents are rendered on demand, each from its own random stream, so a
// Corpus is cheap to hold at any scale and Document is safe for concurrent
// use.
type Corpus struct {
	Options Options
	// People is the whole population, indexed by ID.
	People []Person
	plan   *plan
}

// Generate plans the corpus for opts.
func Generate(opts Options) (*Corpus, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	ref, err := loadReference()
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	p := newPlan(opts, ref)
	return &Corpus{Options: opts, People: p.pop.people, plan: p}, nil
}

// Len is the number of documents.
func (c *Corpus) Len() int { return len(c.plan.meetings) }

// Document renders document i (0 <= i < Len()).
func (c *Corpus) Document(i int) *Document {
	return c.plan.render(i)
}

// Stats summarises a written corpus. Everything in it but the file names
// is also in manifest.json.
type Stats struct {
	Seed            int64          `json:"seed"`
	Scale           int            `json:"scale"`
	Years           int            `json:"years"`
	MeetingsPerYear int            `json:"meetings_per_year"`
	Documents       int            `json:"documents"`
	Population      int            `json:"population"`
	PeopleNamed     int            `json:"people_named"`
	Bytes           int64          `json:"bytes"`
	Layouts         map[string]int `json:"layouts"`
	Facts           FactCounts     `json:"facts"`
}

// FactCounts are the totals of the answer keys.
type FactCounts struct {
	People         int `json:"people"`
	Aliases        int `json:"aliases"`
	Memberships    int `json:"memberships"`
	Attendance     int `json:"attendance"`
	AgendaItems    int `json:"agenda_items"`
	Bodies         int `json:"bodies"`
	Initiatives    int `json:"initiatives"`
	Organisations  int `json:"organisations"`
	FutureMeetings int `json:"future_meetings"`
}

// Identity is one person of the population as the corpus shows them: the
// name forms printed across documents and how many documents name them.
// people.json lists them; it is the answer key for cross-document entity
// resolution.
type Identity struct {
	ID           int      `json:"id"`
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Organisation string   `json:"organisation"`
	Forms        []string `json:"forms"`
	Documents    int      `json:"documents"`
}

// ErrNotEmpty is returned by Write for a directory that holds files but no
// earlier corpus.
var ErrNotEmpty = errors.New("gen: directory is not empty and holds no generated corpus")

// Write generates the corpus into dir: dir/minutes/NAME.txt,
// dir/expected/NAME.json, dir/people.json and dir/manifest.json. A
// directory that already holds a generated corpus (a manifest.json) is
// replaced; any other non-empty directory is refused.
func Write(dir string, opts Options) (Stats, error) {
	c, err := Generate(opts)
	if err != nil {
		return Stats{}, err
	}
	return c.Write(dir)
}

// Write writes the corpus into dir (see the package-level Write).
func (c *Corpus) Write(dir string) (Stats, error) {
	if err := prepare(dir); err != nil {
		return Stats{}, err
	}
	st := Stats{Seed: c.Options.Seed, Scale: c.Options.Scale, Years: c.Options.Years,
		MeetingsPerYear: c.Options.MeetingsPerYear, Documents: c.Len(), Population: len(c.People), Layouts: map[string]int{}}
	type personSeen struct {
		forms map[string]bool
		docs  int
	}
	seen := make([]personSeen, len(c.People))
	var mu sync.Mutex
	var firstErr error
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d := c.Document(i)
				keyJSON, err := json.MarshalIndent(d.Key, "", " ")
				if err == nil {
					keyJSON = append(keyJSON, '\n')
					err = os.WriteFile(filepath.Join(dir, "minutes", d.Name+".txt"), []byte(d.Text), 0o644)
				}
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, "expected", d.Name+".json"), keyJSON, 0o644)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				st.Bytes += int64(len(d.Text))
				st.Layouts[d.Layout]++
				st.Facts.add(&d.Key)
				for k, id := range d.Persons {
					s := &seen[id]
					if s.forms == nil {
						s.forms = map[string]bool{}
					}
					s.docs++
					s.forms[d.Key.People[k].Name] = true
					for _, a := range d.Key.People[k].Aliases {
						s.forms[a] = true
					}
				}
				mu.Unlock()
			}
		}()
	}
	for i := range c.Len() {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return st, fmt.Errorf("gen: %w", firstErr)
	}
	ids := make([]Identity, 0, len(c.People))
	for id, s := range seen {
		if s.docs == 0 {
			continue
		}
		p := c.People[id]
		forms := make([]string, 0, len(s.forms))
		for f := range s.forms {
			forms = append(forms, f)
		}
		sort.Strings(forms)
		ids = append(ids, Identity{ID: id, Name: p.Name, Kind: p.Kind, Organisation: p.Organisation, Forms: forms, Documents: s.docs})
	}
	st.PeopleNamed = len(ids)
	if err := writeJSON(filepath.Join(dir, "people.json"), ids); err != nil {
		return st, err
	}
	if err := writeJSON(filepath.Join(dir, "manifest.json"), st); err != nil {
		return st, err
	}
	return st, nil
}

func (f *FactCounts) add(k *minutes.Extraction) {
	f.People += len(k.People)
	for _, p := range k.People {
		f.Aliases += len(p.Aliases)
	}
	f.Memberships += len(k.Memberships)
	f.Attendance += len(k.Attendance)
	f.AgendaItems += len(k.AgendaItems)
	f.Bodies += len(k.Bodies)
	f.Initiatives += len(k.Initiatives)
	f.Organisations += len(k.Organisations)
	f.FutureMeetings += len(k.FutureMeetings)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// prepare makes dir ready: created if missing, emptied of an earlier
// corpus, refused if it holds anything else.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("gen: %w", err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
			return fmt.Errorf("%w: %s", ErrNotEmpty, dir)
		}
		for _, name := range []string{"minutes", "expected", "people.json", "manifest.json"} {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return fmt.Errorf("gen: %w", err)
			}
		}
	}
	for _, sub := range []string{"minutes", "expected"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	return nil
}
