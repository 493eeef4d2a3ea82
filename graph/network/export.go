package network

import (
	"encoding/csv"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// GEXF 1.3 (https://gexf.net/schema.html), as much of it as the export
// uses.

// GEXFNamespace is the XML namespace of GEXF 1.3.
const GEXFNamespace = "http://gexf.net/1.3"

// GEXF is the document WriteGEXF writes; tests and tools can parse an export
// back into it with encoding/xml.
type GEXF struct {
	XMLName        xml.Name  `xml:"http://gexf.net/1.3 gexf"`
	Version        string    `xml:"version,attr"`
	XSI            string    `xml:"xmlns:xsi,attr,omitempty"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr,omitempty"`
	Meta           GEXFMeta  `xml:"meta"`
	Graph          GEXFGraph `xml:"graph"`
}

// GEXFMeta describes the export.
type GEXFMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

// GEXFGraph is the graph element.
type GEXFGraph struct {
	Mode            string           `xml:"mode,attr"`
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Attributes      []GEXFAttributes `xml:"attributes"`
	Nodes           []GEXFNode       `xml:"nodes>node"`
	Edges           []GEXFEdge       `xml:"edges>edge"`
}

// GEXFAttributes declares the attributes of nodes or edges.
type GEXFAttributes struct {
	Class     string          `xml:"class,attr"`
	Attribute []GEXFAttribute `xml:"attribute"`
}

// GEXFAttribute declares one attribute.
type GEXFAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

// GEXFNode is a node with its attribute values.
type GEXFNode struct {
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	AttValues []GEXFAttValue `xml:"attvalues>attvalue"`
}

// GEXFEdge is an undirected weighted edge.
type GEXFEdge struct {
	ID        string         `xml:"id,attr"`
	Source    string         `xml:"source,attr"`
	Target    string         `xml:"target,attr"`
	Weight    float64        `xml:"weight,attr"`
	AttValues []GEXFAttValue `xml:"attvalues>attvalue"`
}

// GEXFAttValue is one attribute value.
type GEXFAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

var gexfNodeAttributes = []GEXFAttribute{
	{ID: "kind", Title: "kind", Type: "string"},
	{ID: "degree", Title: "degree", Type: "integer"},
	{ID: "weighted_degree", Title: "weighted degree", Type: "double"},
	{ID: "betweenness", Title: "betweenness", Type: "double"},
	{ID: "pagerank", Title: "PageRank", Type: "double"},
	{ID: "community", Title: "community", Type: "integer"},
	{ID: "clusters", Title: "clusters", Type: "string"},
	{ID: "regions", Title: "regions", Type: "string"},
}

var gexfEdgeAttributes = []GEXFAttribute{
	{ID: "via", Title: "via", Type: "string"},
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// ToGEXF converts a network to a GEXF document.
func ToGEXF(n *Network) *GEXF {
	doc := &GEXF{
		Version:        "1.3",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: GEXFNamespace + " http://gexf.net/1.3/gexf.xsd",
		Meta: GEXFMeta{
			Creator:     "sundhedsgraf",
			Description: describe(n.Params),
		},
		Graph: GEXFGraph{
			Mode:            "static",
			DefaultEdgeType: "undirected",
			Attributes: []GEXFAttributes{
				{Class: "node", Attribute: gexfNodeAttributes},
				{Class: "edge", Attribute: gexfEdgeAttributes},
			},
			Nodes: make([]GEXFNode, 0, len(n.Nodes)),
			Edges: make([]GEXFEdge, 0, len(n.Edges)),
		},
	}
	for _, nd := range n.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, GEXFNode{
			ID: nd.ID, Label: nd.Label,
			AttValues: []GEXFAttValue{
				{"kind", string(nd.Kind)},
				{"degree", strconv.Itoa(nd.Degree)},
				{"weighted_degree", ftoa(nd.WeightedDegree)},
				{"betweenness", ftoa(nd.Betweenness)},
				{"pagerank", ftoa(nd.PageRank)},
				{"community", strconv.Itoa(nd.Community)},
				{"clusters", strings.Join(nd.ClusterIDs, ";")},
				{"regions", strings.Join(nd.RegionIDs, ";")},
			},
		})
	}
	for i, e := range n.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, GEXFEdge{
			ID: strconv.Itoa(i), Source: e.From, Target: e.To, Weight: e.Weight,
			AttValues: []GEXFAttValue{{"via", strings.Join(e.Via, ";")}},
		})
	}
	return doc
}

func describe(p Params) string {
	parts := []string{"sundhedsgraf network " + string(p.Kind)}
	if p.From != "" || p.To != "" {
		parts = append(parts, "from "+p.From+" to "+p.To)
	}
	if p.RegionID != "" {
		parts = append(parts, "region "+p.RegionID)
	}
	if p.ClusterID != "" {
		parts = append(parts, "cluster "+p.ClusterID)
	}
	return strings.Join(parts, ", ")
}

// WriteGEXF writes the network as a GEXF 1.3 document (it opens in Gephi):
// node IDs are the fact IDs, node attributes carry the measures, edges
// carry their weight and, in the attribute "via", the connecting bodies or
// meetings separated by ";".
func WriteGEXF(w io.Writer, n *Network) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(ToGEXF(n)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteCSV writes the edge list as CSV with the header
// source,target,weight,via; via lists the connecting bodies or meetings
// separated by ";".
func WriteCSV(w io.Writer, n *Network) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"source", "target", "weight", "via"}); err != nil {
		return err
	}
	for _, e := range n.Edges {
		if err := cw.Write([]string{e.From, e.To, ftoa(e.Weight), strings.Join(e.Via, ";")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteNodesCSV writes the nodes with their measures as CSV with the header
// id,label,kind,degree,weighted_degree,betweenness,pagerank,community,clusters,regions.
func WriteNodesCSV(w io.Writer, n *Network) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "label", "kind", "degree", "weighted_degree", "betweenness", "pagerank", "community", "clusters", "regions"}); err != nil {
		return err
	}
	for _, nd := range n.Nodes {
		if err := cw.Write([]string{nd.ID, nd.Label, string(nd.Kind), strconv.Itoa(nd.Degree), ftoa(nd.WeightedDegree),
			ftoa(nd.Betweenness), ftoa(nd.PageRank), strconv.Itoa(nd.Community),
			strings.Join(nd.ClusterIDs, ";"), strings.Join(nd.RegionIDs, ";")}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
