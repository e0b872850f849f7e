using Npgsql;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Tests.Differential;

// What an oracle compares: the source as its owner sees it (a connection inside a REPEATABLE READ
// transaction, so every query sees the same rows), the projection's live documents, and the moment the
// documents were computed for (the snapshot time of the last captured change, ClubState.AsOf), which
// date-relative answers such as "days since the contract was sent" must use instead of now().
public sealed record OracleContext(
    NpgsqlConnection Source,
    IReadOnlyList<StoredDocument> Documents,
    DateTimeOffset AsOf)
{
    public IEnumerable<StoredDocument> OfKind(string kind) => Documents.Where(d => d.Kind == kind);
}
