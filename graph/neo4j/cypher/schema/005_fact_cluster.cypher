CREATE INDEX fact_cluster IF NOT EXISTS FOR (f:Fact) ON (f.clusterId)
