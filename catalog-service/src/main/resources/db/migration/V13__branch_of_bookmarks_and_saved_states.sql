-- The branch of its pod that was active when a pod's bookmark was made: the console draws it on that branch's line.
-- Null for a bookmark not made from a pod, and for those made before it was recorded.
alter table bookmark add column branch varchar(64);
-- The snapshots a pod took while on a branch (a JSON list): each state saved before a refresh, restore, reset, undo
-- or activation (one snapshot per virtual database) and each mark of a restore to a moment. Empty for those taken
-- before it was recorded.
alter table pod_branch add column snapshots text not null default '[]';
