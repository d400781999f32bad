-- The audit log: every answered request that changes something, from every service's RequestAudited events.
create table audit_entry (
    event_id       varchar(64)  primary key,
    at             timestamptz  not null,
    service        varchar(32)  not null,
    username       varchar(64),
    method         varchar(16)  not null,
    path           text         not null,
    resource       varchar(255),
    status         int          not null,
    outcome        varchar(16)  not null,
    correlation_id varchar(128)
);
create index audit_entry_at on audit_entry (at desc);
create index audit_entry_user on audit_entry (username, at desc);
create index audit_entry_resource on audit_entry (resource, at desc);
