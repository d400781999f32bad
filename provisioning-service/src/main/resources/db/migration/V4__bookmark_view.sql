-- The bookmarks the catalog announced: what a virtual database can be provisioned or rewound to.
create table bookmark_view (
    id     varchar(63)  primary key,
    name   varchar(100) not null,
    points text         not null
);
