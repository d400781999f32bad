-- Test-only table: one row per applied LedgerEntryAdded. No unique constraint on purpose, so that applying an event
-- twice would show as two rows.
create table ledger_entry (
    id       bigserial primary key,
    event_id uuid         not null,
    account  varchar(64)  not null,
    amount   integer      not null
);
