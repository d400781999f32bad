-- The moment each snapshot's data corresponds to, for the point-in-time window.
alter table source_snapshot add column position_time timestamptz;
