using System.Data;
using Npgsql;
using Westside.Projections.Fixture;
using Westside.Projections.Fixture.Loading;
using Westside.Projections.Projector.Tests.Engine;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// One generated club in its own fresh source and store databases, with the projector engine running
// every projection of the catalog against it (the read-only role, real change capture, 200 ms polls).
// Tests mutate the source through SourceAdmin while it runs, SettleAsync until the store has caught up,
// then ask every oracle for its differences.
public sealed class DifferentialClub : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly MigratedStore _db;
    private EngineRun? _engine;

    private DifferentialClub(MigratedStore db, DemoOptions options)
    {
        _db = db;
        Options = options;
    }

    public DemoOptions Options { get; }

    // basketball-api's owner: the tests' only way to change the source.
    public string SourceAdmin => _db.SourceAdmin;

    public string Store => _db.Store;

    public CollectingLogger Logs => _engine?.Logs ?? throw new InvalidOperationException("The engine is not running.");

    // Every oracle of this assembly, one per projection.
    public static IReadOnlyList<IProjectionOracle> Oracles { get; } = typeof(IProjectionOracle).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProjectionOracle).IsAssignableFrom(t))
        .Select(t => (IProjectionOracle)Activator.CreateInstance(t)!)
        .OrderBy(o => o.Projection, StringComparer.Ordinal)
        .ToList();

    // Generates the dataset (as of `asOf`, default now), loads it, and starts the engine.
    public static async Task<DifferentialClub> StartAsync(int seed, int players, DateTimeOffset? asOf = null)
    {
        var db = new MigratedStore();
        await db.InitializeAsync();
        var club = new DifferentialClub(db, new DemoOptions(seed, players, asOf ?? DateTimeOffset.UtcNow));
        try
        {
            await FixtureLoader.LoadAsync(db.SourceAdmin, DatasetGenerator.Generate(club.Options), CancellationToken.None);
            club._engine = EngineRun.Start(db, ProjectionCatalog.All, PollInterval);
            return club;
        }
        catch
        {
            await club.DisposeAsync();
            throw;
        }
    }

    // Waits until the folded log mirrors the source row for row (deletes surface at the capture's id
    // reconciliation, every 30 polls) and every projection's checkpoint has reached the log head.
    public async Task SettleAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var until = DateTime.UtcNow + limit;
        var probe = new StoreProbe(Store);
        var differences = await probe.WaitUntilMirrorsAsync(SourceAdmin, limit);
        if (differences.Count > 0)
        {
            throw new TimeoutException(
                $"The log did not mirror the source within {limit.TotalSeconds} s: {string.Join("; ", differences.Take(10))}");
        }

        while (true)
        {
            var status = await probe.StatusAsync();
            if (status.Projections.Count == ProjectionCatalog.All.Count && status.Projections.All(p => p.Checkpoint == status.LogHead))
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Projections did not reach the log head {status.LogHead} within {limit.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }

    // Every oracle's differences, each line prefixed by its projection, all against one source snapshot.
    // Call after SettleAsync, while nothing writes the source.
    public async Task<IReadOnlyList<string>> DifferencesAsync(CancellationToken ct = default) =>
        await DifferencesAsync(await LiveDocumentsAsync(ct), ct);

    // The same, for documents read elsewhere (those Marten's async daemon built).
    public async Task<IReadOnlyList<string>> DifferencesAsync(
        IReadOnlyDictionary<string, List<StoredDocument>> documents, CancellationToken ct = default)
    {
        var asOf = (await new StoreProbe(Store).FoldAsync()).AsOf;
        await using var source = new NpgsqlConnection(SourceAdmin);
        await source.OpenAsync(ct);
        await using var tx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var differences = new List<string>();
        foreach (var oracle in Oracles)
        {
            var context = new OracleContext(source, documents.GetValueOrDefault(oracle.Projection, []), asOf);
            differences.AddRange((await oracle.DifferencesAsync(context, ct)).Select(d => $"{oracle.Projection}: {d}"));
        }

        OracleContext For(string projection) => new(source, documents.GetValueOrDefault(projection, []), asOf);
        differences.AddRange(await TodayToolCheck.DifferencesAsync(
            Store, For("triage"), For("clusters"), For("jerseys"), For("dues"), For("gaps"), ct));
        await tx.CommitAsync(ct);
        return differences;
    }

    // The live generation's documents of every projection, by projection, in id order.
    public async Task<Dictionary<string, List<StoredDocument>>> LiveDocumentsAsync(CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(Store);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data::text, d.updated_seq
            from live_documents d
            order by d.projection, d.id collate "C"
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var documents = new Dictionary<string, List<StoredDocument>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var document = new StoredDocument(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt64(7));
            if (!documents.TryGetValue(document.Projection, out var list))
            {
                documents[document.Projection] = list = [];
            }

            list.Add(document);
        }

        return documents;
    }

    // Runs statements on the source as its owner, in one transaction.
    public async Task SourceExecAsync(string sql, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(SourceAdmin);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    // Stops the engine (the store keeps what it projected), so a test can change the source and
    // compare before anything catches up.
    public async Task StopEngineAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            _engine = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        await _db.DisposeAsync();
    }
}
