-- A sensitive source: only admins provision from it; everyone else from its masked datasets.
alter table source add column sensitive boolean not null default false;
