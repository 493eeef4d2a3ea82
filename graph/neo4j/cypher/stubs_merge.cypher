UNWIND $rows AS row
MERGE (f:Fact {id: row.id})
ON CREATE SET f:Stub
