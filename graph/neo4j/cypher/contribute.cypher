UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
MATCH (d:Document {id: $documentId})
CREATE (f)-[:SOURCED_IN {json: row.json}]->(d)
