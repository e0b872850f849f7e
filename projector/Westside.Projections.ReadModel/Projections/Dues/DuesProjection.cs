using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Dues;

// Monthly dues: per player standing (per team, teams with the most past-due players first), the
// past-due list, club totals. Inside a team: past due (oldest period end first), canceled,
// no subscription, active; then last name, first name, id.
public sealed class DuesProjection(int pageSize = DuesProjection.DefaultPageSize) : IProjection
{
    public const int DefaultPageSize = 100;
    public const string SummaryId = "summary";
    private const string PastDue = "past_due";
    private const string PastDuePrefix = "past-due:";

    public string Name => "dues";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
            AddSubscriptionsOf(state, player.Id, documentIds);
            documentIds.Add(SummaryId);
        }

        foreach (var subscription in EventRows.Subscriptions(state, domainEvent))
        {
            documentIds.Add(PastDueId(subscription.Id));
            documentIds.Add(SummaryId);
            if (state.Player(subscription.PlayerId) is { } player)
            {
                TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
            }
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, teamId, pageSize);
            foreach (var player in state.PlayersOfTeam(teamId))
            {
                AddSubscriptionsOf(state, player.Id, documentIds);
            }
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            foreach (var id in state.SubscriptionsByParent[parent.Id])
            {
                documentIds.Add(PastDueId(id));
            }
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == SummaryId)
        {
            return RenderSummary(state);
        }

        if (documentId.StartsWith(PastDuePrefix, StringComparison.Ordinal))
        {
            return int.TryParse(documentId.AsSpan(PastDuePrefix.Length), out var id)
                && PastDueId(id) == documentId
                && state.Subscriptions.TryGetValue(id, out var subscription)
                && subscription.Status == PastDue
                ? RenderPastDue(state, subscription)
                : null;
        }

        return TeamGroups.TryParse(documentId, out var teamId, out var page) ? RenderGroup(state, teamId, page) : null;
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        if (state.Players.Count > 0 || state.Subscriptions.Count > 0)
        {
            yield return SummaryId;
        }

        foreach (var id in TeamGroups.AllPages(state, pageSize))
        {
            yield return id;
        }

        foreach (var subscription in state.Subscriptions.Values.Where(s => s.Status == PastDue).OrderBy(s => s.Id))
        {
            yield return PastDueId(subscription.Id);
        }
    }

    private ProjectedDocument? RenderGroup(ClubState state, int? teamId, int page)
    {
        var players = state.PlayersOfTeam(teamId)
            .Select(p => ToDuesPlayer(state, p))
            .OrderBy(p => DisplayRank(p.Status))
            .ThenBy(p => p.Status == PastDue ? p.CurrentPeriodEnd : null)
            .ThenBy(p => p.LastName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(p => p.FirstName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(p => p.PlayerId)
            .ToList();
        if (TeamGroupPage<DuesPlayer>.Of(state, teamId, page, pageSize, players, p => [p.FirstName, p.LastName]) is not { } group)
        {
            return null;
        }

        var team = group.Team;
        if (!group.IsHead)
        {
            return group.Continuation(new DuesPageDocument(teamId, team?.AgeGroup, page, group.PageCount, group.Items));
        }

        var subscriptions = players.SelectMany(p => p.Subscriptions).ToList();
        var pastDue = players.Count(p => p.Status == PastDue);
        var data = new DuesTeamDocument(
            teamId, team?.Name, team?.AgeGroup, players.Count,
            players.Count(p => p.Status == "active"), pastDue, players.Count(p => p.Status == "canceled"),
            players.Count(p => p.Status == "none"),
            subscriptions.Where(s => s.Status == "active").Sum(s => (long)s.AmountCents),
            subscriptions.Where(s => s.Status == PastDue).Sum(s => (long)s.AmountCents),
            page, group.PageCount, group.Items);
        return group.Head(pastDue, data);
    }

    private static ProjectedDocument RenderPastDue(ClubState state, SubscriptionRow subscription)
    {
        var player = state.Player(subscription.PlayerId);
        var team = state.Team(player?.TeamId);
        var parent = state.Parent(subscription.ParentId);
        var data = new PastDueDocument(
            subscription.Id, subscription.PlayerId, player?.FirstName, player?.LastName, player?.TeamId, team?.Name, team?.AgeGroup,
            subscription.ParentId, parent?.FirstName, parent?.LastName,
            ClubFacts.HasText(parent?.Email) ? parent!.Email : null,
            ClubFacts.HasText(parent?.Phone) ? parent!.Phone : null,
            subscription.Plan, subscription.AmountCents, subscription.CurrentPeriodEnd);
        return new ProjectedDocument(
            "past-due",
            SortKeys.Join(SortKeys.Day(subscription.CurrentPeriodEnd), SortKeys.Id(subscription.Id)),
            SearchText.Of(player?.FirstName, player?.LastName, parent?.FirstName, parent?.LastName),
            data);
    }

    // Exists while there are players or subscriptions: only their events change it.
    private static ProjectedDocument? RenderSummary(ClubState state)
    {
        if (state.Players.Count == 0 && state.Subscriptions.Count == 0)
        {
            return null;
        }

        var statuses = state.Players.Keys.Select(state.DuesStatus).ToList();
        var subscriptions = state.Subscriptions.Values.ToList();
        var data = new DuesSummaryDocument(
            statuses.Count,
            statuses.Count(s => s == "active"),
            statuses.Count(s => s == PastDue),
            statuses.Count(s => s == "canceled"),
            statuses.Count(s => s == "none"),
            subscriptions.Count,
            subscriptions.Count(s => s.Status == "active"),
            subscriptions.Count(s => s.Status == PastDue),
            subscriptions.Count(s => s.Status == "canceled"),
            subscriptions.Where(s => s.Status == "active").Sum(s => (long)s.AmountCents),
            subscriptions.Where(s => s.Status == PastDue).Sum(s => (long)s.AmountCents));
        return new ProjectedDocument("summary", "", "", data);
    }

    private static DuesPlayer ToDuesPlayer(ClubState state, PlayerRow player)
    {
        var standing = state.Dues(player.Id);
        return new DuesPlayer(
            player.Id, player.FirstName, player.LastName, standing.Status,
            standing.Deciding?.CurrentPeriodEnd, standing.Deciding?.AmountCents,
            standing.Subscriptions
                .Select(s => new DuesSubscription(s.Id, s.ParentId, s.Plan, s.Status, s.AmountCents, s.CurrentPeriodEnd))
                .ToList());
    }

    private static void AddSubscriptionsOf(ClubState state, int playerId, ISet<string> documentIds)
    {
        foreach (var id in state.SubscriptionsByPlayer[playerId])
        {
            documentIds.Add(PastDueId(id));
        }
    }

    private static int DisplayRank(string status) => status switch
    {
        PastDue => 0,
        "canceled" => 1,
        "none" => 2,
        _ => 3,
    };

    private static string PastDueId(int subscriptionId) => PastDuePrefix + subscriptionId;
}
