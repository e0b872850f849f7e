using System.Text.Json;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Projections.Families;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Families;

// Reads the families projection: one "family" document per parent ("parent:{id}").
public sealed class FamiliesQuery(DocumentReader reader)
{
    public const string Projection = "families";

    public async Task<FamilyDocument?> FamilyAsync(int parentId, CancellationToken ct) =>
        (await reader.GetAsync(Projection, $"parent:{parentId}", ct))?.As<FamilyDocument>();

    // The family a player belongs to: the document whose playerIds contain the player (jsonb
    // containment, served by the GIN index on documents.filters).
    public async Task<int?> ParentOfAsync(int playerId, CancellationToken ct)
    {
        var contains = JsonSerializer.Serialize(new { playerIds = new[] { playerId } }, DocumentJson.Options);
        var found = await reader.ListAsync(new DocumentQuery(Projection, "family") { Contains = contains, Limit = 1 }, ct);
        return found.Count == 0 ? null : found[0].As<FamilyDocument>().ParentId;
    }
}
