-- The read store: the event log, the projected documents and the projector's bookkeeping.
-- Applied by the projector at start-up (StoreMigrator), once, in a transaction, recorded in schema_migrations.

-- The event log. seq is gapless and strictly increasing: only the elected leader appends, and it
-- takes the next numbers from log_head inside the same transaction (no sequence, so no gaps).
create table events (
    seq                 bigint      primary key,
    type                text        not null,
    source_table        text        not null,
    source_key          text        not null,
    data                jsonb       not null,
    source_snapshot_at  timestamptz not null,
    recorded_at         timestamptz not null default now()
);
create index events_recorded_at on events(recorded_at);
create index events_source on events(source_table, source_key);

create table log_head (
    id   integer primary key default 1 check (id = 1),
    seq  bigint  not null
);
insert into log_head (id, seq) values (1, 0);

-- Documents by projection and generation: readers read the projection's live generation only,
-- so a rebuild can fill a new generation beside it and swap the pointer in one transaction.
create table documents (
    projection  text    not null,
    generation  integer not null,
    kind        text    not null,
    id          text    not null,
    sort_key    text    not null default '',
    search      text    not null default '',
    data        jsonb   not null,
    updated_seq bigint  not null,
    primary key (projection, generation, id)
);
create index documents_list on documents(projection, generation, kind, sort_key, id);
create index documents_data on documents using gin (data jsonb_path_ops);

create table projections (
    name              text        primary key,
    live_generation   integer     not null,
    checkpoint        bigint      not null default 0,
    status            text        not null default 'live' check (status in ('live','rebuilding')),
    building_generation integer,
    progress          jsonb,
    last_rebuild_at   timestamptz,
    last_rebuild_by   text,
    last_rebuild_ms   bigint,
    updated_at        timestamptz not null default now()
);

-- What the projector last saw of each source row: the diff base for change capture.
create table source_rows (
    source_table  text   not null,
    source_key    text   not null,
    data          jsonb  not null,
    seen_seq      bigint not null,
    primary key (source_table, source_key)
);

-- Per source table: the capture cursor (snapshot of the last poll) and reconciliation bookkeeping.
create table source_state (
    source_table  text        primary key,
    state         jsonb       not null,
    updated_at    timestamptz not null default now()
);

-- The projector's heartbeat: freshness for the dashboard and /healthz.
create table heartbeat (
    id                  integer     primary key default 1 check (id = 1),
    leader              text,
    leader_since        timestamptz,
    last_poll_at        timestamptz,
    source_snapshot_at  timestamptz,
    poll_interval_ms    integer     not null default 2000,
    source_ok           boolean     not null default false,
    last_error          text,
    last_error_at       timestamptz
);
insert into heartbeat (id) values (1);

-- Outbox samples: a time series that survives rebuilds and restarts (not derived from the log).
create table outbox_samples (
    sampled_at   timestamptz not null,
    resolution   text        not null check (resolution in ('raw','5m')),
    event_type   text        not null,
    data         jsonb       not null,
    primary key (resolution, event_type, sampled_at)
);

-- Rebuild requests: the row is the durable record; NOTIFY rebuild_requests only wakes the projector.
create table rebuild_requests (
    id            bigint generated always as identity primary key,
    projection    text        not null,
    requested_by  text        not null,
    requested_at  timestamptz not null default now(),
    status        text        not null default 'pending' check (status in ('pending','running','done','failed')),
    started_at    timestamptz,
    finished_at   timestamptz,
    error         text
);
create index rebuild_requests_pending on rebuild_requests(requested_at) where status = 'pending';

-- Privileged actions with who (subject id, never a name or email) and when.
create table audit_log (
    id        bigint generated always as identity primary key,
    at        timestamptz not null default now(),
    actor     text        not null,
    action    text        not null,
    detail    jsonb       not null default '{}'::jsonb
);

-- ASP.NET Core Data Protection keys, shared by every dashboard replica.
create table data_protection_keys (
    id             integer generated always as identity primary key,
    friendly_name  text,
    xml            text not null
);
