-- What the provisioning service knows of other services' resources (read models built from their events), and its
-- own virtual databases.

create table environment_view (
    id          varchar(63)  primary key,
    name        varchar(255) not null,
    ref         text         not null,
    updated_at  timestamptz  not null
);

create table snapshot_view (
    id            varchar(63)  primary key,
    dataset       varchar(255) not null,
    volume        varchar(63)  not null,
    position      varchar(64),
    position_time timestamptz,
    metadata      text,
    created_at    timestamptz  not null,
    deleted       boolean      not null default false
);

create index snapshot_view_dataset on snapshot_view (dataset, position_time);

create table dataset_window (
    dataset      varchar(255) primary key,
    window_from  timestamptz  not null,
    window_to    timestamptz  not null,
    archive      text,
    environment  varchar(255)
);

create table vdb (
    id              varchar(63)  primary key,
    name            varchar(255) not null,
    engine          varchar(64)  not null,
    status          varchar(16)  not null,
    parent          varchar(255) not null,
    snapshot_id     varchar(63)  not null,
    recovery_time   timestamptz,
    environment_id  varchar(63)  not null,
    volume_id       varchar(63),
    path            text,
    work_path       text         not null,
    port            integer      not null,
    database_name   varchar(255),
    database_user   varchar(255),
    parameters      text         not null,
    hooks           text,
    secret_ref      varchar(128) not null,
    error           text,
    -- Whether its clone, port and processes have been given back (a failed provision, a delete).
    released        boolean      not null default false,
    created_at      timestamptz  not null
);

create unique index vdb_name on vdb (name) where status <> 'DELETED';
create unique index vdb_port on vdb (environment_id, port) where not released;

create table vdb_step (
    request_id     varchar(128) primary key,
    vdb_id         varchar(63)  not null references vdb (id),
    job_id         uuid         not null,
    operation      varchar(16)  not null,
    step           varchar(16)  not null,
    snapshot_id    varchar(63),
    volume_id      varchar(63),
    path           text,
    recovery_time  timestamptz,
    created_at     timestamptz  not null
);
