using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Cohorts;

// Story "blast": a scoped email cohort in one copy-paste. Documents "{cohort}/{scope}" for every
// current cohort (Cohort.Current) and every scope with at least one player in it (an empty cohort
// has no documents: the dashboard shows a missing "{cohort}/all" as nobody to email);
// wide scopes are paged by parent-id bucket ("{cohort}/{scope}/page:0000"), team scopes are inline.
// bucketSize: parent ids per page (500 keeps a page small at 50,000 players; tests use tiny buckets).
public sealed class CohortsProjection(int bucketSize = CohortsProjection.DefaultBucketSize) : IProjection
{
    public const int DefaultBucketSize = 500;
    private const string PagePrefix = "/page:";

    public string Name => "cohorts";

    // A cohort's documents show its members only. For player, parent and team events, membership
    // can be judged from the rows Affected sees (a player row's old and new versions are both at
    // hand before the fold, and membership does not depend on parent or team rows), so they name
    // only the cohorts the player belongs to. A payment, subscription or registration event changes
    // membership itself and its old row is gone after the fold, so it names its one cohort's
    // documents for the players concerned whatever their membership.
    public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
    {
        var all = Cohort.Current(state).ToList();
        foreach (var player in EventRows.Players(state, domainEvent))
        {
            AddMember(state, player, all, documentIds);
        }

        foreach (var parent in EventRows.Parents(state, domainEvent))
        {
            AddMembers(state, state.PlayersOfParent(parent.Id), all, documentIds);
        }

        foreach (var teamId in EventRows.TeamIds(domainEvent))
        {
            AddMembers(state, state.PlayersOfTeam(teamId), all, documentIds);
        }

        foreach (var payment in EventRows.JerseyPayments(state, domainEvent))
        {
            AddPlayers(state, OnlyIfKnown(state, payment.PlayerId), Cohort.JerseyUnpaid, documentIds);
        }

        foreach (var subscription in EventRows.Subscriptions(state, domainEvent))
        {
            AddPlayers(state, OnlyIfKnown(state, subscription.PlayerId), Cohort.DuesPastDue, documentIds);
        }

        foreach (var registration in EventRows.Registrations(state, domainEvent))
        {
            if (Cohort.Find(state, Cohort.NotRegisteredName(registration.TournamentId)) is { } cohort)
            {
                var players = registration.PlayerId is { } playerId
                    ? OnlyIfKnown(state, playerId)
                    : state.PlayersOfTeam(registration.TeamId);
                AddPlayers(state, players, cohort.Name, documentIds);
            }
        }

        // A tournament's cohort covers every player: its creation, change or removal names all its documents.
        foreach (var tournamentId in EventRows.TournamentIds(domainEvent))
        {
            AddWholeCohort(state, Cohort.NotRegisteredName(tournamentId), documentIds);
        }

        // A new day: tournaments that ended before it are no longer upcoming, their cohorts go.
        var today = state.Today();
        var before = DateOnly.FromDateTime(state.PreviousAsOf.UtcDateTime);
        if (today != before)
        {
            foreach (var tournament in state.Tournaments.Values.Where(t => t.EndsOn >= before && t.EndsOn < today))
            {
                AddWholeCohort(state, Cohort.NotRegisteredName(tournament.Id), documentIds);
            }
        }
    }

    public ProjectedDocument? Render(ClubState state, string documentId)
    {
        if (!TryParse(documentId, out var cohortName, out var scopeId, out var bucket)
            || Cohort.Find(state, cohortName) is not { } cohort
            || CohortScope.Parse(scopeId) is not { } scope
            || scope.Id != scopeId)
        {
            return null;
        }

        if (bucket is { } b)
        {
            return scope.IsWide ? RenderPage(state, cohort, scope, b) : null;
        }

        return RenderHead(state, cohort, scope);
    }

