-- Sources' running operations move to the shared operation_step table (io.strata.common.operations): one row per
-- operation, its data as JSON. A row in flight during the upgrade carries on from where it stood.
insert into operation_step (job_id, request_id, kind, resource, step, data, entered_at)
select job_id, request_id, 'source.' || lower(operation), source_id, step,
       json_build_object('volumeId', volume_id, 'path', path, 'oldVolumeId', old_volume_id, 'oldPath', old_path,
                         'snapshotId', snapshot_id)::text,
       created_at
from pending_step;

drop table pending_step;
