MATCH (a:Document)-[r]-(b:Fact)
WHERE a.id IN $ids AND r.rel = $rel AND r.from = a.id AND b.json IS NOT NULL
RETURN a.id AS from, b.id AS to, b.sortKey AS sortKey
