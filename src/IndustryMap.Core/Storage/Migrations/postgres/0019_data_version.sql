-- Issue 17: the version of the published data. Every committed write transaction advances it (Database.InTransactionAsync,
-- an upsert of the single row id = 1), so every app instance on the store can tell whether what it built for a version
-- is still current. The table starts empty (version 0) so that a backup can be restored into a freshly migrated store.
CREATE TABLE data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
