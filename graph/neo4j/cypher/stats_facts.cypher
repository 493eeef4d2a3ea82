MATCH (f:Fact)
WHERE f.kind IS NOT NULL AND f.json IS NOT NULL
RETURN f.kind AS kind, count(f) AS n
