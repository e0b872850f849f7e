using Westside.Projections.Fixture;

namespace Westside.Projections.Dashboard.Tests.Support;

// The expected numbers, computed straight from the generated dataset (not from the documents), so a
// page is checked against the source of truth the projector started from.
public static class ExpectedFrom
{
    public static readonly string[] Unsigned = ["none", "sent", "declined"];

    public static bool IsUnsigned(string status) => Unsigned.Contains(status);

    public static bool JerseyPaid(DemoDataset data, int playerId) =>
        data.JerseyPayments.Where(p => p.PlayerId == playerId).Sum(p => (long)p.AmountCents) > 0;

    public static bool DuesPastDue(DemoDataset data, int playerId) =>
        data.Subscriptions.Any(s => s.PlayerId == playerId && s.Status == "past_due");

    public static IEnumerable<int> ClusterParents(DemoDataset data) =>
        data.Players.Where(p => IsUnsigned(p.ContractStatus)).GroupBy(p => p.ParentId).Where(g => g.Count() >= 2).Select(g => g.Key);

    public static IReadOnlyList<string> CohortEmails(DemoDataset data, Func<ReadModel.Events.PlayerRow, bool> includes)
    {
        var parents = data.Players.Where(includes).Select(p => p.ParentId).ToHashSet();
        return data.Parents
            .Where(p => parents.Contains(p.Id) && !string.IsNullOrWhiteSpace(p.Email))
            .Select(p => p.Email!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
