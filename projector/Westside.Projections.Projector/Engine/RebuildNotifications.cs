using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// LISTEN rebuild_requests on a dedicated connection, reconnecting with backoff. A notification only
// wakes the leader: the request row is the durable record, and pending rows are also read on every
// poll, so a notification missed while reconnecting costs at most one poll interval.
public sealed class RebuildNotifications(NpgsqlDataSource dedicated, Wakeup wakeup, ILogger logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dedicated.OpenConnectionAsync(ct);
                conn.Notification += (_, _) => wakeup.Set();
                await using (var listen = new NpgsqlCommand($"listen {ProjectorLocks.RebuildChannel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                backoff.Reset();
                wakeup.Set();
                while (true)
                {
                    await conn.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                var delay = backoff.Next();
                Log.ListenerFailed(logger, FailureText.Describe(e), (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
