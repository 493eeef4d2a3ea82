package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strconv"
	"strings"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

// IDs are content-derived: the same thing read twice, from the same or
// another document, gets the same ID. Entities with a natural key use it
// (municipality:575, cluster:SD-LILLEBAELT); named things use a slug of
// their folded name (person:bo-libergren); records without a name use a
// short hash of what identifies them (membership:, attendance:, link:).

// slug folds s (graph.Fold) and joins its words with hyphens: "Vejen
// Kommune" → "vejen-kommune".
func slug(s string) string {
	return strings.ReplaceAll(graph.Fold(s), " ", "-")
}

// shortHash hashes the parts (joined with a NUL byte) to 16 hex digits.
func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:8])
}

func documentID(fileName string) string { return "document:" + path.Base(fileName) }

func regionID(code string) string       { return "region:" + code }
func municipalityID(code string) string { return "municipality:" + code }
func clusterID(code string) string      { return "cluster:" + code }
func councilID(code string) string      { return "council:" + code }

// levelBodyID is the Body of one level of a cluster, e.g.
// body:cluster:SD-LILLEBAELT:political.
func levelBodyID(clusterCode, level string) string {
	return "body:cluster:" + clusterCode + ":" + level
}

// councilBodyID is the Body a health council's members sit in.
func councilBodyID(code string) string { return "body:council:" + code }

// subBodyID is a body named in the minutes, scoped by where it sits (a
// cluster, an organisation or a region) so that equally named bodies in
// different places stay apart: body:cluster:SD-SYDVESTJYLLAND:koordinationsforum.
func subBodyID(scope, name string) string {
	if scope == "" {
		return "body:" + slug(name)
	}
	return "body:" + scope + ":" + slug(name)
}

// meetingID is meeting:<body ID without "body:">:<date>. An undated meeting
// (a committee case's own meeting) is told apart by its document.
func meetingID(bodyID, date, docID string) string {
	b := strings.TrimPrefix(bodyID, "body:")
	if date == "" {
		return "meeting:" + b + ":undated-" + shortHash(docID)
	}
	return "meeting:" + b + ":" + date
}

func itemID(meetingID string, n int) string {
	return "item:" + strings.TrimPrefix(meetingID, "meeting:") + ":" + strconv.Itoa(n)
}

func membershipID(personID, bodyID, role, onBehalfOf string) string {
	return "membership:" + shortHash(personID, bodyID, role, onBehalfOf)
}

func attendanceID(meetingID, personID string) string {
	return "attendance:" + shortHash(meetingID, personID)
}

func initiativeID(clusterID, name string) string {
	return "initiative:" + shortHash(clusterID, graph.Fold(name))
}

// linkID derives a link's ID from its type and ends. Symmetric links
// (possible_same_as) should pass their ends sorted.
func linkID(typ string, parts ...string) string {
	return "link:" + shortHash(append([]string{typ}, parts...)...)
}

func personIDFor(slugName string) string { return "person:" + slugName }
