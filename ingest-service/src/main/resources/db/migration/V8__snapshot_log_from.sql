-- The first file of the source's kept log a clone of each snapshot replays from, and where that log is: the files
-- before the oldest remaining snapshot's serve nothing and are removed, and the window of moments starts at that
-- snapshot. Null for snapshots taken before this, and without log sync.
alter table source_snapshot add column log_from text;
alter table source_snapshot add column log_archive text;
