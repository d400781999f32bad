-- Key versions a ruleset pins ({"names": "names-v1"}); a run keeps the pins it masked with, as it keeps the rules.
alter table ruleset add column key_pins text not null default '{}';
alter table masking_run add column key_pins text not null default '{}';
alter table masked_snapshot add column key_pins text not null default '{}';
