-- Kubernetes environments: commands are executed in a container of a pod.
alter table environment add column namespace text;
alter table environment add column pod text;
alter table environment add column container text;
