-- A ruleset or a masked dataset made for a Kubernetes resource names it (namespace/name): the operator finds it again
-- after a restart instead of making a second one, and the REST API leaves its deletion to the resource.
alter table ruleset add column managed_by varchar(320);
create unique index ruleset_managed_by on ruleset (managed_by);
alter table masked_dataset add column managed_by varchar(320);
create unique index masked_dataset_managed_by on masked_dataset (managed_by);
