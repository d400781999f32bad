-- A virtual database's life: each provision, refresh and rewind starts one, and its own WAL is kept per life.
alter table vdb add column life integer not null default 0;
alter table vdb add column life_started_at timestamptz;
