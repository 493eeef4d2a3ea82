MATCH (f:Fact)-[:SOURCED_IN]->(d:Document)
WHERE d.id IN $ids AND f.json IS NOT NULL
RETURN d.id AS from, f.id AS to, f.kind AS kind, f.sortKey AS sortKey
