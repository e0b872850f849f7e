using Westside.Projections.ReadModel.Projections.Cohorts;

namespace Westside.Projections.Projector.Tests.Differential;

// "Whose parents get this email blast", asked of the source in SQL. Membership per cohort:
// unsigned ('none', 'sent', 'declined'), 'sent', 'declined', jersey unpaid (net of payments and refunds
// <= 0), dues past due (any 'past_due' subscription), and for each tournament not yet ended on the
// documents' day: not registered (the player's own registration rows decide when there are any,
// else the team's rows without a player; 'registered' in the deciding rows means registered).
// Scopes: all, the player's team (or no team), the team's age group. A team scope lists its families
// inline; wide scopes are paged by parent-id bucket. Emails are trimmed and deduplicated ignoring case
// (the ordinal-smallest spelling kept), sorted by their lower-case form; parents without one are listed.
public sealed class CohortsOracle : IProjectionOracle
{
    // The catalog's bucket size (CohortsProjection's default): parent ids per page of a wide scope.
    private const int BucketSize = 500;

    private static readonly Dictionary<string, (string Label, string SortKey)> Fixed = new(StringComparer.Ordinal)
    {
        ["unsigned"] = ("Contract not signed", "01"),
        ["sent-not-signed"] = ("Contract sent, not signed", "02"),
        ["declined"] = ("Contract declined", "03"),
        ["jersey-unpaid"] = ("Jersey not paid", "04"),
        ["dues-past-due"] = ("Dues past due", "05"),
    };

    public string Projection => "cohorts";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(context.AsOf.UtcDateTime);
        var cohorts = new Dictionary<string, (string Label, string SortKey, int? TournamentId)>(StringComparer.Ordinal);
        foreach (var (name, (label, sortKey)) in Fixed)
        {
            cohorts[name] = (label, sortKey, null);
        }

        foreach (var (id, name, startsOn) in await UpcomingTournamentsAsync(context, today, ct))
        {
            cohorts[$"not-registered-{id}"] = ($"Not registered: {name}", $"10 {startsOn.DayNumber:D7} {id:D12}", id);
        }

        var expected = new ExpectedDocumentSet();
        foreach (var group in (await MembersAsync(context, today, ct)).GroupBy(m => m.Cohort))
        {
            var cohort = cohorts[group.Key];
            var members = group.ToList();
            var scopes = members.Select(m => new Scope("all", null, null, null))
                .Concat(members.Select(m => m.TeamId is { } t ? new Scope("team", t, m.TeamName, m.AgeGroup) : new Scope("no-team", null, null, null)))
                .Concat(members.Where(m => m.AgeGroup is not null).Select(m => new Scope("age", null, null, m.AgeGroup)))
                .Distinct();
            foreach (var scope in scopes)
            {
                var inScope = members.Where(scope.Contains).ToList();
                var headSortKey = $"{cohort.SortKey} {scope.SortKey}";
                var headId = $"{group.Key}/{scope.Id}";
                var parents = inScope.Select(m => m.Parent).DistinctBy(p => p.Id).OrderBy(p => p.Id).ToList();
                var emailCount = parents.Where(p => p.Email is not null).Select(p => p.Email!.Trim().ToLowerInvariant()).Distinct().Count();
                var withoutEmailCount = parents.Count(p => p.Email is null);
                if (scope.Kind == "team")
                {
                    var (emails, withoutEmail) = Lists(inScope);
                    expected.Add(headId, "cohort", new CohortDocument(
                        group.Key, cohort.Label, scope.Id, scope.Kind, scope.Label, scope.TeamId, scope.AgeGroup, cohort.TournamentId,
                        inScope.Count, parents.Count, emailCount, withoutEmailCount, false, [], emails, withoutEmail), headSortKey);
                    continue;
                }

                var buckets = parents.Select(p => p.Id / BucketSize).Distinct().Order().ToList();
                expected.Add(headId, "cohort", new CohortDocument(
                    group.Key, cohort.Label, scope.Id, scope.Kind, scope.Label, null, scope.AgeGroup, cohort.TournamentId,
                    inScope.Count, parents.Count, emailCount, withoutEmailCount, true,
                    buckets.Select(b => $"{headId}/page:{b:D4}").ToList(), [], []), headSortKey);
                foreach (var bucket in buckets)
                {
                    var (emails, withoutEmail) = Lists(inScope.Where(m => m.Parent.Id / BucketSize == bucket));
                    expected.Add($"{headId}/page:{bucket:D4}", "cohort-page", new CohortPageDocument(
                        group.Key, scope.Id, bucket, bucket * BucketSize, (bucket * BucketSize) + BucketSize - 1, emails, withoutEmail),
                        sortKey: $"{headSortKey} {bucket:D9}");
                }
            }
        }

