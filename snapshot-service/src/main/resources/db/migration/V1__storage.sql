-- The snapshot service's record of the pool: datasets, volumes, snapshots, holds and NFS exports.

create table dataset (
    id              varchar(255) primary key,
    keep_last       integer,
    keep_days       integer,
    window_from     timestamptz,
    window_to       timestamptz,
    created_at      timestamptz not null
);

create table volume (
    id               varchar(63) primary key,
    dataset          varchar(255) not null references dataset (id),
    state            varchar(16)  not null,
    origin_snapshot  varchar(63),
    -- A promoted clone no longer keeps its origin snapshot from being deleted.
    promoted         boolean      not null default false,
    path             text         not null,
    logical_size     bigint,
    unique_size      bigint,
    error            text,
    requested_by     varchar(128),
    created_at       timestamptz  not null,
    deleted_at       timestamptz
);

create index volume_dataset on volume (dataset);
create index volume_origin on volume (origin_snapshot);

create table snapshot (
    id             varchar(63) primary key,
    dataset        varchar(255) not null references dataset (id),
    volume         varchar(63)  not null,
    parent         varchar(63),
    state          varchar(16)  not null,
    position       varchar(255),
    position_time  timestamptz,
    metadata       text,
    logical_size   bigint,
    unique_size    bigint,
    created_at     timestamptz  not null,
    deleted_at     timestamptz
);

create index snapshot_dataset on snapshot (dataset, created_at);
create index snapshot_parent on snapshot (parent);

create table snapshot_hold (
    snapshot_id  varchar(63)  not null references snapshot (id),
    holder       varchar(255) not null,
    created_at   timestamptz  not null,
    primary key (snapshot_id, holder)
);

create sequence nfs_export_id start with 100;

create table nfs_export (
    volume_id   varchar(63) primary key references volume (id),
    export_id   integer      not null unique,
    path        text         not null,
    pseudo      text         not null,
    clients     text         not null,
    created_at  timestamptz  not null
);
