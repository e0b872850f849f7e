namespace Westside.Projections.ReadModel.Store;

// The session-level advisory lock that elects the one projector that writes. Shared so that readers
// (status, dashboard) can tell whether a leader is alive from pg_locks.
public static class ProjectorLocks
{
    public const long LeaderKey = 0x5753_5052_4F4A; // "WSPROJ"

    // The base of the advisory locks Marten's HotCold coordinator takes for the stories' shard (it
    // derives each shard's lock from it, the schema and the shard's name): the daemon runs only where
    // that lock is held, so a leader that was replaced cannot run its daemon beside its successor's.
    public const int DaemonKey = 0x5753_4450; // "WSDP"

    // pg_locks shows a bigint advisory key split in two int4 halves, with objsubid = 1. Advisory locks
    // belong to a database: stores sharing a cluster each have their own leader.
    public const string LeaderHeldSql = """
        select exists (
            select 1 from pg_locks
            where locktype = 'advisory' and granted and objsubid = 1
              and database = (select oid from pg_database where datname = current_database())
              and classid = ((@key >> 32) & 4294967295)::bigint::oid
              and objid = (@key & 4294967295)::bigint::oid)
        """;
}
