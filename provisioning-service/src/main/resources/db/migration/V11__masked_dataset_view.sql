-- Masked datasets the masking service made, by name: a request (or a VirtualDatabase resource) may name one, as it
-- may name a source.
create table masked_dataset_view (
    id         varchar(255) primary key,
    name       varchar(255) not null,
    updated_at timestamptz  not null
);
create index masked_dataset_view_name on masked_dataset_view (name);
