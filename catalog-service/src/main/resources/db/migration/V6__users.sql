-- Users and their personal access tokens. Passwords and tokens are stored only as hashes (bcrypt for passwords,
-- SHA-256 for tokens, which are long random-signed values); neither can be read back.

create table app_user (
    id            varchar(64)  primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(128) not null,
    roles         text         not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);

create table access_token (
    id         varchar(64)  primary key,
    user_id    varchar(64)  not null references app_user (id) on delete cascade,
    name       varchar(128) not null,
    token_hash varchar(64)  not null,
    created_at timestamptz  not null,
    expires_at timestamptz  not null,
    revoked_at timestamptz,
    unique (user_id, name)
);
