using Npgsql;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Source;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Commands;

// What `check` reports and `run` insists on before polling: a read-only source role, a source that
// honours the contract, and a reachable, migrated store. Returns an exit code; writes what to fix.
public static class StartupCheck
{
    public static async Task<int> RunAsync(ProjectorSettings settings, TextWriter output, CancellationToken ct)
    {
        output.WriteLine($"source: {PgConnectionString.Describe(settings.SourceConnectionString)}");
        NpgsqlConnection source;
        try
        {
            source = new NpgsqlConnection(settings.SourceConnectionString);
            await source.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            output.WriteLine($"FAIL source unreachable: {e.Message}");
            return ExitCodes.SourceUnavailable;
        }

        await using (source)
        {
            var findings = await ReadOnlyGuard.InspectAsync(source, ct);
            if (findings.Count > 0)
            {
                output.WriteLine($"FAIL the source role can write: refusing to run ({findings.Count} finding(s)):");
                foreach (var finding in findings)
                {
                    output.WriteLine($"  - {finding}");
                }

                return ExitCodes.WriteCapableRole;
            }

            output.WriteLine("ok   source role is read-only");
            var gaps = await ContractCheck.InspectAsync(source, ct);
            if (gaps.Count > 0)
            {
                output.WriteLine($"FAIL the source does not honour the contract ({gaps.Count} gap(s)):");
                foreach (var gap in gaps)
                {
                    output.WriteLine($"  - {gap}");
                }

                return ExitCodes.ContractMismatch;
            }

            var columns = SourceContract.Tables.Sum(t => t.Columns.Count);
            output.WriteLine($"ok   source contract: {SourceContract.Tables.Count} tables, {columns} columns readable");
            var modes = await CaptureModeReport.InspectAsync(source, ct);
            var marked = modes.Count(m => m.ChangeMarker);
            output.WriteLine($"ok   capture mode: change marker on {marked} of {modes.Count} tables, xmin scan on {modes.Count - marked}" +
                (marked == modes.Count ? "" : $" (optional: {SourceContract.Marker.Migration} lets polls read only changed rows)"));
            foreach (var mode in modes)
            {
                output.WriteLine($"       {mode}");
            }
        }

        output.WriteLine($"store:  {PgConnectionString.Describe(settings.StoreConnectionString)}");
        try
        {
            await using var store = NpgsqlDataSource.Create(settings.StoreConnectionString);
            var applied = await StoreMigrator.MigrateAsync(store, ct);
            var pending = await StoreMigrator.PendingAsync(store, ct);
            if (pending.Count > 0)
            {
                output.WriteLine($"FAIL store migrations still pending: {string.Join(", ", pending)}");
                return ExitCodes.StoreUnavailable;
            }

            output.WriteLine(applied.Count == 0
                ? $"ok   store reachable and migrated ({StoreMigrator.All.Count} migrations)"
                : $"ok   store reachable; applied {string.Join(", ", applied)}");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            output.WriteLine($"FAIL store unreachable or not migratable: {e.Message}");
            return ExitCodes.StoreUnavailable;
        }

        return ExitCodes.Ok;
    }
}
