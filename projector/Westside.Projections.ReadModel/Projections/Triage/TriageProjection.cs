using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Triage;

// Story "triage": who has not signed, grouped by team, most actionable first.
// Teams: most unsigned players first, then team name, then id (the no-team group ranks like a team).
// Inside a group: 'sent' first, longest waiting first (oldest contract sent date; a 'sent' player with
// no live contract row after the dated ones), then 'declined', then 'none'; ties by last name, first
// name, player id.
// pageSize: players per document (the default keeps a page well under 50 KB; tests use tiny pages).
public sealed class TriageProjection(int pageSize = TriageProjection.DefaultPageSize) : IProjection
{
    public const int DefaultPageSize = 100;
    public const string SummaryId = "summary";

    public string Name => "triage";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
            documentIds.Add(SummaryId);
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            foreach (var kid in state.PlayersOfParent(parent.Id))
            {
                TeamGroups.AddGroup(documentIds, state, kid.TeamId, pageSize);
            }
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            TeamGroups.AddGroup(documentIds, state, teamId, pageSize);
        }

        foreach (var contract in EventRows.Contracts(state, domainEvent))
        {
            if (state.Player(contract.PlayerId) is { } player)
            {
                TeamGroups.AddGroup(documentIds, state, player.TeamId, pageSize);
            }
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

        var unsignedOf = (int? teamId) => state.PlayersOfTeam(teamId).Count(p => ClubFacts.IsUnsigned(p.ContractStatus));
        foreach (var id in TeamGroups.AllPages(state, pageSize, unsignedOf))
        {
            yield return id;
        }
    }

    private ProjectedDocument? RenderGroup(ClubState state, int? teamId, int page)
    {
        var all = state.PlayersOfTeam(teamId).ToList();
        var unsigned = all
            .Where(p => ClubFacts.IsUnsigned(p.ContractStatus))
            .Select(p => ToTriagePlayer(state, p))
            .OrderBy(p => p, TriageOrder.Instance)
            .ToList();
        var group = TeamGroupPage<TriagePlayer>.Of(
            state, teamId, page, pageSize, unsigned, p => [p.FirstName, p.LastName, p.ParentFirstName, p.ParentLastName]);
        if (group is null)
        {
            return null;
        }

        var team = group.Team;
        if (!group.IsHead)
        {
            return group.Continuation(new TriagePageDocument(teamId, team?.AgeGroup, page, group.PageCount, group.Items));
        }

        var sent = unsigned.Count(p => p.ContractStatus == ClubFacts.Sent);
        var declined = unsigned.Count(p => p.ContractStatus == ClubFacts.Declined);
        var none = unsigned.Count - sent - declined;
        var statuses = unsigned.Select(p => p.ContractStatus).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var data = new TriageTeamDocument(
            teamId, team?.Name, team?.AgeGroup, team?.Season, team?.Gender, team?.CoachName,
            all.Count, unsigned.Count, sent, declined, none, statuses, page, group.PageCount, group.Items);
        return group.Head(unsigned.Count, data);
    }

    private static TriagePlayer ToTriagePlayer(ClubState state, PlayerRow player)
    {
        var contract = state.LatestLiveContract(player.Id);
        var parent = state.Parent(player.ParentId);
        return new TriagePlayer(
            player.Id, player.FirstName, player.LastName, player.ContractStatus,
            contract?.Id, contract?.Version, contract?.SentAt, contract?.DeclinedAt,
            player.ParentId, parent?.FirstName, parent?.LastName,
            ClubFacts.HasText(parent?.Email) ? parent!.Email : null,
            ClubFacts.HasText(parent?.Phone) ? parent!.Phone : null);
    }

    // Exists while the club has players: only player events change it, so only they name it.
    private static ProjectedDocument? RenderSummary(ClubState state)
    {
        if (state.Players.Count == 0)
        {
            return null;
        }

        int total = 0, signed = 0, sent = 0, declined = 0, none = 0, noTeam = 0;
        var teams = new HashSet<int>();
        foreach (var player in state.Players.Values)
        {
            total++;
            switch (player.ContractStatus)
            {
                case ClubFacts.Signed: signed++; break;
                case ClubFacts.Sent: sent++; break;
                case ClubFacts.Declined: declined++; break;
                case ClubFacts.None: none++; break;
                default: break;
            }

            if (ClubFacts.IsUnsigned(player.ContractStatus))
            {
                if (player.TeamId is { } teamId)
                {
                    teams.Add(teamId);
                }
                else
                {
                    noTeam++;
                }
            }
        }

        var data = new TriageSummaryDocument(
            total, signed, sent + declined + none, sent, declined, none, teams.Count, noTeam);
        return new ProjectedDocument("summary", "", "", data);
    }

    private sealed class TriageOrder : IComparer<TriagePlayer>
    {
        public static readonly TriageOrder Instance = new();

        public int Compare(TriagePlayer? x, TriagePlayer? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var byRank = Rank(x.ContractStatus).CompareTo(Rank(y.ContractStatus));
            if (byRank != 0)
            {
                return byRank;
            }

            if (x.ContractStatus == ClubFacts.Sent)
            {
                var bySent = (x.ContractSentAt ?? DateTimeOffset.MaxValue).CompareTo(y.ContractSentAt ?? DateTimeOffset.MaxValue);
                if (bySent != 0)
                {
                    return bySent;
                }
            }

            var byLast = string.CompareOrdinal(x.LastName.ToLowerInvariant(), y.LastName.ToLowerInvariant());
            if (byLast != 0)
            {
                return byLast;
            }

            var byFirst = string.CompareOrdinal(x.FirstName.ToLowerInvariant(), y.FirstName.ToLowerInvariant());
            return byFirst != 0 ? byFirst : x.PlayerId.CompareTo(y.PlayerId);
        }

        private static int Rank(string status) => status switch
        {
            ClubFacts.Sent => 0,
            ClubFacts.Declined => 1,
            _ => 2,
        };
    }
}
