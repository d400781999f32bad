-- Templates: fixed, named sets of datasets (sources or masked datasets) provisioned together, from one consistent
-- point, into data pods.
create table template (
    id         varchar(64)  primary key,
    name       varchar(128) not null unique,
    datasets   text         not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
