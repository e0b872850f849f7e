using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Engine;
using Westside.Projections.Projector.Requests;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Requests;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Commands;

// `projector rebuild <projection|all>` and `projector resync`: send the request (a Wolverine message on
// the store's queue, with its status row), then follow it with a progress bar until it is done. This
// process joins Wolverine's cluster of projectors while it runs: when no projector runs, the election
// makes it the leader, and it serves the queue itself until the request is done.
public static class RequestCommand
{
    public static async Task<int> RunAsync(
        ProjectorSettings settings, string kind, string projection, TextWriter output, CancellationToken ct)
    {
        var requestedBy = $"cli:{Environment.UserName}";
        await using var store = NpgsqlDataSource.Create(settings.StoreConnectionString);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        IHost? host = null;
        long id;
        try
        {
            await StoreMigrator.MigrateAsync(store, ct);
            host = RequestHost.Build(settings.StoreConnectionString);
            await host.StartAsync(ct);
            id = await host.Services.GetRequiredService<RequestSender>().FileAsync(store, kind, projection, requestedBy, null, ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            output.WriteLine($"store unreachable: {PgConnectionString.Describe(settings.StoreConnectionString)} ({e.GetType().Name})");
            host?.Dispose();
            return ExitCodes.StoreUnavailable;
        }

        using var hosted = host;
        output.WriteLine($"{kind} request {id} filed ({projection}) by {requestedBy}");
        // Resync reads the source in this process when no leader runs (rebuilds never do).
        await using var source = NpgsqlDataSource.Create(settings.SourceConnectionString);
        await using var engine = new ProjectorEngine(
            new EngineOptions(settings.PollInterval, settings.InstanceName),
            settings.StoreConnectionString,
            ProjectorComposition.CreateCapture(source, [], loggers),
            ProjectionCatalog.All,
            loggers,
            hosted.Services.GetRequiredService<Leadership>(),
            hosted.Services.GetRequiredService<IRequestInbox>());
        var leadership = hosted.Services.GetRequiredService<Leadership>();
        var reader = new DocumentReader(store);
        using var served = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var serving = Task.Run(() => engine.ServeRequestsWhenLeadingAsync(served.Token), CancellationToken.None);
        var interactive = !Console.IsOutputRedirected;
        var lastLine = "";
        RebuildRequestStatus request;
        while (true)
        {
            request = await reader.RequestAsync(id, ct) ?? throw new InvalidOperationException($"Request {id} vanished.");
            if (request.IsFinished)
            {
                break;
            }

            if (serving.IsFaulted)
            {
                await serving;
            }

            var line = await ProgressLineAsync(reader, kind, projection, request, leadership.IsElected, ct);
            if (interactive)
            {
                output.Write($"\r{line.PadRight(Math.Max(lastLine.Length, line.Length))}");
            }
            else if (line != lastLine)
            {
                output.WriteLine(line);
            }

            lastLine = line;
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        // Done by the leader, or served here: this process stops waiting to lead, and leaves the cluster.
        await served.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException) when (served.IsCancellationRequested)
        {
        }

        if (interactive && lastLine.Length > 0)
        {
            output.WriteLine();
        }

        await hosted.StopAsync(CancellationToken.None);
        return await ReportAsync(reader, request, output, ct);
    }

    private static async Task<string> ProgressLineAsync(
        DocumentReader reader, string kind, string projection, RebuildRequestStatus request, bool leading,
        CancellationToken ct)
    {
        var who = leading ? "this process (no leader running)" : "the leader";
        if (request.Status == "pending")
        {
            return $"waiting for {who} to take request {request.Id}...";
        }

        if (kind == RebuildRequest.Rebuild)
        {
            var rows = await reader.ProjectionsAsync(ct);
            var building = rows.FirstOrDefault(r => r.IsRebuilding && (projection == RebuildRequest.All || r.Name == projection));
            if (building?.Progress is { } progress)
            {
                return ProgressBar.Render(progress);
            }
        }

        return $"{kind} running in {who}...";
    }

    private static async Task<int> ReportAsync(DocumentReader reader, RebuildRequestStatus request, TextWriter output, CancellationToken ct)
    {
        var took = request.FinishedAt - request.StartedAt;
        if (request.Status == "failed")
        {
            output.WriteLine($"{request.Kind} {request.Id} FAILED: {request.Error}");
            return ExitCodes.RequestFailed;
        }

        output.WriteLine($"{request.Kind} {request.Id} done in {took?.TotalSeconds:0.00} s");
        StatusCommand.Write(await reader.StatusAsync(ct), output);
        return ExitCodes.Ok;
    }
}