        return expected.DifferencesFrom(context.Documents);
    }

    // One line per family: the emails (case-insensitively deduplicated) and the parents without one.
    private static (IReadOnlyList<string> Emails, IReadOnlyList<CohortParent> WithoutEmail) Lists(IEnumerable<Member> members)
    {
        var families = members.GroupBy(m => m.Parent.Id).OrderBy(f => f.Key).ToList();
        var emails = families
            .Select(f => f.First().Parent.Email)
            .OfType<string>()
            .Select(e => e.Trim())
            .GroupBy(e => e.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Order(StringComparer.Ordinal).First())
            .ToList();
        var withoutEmail = families
            .Where(f => f.First().Parent.Email is null)
            .Select(f => new CohortParent(
                f.Key, f.First().Parent.FirstName, f.First().Parent.LastName, f.First().Parent.Phone,
                f.Select(m => m.PlayerId).Order().ToList()))
            .ToList();
        return (emails, withoutEmail);
    }

    private static Task<List<(int Id, string Name, DateOnly StartsOn)>> UpcomingTournamentsAsync(
        OracleContext context, DateOnly today, CancellationToken ct) =>
        context.RowsAsync(
            "select id, name, starts_on from tournaments where ends_on >= @today",
            new Dictionary<string, object> { ["today"] = today },
            r => (r.GetInt32(0), r.GetString(1), r.Date(2)),
            ct);

    // (cohort, player) for every membership, with what scopes and lists need.
    private static Task<List<Member>> MembersAsync(OracleContext context, DateOnly today, CancellationToken ct) =>
        context.RowsAsync(
            """
            with members as (
                select 'unsigned' as cohort, id as player_id from players where contract_status in ('none', 'sent', 'declined')
                union all
                select 'sent-not-signed', id from players where contract_status = 'sent'
                union all
                select 'declined', id from players where contract_status = 'declined'
                union all
                select 'jersey-unpaid', p.id from players p
                where coalesce((select sum(j.amount_cents) from jersey_payments j where j.player_id = p.id), 0) <= 0
                union all
                select 'dues-past-due', p.id from players p
                where exists (select from subscriptions s where s.player_id = p.id and s.status = 'past_due')
                union all
                select 'not-registered-' || t.id, p.id
                from tournaments t cross join players p
                where t.ends_on >= @today
                  and not case
                      when exists (select from tournament_registrations r where r.tournament_id = t.id and r.player_id = p.id)
                      then exists (select from tournament_registrations r
                                   where r.tournament_id = t.id and r.player_id = p.id and r.status = 'registered')
                      else exists (select from tournament_registrations r
                                   where r.tournament_id = t.id and r.player_id is null and r.team_id = p.team_id
                                     and r.status = 'registered')
                  end)
            select m.cohort, p.id, p.team_id, t.name, t.age_group, p.parent_id, par.first_name, par.last_name, par.email, par.phone
            from members m
            join players p on p.id = m.player_id
            left join teams t on t.id = p.team_id
            left join parents par on par.id = p.parent_id
            """,
            new Dictionary<string, object> { ["today"] = today },
            r => new Member(
                r.GetString(0), r.GetInt32(1), r.IntOrNull(2), r.TextOrNull(3), r.TextOrNull(4),
                new Parent(r.GetInt32(5), r.TextOrNull(6), r.TextOrNull(7), r.ContactOrNull(8), r.ContactOrNull(9))),
            ct);

    private sealed record Parent(int Id, string? FirstName, string? LastName, string? Email, string? Phone);

    private sealed record Member(string Cohort, int PlayerId, int? TeamId, string? TeamName, string? AgeGroup, Parent Parent);

    // Kind "all", "team" (TeamId, its name and age group), "no-team" or "age" (AgeGroup).
    private sealed record Scope(string Kind, int? TeamId, string? TeamName, string? AgeGroup)
    {
        public string Id => Kind switch
        {
            "all" => "all",
            "team" => $"team:{TeamId}",
            "no-team" => "team:none",
            _ => $"age:{AgeGroup}",
        };

        public string Label => Kind switch
        {
            "all" => "All players",
            "team" => TeamName ?? $"Team {TeamId}",
            "no-team" => "No team",
            _ => AgeGroup!,
        };

        public string SortKey => Kind switch
        {
            "all" => "0",
            "age" => $"1 {AgeGroup!.ToLowerInvariant()}",
            "team" => $"2 {TeamName?.ToLowerInvariant()} {TeamId ?? 0:D12}",
            _ => "3",
        };

        public bool Contains(Member member) => Kind switch
        {
            "all" => true,
            "team" => member.TeamId == TeamId,
            "no-team" => member.TeamId is null,
            _ => member.AgeGroup == AgeGroup,
        };
    }
}
