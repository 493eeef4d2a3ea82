UNWIND $rows AS row
MATCH (a:Document {id: row.start})
MATCH (b:Fact {id: row.end})
CREATE (a)-[:RECORDS {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)
