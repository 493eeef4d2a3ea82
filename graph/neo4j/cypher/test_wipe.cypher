MATCH (n)
WHERE n:Fact OR n:Document
DETACH DELETE n
