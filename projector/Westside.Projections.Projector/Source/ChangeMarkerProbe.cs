using Npgsql;

namespace Westside.Projections.Projector.Source;

// Per table, whether the optional change marker (SourceContract.Marker) is usable by the capture: the
// column exists with type xid8 and the role may read it, and the trigger that sets it exists, fires
// BEFORE INSERT and UPDATE FOR EACH ROW with no column list and no WHEN condition, and is ENABLED
// (tgenabled 'O' fires in normal sessions, 'A' always; 'R' and 'D' do not fire for the application).
// Read in the caller's transaction: inside the capture's REPEATABLE READ snapshot, the answer describes
// the catalog as of that very snapshot. The catalogs are readable by any role.
public static class ChangeMarkerProbe
{
    public enum Problem
    {
        None,
        NoColumn,
        WrongType,
        NotReadable,
        NoTrigger,
        TriggerDisabled,
    }

    public sealed record TableMarker(string Table, Problem Problem)
    {
        public bool Usable => Problem == Problem.None;
    }

    // TRIGGER_TYPE_ROW | BEFORE | INSERT | UPDATE (PostgreSQL's pg_trigger.tgtype bits 1, 2, 4, 16).
    private const int RowBeforeInsertUpdate = 1 | 2 | 4 | 16;

    public static async Task<IReadOnlyDictionary<string, TableMarker>> InspectAsync(
        NpgsqlConnection source, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var marker = SourceContract.Marker;
        await using var cmd = new NpgsqlCommand("""
            select t.name,
                   a.attnum is not null,
                   coalesce(a.atttypid = 'xid8'::regtype, false),
                   coalesce(has_column_privilege(c.oid, a.attnum, 'SELECT'), false),
                   g.tgenabled::text
            from unnest(@tables::text[]) as t(name)
            left join pg_class c on c.oid = to_regclass(format('%I.%I', @schema::text, t.name))
            left join pg_attribute a on a.attrelid = c.oid and a.attname = @column and not a.attisdropped
            left join pg_trigger g on g.tgrelid = c.oid and g.tgname = @trigger
                and (g.tgtype & @type) = @type and cardinality(g.tgattr::int2[]) = 0 and g.tgqual is null
            """, source, tx);
        cmd.Parameters.AddWithValue("tables", SourceContract.Tables.Select(t => t.Name).ToArray());
        cmd.Parameters.AddWithValue("schema", SourceContract.Schema);
        cmd.Parameters.AddWithValue("column", marker.Column);
        cmd.Parameters.AddWithValue("trigger", marker.Trigger);
        cmd.Parameters.AddWithValue("type", (short)RowBeforeInsertUpdate);
        var result = new Dictionary<string, TableMarker>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            var enabled = reader.IsDBNull(4) ? null : reader.GetString(4);
            var problem = !reader.GetBoolean(1) ? Problem.NoColumn
                : !reader.GetBoolean(2) ? Problem.WrongType
                : !reader.GetBoolean(3) ? Problem.NotReadable
                : enabled is null ? Problem.NoTrigger
                : enabled is not ("O" or "A") ? Problem.TriggerDisabled
                : Problem.None;
            result[table] = new TableMarker(table, problem);
        }

        return result;
    }
}
