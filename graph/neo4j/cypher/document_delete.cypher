MATCH (d:Document)
WHERE d.id = $id
DETACH DELETE d
