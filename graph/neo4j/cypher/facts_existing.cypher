MATCH (f:Fact)
WHERE f.id IN $ids
RETURN f.id AS id
