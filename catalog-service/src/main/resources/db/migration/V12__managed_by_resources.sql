-- A data pod or a bookmark made for a Kubernetes resource names it (namespace/name): the operator finds it again
-- after a restart instead of making a second one, and the REST API leaves its deletion to the resource.
alter table data_pod add column managed_by varchar(320);
create unique index data_pod_managed_by on data_pod (managed_by) where status <> 'DELETED';
alter table bookmark add column managed_by varchar(320);
create unique index bookmark_managed_by on bookmark (managed_by);
