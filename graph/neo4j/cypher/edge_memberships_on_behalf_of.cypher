UNWIND $rows AS row
MATCH (a:Fact {id: row.start})
MATCH (b:Fact {id: row.end})
CREATE (a)-[:ON_BEHALF_OF {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)
