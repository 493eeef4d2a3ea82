MATCH (d:Document)
WHERE d.id = $id
RETURN d.sha256 AS sha256
