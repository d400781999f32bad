-- Data pods: one virtual database per dataset of a template, changed together. Points are JSON lists of
-- {dataset: the VDB's id, snapshot}.
create table data_pod (
    id          varchar(64)  primary key,
    name        varchar(64)  not null,
    template_id varchar(64)  not null,
    owners      text         not null,
    status      varchar(16)  not null,
    members     text         not null,
    current     text,
    reset_point text,
    reset_label varchar(255),
    undo_point  text,
    undo_label  varchar(255),
    job_id      uuid,
    error       text,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index data_pod_live_name on data_pod (name) where status <> 'DELETED';

-- A bookmark of a data pod (one snapshot per virtual database) and whose it is.
alter table bookmark add column pod_id varchar(64);
alter table bookmark add column owner varchar(64);

-- Sources marked sensitive: their data goes to admins only.
alter table dataset_entry add column sensitive boolean not null default false;
