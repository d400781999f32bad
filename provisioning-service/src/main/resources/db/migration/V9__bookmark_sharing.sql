-- Who may provision from a bookmark: its owner, the users it is shared with by name (a JSON list), everyone when
-- shared; admins always. A bookmark announced before users existed has no owner.
alter table bookmark_view add column owner varchar(64);
alter table bookmark_view add column shared boolean not null default false;
alter table bookmark_view add column shared_with text not null default '[]';
