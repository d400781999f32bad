-- One profiling of one dataset: what was sampled, and the inventory of what was found.
create table profiling_run (
    job_id uuid primary key,
    -- The dataset as the request named it (an id or a name); vdb_id is the virtual database read, or
    -- source_snapshot the source snapshot read through a temporary clone.
    dataset varchar(128) not null,
    vdb_id varchar(64),
    source_snapshot varchar(64),
    sample_rows integer not null,
    status varchar(16) not null,
    inventory text,
    error text,
    created_at timestamptz not null,
    finished_at timestamptz
);
create index profiling_run_vdb on profiling_run (vdb_id);

-- The dataset a virtual database was provisioned from (a source, or another virtual database), so that a request
-- naming a source can say which virtual databases to profile instead.
alter table vdb_view add column parent varchar(64);
