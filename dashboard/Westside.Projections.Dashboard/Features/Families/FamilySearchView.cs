namespace Westside.Projections.Dashboard.Features.Families;

// Candidate families for a name search: enough to pick one (then read its card by ParentId).
public sealed record FamilySearchView(
    string Q, IReadOnlyList<FamilyCandidate> Candidates, long Matching, int Page, int PageCount);

public sealed record FamilyCandidate(
    int ParentId, string FirstName, string LastName, int KidCount, int UnsignedCount, IReadOnlyList<FamilyCandidateKid> Kids);

public sealed record FamilyCandidateKid(int PlayerId, string FirstName, string LastName, string? TeamName);
