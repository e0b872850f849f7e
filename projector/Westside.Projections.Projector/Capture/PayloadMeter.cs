using System.Data.Common;
using System.Text;

namespace Westside.Projections.Projector.Capture;

// What the source sent for a result row, in bytes of the binary DataRow message: a 7-byte header, then per
// column a 4-byte length and the value (none for NULL). Computed from the values, once per fetched row.
public sealed class PayloadMeter
{
    private readonly int[] _fixedSizes;

    public PayloadMeter(DbDataReader reader)
    {
        _fixedSizes = new int[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _fixedSizes[i] = reader.GetDataTypeName(i) switch
            {
                "integer" or "date" => 4,
                "bigint" or "timestamp with time zone" or "timestamp without time zone" => 8,
                "boolean" => 1,
                "smallint" => 2,
                _ => -1,
            };
        }
    }

    public long Measure(DbDataReader reader)
    {
        long bytes = 7;
        for (var i = 0; i < _fixedSizes.Length; i++)
        {
            bytes += 4;
            if (reader.IsDBNull(i))
            {
                continue;
            }

            bytes += _fixedSizes[i] >= 0 ? _fixedSizes[i] : Encoding.UTF8.GetByteCount(reader.GetString(i));
        }

        return bytes;
    }
}
