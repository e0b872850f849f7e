using System.Globalization;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Tests.Engine;

// A small real projection for the runtime's tests: one document per player holding its row.
public sealed class PlayerRowsProjection(string name = "test-players") : IProjection
{
    public string Name { get; } = name;

    public static string IdOf(int playerId) => $"player:{playerId.ToString(CultureInfo.InvariantCulture)}";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        switch (domainEvent)
        {
            case IRowEvent<PlayerRow> e: documentIds.Add(IdOf(e.Row.Id)); break;
            case PlayerRemoved e: documentIds.Add(IdOf((int)e.Key)); break;
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        var id = int.Parse(documentId["player:".Length..], CultureInfo.InvariantCulture);
        if (!state.Players.TryGetValue(id, out var row))
        {
            return null;
        }

        return new ProjectedDocument(
            "player",
            $"{row.LastName.ToLowerInvariant()}|{row.Id:D8}",
            $"{row.FirstName} {row.LastName}".ToLowerInvariant(),
            row);
    }

    public IEnumerable<string> AllDocumentIds(ClubState state) => state.Players.Keys.Select(IdOf);
}
