-- A bookmark's holds and releases now run on the step machine (operation_step, from db/common); the table that
-- tracked them by hand goes. A bookmark an upgrade caught while deleting is READY again, to be deleted again: a
-- release of a snapshot already released changes nothing.

drop table bookmark_hold;

update bookmark set status = 'READY' where status = 'DELETING';
