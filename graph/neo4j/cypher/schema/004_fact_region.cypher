CREATE INDEX fact_region IF NOT EXISTS FOR (f:Fact) ON (f.regionId)
