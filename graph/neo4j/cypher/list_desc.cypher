MATCH (f:Fact)
WHERE f.kind = $kind AND f.json IS NOT NULL
  AND ($origin IS NULL OR $origin IN f.origins)
  AND ($name IS NULL OR f.names CONTAINS $name)
  AND ($subtype IS NULL OR f.subtype = $subtype)
  AND ($regionId IS NULL OR f.regionId = $regionId)
  AND ($regionClusterIds IS NULL OR (f.clusterId IS NOT NULL AND f.clusterId IN $regionClusterIds))
  AND ($clusterId IS NULL OR $clusterId IN f.clusterIds)
  AND ($bodyId IS NULL OR f.bodyId = $bodyId)
  AND ($level IS NULL OR f.level = $level)
  AND ($dateFrom IS NULL OR (f.date IS NOT NULL AND f.date >= $dateFrom))
  AND ($dateTo IS NULL OR (f.date IS NOT NULL AND f.date <= $dateTo))
  AND ($ownerId IS NULL OR f.ownerId = $ownerId)
  AND ($amountMin IS NULL OR (f.amountDkk IS NOT NULL AND f.amountDkk >= $amountMin))
  AND ($amountMax IS NULL OR (f.amountDkk IS NOT NULL AND f.amountDkk <= $amountMax))
  AND ($runningOn IS NULL OR ((f.periodStart IS NULL OR f.periodStart <= $runningOn)
       AND (f.periodEnd IS NULL OR f.periodEnd >= $runningOn)))
  AND ($before IS NULL OR f.sortKey < $before)
RETURN f.id AS id, f.sortKey AS sortKey, f.json AS json
ORDER BY f.sortKey DESC
LIMIT $limit
