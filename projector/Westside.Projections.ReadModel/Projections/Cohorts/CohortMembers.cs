using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Projections.Cohorts;

// Turns the players of a cohort into what a blast needs: one line per family, emails deduplicated
// (case-insensitively: one parent with three kids, or two accounts sharing an address, appear once).
public static class CohortMembers
{
    public static (IReadOnlyList<string> Emails, IReadOnlyList<CohortParent> WithoutEmail) Lists(
        ClubState state, IEnumerable<PlayerRow> players)
    {
        var emails = new SortedSet<string>(EmailOrder.Instance);
        var withoutEmail = new List<CohortParent>();
        foreach (var family in players.GroupBy(p => p.ParentId).OrderBy(g => g.Key))
        {
            var parent = state.Parent(family.Key);
            if (ClubFacts.HasText(parent?.Email))
            {
                var email = parent!.Email!.Trim();
                if (emails.TryGetValue(email, out var existing) && string.CompareOrdinal(existing, email) > 0)
                {
                    emails.Remove(existing);
                }

                emails.Add(email);
            }
            else
            {
                withoutEmail.Add(new CohortParent(
                    family.Key, parent?.FirstName, parent?.LastName,
                    ClubFacts.HasText(parent?.Phone) ? parent!.Phone : null,
                    family.Select(p => p.Id).Order().ToList()));
            }
        }

        return (emails.ToList(), withoutEmail);
    }

    // Emails compare case-insensitively (so duplicates collapse), ordinal on the lower-case form.
    private sealed class EmailOrder : IComparer<string>
    {
        public static readonly EmailOrder Instance = new();

        public int Compare(string? x, string? y) =>
            string.CompareOrdinal(x?.ToLowerInvariant(), y?.ToLowerInvariant());
    }
}
