// Both the projector and the dashboard have a top-level Program: the projector comes in under an alias.
extern alias projector;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Fixture;
using Westside.Projections.Fixture.Loading;
using projector::Westside.Projections.Projector.Capture;
using projector::Westside.Projections.Projector.Engine;
using projector::Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Tests.Support;

// Fills a store the way production does: a generated club is loaded into the source database, then
// the real projector (change capture through the read-only role + the projection runtime) takes its
// leader lock, catches up in one poll, serves any rebuild requests, waits until Marten's daemon has
// projected the log, and lets go.
public static class ClubLoader
{
    public static async Task<DemoDataset> LoadAsync(
        string sourceAdmin, string sourceReadOnly, string store, DemoOptions options, CancellationToken ct = default)
    {
        var data = DatasetGenerator.Generate(options);
        await FixtureLoader.LoadAsync(sourceAdmin, data, ct);
        await ProjectOnceAsync(sourceReadOnly, store, ct);
        return data;
    }

    // The projector's engine running as in production (leader election, polling, heartbeats) until
    // the token is cancelled.
    public static async Task RunProjectorAsync(string sourceReadOnly, string store, TimeSpan pollInterval, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(sourceReadOnly);
        var capture = new XminChangeCapture(
            source, [], Options.Create(new ChangeCaptureOptions()), TimeProvider.System, NullLogger<XminChangeCapture>.Instance);
        using var requests = RequestHost.Build(store);
        await requests.StartAsync(ct);
        await using var engine = new ProjectorEngine(
            new EngineOptions(pollInterval, "dashboard-tests") { MaxBackoff = pollInterval }, store, capture, ProjectionCatalog.All,
            NullLoggerFactory.Instance, requests.Services.GetRequiredService<Leadership>(),
            requests.Services.GetRequiredService<IRequestInbox>());
        await engine.RunAsync(ct);
        await requests.StopAsync(CancellationToken.None);
    }

    // One pass of the projector: start (recover, load state), serve requests, poll once, serve again.
    // Returns how the poll went (a source outage is a failed poll recorded in the heartbeat).
    public static async Task<PollOutcome> ProjectOnceAsync(string sourceReadOnly, string store, CancellationToken ct = default)
    {
        await using var storeSource = NpgsqlDataSource.Create(store);
        await StoreMigrator.MigrateAsync(storeSource, ct);
        await using var source = NpgsqlDataSource.Create(sourceReadOnly);
        var capture = new XminChangeCapture(
            source, [], Options.Create(new ChangeCaptureOptions()), TimeProvider.System, NullLogger<XminChangeCapture>.Instance);
        var dedicatedBuilder = new NpgsqlConnectionStringBuilder(store) { Pooling = false };
        await using var dedicated = NpgsqlDataSource.Create(dedicatedBuilder.ConnectionString);
        using var requests = RequestHost.Build(store);
        await requests.StartAsync(ct);
        PollOutcome outcome;
        var leader = await LeaderConnection.TryAcquireAsync(dedicated, ct)
            ?? throw new InvalidOperationException("Another projector holds the store's leader lock.");
        await using (var session = new LeaderSession(
            leader, storeSource, requests.Services.GetRequiredService<IRequestInbox>(), capture, ProjectionCatalog.All,
            new EngineOptions(TimeSpan.FromSeconds(2), "dashboard-tests"), NullLogger.Instance))
        {
            await session.StartAsync(ct);
            await session.DrainRequestsAsync(ct);
            outcome = await session.PollAsync(resync: false, ct);
            await session.DrainRequestsAsync(ct);
            if (!await session.WaitForDocumentsAsync(TimeSpan.FromSeconds(60), ct))
            {
                throw new TimeoutException("The stories' documents did not catch up with the log within 60 s.");
            }
        }

        // A stopped host leaves Wolverine's cluster; a disposed one would stay in its node table until stale.
        await requests.StopAsync(CancellationToken.None);
        return outcome;
    }
}
