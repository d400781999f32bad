-- Working clones are the provisioning service's working virtual databases: a masked dataset keeps the one of its
-- newest masked snapshot (stopped), so that the pool keeps the dataset's snapshots. kept_volume stays for the clones
-- kept before this change; each is given back at the dataset's next masking or deletion.
alter table masked_dataset add column kept_vdb varchar(64);

-- Maskings and profilings of a source that ran on a clone of this service's own when it was upgraded cannot go on
-- with working virtual databases: they fail (the service fails their jobs as it starts, finding no operation left).
-- A clone they made is not given back, nor an engine they started stopped: stop the service's jobs before upgrading.
update masked_snapshot set status = 'FAILED', finished_at = now(),
    error = 'The masking service was upgraded while it masked this snapshot; mask it again (refresh).'
where status = 'RUNNING';
update profiling_run set status = 'FAILED', finished_at = now(),
    error = 'The masking service was upgraded while it profiled this snapshot; profile it again.'
where status = 'RUNNING' and source_snapshot is not null;
delete from operation_step where kind in ('masking.snapshot', 'masking.profile-snapshot');
