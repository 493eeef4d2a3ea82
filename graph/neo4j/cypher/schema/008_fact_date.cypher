CREATE INDEX fact_date IF NOT EXISTS FOR (f:Fact) ON (f.date)
