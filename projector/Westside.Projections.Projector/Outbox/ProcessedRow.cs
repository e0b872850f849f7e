namespace Westside.Projections.Projector.Outbox;

// One processed outbox row as the latency ledger keeps it (UTC times).
public readonly record struct ProcessedRow(string EventType, DateTime CreatedAt, DateTime ProcessedAt, int Attempts)
{
    public double LatencySeconds => (ProcessedAt - CreatedAt).TotalSeconds;
}
