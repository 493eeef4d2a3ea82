package loader

import (
	"testing"

	"github.com/sundhedsgraf/sundhedsgraf/graph"
)

func TestIDs(t *testing.T) {
	tests := []struct {
		got, want string
		kind      graph.Kind
	}{
		{documentID("/x/y/2023-01-16_a.txt"), "document:2023-01-16_a.txt", graph.KindDocument},
		{regionID("1083"), "region:1083", graph.KindRegion},
		{municipalityID("575"), "municipality:575", graph.KindMunicipality},
		{clusterID("SD-LILLEBAELT"), "cluster:SD-LILLEBAELT", graph.KindCluster},
		{councilID("SR-FYN"), "council:SR-FYN", graph.KindHealthCouncil},
		{levelBodyID("SD-LILLEBAELT", graph.LevelPolitical), "body:cluster:SD-LILLEBAELT:political", graph.KindBody},
		{levelBodyID("SD-LILLEBAELT", graph.LevelProfessionalStrategic), "body:cluster:SD-LILLEBAELT:professional_strategic", graph.KindBody},
		{councilBodyID("SR-FYN"), "body:council:SR-FYN", graph.KindBody},
		{subBodyID("cluster:N-SYD", "Driftsgruppen"), "body:cluster:N-SYD:driftsgruppen", graph.KindBody},
		{meetingID("body:cluster:N-SYD:political", "2024-10-22", "document:x"), "meeting:cluster:N-SYD:political:2024-10-22", graph.KindMeeting},
		{itemID("meeting:cluster:N-SYD:political:2024-10-22", 3), "item:cluster:N-SYD:political:2024-10-22:3", graph.KindAgendaItem},
		{personIDFor(slug("Jette Damsø Henriksen")), "person:jette-damsoe-henriksen", graph.KindPerson},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
		if k := graph.KindOf(tt.got); k != tt.kind {
			t.Errorf("KindOf(%q) = %q, want %q", tt.got, k, tt.kind)
		}
	}
}

func TestHashedIDsAreStableAndDistinct(t *testing.T) {
	a := membershipID("person:a", "body:b", graph.RoleMember, "org:c")
	if a != membershipID("person:a", "body:b", graph.RoleMember, "org:c") {
		t.Error("membership ID not stable")
	}
	for _, other := range []string{
		membershipID("person:a", "body:b", graph.RoleChair, "org:c"),
		membershipID("person:a", "body:b", graph.RoleMember, ""),
		membershipID("person:a", "body:x", graph.RoleMember, "org:c"),
	} {
		if other == a {
			t.Errorf("different seats share ID %s", a)
		}
	}
	if graph.KindOf(a) != graph.KindMembership || graph.KindOf(attendanceID("m", "p")) != graph.KindAttendance ||
		graph.KindOf(initiativeID("c", "x")) != graph.KindInitiative || graph.KindOf(linkID("t", "a")) != graph.KindLink {
		t.Error("hashed IDs lack their kind prefix")
	}
	// Initiatives are identified by folded name within a cluster.
	if initiativeID("cluster:A", "Kom Trygt Hjem") != initiativeID("cluster:A", "kom trygt  hjem") {
		t.Error("initiative ID depends on case or spacing")
	}
	if initiativeID("cluster:A", "X") == initiativeID("cluster:B", "X") {
		t.Error("initiatives of two clusters share an ID")
	}
	// An undated meeting is told apart by its document.
	if meetingID("body:b", "", "document:1") == meetingID("body:b", "", "document:2") {
		t.Error("undated meetings of two documents share an ID")
	}
}
