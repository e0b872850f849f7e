namespace Westside.Projections.Projector.Source;

// The outbox by column name, for queries that aggregate rather than read row records (the outbox
// sampler). Every name must be one of the table's mapped columns, so `projector check` covers it;
// the status values are basketball-api's.
public sealed record OutboxColumns
{
    public OutboxColumns(SourceTable table, string eventType, string aggregateId, string status, string attempts,
        string lastError, string createdAt, string processedAt, string pending, string processed, string failed)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var column in new[] { eventType, aggregateId, status, attempts, lastError, createdAt, processedAt })
        {
            if (!table.Columns.Contains(column))
            {
                throw new InvalidOperationException($"OutboxColumns names '{column}', which SourceContract.{table.Name} does not map.");
            }
        }

        Table = $"{SourceContract.Schema}.{table.Name}";
        Id = table.KeyColumn;
        (EventType, AggregateId, Status, Attempts, LastError, CreatedAt, ProcessedAt) =
            (eventType, aggregateId, status, attempts, lastError, createdAt, processedAt);
        (Pending, Processed, Failed) = (pending, processed, failed);
    }

    // Schema-qualified table name.
    public string Table { get; }
    public string Id { get; }
    public string EventType { get; }
    public string AggregateId { get; }
    public string Status { get; }
    public string Attempts { get; }
    public string LastError { get; }
    public string CreatedAt { get; }
    public string ProcessedAt { get; }

    // Status values.
    public string Pending { get; }
    public string Processed { get; }
    public string Failed { get; }
}
