using System.Globalization;
using Npgsql;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Commands;

// `projector status`: log head, heartbeat age, leader, where Marten's daemon has the documents (position,
// high-water mark, age of the oldest event not yet in them), and per projection its live generation,
// checkpoint vs head, status/progress and last rebuild. Reads the store only.
public static class StatusCommand
{
    public static async Task<int> RunAsync(ProjectorSettings settings, TextWriter output, CancellationToken ct)
    {
        await using var store = NpgsqlDataSource.Create(settings.StoreConnectionString);
        StoreStatus status;
        try
        {
            status = await new DocumentReader(store).StatusAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            output.WriteLine("the store is not migrated yet: run `projector check` or `projector run` first.");
            return ExitCodes.StoreUnavailable;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            output.WriteLine($"store unreachable: {PgConnectionString.Describe(settings.StoreConnectionString)} ({e.GetType().Name})");
            return ExitCodes.StoreUnavailable;
        }

        Write(status, output);
        return ExitCodes.Ok;
    }

    public static void Write(StoreStatus status, TextWriter output)
    {
        var hb = status.Heartbeat;
        output.WriteLine($"log head      {status.LogHead}");
        output.WriteLine(hb.LastPollAt is null
            ? "last poll     never"
            : $"last poll     {Age(hb.SinceLastPoll!.Value)} ago (interval {hb.PollIntervalMs} ms){(hb.IsStale ? "  STALE" : "")}");
        output.WriteLine($"source        {(hb.SourceOk ? "ok" : "UNAVAILABLE")}" +
                         (hb.SourceSnapshotAt is { } snap ? $", snapshot {Stamp(snap)}" : "") +
                         (hb.LastError is { } err ? $", last error {err} at {Stamp(hb.LastErrorAt!.Value)}" : ""));
        output.WriteLine($"leader        {hb.Leader ?? "none yet"}" +
                         (hb.LeaderSince is { } since ? $" since {Stamp(since)}" : "") +
                         (hb.LeaderAlive ? " (lock held)" : " (NO process holds the leader lock)"));
        foreach (var shard in status.Shards)
        {
            output.WriteLine($"documents     {shard.Shard} at {shard.Position} (Marten's daemon; high-water mark {shard.HighWaterMark})" +
                             (shard.AgeAt(hb.Now) is { } age ? $", oldest pending event {Age(age)} old" : ", caught up"));
        }

        output.WriteLine();
        if (status.Projections.Count == 0)
        {
            output.WriteLine("no projections in the store yet");
            return;
        }

        var width = Math.Max(10, status.Projections.Max(p => p.Name.Length));
        output.WriteLine($"{"projection".PadRight(width)}  {"gen",4}  {"checkpoint",10}  {"lag",7}  status");
        foreach (var p in status.Projections)
        {
            var state = p.IsRebuilding
                ? $"rebuilding gen {p.BuildingGeneration}{(p.Progress is { } pr ? $": {ProgressBar.Describe(pr)}" : "")}"
                : "live";
            var last = p.LastRebuildAt is { } at
                ? $"; last rebuild {Stamp(at)} by {p.LastRebuildBy} in {p.LastRebuildMs} ms"
                : "";
            output.WriteLine(
                $"{p.Name.PadRight(width)}  {p.LiveGeneration,4}  {p.Checkpoint,10}  {status.LogHead - p.Checkpoint,7}  {state}{last}");
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) => age.TotalSeconds < 120
        ? $"{age.TotalSeconds:0.0} s"
        : age.TotalMinutes < 120 ? $"{age.TotalMinutes:0} min" : $"{age.TotalHours:0.0} h";
}
