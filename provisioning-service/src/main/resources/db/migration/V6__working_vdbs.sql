-- Working virtual databases: private ones that another service (masking) asks for itself, answered by events rather
-- than seen by users. A null purpose is a user's virtual database.
alter table vdb add column purpose varchar(64);
-- The dataset a working virtual database's clones belong to (a masked dataset), when it is not its own.
alter table vdb add column volume_dataset varchar(255);
-- The owner's request that the operation running on a working virtual database answers when it ends.
alter table vdb add column reply_to varchar(255);
-- Its owner asked for it to be deleted while an operation ran on it: deleted when that operation ends.
alter table vdb add column discard boolean not null default false;
