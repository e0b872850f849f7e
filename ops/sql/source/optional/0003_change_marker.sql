-- OPTIONAL: an indexed change marker on each table Westside Projections reads, so that its poll reads
-- only the rows that changed (an index range scan) instead of scanning every table's xmin.
-- Without it the projector still works (xmin scan: correct, but each poll reads every table in full
-- on the server side, so its cost grows with the table sizes). `projector check` reports the mode per table.
-- Written to be handed to the basketball-api repo as-is (wrap it in an Alembic op.execute()); it is
-- idempotent and runs after 0001 (the tables) and 0002 (the read-only role).
--
-- What basketball-api gets: one column (change_xid xid8, 8 bytes per row), one BEFORE ROW trigger that
-- sets it on INSERT and UPDATE, and one btree index per table. Application code does not change.
-- Protocol facts the projector relies on (keep them true if you adapt this file):
-- - The value is pg_current_xact_id(): the 64-bit id of the TOP-LEVEL transaction, also inside a
--   savepoint (so no subtransaction ambiguity) and never wrapping around (no epoch guessing).
-- - The trigger fires for every INSERT and UPDATE (no WHEN clause, no column list) and stays ENABLED
--   (tgenabled 'O' or 'A'). The projector checks both at start-up and at each id reconciliation.
-- - Rows written before this migration keep change_xid NULL; the projector's first capture after the
--   migration reads them with the xmin scan, so they are not lost. Rows written with the trigger
--   disabled or under session_replication_role = replica (bulk loads) are caught by the xmin scan the
--   projector runs at its next id reconciliation (every minute by default), not by the next poll.
-- - ADD COLUMN takes an ACCESS EXCLUSIVE lock: it waits for open writers, and every write that commits
--   after this migration went through the trigger. With no default value it rewrites nothing.

create or replace function westside_set_change_xid() returns trigger
language plpgsql as $$
begin
    new.change_xid := pg_current_xact_id();
    return new;
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['teams', 'parents', 'players', 'contracts', 'jersey_payments', 'subscriptions',
                             'tournaments', 'tournament_registrations', 'email_log', 'outbox']
    loop
        execute format('alter table %I add column if not exists change_xid xid8', t);
        if not exists (select from pg_trigger where tgrelid = t::regclass and tgname = 'westside_change_xid') then
            execute format(
                'create trigger westside_change_xid before insert or update on %I '
                'for each row execute function westside_set_change_xid()', t);
        end if;
        execute format('create index if not exists %I on %I (change_xid)', t || '_change_xid', t);
        execute format('grant select (change_xid) on %I to westside_projections_ro', t);
    end loop;
end
$$;
