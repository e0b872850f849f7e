using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.DataGaps;

// Story "what are my data gaps": one document per gap and subject, oldest first within a gap
// (teams and parents by name), plus a summary of counts.
public sealed class DataGapsProjection : IProjection
{
    public const string SummaryId = "summary";

    public string Name => "gaps";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        var counted = false;
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            AddPlayer(state, player.Id, documentIds);
            documentIds.Add(Id(Gaps.ParentUnreachable, "parent", player.ParentId));
            counted = true;
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            documentIds.Add(Id(Gaps.ParentUnreachable, "parent", parent.Id));
            foreach (var kid in state.PlayersOfParent(parent.Id))
            {
                AddPlayer(state, kid.Id, documentIds);
            }

            counted = true;
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            documentIds.Add(Id(Gaps.TeamWithoutGroupMe, "team", teamId));
            foreach (var player in state.PlayersOfTeam(teamId))
            {
                AddPlayer(state, player.Id, documentIds);
            }

            counted = true;
        }

        foreach (var contract in EventRows.Contracts(state, domainEvent))
        {
            AddPlayerGaps(contract.PlayerId, documentIds);
        }

        foreach (var payment in EventRows.JerseyPayments(state, domainEvent))
        {
            documentIds.Add(Id(Gaps.SignedWithoutJersey, "player", payment.PlayerId));
            counted = true;
        }

        foreach (var email in EventRows.Emails(state, domainEvent))
        {
            if (email.PlayerId is { } playerId)
            {
                foreach (var outboxId in state.OutboxByAggregate[playerId])
                {
                    documentIds.Add(Id(Gaps.OutboxWithoutEmail, "outbox", outboxId));
                }
            }

            counted = true;
        }

        foreach (var row in EventRows.Outbox(state, domainEvent))
        {
            AddOutbox(row.Id, documentIds);
            documentIds.Add(Id(Gaps.SignedWithoutOutbox, "player", row.AggregateId));
            counted = true;
        }

        if (counted)
        {
            documentIds.Add(SummaryId);
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (documentId == SummaryId)
        {
            return RenderSummary(state);
        }

        var slash = documentId.IndexOf('/', StringComparison.Ordinal);
        var colon = documentId.LastIndexOf(':');
        if (slash <= 0 || colon < slash || !long.TryParse(documentId.AsSpan(colon + 1), out var id))
        {
            return null;
        }

        var gap = documentId[..slash];
        var subject = documentId[(slash + 1)..colon];
        if (Id(gap, subject, id) != documentId)
        {
            return null;
        }

        return subject switch
        {
            "player" when Gaps.PlayerGaps.Contains(gap) && state.Player((int)id) is { } player && Gaps.Has(state, gap, player) =>
                RenderPlayerGap(state, gap, player),
            "outbox" when Gaps.OutboxGaps.Contains(gap) && state.Outbox.TryGetValue(id, out var row) && Gaps.Has(state, gap, row) =>
                RenderOutboxGap(state, gap, row),
            "team" when gap == Gaps.TeamWithoutGroupMe && state.Team((int)id) is { } team && Gaps.Has(team) =>
                RenderTeamGap(team),
            "parent" when gap == Gaps.ParentUnreachable && state.Parent((int)id) is { } parent && Gaps.Has(parent) =>
                RenderParentGap(state, parent),
            _ => null,
        };
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        if (Exists(state))
        {
            yield return SummaryId;
        }

        foreach (var player in state.Players.Values.OrderBy(p => p.Id))
        {
            foreach (var gap in Gaps.PlayerGaps.Where(g => Gaps.Has(state, g, player)))
            {
                yield return Id(gap, "player", player.Id);
            }
        }

        foreach (var row in state.Outbox.Values.OrderBy(r => r.Id))
        {
            foreach (var gap in Gaps.OutboxGaps.Where(g => Gaps.Has(state, g, row)))
            {
                yield return Id(gap, "outbox", row.Id);
            }
        }

        foreach (var team in state.Teams.Values.Where(Gaps.Has).OrderBy(t => t.Id))
        {
            yield return Id(Gaps.TeamWithoutGroupMe, "team", team.Id);
        }

        foreach (var parent in state.Parents.Values.Where(Gaps.Has).OrderBy(p => p.Id))
        {
            yield return Id(Gaps.ParentUnreachable, "parent", parent.Id);
        }
    }

    private static ProjectedDocument RenderPlayerGap(ClubState state, string gap, PlayerRow player)
    {
        var contract = player.ContractStatus == ClubFacts.Signed ? state.LatestSignedContract(player.Id) : null;
        var records = PlayerRecords(state, player).ToList();
        if (contract is not null)
        {
            records.Add(new GapRecord("contract", contract.Id, contract.Version, contract.Status));
        }

        var since = gap == Gaps.PlayerWithoutTeam ? player.CreatedAt : contract?.SignedAt ?? player.UpdatedAt;
        var data = new DataGapDocument(gap, since, player.Id, player.ParentId, player.TeamId, null, player.ContractStatus, null, null, records);
        return Document(gap, SortKeys.Join(SortKeys.Time(since), SortKeys.Id(player.Id)), records, data);
    }

    private static ProjectedDocument RenderOutboxGap(ClubState state, string gap, OutboxRow row)
    {
        var records = new List<GapRecord> { new("outbox", row.Id, row.EventType, row.Status) };
        var player = state.Player(row.AggregateId);
        if (player is not null)
        {
            records.AddRange(PlayerRecords(state, player));
        }

        var since = gap == Gaps.OutboxWithoutEmail ? row.ProcessedAt ?? row.CreatedAt : row.CreatedAt;
        var data = new DataGapDocument(
            gap, since, row.AggregateId, player?.ParentId, player?.TeamId, row.Id, row.Status, row.Attempts, row.LastError, records);
        return Document(gap, SortKeys.Join(SortKeys.Time(since), SortKeys.Id(row.Id)), records, data);
    }

    private static ProjectedDocument RenderTeamGap(TeamRow team)
    {
        List<GapRecord> records = [new("team", team.Id, team.Name, team.AgeGroup)];
        var data = new DataGapDocument(
            Gaps.TeamWithoutGroupMe, team.CreatedAt, null, null, team.Id, null, team.GroupMeGroupId is null ? "no group" : "no share link",
            null, null, records);
        return Document(Gaps.TeamWithoutGroupMe, SortKeys.Join(SortKeys.Text(team.Name), SortKeys.Id(team.Id)), records, data);
    }

    private static ProjectedDocument RenderParentGap(ClubState state, ParentRow parent)
    {
        var records = new List<GapRecord> { new("parent", parent.Id, FullName(parent.FirstName, parent.LastName), null) };
        records.AddRange(state.PlayersOfParent(parent.Id)
            .Select(kid => new GapRecord("player", kid.Id, FullName(kid.FirstName, kid.LastName), kid.ContractStatus)));
        var data = new DataGapDocument(Gaps.ParentUnreachable, parent.CreatedAt, null, parent.Id, null, null, null, null, null, records);
        var sortKey = SortKeys.Join(SortKeys.Text(parent.LastName), SortKeys.Text(parent.FirstName), SortKeys.Id(parent.Id));
        return Document(Gaps.ParentUnreachable, sortKey, records, data);
    }

    // Exists while any subject of a gap does (players, parents, teams or outbox rows); events on
    // those tables, and on the emails and payments that close gaps, name it.
    private static ProjectedDocument? RenderSummary(ClubState state)
    {
        if (!Exists(state))
        {
            return null;
        }

        var counts = Gaps.All.ToDictionary(g => g.Gap, _ => 0, StringComparer.Ordinal);
        foreach (var player in state.Players.Values)
        {
            foreach (var gap in Gaps.PlayerGaps.Where(g => Gaps.Has(state, g, player)))
            {
                counts[gap]++;
            }
        }

        foreach (var row in state.Outbox.Values)
        {
            foreach (var gap in Gaps.OutboxGaps.Where(g => Gaps.Has(state, g, row)))
            {
                counts[gap]++;
            }
        }

        counts[Gaps.TeamWithoutGroupMe] = state.Teams.Values.Count(Gaps.Has);
        counts[Gaps.ParentUnreachable] = state.Parents.Values.Count(Gaps.Has);
        var list = Gaps.All.Select(g => new GapCount(g.Gap, g.Label, counts[g.Gap])).ToList();
        return new ProjectedDocument("summary", "", "", new DataGapSummaryDocument(list.Sum(c => c.Count), list));
    }

    private static bool Exists(ClubState state) =>
        state.Players.Count > 0 || state.Parents.Count > 0 || state.Teams.Count > 0 || state.Outbox.Count > 0;

    private static IEnumerable<GapRecord> PlayerRecords(ClubState state, PlayerRow player)
    {
        yield return new GapRecord("player", player.Id, FullName(player.FirstName, player.LastName), player.ContractStatus);
        var parent = state.Parent(player.ParentId);
        yield return new GapRecord("parent", player.ParentId, parent is null ? null : FullName(parent.FirstName, parent.LastName), null);
        if (player.TeamId is { } teamId)
        {
            yield return new GapRecord("team", teamId, state.Team(teamId)?.Name, null);
        }
    }

    private static ProjectedDocument Document(string gap, string sortKey, IEnumerable<GapRecord> records, DataGapDocument data) =>
        new(gap, sortKey, SearchText.Of(records.Where(r => r.Type is "player" or "parent" or "team").Select(r => r.Name)), data);

    private static void AddPlayer(ClubState state, int playerId, ISet<string> documentIds)
    {
        AddPlayerGaps(playerId, documentIds);
        foreach (var outboxId in state.OutboxByAggregate[playerId])
        {
            AddOutbox(outboxId, documentIds);
        }
    }

    private static void AddPlayerGaps(int playerId, ISet<string> documentIds)
    {
        foreach (var gap in Gaps.PlayerGaps)
        {
            documentIds.Add(Id(gap, "player", playerId));
        }
    }

    private static void AddOutbox(long outboxId, ISet<string> documentIds)
    {
        foreach (var gap in Gaps.OutboxGaps)
        {
            documentIds.Add(Id(gap, "outbox", outboxId));
        }
    }

    private static string FullName(string first, string last) => $"{first} {last}";

    private static string Id(string gap, string subject, long id) => $"{gap}/{subject}:{id}";
}
