-- The ingest service: environments, what discovery found on them, and sources with their staging copies.

create table environment (
    id          varchar(63)  primary key,
    name        varchar(255) not null unique,
    kind        varchar(16)  not null,
    host        varchar(255),
    port        integer      not null default 22,
    os_user     varchar(64),
    host_key    text,
    credential  varchar(16),
    secret_ref  varchar(128),
    created_at  timestamptz  not null
);

create table repository (
    id             varchar(63)  primary key,
    environment_id varchar(63)  not null references environment (id) on delete cascade,
    engine         varchar(64)  not null,
    name           varchar(255) not null,
    version        varchar(64),
    bin_dir        text,
    properties     text,
    discovered_at  timestamptz  not null
);

create table source_config (
    id             varchar(63)  primary key,
    environment_id varchar(63)  not null references environment (id) on delete cascade,
    repository_id  varchar(63)  not null references repository (id) on delete cascade,
    name           varchar(255) not null,
    properties     text,
    discovered_at  timestamptz  not null
);

create table source (
    id                      varchar(63)  primary key,
    name                    varchar(255) not null unique,
    engine                  varchar(64)  not null,
    environment_id          varchar(63)  not null references environment (id),
    staging_environment_id  varchar(63)  not null references environment (id),
    repository_id           varchar(63),
    parameters              text         not null,
    secret_ref              varchar(128),
    state                   varchar(16)  not null,
    volume_id               varchar(63),
    staging_path            text,
    staging_port            integer unique,
    work_path               text,
    sync_cron               varchar(128),
    log_sync                boolean      not null default false,
    last_sync_at            timestamptz,
    last_snapshot_id        varchar(63),
    last_position           varchar(64),
    size_bytes              bigint,
    snapshot_count          integer      not null default 0,
    error                   text,
    created_at              timestamptz  not null
);

-- A step a source waits for: an answer from another service, or its own worker.
create table pending_step (
    request_id   varchar(128) primary key,
    source_id    varchar(63)  not null references source (id),
    job_id       uuid         not null,
    operation    varchar(16)  not null,
    step         varchar(16)  not null,
    volume_id    varchar(63),
    path         text,
    old_volume_id varchar(63),
    old_path     text,
    snapshot_id  varchar(63),
    created_at   timestamptz  not null
);

create index pending_step_job on pending_step (job_id);

-- The snapshots each source's syncs made, so that deleting the source can ask for them to go.
create table source_snapshot (
    source_id    varchar(63) not null,
    snapshot_id  varchar(63) not null,
    position     varchar(64),
    taken_at     timestamptz not null,
    primary key (source_id, snapshot_id)
);
