UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
SET f:Membership, f.kind = row.kind,
    f.json = row.json, f.sortKey = row.sortKey, f.searchText = row.searchText, f.name = row.name,
    f.names = row.names, f.origins = row.origins, f.subtype = row.subtype, f.regionId = row.regionId,
    f.clusterId = row.clusterId, f.clusterIds = row.clusterIds, f.bodyId = row.bodyId, f.level = row.level,
    f.date = row.date, f.ownerId = row.ownerId, f.amountDkk = row.amountDkk, f.periodStart = row.periodStart,
    f.periodEnd = row.periodEnd, f.contributions = row.contributions
REMOVE f:Stub
