-- A step may send one command per part (a data pod's virtual databases, all at once): it ends when every part has
-- answered. The parts answered so far (a JSON list of their ids, to ignore a repeated answer) and the first refusal
-- among them (the step fails with it once every part has answered) are kept with the step.
alter table operation_step add column parts integer not null default 1;
alter table operation_step add column answered text not null default '[]';
alter table operation_step add column refusal text;
