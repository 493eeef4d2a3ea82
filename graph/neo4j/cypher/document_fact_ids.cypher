MATCH (f:Fact)-[:SOURCED_IN]->(d:Document)
WHERE d.id = $id
RETURN f.id AS id
