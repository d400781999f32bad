-- The data pod a user's virtual database belongs to: the catalog service made it for the pod and alone changes it
-- (its owner reads it and its credentials as usual). Null for every other virtual database.
alter table vdb add column pod varchar(64);
create index vdb_pod on vdb (pod);
