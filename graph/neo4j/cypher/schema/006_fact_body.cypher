CREATE INDEX fact_body IF NOT EXISTS FOR (f:Fact) ON (f.bodyId)
