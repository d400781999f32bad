-- Masked datasets: a source, a ruleset and what else to do (reset users, subset); each new snapshot of the source
-- becomes a masked snapshot of the dataset.
create table masked_dataset (
    id varchar(64) primary key,
    name varchar(128) not null unique,
    source varchar(64) not null,
    ruleset_id varchar(64) not null,
    reset_users boolean not null,
    -- Production roles that must not log in to any copy.
    disable_roles text not null default '[]',
    subset text,
    -- The working clone of the newest masked snapshot, kept: the pool keeps a dataset's snapshots only while the
    -- dataset has a live volume.
    kept_volume varchar(64),
    created_at timestamptz not null
);
create index masked_dataset_source on masked_dataset (source);

-- The masking of one source snapshot into one masked snapshot.
create table masked_snapshot (
    job_id uuid primary key,
    masked_dataset varchar(64) not null references masked_dataset (id),
    source_snapshot varchar(64) not null,
    snapshot_id varchar(64),
    ruleset_version integer not null,
    rules text not null,
    public_text text not null,
    status varchar(16) not null,
    attempts integer not null default 0,
    report text,
    error text,
    created_at timestamptz not null,
    finished_at timestamptz
);
create index masked_snapshot_dataset on masked_snapshot (masked_dataset, source_snapshot);

-- The snapshots the snapshot service announced (their metadata says how to start a working clone of them).
create table snapshot_view (
    id varchar(64) primary key,
    dataset varchar(64) not null,
    position varchar(64),
    position_time timestamptz,
    metadata text,
    created_at timestamptz not null,
    deleted boolean not null default false
);
create index snapshot_view_dataset on snapshot_view (dataset, created_at);
