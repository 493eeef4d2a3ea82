package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
	"github.com/sundhedsgraf/sundhedsgraf/graph/transition"
	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

// The analysis commands: read-only views of the store for analysts and
// planners, the same computations the GraphQL API exposes.
//
//	sundhedsgraf network --kind K [--from D] [--to D] [--region ID] [--cluster ID] --format gexf|csv|nodes-csv|json [--out FILE]
//	sundhedsgraf transition --council ID [--cutover D] [--out FILE]

// networkFormats are network's output formats.
var networkFormats = map[string]func(io.Writer, *network.Network) error{
	"gexf":      network.WriteGEXF,
	"csv":       network.WriteCSV,
	"nodes-csv": network.WriteNodesCSV,
	"json":      func(w io.Writer, n *network.Network) error { return writeJSON(w, n) },
}

func (m *Main) network(ctx context.Context, args []string) error {
	fs := m.flagSet("network", "network --kind KIND [--from DATE] [--to DATE] [--region ID] [--cluster ID] [--format gexf|csv|nodes-csv|json] [--out FILE]")
	var sf storeFlags
	sf.register(fs)
	kind := fs.String("kind", string(network.CoMembership), "co_membership, co_attendance, org_co_sitting or person_body")
	from := fs.String("from", "", "first day (YYYY-MM-DD) of meetings and seats to count")
	to := fs.String("to", "", "last day (YYYY-MM-DD) of meetings and seats to count")
	region := fs.String("region", "", "keep the bodies and meetings of one region (ID, e.g. region:1083)")
	cluster := fs.String("cluster", "", "keep the bodies and meetings of one cluster (ID, e.g. cluster:SD-LILLEBAELT)")
	format := fs.String("format", "gexf", "gexf (Gephi), csv (edge list), nodes-csv (nodes with measures) or json")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("network takes no arguments, got %q", fs.Args())}
	}
	write, ok := networkFormats[*format]
	if !ok {
		return usageError{fmt.Sprintf("unknown format %q: want gexf, csv, nodes-csv or json", *format)}
	}
	p := resolvers.NetworkParams(*kind, *from, *to, *region, *cluster)
	store, err := m.openStore(ctx, sf.data, m.logger(sf))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	n, err := network.Build(ctx, store, p)
	if err != nil {
		return err
	}
	return m.writeOut(*out, func(w io.Writer) error { return write(w, n) })
}

func (m *Main) transition(ctx context.Context, args []string) error {
	fs := m.flagSet("transition", "transition --council ID [--cutover DATE] [--out FILE]")
	var sf storeFlags
	sf.register(fs)
	council := fs.String("council", "", "the health council (ID, e.g. council:SR-LIMFJORDEN)")
	cutover := fs.String("cutover", transition.DefaultCutover, "the day the councils take over (YYYY-MM-DD)")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *council == "" {
		fs.Usage()
		return usageError{"transition needs --council ID and no arguments"}
	}
	store, err := m.openStore(ctx, sf.data, m.logger(sf))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	plan, err := transition.ForCouncil(ctx, store, *council, *cutover)
	if err != nil {
		return err
	}
	return m.writeOut(*out, func(w io.Writer) error { return writeJSON(w, plan) })
}

// writeOut writes to the file named (created or truncated) or to Stdout.
func (m *Main) writeOut(name string, write func(io.Writer) error) error {
	if name == "" {
		bw := bufio.NewWriter(m.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
