MATCH (f:Fact)
WHERE f.id IN $ids AND f.json IS NOT NULL
RETURN f.id AS id, f.json AS json
