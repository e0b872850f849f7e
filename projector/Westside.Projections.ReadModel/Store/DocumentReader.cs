using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Westside.Projections.ReadModel.Store;

// Read-only access to the store for the dashboard, `projector status` and tests.
// Every document query reads the live_documents view in one statement, so a reader sees each
// projection's live documents as of one snapshot: never a half-built version, never a mix of two.
public sealed class DocumentReader(NpgsqlDataSource store)
{
    private const string Columns =
        "d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data::text, d.updated_seq";

    private const string LiveDocuments = "live_documents d";

    public async Task<StoredDocument?> GetAsync(string projection, string id, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand(
            $"select {Columns} from {LiveDocuments} where d.projection = @projection and d.id = @id");
        cmd.Parameters.AddWithValue("projection", projection);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadDocument(reader) : null;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(DocumentQuery query, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        var sql = new StringBuilder($"select {Columns} from {LiveDocuments} where ");
        AppendFilter(sql, query);
        sql.Append(""" order by d.sort_key collate "C", d.id collate "C" limit @limit offset @offset""");
        await using var cmd = store.CreateCommand(sql.ToString());
        AddFilterParameters(cmd, query);
        cmd.Parameters.AddWithValue("limit", query.Limit);
        cmd.Parameters.AddWithValue("offset", query.Offset);
        var documents = new List<StoredDocument>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    // How many documents the query matches (Limit and Offset ignored).
    public async Task<long> CountAsync(DocumentQuery query, CancellationToken ct)
    {
        var sql = new StringBuilder($"select count(*) from {LiveDocuments} where ");
        AppendFilter(sql, query);
        await using var cmd = store.CreateCommand(sql.ToString());
        AddFilterParameters(cmd, query);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByKindAsync(string projection, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand(
            $"select d.kind, count(*) from {LiveDocuments} where d.projection = @projection group by d.kind");
        cmd.Parameters.AddWithValue("projection", projection);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<long> LogHeadAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        return await EventLogReader.HeadAsync(conn, null, ct);
    }

    public async Task<IReadOnlyList<ProjectionStatus>> ProjectionsAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        return await ProjectionsAsync(conn, ct);
    }

    public async Task<HeartbeatStatus> HeartbeatAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        return await HeartbeatAsync(conn, ct);
    }

    // Log head, heartbeat, projections and the daemon's shards from one repeatable-read snapshot, so lag
    // is consistent.
    public async Task<StoreStatus> StatusAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var logHead = await EventLogReader.HeadAsync(conn, tx, ct);
        var heartbeat = await HeartbeatAsync(conn, ct);
        var projections = await ProjectionsAsync(conn, ct);
        var shards = await ShardProgressReader.ReadAsync(conn, ct);
        await tx.CommitAsync(ct);
        return new StoreStatus(logHead, heartbeat, projections) { Shards = shards };
    }

    public async Task<IReadOnlyList<RebuildRequestStatus>> RecentRequestsAsync(int limit, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            select id, kind, projection, requested_by, requested_at, status, started_at, finished_at, error
            from request_status order by id desc limit @limit
            """);
        cmd.Parameters.AddWithValue("limit", limit);
        var requests = new List<RebuildRequestStatus>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            requests.Add(ReadRequest(reader));
        }

        return requests;
    }

    public async Task<RebuildRequestStatus?> RequestAsync(long id, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand("""
            select id, kind, projection, requested_by, requested_at, status, started_at, finished_at, error
            from request_status where id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadRequest(reader) : null;
    }

    private static void AppendFilter(StringBuilder sql, DocumentQuery query)
    {
        sql.Append("d.projection = @projection and d.kind = @kind");
        if (query.Contains is not null)
        {
            sql.Append(" and d.filters @> @contains");
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            sql.Append(" and d.search like @search");
        }
    }

    private static void AddFilterParameters(NpgsqlCommand cmd, DocumentQuery query)
    {
        cmd.Parameters.AddWithValue("projection", query.Projection);
        cmd.Parameters.AddWithValue("kind", query.Kind);
        if (query.Contains is not null)
        {
            DocumentFilters.EnsureFilterable(query.Contains);
            cmd.Parameters.Add(new NpgsqlParameter("contains", NpgsqlDbType.Jsonb) { Value = query.Contains });
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            cmd.Parameters.AddWithValue("search", $"%{EscapeLike(query.Search.Trim().ToLowerInvariant())}%");
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private static StoredDocument ReadDocument(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetInt64(7));

    private static async Task<IReadOnlyList<ProjectionStatus>> ProjectionsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select name, live_generation, checkpoint, status, building_generation, progress::text,
                   last_rebuild_at, last_rebuild_by, last_rebuild_ms, updated_at
            from projections order by name
            """, conn);
        var rows = new List<ProjectionStatus>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new ProjectionStatus(
                r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetInt32(4),
                r.IsDBNull(5) ? null : JsonSerializer.Deserialize<RebuildProgress>(r.GetString(5), StoreJson.Options),
                Time(r, 6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetInt64(8),
                Time(r, 9)!.Value));
        }

        return rows;
    }

    private static async Task<HeartbeatStatus> HeartbeatAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select leader, leader_since, ({ProjectorLocks.LeaderHeldSql}), last_poll_at, source_snapshot_at,
                   poll_interval_ms, source_ok, last_error, last_error_at, now()
            from heartbeat where id = 1
            """, conn);
        cmd.Parameters.AddWithValue("key", ProjectorLocks.LeaderKey);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            throw new InvalidOperationException("The store has no heartbeat row: is it migrated?");
        }

        return new HeartbeatStatus(
            r.IsDBNull(0) ? null : r.GetString(0), Time(r, 1), r.GetBoolean(2), Time(r, 3), Time(r, 4),
            r.GetInt32(5), r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetString(7), Time(r, 8), Time(r, 9)!.Value);
    }

    private static RebuildRequestStatus ReadRequest(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4)!.Value, r.GetString(5),
        Time(r, 6), Time(r, 7), r.IsDBNull(8) ? null : r.GetString(8));

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(r.GetDateTime(i).ToUniversalTime(), TimeSpan.Zero);
}
