UNWIND $rows AS row
MATCH (a:Fact {id: row.start})
MATCH (b:Fact {id: row.end})
CREATE (a)-[:IN_CLUSTER {owner: row.owner, rel: row.rel, from: row.from, to: row.to}]->(b)
