-- An environment or a source made for a Kubernetes resource names it (namespace/name): the operator finds it again
-- after a restart instead of making a second one, and the REST API leaves its deletion to the resource.
alter table environment add column managed_by varchar(320);
create unique index environment_managed_by on environment (managed_by);
alter table source add column managed_by varchar(320);
create unique index source_managed_by on source (managed_by);
