-- Tables every Strata service has in its own database: the transactional outbox, the processed-event table of its
-- idempotent consumer, and its jobs. Service-specific migrations start at V1; shared ones stay below V1.

create table outbox_event (
    seq          bigserial primary key,
    event_id     uuid         not null unique,
    topic        varchar(255) not null,
    record_key   varchar(255) not null,
    event_type   varchar(255) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz,
    attempts     integer      not null default 0,
    last_error   text
);

-- The relay reads only unpublished rows, in order.
create index outbox_event_pending on outbox_event (seq) where published_at is null;

create table processed_event (
    event_id      uuid primary key,
    event_type    varchar(255) not null,
    source        varchar(64)  not null,
    outcome       varchar(32)  not null,
    error         text,
    topic         varchar(255),
    partition_no  integer,
    record_offset bigint,
    processed_at  timestamptz  not null default now()
);

create index processed_event_age on processed_event (processed_at);

create table job (
    id               uuid primary key,
    kind             varchar(128) not null,
    resource         varchar(255),
    state            varchar(16)  not null,
    percent          integer      not null default 0,
    step             text,
    error            text,
    correlation_id   varchar(128),
    requested_by     varchar(128),
    cancel_requested boolean      not null default false,
    sequence         bigint       not null default 0,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    ended_at         timestamptz
);

create index job_state on job (state);
create index job_resource on job (resource);
create index job_created on job (created_at desc);
