-- A source whose staging copy runs in a Kubernetes pod: the pod's namespace, and how the pod runs (image, commands,
-- the engine's installation in the image) as the plugin described it when the source was linked.
alter table source add column staging_namespace varchar(63);
alter table source add column staging_pod text;
-- Such a source has no staging environment.
alter table source alter column staging_environment_id drop not null;
