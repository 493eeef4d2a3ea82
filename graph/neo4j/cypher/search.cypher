MATCH (f:Fact)
WHERE f.kind IN $kinds AND f.searchText CONTAINS $word
RETURN f.id AS id, f.kind AS kind, f.json AS json
