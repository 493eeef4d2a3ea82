package resolvers

import (
	"testing"
	"time"
)

// nestedQuery walks clusters → bodies → members → person → memberships →
// body, the shape that would make one store call per object without
// batching.
const nestedQuery = `query($filter: ClusterFilter) {
  clusters(filter: $filter) {
    nodes {
      name
      bodies {
        name
        members {
          role
          person {
            name
            memberships { role body { name } }
          }
        }
      }
    }
  }
}`

// TestStoreCallsGrowWithDepthNotSize runs the nested query on one cluster
// and on all clusters and counts the calls that reach the store. The
// dataloaders make one batched Get or Related call per level of the query,
// so the counts are the same; a per-object fetch would make hundreds more
// calls for all clusters. Batches are collected in a time window
// (Config.LoaderWait); the test widens it so that a slow, busy test machine
// cannot split a level into two batches.
func TestStoreCallsGrowWithDepthNotSize(t *testing.T) {
	run := func(filter map[string]any) (calls int64, ops map[string]int64, members int) {
		cs := &countingStore{Store: sample(t)}
		h := newTestHandler(t, cs, Config{LoaderWait: 50 * time.Millisecond})
		var out struct {
			Clusters struct {
				Nodes []struct {
					Bodies []struct {
						Members []struct {
							Person struct {
								Memberships []struct{ Role string }
							}
						}
					}
				}
			}
		}
		query(t, h, nestedQuery, map[string]any{"filter": filter}, &out)
		for _, c := range out.Clusters.Nodes {
			for _, b := range c.Bodies {
				members += len(b.Members)
			}
		}
		return cs.calls.Load(), cs.ops(), members
	}
	oneCalls, oneOps, oneMembers := run(map[string]any{"nameContains": "Lillebælt"})
	allCalls, allOps, allMembers := run(nil)
	t.Logf("one cluster: %d calls %v, %d members", oneCalls, oneOps, oneMembers)
	t.Logf("all clusters: %d calls %v, %d members", allCalls, allOps, allMembers)
	if oneMembers == 0 || allMembers <= oneMembers {
		t.Fatalf("the query should find members in one cluster (%d) and more in all (%d)", oneMembers, allMembers)
	}
	// One List, then per level one Related and/or one Get.
	if allCalls > 12 {
		t.Errorf("all clusters took %d store calls; want at most 12 for a query six levels deep", allCalls)
	}
	if oneCalls != allCalls {
		t.Errorf("store calls: %d for one cluster, %d for all clusters; want equal", oneCalls, allCalls)
	}
}
