MATCH (:Fact)-[c:SOURCED_IN]->(d:Document)
WHERE d.id = $id
DELETE c
