CREATE INDEX fact_kind_sort IF NOT EXISTS FOR (f:Fact) ON (f.kind, f.sortKey)
