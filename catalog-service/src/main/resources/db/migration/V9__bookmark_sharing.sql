-- The users a bookmark is shared with by name (a JSON list); `shared` still means everyone.
alter table bookmark add column shared_with text not null default '[]';
