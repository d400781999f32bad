-- Virtual databases' running operations move to the shared operation_step table (io.strata.common.operations): one
-- row per operation, its data as JSON. A row in flight during the upgrade carries on from where it stood; the worker
-- step that configures and starts the engine is now called CONFIGURE.
insert into operation_step (job_id, request_id, kind, resource, step, data, entered_at)
select job_id, request_id, 'vdb.' || lower(operation), vdb_id,
       case step when 'WORK' then 'CONFIGURE' else step end,
       json_build_object('snapshotId', snapshot_id, 'volumeId', volume_id, 'path', path,
                         'recoveryTime', recovery_time)::text,
       created_at
from vdb_step;

drop table vdb_step;