    public IEnumerable<string> AllDocumentIds(ClubState state)
    {
        foreach (var cohort in Cohort.Current(state))
        {
            var membership = CohortMembership.Of(state, cohort, bucketSize);
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var scopeId in membership.ScopeIds)
            {
                var scope = CohortScope.Parse(scopeId)!;
                ids.Add(HeadId(cohort.Name, scope));
                foreach (var page in membership.Pages(scopeId))
                {
                    ids.Add(PageId(cohort.Name, scope, page));
                }
            }

            foreach (var id in ids)
            {
                yield return id;
            }
        }
    }

    private ProjectedDocument? RenderHead(ClubState state, Cohort cohort, CohortScope scope)
    {
        var players = CohortMembership.Of(state, cohort, bucketSize).Members(scope);
        var label = scope.Label(state);
        var sortKey = SortKey(state, cohort, scope);
        if (scope.IsWide)
        {
            var (count, parents, emailCount, withoutEmailCount) = CohortMembers.Counts(state, players);
            if (count == 0)
            {
                return null;
            }

            var pageIds = parents.Select(Bucket).Distinct().Select(b => PageId(cohort.Name, scope, b)).ToList();
            var head = new CohortDocument(
                cohort.Name, cohort.Label, scope.Id, scope.Kind, label, null, scope.AgeGroup, cohort.TournamentId,
                count, parents.Count, emailCount, withoutEmailCount, true, pageIds, [], []);
            return new ProjectedDocument("cohort", sortKey, SearchText.Of(label), head);
        }

        var members = players.ToList();
        if (members.Count == 0)
        {
            return null;
        }

        var (emails, withoutEmail) = CohortMembers.Lists(state, members);
        var data = new CohortDocument(
            cohort.Name, cohort.Label, scope.Id, scope.Kind, label, scope.TeamId, state.Team(scope.TeamId)?.AgeGroup,
            cohort.TournamentId, members.Count, members.Select(p => p.ParentId).Distinct().Count(), emails.Count,
            withoutEmail.Count, false, [], emails, withoutEmail);
        var search = SearchText.Of(withoutEmail.SelectMany(p => new[] { p.FirstName, p.LastName }).Prepend(label));
        return new ProjectedDocument("cohort", sortKey, search, data);
    }

    private ProjectedDocument? RenderPage(ClubState state, Cohort cohort, CohortScope scope, int bucket)
    {
        var first = bucket * bucketSize;
        var players = CohortMembership.Of(state, cohort, bucketSize).Page(scope, bucket);
        if (players.Count == 0)
        {
            return null;
        }

        var (emails, withoutEmail) = CohortMembers.Lists(state, players);
        var data = new CohortPageDocument(cohort.Name, scope.Id, bucket, first, first + bucketSize - 1, emails, withoutEmail);
        return new ProjectedDocument(
            "cohort-page",
            SortKeys.Join(SortKey(state, cohort, scope), SortKeys.Ascending(bucket)),
            SearchText.Of(withoutEmail.SelectMany(p => new[] { p.FirstName, p.LastName })),
            data);
    }

    private static string SortKey(ClubState state, Cohort cohort, CohortScope scope) =>
        SortKeys.Join(cohort.SortKey, scope.SortKey(state));

    private void AddMembers(ClubState state, IEnumerable<PlayerRow> players, IReadOnlyList<Cohort> cohorts, ISet<string> ids)
    {
        foreach (var player in players)
        {
            AddMember(state, player, cohorts, ids);
        }
    }

    private void AddPlayers(ClubState state, IEnumerable<PlayerRow> players, string cohortName, ISet<string> ids)
    {
        foreach (var player in players)
        {
            AddPlayerTo(state, player, cohortName, ids);
        }
    }

    private void AddMember(ClubState state, PlayerRow player, IReadOnlyList<Cohort> cohorts, ISet<string> ids)
    {
        foreach (var cohort in cohorts)
        {
            if (cohort.Includes(state, player))
            {
                AddPlayerTo(state, player, cohort.Name, ids);
            }
        }
    }

    private void AddPlayerTo(ClubState state, PlayerRow player, string cohortName, ISet<string> ids)
    {
        foreach (var scope in CohortScope.Of(state, player))
        {
            ids.Add(HeadId(cohortName, scope));
            if (scope.IsWide)
            {
                ids.Add(PageId(cohortName, scope, Bucket(player.ParentId)));
            }
        }
    }

    private void AddWholeCohort(ClubState state, string cohortName, ISet<string> ids)
    {
        var wide = new List<CohortScope> { CohortScope.All, CohortScope.NoTeam };
        wide.AddRange(state.Teams.Values.Select(t => t.AgeGroup).Distinct(StringComparer.Ordinal).Select(CohortScope.Age));
        var buckets = state.PlayersByParent.Keys.Select(Bucket).Distinct().ToList();
        foreach (var scope in wide)
        {
            ids.Add(HeadId(cohortName, scope));
            foreach (var bucket in buckets)
            {
                ids.Add(PageId(cohortName, scope, bucket));
            }
        }

        foreach (var teamId in state.PlayersByTeam.Keys.OfType<int>())
        {
            ids.Add(HeadId(cohortName, CohortScope.Team(teamId)));
        }
    }

    private static IEnumerable<PlayerRow> OnlyIfKnown(ClubState state, int playerId) =>
        state.Player(playerId) is { } player ? [player] : [];

    private int Bucket(int parentId) => parentId < 0 ? -1 : parentId / bucketSize;

    private static string HeadId(string cohort, CohortScope scope) => $"{cohort}/{scope.Id}";

    private static string PageId(string cohort, CohortScope scope, int bucket) =>
        $"{cohort}/{scope.Id}{PagePrefix}{bucket:D4}";

    private static bool TryParse(string id, out string cohort, out string scope, out int? bucket)
    {
        bucket = null;
        cohort = scope = "";
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        cohort = id[..slash];
        scope = id[(slash + 1)..];
        var page = scope.LastIndexOf(PagePrefix, StringComparison.Ordinal);
        if (page >= 0)
        {
            if (!int.TryParse(scope.AsSpan(page + PagePrefix.Length), out var parsed) || parsed < 0
                || $"{parsed:D4}" != scope[(page + PagePrefix.Length)..])
            {
                return false;
            }

            bucket = parsed;
            scope = scope[..page];
        }

        return true;
    }
}
