using System.Text.Json;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// SQL over the projections table: story versions, the rebuild life cycle, and start-up recovery.
// (Checkpoints are written by the stories' shard with its documents, StoryShard.) A rebuild's progress
// and its switch require `building_generation = @g`: once a new leader's recovery or a failed rebuild
// has cleared it, a stale rebuild can neither report nor publish.
public static class ProjectionTable
{
    public static async Task<Dictionary<string, ProjectionRow>> LoadAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select name, live_generation, checkpoint, status, building_generation, story_version from projections", conn, tx);
        var rows = new Dictionary<string, ProjectionRow>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var row = new ProjectionRow(
                r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt32(4),
                r.IsDBNull(5) ? null : (uint)r.GetInt32(5));
            rows[row.Name] = row;
        }

        return rows;
    }

    // A projection new to the store starts at generation 0 with checkpoint 0: up to date on an empty
    // log, otherwise it is built as a rebuild.
    public static async Task InsertMissingAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into projections (name, live_generation, checkpoint)
            select n, 0, 0 from unnest(@names) as n
            on conflict (name) do nothing
            """, conn, tx);
        cmd.Parameters.AddWithValue("names", names.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The new generation is above the live one and any building one: its table version is new.
    public static async Task<int> BeginRebuildAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string name, RebuildProgress progress, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update projections p
               set status = 'rebuilding', updated_at = now(), progress = @progress,
                   building_generation = greatest(p.live_generation, coalesce(p.building_generation, 0)) + 1
             where p.name = @name and p.status = 'live'
            returning p.building_generation
            """, conn, tx);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.Add(Json("progress", progress));
        return await cmd.ExecuteScalarAsync(ct) is int generation
            ? generation
            : throw new RebuildSupersededException($"Projection {name} is missing or already rebuilding.");
    }

    // The stories whose documents are on Marten and the version of the table readers read.
    public static async Task<Dictionary<string, uint>> StoryVersionsAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select name, story_version from projections where story_version is not null and name = any(@names)", conn, tx);
        cmd.Parameters.AddWithValue("names", names.ToArray());
        var versions = new Dictionary<string, uint>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions[reader.GetString(0)] = (uint)reader.GetInt32(1);
        }

        return versions;
    }

    public static async Task SetStoryVersionAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string name, uint version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("update projections set story_version = @version where name = @name", conn, tx);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("version", (int)version);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // On an empty log a story needs no build: its empty table at the live generation's version is current.
    public static async Task<int> MoveEmptyStoriesAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update projections set story_version = live_generation + 1
            where story_version is null and name = any(@names)
            """, conn, tx);
        cmd.Parameters.AddWithValue("names", names.ToArray());
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task ReportProgressAsync(
        NpgsqlConnection conn, IReadOnlyDictionary<string, int> generations, RebuildProgress progress, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update projections p set progress = @progress, updated_at = now()
            from unnest(@names, @generations) as t(name, generation)
            where p.name = t.name and p.building_generation = t.generation
            """, conn);
        cmd.Parameters.AddWithValue("names", generations.Keys.ToArray());
        cmd.Parameters.AddWithValue("generations", generations.Values.ToArray());
        cmd.Parameters.Add(Json("progress", progress));
        if (await cmd.ExecuteNonQueryAsync(ct) != generations.Count)
        {
            throw new RebuildSupersededException("The rebuild's generation is no longer the building one.");
        }
    }

    // The swap: readers move to the new generation in the caller's (leader) transaction.
    public static async Task CompleteRebuildAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string name, int generation, long checkpoint,
        string requestedBy, long elapsedMs, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update projections
               set live_generation = @generation, checkpoint = @checkpoint, status = 'live',
                   building_generation = null, progress = null, updated_at = now(),
                   last_rebuild_at = now(), last_rebuild_by = @by, last_rebuild_ms = @ms
             where name = @name and building_generation = @generation
            """, conn, tx);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("generation", generation);
        cmd.Parameters.AddWithValue("checkpoint", checkpoint);
        cmd.Parameters.AddWithValue("by", requestedBy);
        cmd.Parameters.AddWithValue("ms", elapsedMs);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new RebuildSupersededException($"Projection {name} is no longer building generation {generation}.");
        }
    }

    // Gives up a building generation: the projection stays on its live one (the generation's table, which
    // no reader reads, is dropped by the next leader's start or emptied by the next build of it).
    public static async Task AbandonRebuildAsync(
        NpgsqlConnection conn, string name, int generation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update projections set status = 'live', building_generation = null, progress = null, updated_at = now()
            where name = @name and building_generation = @generation
            """, conn);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("generation", generation);

        // Only while the generation is still the building one: after a switch it is the live one.
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // A new leader's first act: rebuilds of the previous leader are abandoned (their requests go back
    // to pending elsewhere). Returns the projections whose rebuild was interrupted.
    public static async Task<IReadOnlyList<string>> RecoverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var interrupted = new List<string>();
        await using (var lockRows = new NpgsqlCommand(
            "select 1 from projections where status = 'rebuilding' for update", conn, tx))
        {
            await lockRows.ExecuteNonQueryAsync(ct);
        }

        await using (var cmd = new NpgsqlCommand("""
            update projections set status = 'live', building_generation = null, progress = null, updated_at = now()
            where status = 'rebuilding' returning name
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                interrupted.Add(r.GetString(0));
            }
        }

        return interrupted;
    }

    private static NpgsqlParameter Json(string name, RebuildProgress progress) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(progress, StoreJson.Options) };
}
