UNWIND $rows AS row
MATCH (a:Fact {id: row.start})
MATCH (b:Fact {id: row.end})
CREATE (a)-[:HOLDS {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)
