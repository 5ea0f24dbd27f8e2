-- Writes through the record API decide ownership by master_id (every version of a record
-- belongs to the same organisation) and remove a dataset together with its files and
-- aggregations, so both columns are looked up by value. Portable SQL only.

CREATE INDEX catalog_records_master ON catalog_records (master_id);
CREATE INDEX catalog_records_dataset ON catalog_records (dataset_id, stage);
