using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Families;

// One document per parent ("parent:{id}", for every parent row) for the family page.
public sealed class FamiliesProjection : IProjection
{
    public const int MaxEmails = 100;
    private const string ContractSigned = "contract_signed";
    private const string ParentPrefix = "parent:";

    public string Name => "families";

    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            documentIds.Add(ParentId(player.ParentId));
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            documentIds.Add(ParentId(parent.Id));
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            AddParentsOf(state.PlayersOfTeam(teamId), documentIds);
        }

        foreach (var contract in EventRows.Contracts(state, domainEvent))
        {
            AddParentOf(state, contract.PlayerId, documentIds);
        }

        foreach (var payment in EventRows.JerseyPayments(state, domainEvent))
        {
            AddParentOf(state, payment.PlayerId, documentIds);
        }

        foreach (var subscription in EventRows.Subscriptions(state, domainEvent))
        {
            AddParentOf(state, subscription.PlayerId, documentIds);
        }

        foreach (var tournamentId in EventRows.TournamentIds(domainEvent))
        {
            foreach (var id in state.RegistrationsByTournament[tournamentId])
            {
                AddRegistration(state, state.TournamentRegistrations[id], documentIds);
            }
        }

        foreach (var registration in EventRows.Registrations(state, domainEvent))
        {
            AddRegistration(state, registration, documentIds);
        }

        foreach (var email in EventRows.Emails(state, domainEvent))
        {
            if (email.ParentId is { } parentId)
            {
                documentIds.Add(ParentId(parentId));
            }

            if (email.PlayerId is { } playerId)
            {
                AddParentOf(state, playerId, documentIds);
            }
        }

        foreach (var row in EventRows.Outbox(state, domainEvent))
        {
            AddParentOf(state, row.AggregateId, documentIds);
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId) =>
        documentId.StartsWith(ParentPrefix, StringComparison.Ordinal)
        && int.TryParse(documentId.AsSpan(ParentPrefix.Length), out var id)
        && ParentId(id) == documentId
        && state.Parent(id) is { } parent
            ? RenderFamily(state, parent)
            : null;

    public IEnumerable<string> AllDocumentIds(ClubState state) => state.Parents.Keys.Order().Select(ParentId);

    private static ProjectedDocument RenderFamily(ClubState state, ParentRow parent)
    {
        var kids = state.PlayersOfParent(parent.Id)
            .Select(p => ToKid(state, p))
            .OrderBy(k => k.FirstName.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(k => k.PlayerId)
            .ToList();
        var emailIds = new SortedSet<int>(state.EmailsByParent[parent.Id]);
        foreach (var kid in kids)
        {
            emailIds.UnionWith(state.EmailsByPlayer[kid.PlayerId]);
        }

        var emails = emailIds
            .Select(id => state.Emails[id])
            .OrderByDescending(e => e.SentAt)
            .ThenByDescending(e => e.Id)
            .Take(MaxEmails)
            .Select(e => new FamilyEmail(e.Id, e.PlayerId, e.EmailType, e.Status, e.SentAt, e.Error))
            .ToList();
        var hasEmail = ClubFacts.HasText(parent.Email);
        var hasPhone = ClubFacts.HasText(parent.Phone);
        var data = new FamilyDocument(
            parent.Id, parent.FirstName, parent.LastName,
            hasEmail ? parent.Email : null, hasPhone ? parent.Phone : null, hasEmail, hasPhone, hasEmail || hasPhone,
            kids.Count, kids.Count(k => ClubFacts.IsUnsigned(k.ContractStatus)),
            kids.Select(k => k.PlayerId).Order().ToList(),
            kids.Where(k => k.TeamId is not null).Select(k => k.TeamId!.Value).Distinct().Order().ToList(),
            kids.Where(k => k.AgeGroup is not null).Select(k => k.AgeGroup!).Distinct().Order(StringComparer.Ordinal).ToList(),
            kids.Select(k => k.ContractStatus).Distinct().Order(StringComparer.Ordinal).ToList(),
            kids, emailIds.Count, emails);
        var sortKey = SortKeys.Join(SortKeys.Text(parent.LastName), SortKeys.Text(parent.FirstName), SortKeys.Id(parent.Id));
        var search = SearchText.Of(kids.SelectMany(k => new[] { k.FirstName, k.LastName }).Prepend(parent.LastName).Prepend(parent.FirstName));
        return new ProjectedDocument("family", sortKey, search, data);
    }

    private static FamilyKid ToKid(ClubState state, PlayerRow player)
    {
        var team = state.Team(player.TeamId);
        var contract = state.LatestLiveContract(player.Id);
        var jersey = state.Jersey(player.Id);
        var dues = state.Dues(player.Id);
        var tournaments = state.TournamentIdsFor(player)
            .Where(state.Tournaments.ContainsKey)
            .Select(id => (Tournament: state.Tournaments[id], Registration: state.RegistrationFor(player, id)!))
            .OrderBy(x => x.Tournament.StartsOn)
            .ThenBy(x => x.Tournament.Id)
            .Select(x => new FamilyTournament(
                x.Tournament.Id, x.Tournament.Name, x.Tournament.StartsOn, x.Registration.Status, x.Registration.FeePaid))
            .ToList();
        return new FamilyKid(
            player.Id, player.FirstName, player.LastName, player.BirthYear, player.TeamId, team?.Name, team?.AgeGroup,
            player.ContractStatus, contract?.Version, contract?.SentAt, contract?.SignedAt,
            new FamilyJersey(jersey.Paid, jersey.NetCents, jersey.LastPaidAt),
            new FamilyDues(dues.Status, dues.Deciding?.CurrentPeriodEnd, dues.Deciding?.AmountCents),
            Welcome(state, player.Id),
            tournaments);
    }

    private static FamilyWelcome Welcome(ClubState state, int playerId)
    {
        var emails = state.EmailsByPlayer[playerId]
            .Select(id => state.Emails[id])
            .Where(e => e.EmailType == ContractSigned)
            .OrderByDescending(e => e.SentAt)
            .ThenByDescending(e => e.Id)
            .ToList();
        var latest = emails.FirstOrDefault();
        var outbox = state.OutboxByAggregate[playerId]
            .Select(id => state.Outbox[id])
            .Where(o => o.EventType == ContractSigned)
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.Id)
            .FirstOrDefault();
        return new FamilyWelcome(
            emails.Any(e => e.Status == "sent"), latest?.Status, latest?.SentAt, latest?.Error,
            outbox?.Id, outbox?.Status, outbox?.LastError);
    }

    private static void AddRegistration(ClubState state, TournamentRegistrationRow registration, ISet<string> documentIds)
    {
        if (registration.PlayerId is { } playerId)
        {
            AddParentOf(state, playerId, documentIds);
        }
        else
        {
            AddParentsOf(state.PlayersOfTeam(registration.TeamId), documentIds);
        }
    }

    private static void AddParentOf(ClubState state, int playerId, ISet<string> documentIds)
    {
        if (state.Player(playerId) is { } player)
        {
            documentIds.Add(ParentId(player.ParentId));
        }
    }

    private static void AddParentsOf(IEnumerable<PlayerRow> players, ISet<string> documentIds)
    {
        foreach (var player in players)
        {
            documentIds.Add(ParentId(player.ParentId));
        }
    }

    private static string ParentId(int parentId) => ParentPrefix + parentId;
}
