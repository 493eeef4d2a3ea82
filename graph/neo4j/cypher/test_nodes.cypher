MATCH (n)
WHERE n:Fact OR n:Document
RETURN n.id AS id
