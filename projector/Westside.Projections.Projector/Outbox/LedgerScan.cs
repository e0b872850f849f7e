namespace Westside.Projections.Projector.Outbox;

// What the latency ledger needs read from the source this poll: the processed rows created at or
// after LiveFrom (all of them when Rebuild) and, when Chunk is set, those created in [From, To);
// in both cases only rows processed at or after DayAgo.
public sealed record LedgerScan(bool Rebuild, DateTime LiveFrom, (DateTime From, DateTime To)? Chunk, DateTime DayAgo);
