-- The one durable model of every service's long operations: the step each running operation is at, the request it
-- waits on and the data its steps gathered (see io.strata.common.operations). One row per running operation.

create table operation_step (
    job_id      uuid primary key references job (id),
    request_id  varchar(160) not null unique,
    kind        varchar(128) not null,
    resource    varchar(255) not null,
    step        varchar(32)  not null,
    data        text         not null,
    failure     text,
    canceled    boolean      not null default false,
    entered_at  timestamptz  not null,
    deadline    timestamptz
);

create index operation_step_resource on operation_step (resource);
create index operation_step_deadline on operation_step (deadline) where failure is null;
