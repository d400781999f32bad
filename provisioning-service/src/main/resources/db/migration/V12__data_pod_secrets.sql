-- A virtual database of a data pod that a DataPod resource made: the namespace its credentials Secret is kept in.
alter table vdb add column credentials_namespace varchar(63);
