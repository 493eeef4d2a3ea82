UNWIND $rows AS row
MATCH (f:Fact {id: row.owner})-[r]-()
WHERE r.owner = row.owner AND r.rel = row.rel AND r.from = row.from AND r.to = row.to
DELETE r
