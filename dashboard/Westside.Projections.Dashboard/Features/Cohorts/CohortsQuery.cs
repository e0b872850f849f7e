using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Projections.Cohorts;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Cohorts;

// Reads the cohorts projection: "{cohort}/{scope}" documents (kind "cohort") with the counts and, for a
// team, the list inline; wide scopes (all, an age group, no team) keep their list in "cohort-page"
// documents. A cohort with nobody in it has no documents at all.
public sealed class CohortsQuery(DocumentReader reader)
{
    public const string Projection = "cohorts";

    // Scope choices offered for one cohort (a club of 50,000 players has thousands of teams).
    private const int MaxScopes = 400;

    public async Task<CohortsView> ReadAsync(CohortsFilter filter, CancellationToken ct)
    {
        var cohorts = await CohortsAsync(ct);
        var scopes = await ScopesAsync(filter.CohortName, ct);
        return new CohortsView(filter, cohorts, scopes, await ListAsync(filter.CohortName, filter.ScopeId, ct));
    }

    // Every current cohort with its club-wide parent count: the fixed ones even when empty, then the
    // ones the projection has (tournament cohorts).
    public async Task<IReadOnlyList<CohortChoice>> CohortsAsync(CancellationToken ct)
    {
        var heads = await reader.ListAsync(
            new DocumentQuery(Projection, "cohort") { Contains = DocumentListing.Contains(("scope", "all")), Limit = 100 }, ct);
        var found = heads.Select(d => d.As<CohortDocument>()).ToDictionary(d => d.Cohort, StringComparer.Ordinal);
        return Cohort.Fixed
            .Select(c => new CohortChoice(c.Name, c.Label, found.TryGetValue(c.Name, out var d) ? d.ParentCount : 0))
            .Concat(found.Values.Where(d => Cohort.Fixed.All(c => c.Name != d.Cohort)).Select(d => new CohortChoice(d.Cohort, d.CohortLabel, d.ParentCount)))
            .ToList();
    }

    public async Task<CohortList?> ListAsync(string cohort, string scope, CancellationToken ct)
    {
        var head = (await reader.GetAsync(Projection, $"{cohort}/{scope}", ct))?.As<CohortDocument>();
        if (head is null)
        {
            return null;
        }

        var emails = head.Emails.ToList();
        var withoutEmail = head.ParentsWithoutEmail.ToList();
        if (head.Paged)
        {
            var pages = await reader.ListAsync(new DocumentQuery(Projection, "cohort-page")
            {
                Contains = DocumentListing.Contains(("cohort", cohort), ("scope", scope)),
                Limit = Math.Max(1, head.PageIds.Count),
            }, ct);
            foreach (var page in pages.Select(p => p.As<CohortPageDocument>()))
            {
                emails.AddRange(page.Emails);
                withoutEmail.AddRange(page.ParentsWithoutEmail);
            }
        }

        return new CohortList(
            head.Cohort, head.CohortLabel, head.Scope, head.ScopeLabel, head.PlayerCount, head.ParentCount,
            // The projection's order: case-insensitive, ordinal on the lower-case form.
            emails.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(e => e.ToLowerInvariant(), StringComparer.Ordinal).ToList(),
            withoutEmail.OrderBy(p => p.LastName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.FirstName, StringComparer.OrdinalIgnoreCase).ToList());
    }

    private async Task<IReadOnlyList<CohortChoice>> ScopesAsync(string cohort, CancellationToken ct)
    {
        var heads = await reader.ListAsync(
            new DocumentQuery(Projection, "cohort") { Contains = DocumentListing.Contains(("cohort", cohort)), Limit = MaxScopes }, ct);
        var scopes = heads.Select(d => d.As<CohortDocument>())
            .Select(d => new CohortChoice(d.Scope, ScopeLabel(d), d.ParentCount))
            .ToList();
        if (scopes.All(s => s.Value != "all"))
        {
            scopes.Insert(0, new CohortChoice("all", "All players", 0));
        }

        return scopes;
    }

    private static string ScopeLabel(CohortDocument d) => d.ScopeKind switch
    {
        CohortScope.AllKind => "All players",
        CohortScope.AgeKind => $"Age group {d.ScopeLabel}",
        CohortScope.NoTeamKind => "Players without a team",
        _ => d.ScopeLabel,
    };
}
