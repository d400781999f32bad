-- Who owns a user's virtual database: the user who provisioned it. Null for working ones and for those made before
-- users existed; only admins see those.
alter table vdb add column owner varchar(64);
create index vdb_owner on vdb (owner);

-- Sources the ingest service marked sensitive: only admins provision from them (or from VDBs of them); everyone else
-- provisions from their masked datasets.
create table source_view (
    id         varchar(255) primary key,
    name       varchar(255) not null,
    sensitive  boolean      not null default false,
    updated_at timestamptz  not null
);
