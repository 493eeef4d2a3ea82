MATCH (n)
WHERE (n:Fact OR n:Document) AND n.id IN $ids AND n.json IS NOT NULL
RETURN n.id AS id, n.json AS json
