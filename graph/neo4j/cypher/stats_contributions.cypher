MATCH (:Fact)-[c:SOURCED_IN]->(:Document)
RETURN count(c) AS n
