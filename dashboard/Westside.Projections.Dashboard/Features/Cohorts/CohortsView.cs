using Westside.Projections.ReadModel.Projections.Cohorts;

namespace Westside.Projections.Dashboard.Features.Cohorts;

// One cohort in one scope: every deduplicated parent email (for the copy button, the BCC link and
// the CSV) and the parents without an email, so nobody is silently left out of a blast.
public sealed record CohortsView(
    CohortsFilter Filter,
    IReadOnlyList<CohortChoice> Cohorts,
    IReadOnlyList<CohortChoice> Scopes,
    CohortList? List);

public sealed record CohortChoice(string Value, string Label, int? Parents);

public sealed record CohortList(
    string Cohort,
    string CohortLabel,
    string Scope,
    string ScopeLabel,
    int PlayerCount,
    int ParentCount,
    IReadOnlyList<string> Emails,
    IReadOnlyList<CohortParent> ParentsWithoutEmail)
{
    public string Mailto => "mailto:?bcc=" + string.Join(',', Emails.Select(e => Uri.EscapeDataString(e).Replace("%40", "@", StringComparison.Ordinal)));

    public string EmailText => string.Join(", ", Emails);
}
