MATCH (f:Fact)-[c:SOURCED_IN]->(d:Document)
WHERE f.id IN $ids
RETURN f.id AS id, c.json AS json, d.json AS document
