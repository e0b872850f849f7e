-- The read-only role Westside Projections uses to read basketball-api.
-- Written to be handed to the basketball-api repo as-is (wrap it in an Alembic op.execute()).
-- Least privilege: SELECT on the columns the projector reads and nothing else; xmin is granted
-- because column grants do not cover system columns and change capture reads each row's xmin.
-- The password is set out of band by the operator: ALTER ROLE westside_projections_ro PASSWORD '...';
-- Keep this list in step with projector/Westside.Projections.Projector/Source/SourceContract.cs
-- (`projector check` reports any column missing here together with the GRANT that adds it).

do $$
begin
    if not exists (select from pg_roles where rolname = 'westside_projections_ro') then
        create role westside_projections_ro login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls;
    end if;
end
$$;

alter role westside_projections_ro set default_transaction_read_only = on;
alter role westside_projections_ro set statement_timeout = '30s';

grant usage on schema public to westside_projections_ro;

grant select (xmin, id, name, season, age_group, gender, coach_name, groupme_group_id, groupme_share_url, created_at)
    on teams to westside_projections_ro;
grant select (xmin, id, first_name, last_name, email, phone, created_at)
    on parents to westside_projections_ro;
grant select (xmin, id, parent_id, team_id, first_name, last_name, birth_year, grade, contract_status,
              jersey_size, jersey_number, created_at, updated_at)
    on players to westside_projections_ro;
grant select (xmin, id, player_id, version, amount_cents, status, sent_at, signed_at, declined_at, signer_name)
    on contracts to westside_projections_ro;
grant select (xmin, id, player_id, amount_cents, method, paid_at, recorded_by, note)
    on jersey_payments to westside_projections_ro;
grant select (xmin, id, player_id, parent_id, plan, amount_cents, status, current_period_end, created_at)
    on subscriptions to westside_projections_ro;
grant select (xmin, id, name, location, starts_on, ends_on, registration_deadline, fee_cents)
    on tournaments to westside_projections_ro;
grant select (xmin, id, tournament_id, team_id, player_id, status, fee_paid, registered_at)
    on tournament_registrations to westside_projections_ro;
grant select (xmin, id, parent_id, player_id, email_type, status, error, sent_at)
    on email_log to westside_projections_ro;
grant select (xmin, id, event_type, aggregate_id, status, attempts, last_error, created_at, processed_at)
    on outbox to westside_projections_ro;
