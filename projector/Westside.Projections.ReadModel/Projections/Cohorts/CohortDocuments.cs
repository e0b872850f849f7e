namespace Westside.Projections.ReadModel.Projections.Cohorts;

// "{cohort}/{scope}" (kind "cohort"): counts, and for a team scope the whole list inline:
// deduplicated parent emails (sorted) and the parents who have no email (so nobody is dropped).
// For a wide scope (all, team:none, age:{group}) the lists are in the pages named by PageIds.
public sealed record CohortDocument(
    string Cohort,
    string CohortLabel,
    string Scope,
    string ScopeKind,
    string ScopeLabel,
    int? TeamId,
    string? AgeGroup,
    int? TournamentId,
    int PlayerCount,
    int ParentCount,
    int EmailCount,
    int ParentsWithoutEmailCount,
    bool Paged,
    IReadOnlyList<string> PageIds,
    IReadOnlyList<string> Emails,
    IReadOnlyList<CohortParent> ParentsWithoutEmail);

// "{cohort}/{scope}/page:{bucket}" (kind "cohort-page"): the parents of a wide scope whose parent id
// falls in the bucket [bucket * size, (bucket + 1) * size). Buckets by parent id (not by position in
// the sorted list) so that one family's change re-renders one page, not all pages after it.
public sealed record CohortPageDocument(
    string Cohort,
    string Scope,
    int Bucket,
    int FirstParentId,
    int LastParentId,
    IReadOnlyList<string> Emails,
    IReadOnlyList<CohortParent> ParentsWithoutEmail);

// A parent in a cohort without an email: name and phone (if any) so they can be reached another way.
public sealed record CohortParent(
    int ParentId, string? FirstName, string? LastName, string? Phone, IReadOnlyList<int> PlayerIds);
