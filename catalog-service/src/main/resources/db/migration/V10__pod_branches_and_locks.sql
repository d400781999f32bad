-- Data pod branches: lines of a pod's history. The active one is where the pod's VDBs stand; an inactive one keeps
-- the state it had when it was left (or the bookmark it was made from), as {dataset: VDB id, snapshot} points.
create table pod_branch (
    id            varchar(200) primary key,
    pod_id        varchar(64)  not null,
    name          varchar(64)  not null,
    point         text,
    from_bookmark varchar(64),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    unique (pod_id, name)
);

alter table data_pod add column active_branch varchar(64) not null default 'main';
-- The branch that was active before the last refresh, restore, reset, undo or activation: where an undo goes back.
alter table data_pod add column undo_branch varchar(64);
-- The user who locked the pod: nobody else changes it until they unlock it.
alter table data_pod add column locked_by varchar(64);
