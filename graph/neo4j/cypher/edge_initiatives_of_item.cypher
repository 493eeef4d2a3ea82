UNWIND $rows AS row
MATCH (a:Fact {id: row.start})
MATCH (b:Fact {id: row.end})
CREATE (a)-[:CONCERNS {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)
