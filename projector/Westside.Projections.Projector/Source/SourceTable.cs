using System.Data.Common;

namespace Westside.Projections.Projector.Source;

// One source table as the projector reads it: its columns (source names, in select order; the key first)
// and how a row of them becomes our row record.
public sealed record SourceTable(
    string Name,
    IReadOnlyList<string> Columns,
    Func<DbDataReader, int, object> ReadRow,
    Func<object, long> KeyOf)
{
    public string KeyColumn => Columns[0];

    public string SelectList(string alias) => string.Join(", ", Columns.Select(c => $"{alias}.{c}"));
}
