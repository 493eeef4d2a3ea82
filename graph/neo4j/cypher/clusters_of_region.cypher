MATCH (c:Fact)
WHERE c.kind = $kind AND c.regionId = $regionId
RETURN c.id AS id
