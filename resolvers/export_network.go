package resolvers

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
	"github.com/sundhedsgraf/sundhedsgraf/graph/network"
)

// The network exports for analysts, beside the fact exports:
//
//	GET /export/network.gexf        GEXF 1.3 (opens in Gephi), nodes with their measures
//	GET /export/network.csv         the edge list: source,target,weight,via
//	GET /export/network-nodes.csv   the nodes with their measures
//
// Query parameters choose the network as the GraphQL field network does:
// kind (co_membership, co_attendance, org_co_sitting, person_body; the
// GraphQL spelling CO_MEMBERSHIP works too; default co_membership), from
// and to (YYYY-MM-DD), region and cluster (IDs).

type networkExport struct {
	contentType string
	write       func(io.Writer, *network.Network) error
}

var networkExports = map[string]networkExport{
	"network.gexf":      {"application/gexf+xml; charset=utf-8", network.WriteGEXF},
	"network.csv":       {"text/csv; charset=utf-8", network.WriteCSV},
	"network-nodes.csv": {"text/csv; charset=utf-8", network.WriteNodesCSV},
}

// NetworkParams reads a network's parameters from URL query values (kind,
// from, to, region, cluster); the command line uses the same names.
func NetworkParams(kind, from, to, region, cluster string) network.Params {
	k := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(kind), "-", "_"))
	if k == "" {
		k = string(network.CoMembership)
	}
	return network.Params{Kind: network.Kind(k), From: from, To: to, RegionID: region, ClusterID: cluster}
}

func (r *Resolver) exportNetwork(w http.ResponseWriter, req *http.Request, ex networkExport) {
	q := req.URL.Query()
	p := NetworkParams(q.Get("kind"), q.Get("from"), q.Get("to"), q.Get("region"), q.Get("cluster"))
	n, err := r.buildNetwork(req.Context(), p)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	// Networks are small next to the facts; write to memory first, so a
	// failure is still an error response and not a cut download.
	var buf bytes.Buffer
	if err := ex.write(&buf, n); err != nil {
		writeError(w, graph.Wrap(graph.ErrInternal, "writing the network failed", err), 0)
		return
	}
	w.Header().Set("Content-Type", ex.contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", req.PathValue("file")))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(buf.Bytes()); err != nil {
		r.logger.WarnContext(req.Context(), "network export write failed", "err", err)
	}
}
