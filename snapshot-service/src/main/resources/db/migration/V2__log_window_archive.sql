-- Where a dataset's kept WAL is, for point-in-time provisioning.
alter table dataset add column window_archive text;
alter table dataset add column window_environment varchar(255);
