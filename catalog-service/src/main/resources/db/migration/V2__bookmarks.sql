-- Bookmarks: named points on datasets' timelines, each point a snapshot the snapshot service holds for it.

create table bookmark (
    id         varchar(63)  primary key,
    name       varchar(100) not null,
    points     text         not null,
    tags       text         not null,
    shared     boolean      not null,
    expires_at timestamptz,
    created_at timestamptz  not null,
    status     varchar(16)  not null,
    job_id     uuid
);

create unique index bookmark_live_name on bookmark (name);
create index bookmark_expiry on bookmark (expires_at) where expires_at is not null;

-- One hold per point: asked for when the bookmark is made, released when it goes.
create table bookmark_hold (
    request_id  varchar(127) primary key,
    bookmark_id varchar(63)  not null references bookmark (id) on delete cascade,
    snapshot_id varchar(63)  not null,
    state       varchar(16)  not null
);

create index bookmark_hold_bookmark on bookmark_hold (bookmark_id);

-- The snapshots the snapshot service announced, so that a bookmark names only one that exists.
create table snapshot_view (
    id            varchar(63)  primary key,
    dataset       varchar(255) not null,
    position_time timestamptz,
    created_at    timestamptz  not null,
    deleted       boolean      not null default false
);

create index snapshot_view_dataset on snapshot_view (dataset);
