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

    public const int CandidatesPerPage = 20;

    // Families whose parent's or kids' names contain the text (the projection's search column), in the
    // page's order (parent last name, first name), one page of candidates at a time.
    public async Task<FamilySearchView> SearchAsync(string q, int page, CancellationToken ct)
    {
        var query = new DocumentQuery(Projection, "family")
        {
            Search = q, Limit = CandidatesPerPage, Offset = (page - 1) * CandidatesPerPage,
        };
        var found = (await reader.ListAsync(query, ct)).Select(d => d.As<FamilyDocument>()).ToList();
        var matching = found.Count < CandidatesPerPage && page == 1 ? found.Count : await reader.CountAsync(query, ct);
        var candidates = found.Select(f => new FamilyCandidate(
            f.ParentId, f.FirstName, f.LastName, f.KidCount, f.UnsignedCount,
            f.Kids.Select(k => new FamilyCandidateKid(k.PlayerId, k.FirstName, k.LastName, k.TeamName)).ToList())).ToList();
        return new FamilySearchView(q, candidates, matching, page, (int)Math.Max(1, (matching + CandidatesPerPage - 1) / CandidatesPerPage));
    }

    // The family a player belongs to: the document whose playerIds contain the player (jsonb
    // containment, served by the GIN index on documents.filters).
    public async Task<int?> ParentOfAsync(int playerId, CancellationToken ct)
    {
        var contains = JsonSerializer.Serialize(new { playerIds = new[] { playerId } }, DocumentJson.Options);
        var found = await reader.ListAsync(new DocumentQuery(Projection, "family") { Contains = contains, Limit = 1 }, ct);
        return found.Count == 0 ? null : found[0].As<FamilyDocument>().ParentId;
    }
}
