MATCH (s:Stub)
WHERE NOT EXISTS { (s)--() }
DELETE s
