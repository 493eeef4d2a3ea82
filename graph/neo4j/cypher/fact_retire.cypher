MATCH (f:Fact)
WHERE f.id IN $ids
SET f:Stub, f.kind = null, f.json = null, f.sortKey = null, f.searchText = null,
    f.name = null, f.names = null, f.origins = null, f.subtype = null,
    f.regionId = null, f.clusterId = null, f.clusterIds = null, f.bodyId = null,
    f.level = null, f.date = null, f.ownerId = null, f.amountDkk = null,
    f.periodStart = null, f.periodEnd = null, f.contributions = null
REMOVE f:Region:Municipality:Cluster:HealthCouncil:Organisation:Person:Body:Meeting:AgendaItem:Initiative:Membership:Attendance:Link
