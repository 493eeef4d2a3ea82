MERGE (d:Document {id: $id})
SET d.json = $json, d.sha256 = $sha256, d.fileName = $fileName, d.kind = $kind,
    d.origin = $origin, d.date = $date, d.sortKey = $sortKey
