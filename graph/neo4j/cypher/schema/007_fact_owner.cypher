CREATE INDEX fact_owner IF NOT EXISTS FOR (f:Fact) ON (f.ownerId)
