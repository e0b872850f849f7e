using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Jerseys;

// Story "jerseys": who has and hasn't paid, cash included. Teams with the most unpaid players first
// (then name, id); inside a team unpaid first, then last name, first name, id.
public sealed class JerseysProjection(int pageSize = JerseysProjection.DefaultPageSize) : IProjection
{
    public const int DefaultPageSize = 100;
    public const string SummaryId = "summary";

    public string Name => "jerseys";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
            documentIds.Add(SummaryId);
        }

        foreach (var payment in EventRows.JerseyPayments(state, domainEvent))
        {
            if (state.Player(payment.PlayerId) is { } player)
            {
                TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
                documentIds.Add(SummaryId);
            }
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, teamId, pageSize);
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == SummaryId)
        {
            return RenderSummary(state);
        }

        return TeamGroups.TryParse(documentId, out var teamId, out var page) ? RenderGroup(state, teamId, page) : null;
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        if (state.Players.Count > 0)
        {
            yield return SummaryId;
        }

        foreach (var id in TeamGroups.AllPages(state, pageSize))
        {
            yield return id;
        }
    }

    private ProjectedDocument? RenderGroup(ClubState state, int? teamId, int page)
    {
        var players = state.PlayersOfTeam(teamId)
            .Select(p => ToJerseyPlayer(state, p))
            .OrderBy(p => p.Paid)
            .ThenBy(p => p.LastName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(p => p.FirstName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(p => p.PlayerId)
            .ToList();
        if (TeamGroupPage<JerseyPlayer>.Of(state, teamId, page, pageSize, players, p => [p.FirstName, p.LastName]) is not { } group)
        {
            return null;
        }

        var team = group.Team;
        if (!group.IsHead)
        {
            return group.Continuation(new JerseyPageDocument(teamId, team?.AgeGroup, page, group.PageCount, group.Items));
        }

        var paid = players.Count(p => p.Paid);
        var data = new JerseyTeamDocument(
            teamId, team?.Name, team?.AgeGroup, players.Count, paid, players.Count - paid, players.Sum(p => p.NetCents),
            MethodTotals(players.SelectMany(p => p.Payments)), page, group.PageCount, group.Items);
        return group.Head(players.Count - paid, data);
    }

    // Exists while the club has players.
    private static ProjectedDocument? RenderSummary(ClubState state)
    {
        if (state.Players.Count == 0)
        {
            return null;
        }

        var paid = state.Players.Keys.Count(state.JerseyPaid);
        var payments = state.JerseyPayments.Values
            .Where(p => state.Players.ContainsKey(p.PlayerId))
            .Select(ToPayment)
            .ToList();
        var recorders = payments
            .Where(p => p.Method == "cash" && ClubFacts.HasText(p.RecordedBy))
            .GroupBy(p => p.RecordedBy!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new JerseyRecorder(g.Key, g.Count(), g.Sum(p => (long)p.AmountCents)))
            .ToList();
        var data = new JerseySummaryDocument(
            state.Players.Count, paid, state.Players.Count - paid,
            payments.Sum(p => (long)p.AmountCents),
            payments.Where(p => !p.Refund).Sum(p => (long)p.AmountCents),
            -payments.Where(p => p.Refund).Sum(p => (long)p.AmountCents),
            MethodTotals(payments), recorders);
        return new ProjectedDocument("summary", "", "", data);
    }

    private static IReadOnlyList<JerseyMethodTotal> MethodTotals(IEnumerable<JerseyPayment> payments) =>
        payments
            .GroupBy(p => p.Method, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new JerseyMethodTotal(g.Key, g.Count(p => !p.Refund), g.Count(p => p.Refund), g.Sum(p => (long)p.AmountCents)))
            .ToList();

    private static JerseyPlayer ToJerseyPlayer(ClubState state, PlayerRow player)
    {
        var standing = state.Jersey(player.Id);
        return new JerseyPlayer(
            player.Id, player.FirstName, player.LastName, player.JerseySize, player.JerseyNumber, player.ContractStatus,
            standing.Paid, standing.NetCents, standing.Methods, standing.LastPaidAt, standing.CashRecordedBy,
            standing.Payments.Select(ToPayment).ToList());
    }

    private static JerseyPayment ToPayment(JerseyPaymentRow row) =>
        new(row.Id, row.AmountCents, row.Method, row.PaidAt, row.RecordedBy, row.Note, row.AmountCents < 0);
}
