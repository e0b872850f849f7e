using Npgsql;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// The club folded up to the stories' shard position, read while a projector waits to lead (it only reads):
// its first session's daemon starts from it instead of folding the whole log after the election, and
// StoryShard.WarmUpAsync folds on from it to wherever the shard has got to by then.
public sealed record StandbyFold(ClubState State, long Position)
{
    // Null as well when the store cannot be read now: the first session then folds the log itself.
    public static async Task<StandbyFold?> TryReadAsync(NpgsqlDataSource log, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(log, ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return null;
        }
    }

    // Null when the shard has no position yet (a first start: nothing to fold).
    public static async Task<StandbyFold?> ReadAsync(NpgsqlDataSource log, CancellationToken ct)
    {
        await using var conn = await log.OpenConnectionAsync(ct);
        long? position;
        try
        {
            position = await StoryProgression.ReadAsync(conn, null, StoryDocuments.AllStories, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }

        if (position is not > 0)
        {
            return null;
        }

        var state = new ClubState();
        await StateLoader.FoldAsync(conn, state, 0, position.Value, null, ct);
        return new StandbyFold(state, position.Value);
    }
}
