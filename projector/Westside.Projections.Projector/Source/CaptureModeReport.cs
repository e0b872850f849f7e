using Npgsql;

namespace Westside.Projections.Projector.Source;

// What `projector check` says about change capture: per table, "change marker" (polls read changed rows
// through the marker's index) or "xmin scan" (polls scan the table's xmin: correct, cost grows with the
// table), with what would enable the marker. Informational: the marker is never required, so nothing here
// fails the check; a marker column the role cannot read is named with its GRANT, like contract columns.
public static class CaptureModeReport
{
    public sealed record Line(string Table, bool ChangeMarker, string? Fix)
    {
        public override string ToString() =>
            $"{Table}: {(ChangeMarker ? "change marker" : "xmin scan")}{(Fix is null ? "" : $" — {Fix}")}";
    }

    public static async Task<IReadOnlyList<Line>> InspectAsync(NpgsqlConnection source, CancellationToken ct)
    {
        var role = await CurrentUserAsync(source, ct);
        var markers = await ChangeMarkerProbe.InspectAsync(source, null, ct);
        return SourceContract.Tables
            .Select(t => markers.TryGetValue(t.Name, out var m) ? m : new ChangeMarkerProbe.TableMarker(t.Name, ChangeMarkerProbe.Problem.NoColumn))
            .Select(m => new Line(m.Table, m.Usable, FixFor(m, role)))
            .ToList();
    }

    private static string? FixFor(ChangeMarkerProbe.TableMarker marker, string role)
    {
        var m = SourceContract.Marker;
        var qualified = $"{SourceContract.Schema}.{marker.Table}";
        return marker.Problem switch
        {
            ChangeMarkerProbe.Problem.None => null,
            ChangeMarkerProbe.Problem.NoColumn => $"no {m.Column} column (optional: apply {m.Migration})",
            ChangeMarkerProbe.Problem.WrongType => $"{marker.Table}.{m.Column} is not of type xid8 (see {m.Migration})",
            ChangeMarkerProbe.Problem.NotReadable =>
                $"{marker.Table}.{m.Column}: column is not readable by the role — fix: GRANT SELECT ({m.Column}) ON {qualified} TO {role};",
            ChangeMarkerProbe.Problem.NoTrigger =>
                $"trigger {m.Trigger} missing or not BEFORE INSERT OR UPDATE FOR EACH ROW (re-apply {m.Migration})",
            ChangeMarkerProbe.Problem.TriggerDisabled =>
                $"trigger {m.Trigger} is disabled — fix: ALTER TABLE {qualified} ENABLE TRIGGER {m.Trigger};",
            _ => throw new ArgumentOutOfRangeException(nameof(marker), marker.Problem, "unknown marker problem"),
        };
    }

    private static async Task<string> CurrentUserAsync(NpgsqlConnection source, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select current_user::text", source);
        return ContractCheck.Quote((string)(await cmd.ExecuteScalarAsync(ct))!);
    }
}
