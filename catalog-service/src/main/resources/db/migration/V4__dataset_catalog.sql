-- The catalog of datasets: every source, masked dataset and virtual database the services announced, with its
-- lineage (the dataset and snapshot it came from, the ruleset that masked it), size and status. Rows of deleted
-- datasets stay (status DELETED) so that the lineage of what was made from them still names them.
create table dataset_entry (
    id              varchar(64)  primary key,
    kind            varchar(16)  not null,
    name            varchar(128) not null,
    engine          varchar(32),
    status          varchar(16)  not null,
    environment     varchar(64),
    parent_dataset  varchar(64),
    parent_snapshot varchar(64),
    ruleset         varchar(96),
    key_ids         text,
    last_snapshot   varchar(64),
    last_snapshot_at timestamptz,
    size_bytes      bigint,
    error           text,
    owner           varchar(128),
    created_at      timestamptz,
    updated_at      timestamptz  not null
);
create index dataset_entry_parent on dataset_entry (parent_dataset);
create index dataset_entry_kind on dataset_entry (kind, status);
