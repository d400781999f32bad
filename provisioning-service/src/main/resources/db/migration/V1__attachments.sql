-- Attachments of volumes to environments (CSI-style): a local path, or an NFS export mounted on an SSH host.
create table attachment (
    id             varchar(63)  primary key,
    volume_id      varchar(63)  not null,
    environment_id varchar(255) not null,
    environment    text         not null,
    kind           varchar(16)  not null,
    path           text,
    state          varchar(16)  not null,
    request_id     varchar(255),
    error          text,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);

create index attachment_volume on attachment (volume_id);
