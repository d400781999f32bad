-- Since when every virtual database of a pod keeps its own log on the pod's current data: the pod can be restored
-- to any moment from then on (each move starts the logs again). Null for pods from before it was kept.
alter table data_pod add column timeline_from timestamptz;

-- When a pod deletes itself (null: kept until deleted), and whether it is protected: neither deleted by its expiry
-- nor by a request, until it is unprotected.
alter table data_pod add column expires_at timestamptz;
alter table data_pod add column protected boolean not null default false;
