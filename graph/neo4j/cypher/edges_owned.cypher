MATCH (f:Fact)-[r]-()
WHERE f.id IN $ids AND r.owner = f.id
RETURN r.owner AS owner, r.rel AS rel, r.from AS from, r.to AS to
