// Both the projector and the dashboard have a top-level Program: the projector comes in under an alias.
extern alias projector;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.Fixture;
using Westside.Projections.Fixture.Loading;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Outbox;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;
using Westside.Projections.Testing;
using projector::Westside.Projections.Projector.Capture;
using projector::Westside.Projections.Projector.Engine;
using projector::Westside.Projections.Projector.Outbox;

namespace Westside.Projections.Dashboard.Tests.Outbox;

// One page test's own world: the demo club in a fresh source, its outbox emptied so the test writes
// the scenario; the real projector (capture with the outbox sampler, runtime) projecting into a fresh
// store; the dashboard reading that store.
public sealed class OutboxPageLab : SourceAndStore
{
    private readonly OutboxSampler _sampler = new(
        OutboxHealthOptions.Default, OutboxSamplerOptions.Default with { RawEvery = TimeSpan.Zero }, NullLogger<OutboxSampler>.Instance);

    public DemoDataset Data { get; private set; } = null!;

    public DashboardApp App { get; private set; } = null!;

    // Signed players: the ones a contract_signed outbox row is about.
    public IReadOnlyList<PlayerRow> Signed { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var asOf = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Data = DatasetGenerator.Generate(new DemoOptions(DemoOptions.DefaultSeed, 150, asOf));
        await FixtureLoader.LoadAsync(SourceAdmin, Data, CancellationToken.None);
        await SourceExecAsync("delete from outbox");
        Signed = Data.Players.Where(p => p.ContractStatus == "signed").OrderBy(p => p.Id).ToList();
        App = new DashboardApp(Store);
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }

    public string PlayerName(PlayerRow player) => $"{player.FirstName} {player.LastName}";

    // What the projector does first when it starts: bring the store's schema up to date.
    public async Task MigrateStoreAsync()
    {
        await using var storeSource = NpgsqlDataSource.Create(Store);
        await StoreMigrator.MigrateAsync(storeSource, CancellationToken.None);
    }

    // One pass of the projector as `projector run` makes it, with the outbox sampler in the capture.
    public async Task ProjectAsync()
    {
        await MigrateStoreAsync();
        await using var storeSource = NpgsqlDataSource.Create(Store);
        await using var source = NpgsqlDataSource.Create(SourceReadOnly);
        var capture = new XminChangeCapture(
            source, [_sampler], Options.Create(new ChangeCaptureOptions()), TimeProvider.System, NullLogger<XminChangeCapture>.Instance);
        await using var dedicated = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Store) { Pooling = false }.ConnectionString);
        var leader = await LeaderConnection.TryAcquireAsync(dedicated, CancellationToken.None)
            ?? throw new InvalidOperationException("Another projector holds the store's leader lock.");
        await using var session = new LeaderSession(
            leader, storeSource, null, capture, ProjectionCatalog.All,
            new EngineOptions(TimeSpan.FromSeconds(2), "outbox-page-tests"), NullLogger.Instance);
        await session.StartAsync(CancellationToken.None);
        var outcome = await session.PollAsync(resync: false, CancellationToken.None);
        if (!outcome.Ok)
        {
            throw new InvalidOperationException($"The projector's poll failed: {outcome.Error}");
        }

        if (!await session.WaitForDocumentsAsync(TimeSpan.FromSeconds(60), CancellationToken.None))
        {
            throw new TimeoutException("The stories' documents did not catch up with the log within 60 s.");
        }
    }

    public async Task<long> SourceCountAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
