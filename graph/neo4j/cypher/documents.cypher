MATCH (d:Document)
RETURN d.json AS json
