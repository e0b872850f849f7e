namespace Westside.Projections.Projector.Source;

// The optional change marker basketball-api may add (ops/sql/source/optional/0003_change_marker.sql): a
// column set by a BEFORE INSERT OR UPDATE row trigger to pg_current_xact_id() (the 64-bit top-level
// transaction id), with a btree index. Names live here, beside the rest of the mapping layer.
public sealed record ChangeMarker(string Column, string Trigger, string Migration);
