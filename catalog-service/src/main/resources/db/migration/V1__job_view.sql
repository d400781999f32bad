-- The catalog's joined view of every service's jobs, built from their JobProgressed events, and each job's history.

create table job_view (
    id               uuid primary key,
    service          varchar(64)  not null,
    kind             varchar(128) not null,
    resource         varchar(255),
    state            varchar(16)  not null,
    percent          integer      not null,
    step             text,
    error            text,
    cancel_requested boolean      not null default false,
    sequence         bigint       not null,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    ended_at         timestamptz,
    updated_at       timestamptz  not null
);

create index job_view_state on job_view (state);
create index job_view_resource on job_view (resource);
create index job_view_created on job_view (created_at desc);

-- One row per change as it arrived (no uniqueness on purpose: the processed-event table is what keeps a redelivered
-- event from being applied twice, and the integration tests check exactly that).
create table job_change (
    id          bigserial primary key,
    job_id      uuid        not null,
    sequence    bigint      not null,
    state       varchar(16) not null,
    percent     integer     not null,
    step        text,
    error       text,
    event_id    uuid        not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now()
);

create index job_change_job on job_change (job_id, sequence);
