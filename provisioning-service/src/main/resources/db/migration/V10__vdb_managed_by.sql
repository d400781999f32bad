-- A virtual database made for a Kubernetes VirtualDatabase resource names it (namespace/name): the operator finds it
-- again after a restart instead of making a second one, and the REST API leaves its deletion to the resource.
alter table vdb add column managed_by varchar(320);
create unique index vdb_managed_by on vdb (managed_by) where status <> 'DELETED';
