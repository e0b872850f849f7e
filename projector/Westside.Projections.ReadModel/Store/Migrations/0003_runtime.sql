-- Runtime additions (projection runtime, rebuilds, resync).

-- A request row is either a rebuild of projections from the log or a resync of the log from the source.
-- Both are leader-only work taken from the same durable queue.
alter table rebuild_requests
    add column kind text not null default 'rebuild' check (kind in ('rebuild','resync'));

-- Every new request wakes the leader, whoever inserts it (CLI, dashboard, start-up): the row stays the
-- durable record; a missed notification is picked up by the leader's next poll of pending rows.
create function rebuild_requests_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('rebuild_requests', new.id::text);
    return null;
end
$$;
create trigger rebuild_requests_notify after insert on rebuild_requests
    for each row execute function rebuild_requests_notify();

-- Listings order by sort_key ordinally (ProjectedDocument.SortKey) whatever the database's collation:
-- readers say `collate "C"`, and this index serves that order.
drop index documents_list;
create index documents_list on documents(projection, generation, kind, sort_key collate "C", id collate "C");
