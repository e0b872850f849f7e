-- Rebuild and resync requests now travel as Wolverine messages on its durable PostgreSQL queue (its
-- tables are Wolverine's, created by the projector at start-up). What stays here is only the requests'
-- status for /projections and `projector rebuild|resync`: written when a request is sent (pending, in
-- the sender's transaction) and by the leader's handler (running, done, failed). Nobody takes work
-- from this table: the leader is woken by the message, not by a row.
create table request_status (
    id            bigint generated always as identity primary key,
    kind          text        not null check (kind in ('rebuild','resync')),
    projection    text        not null,
    requested_by  text        not null,
    requested_at  timestamptz not null default now(),
    status        text        not null default 'pending' check (status in ('pending','running','done','failed')),
    started_at    timestamptz,
    finished_at   timestamptz,
    error         text,
    -- False only for requests carried over from the old queue below: the next leader sends their
    -- messages (RequestResender) and sets it.
    message_sent  boolean     not null default true
);

-- Carry the old queue over: finished requests as history, unfinished ones (pending, or running when
-- the last leader stopped) as pending requests whose message is yet to be sent.
insert into request_status (id, kind, projection, requested_by, requested_at, status, started_at, finished_at, error, message_sent)
    overriding system value
select id, kind, projection, requested_by, requested_at,
       case when status in ('done','failed') then status else 'pending' end,
       case when status in ('done','failed') then started_at end,
       finished_at, error, status in ('done','failed')
from rebuild_requests order by id;
select setval(pg_get_serial_sequence('request_status', 'id'), coalesce(max(id), 0) + 1, false) from request_status;

drop trigger rebuild_requests_notify on rebuild_requests;
drop function rebuild_requests_notify();
drop table rebuild_requests;

create index request_status_unsent on request_status(id) where not message_sent;

-- The old name, read-only, for scripts and checks that read requests' status by it.
create view rebuild_requests as
    select id, kind, projection, requested_by, requested_at, status, started_at, finished_at, error
    from request_status;
