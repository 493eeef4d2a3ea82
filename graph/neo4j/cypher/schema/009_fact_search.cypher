CREATE FULLTEXT INDEX fact_search IF NOT EXISTS
FOR (n:Person|Organisation|Body|AgendaItem|Initiative|Cluster|Municipality|HealthCouncil)
ON EACH [n.name, n.searchText]
