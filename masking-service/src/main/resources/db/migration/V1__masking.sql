-- Rulesets: which column is masked by which algorithm. A change makes a new version; a run keeps the rules it used.
create table ruleset (
    id varchar(64) primary key,
    name varchar(128) not null unique,
    version integer not null,
    rules text not null,
    -- Columns whose text is public (titles, product names): the leak check does not look inside them.
    public_text text not null default '[]',
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- The virtual databases the provisioning service announced, and how to reach them.
create table vdb_view (
    id varchar(64) primary key,
    name varchar(128) not null,
    engine varchar(32),
    status varchar(32) not null,
    host varchar(255),
    port integer,
    database_name varchar(128),
    database_user varchar(128),
    updated_at timestamptz not null
);

-- One masking of one database: what it masked with, and what came of it.
create table masking_run (
    job_id uuid primary key,
    vdb_id varchar(64) not null,
    ruleset_id varchar(64) not null,
    ruleset_version integer not null,
    rules text not null,
    public_text text not null default '[]',
    -- The subset made before masking, null for none.
    subset text,
    status varchar(16) not null,
    attempts integer not null default 0,
    report text,
    error text,
    created_at timestamptz not null,
    finished_at timestamptz
);
create index masking_run_vdb on masking_run (vdb_id);
