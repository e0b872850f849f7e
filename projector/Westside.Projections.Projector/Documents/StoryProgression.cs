using Npgsql;

namespace Westside.Projections.Projector.Documents;

// The daemon's progress rows (Marten's mt_event_progression) as the story runtime reads and sets them.
public static class StoryProgression
{
    public const string UpsertSql = """
        insert into mt_event_progression (name, last_seq_id, last_updated) values (@name, @seq, now())
        on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated
        """;

    public static string RowName(string shard) => shard + ":All";

    // The shard's position, or null when it has none yet.
    public static async Task<long?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string shard, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select last_seq_id from mt_event_progression where name = @name", conn, tx);
        cmd.Parameters.AddWithValue("name", RowName(shard));
        return await cmd.ExecuteScalarAsync(ct) is long position ? position : null;
    }

    public static async Task SetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string shard, long position, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(UpsertSql, conn, tx);
        cmd.Parameters.AddWithValue("name", RowName(shard));
        cmd.Parameters.AddWithValue("seq", position);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The shard's mark that it deferred documents (StoryShardMark): after a build that wrote every document.
    public static async Task ForgetDeferredAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string shard, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("delete from mt_doc_story_shard_mark where id = @name", conn, tx);
        cmd.Parameters.AddWithValue("name", shard);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
