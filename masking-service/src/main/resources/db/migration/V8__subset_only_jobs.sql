-- A masking job may only subset a virtual database: it then has no ruleset.
alter table masking_run alter column ruleset_id drop not null;
