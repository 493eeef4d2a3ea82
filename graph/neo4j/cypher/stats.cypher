MATCH (n)
WHERE (n:Fact OR n:Document) AND n.json IS NOT NULL
RETURN n.id AS id, n.contributions AS contributions
