-- A data pod made for a Kubernetes DataPod resource names it (namespace/name): the operator finds it again after a
-- restart instead of making a second one, and the REST API leaves its deletion to the resource.
alter table data_pod add column managed_by varchar(320);
create unique index data_pod_managed_by on data_pod (managed_by) where status <> 'DELETED';
