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
        // Lower-case form -> the spelling kept (the ordinal-smallest, so the choice is stable).
        var emails = new Dictionary<string, string>(StringComparer.Ordinal);
        var withoutEmail = new List<CohortParent>();
        foreach (var family in players.GroupBy(p => p.ParentId).OrderBy(g => g.Key))
        {
            var parent = state.Parent(family.Key);
            if (ClubFacts.HasText(parent?.Email))
            {
                var email = parent!.Email!.Trim();
                var key = email.ToLowerInvariant();
                if (!emails.TryGetValue(key, out var kept) || string.CompareOrdinal(email, kept) < 0)
                {
                    emails[key] = email;
                }
            }
            else
            {
                withoutEmail.Add(new CohortParent(
                    family.Key, parent?.FirstName, parent?.LastName,
                    ClubFacts.HasText(parent?.Phone) ? parent!.Phone : null,
                    family.Select(p => p.Id).Order().ToList()));
            }
        }

        return (emails.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList(), withoutEmail);
    }

    // Counts only, for a wide scope's head (its lists are in its pages): one pass, no lists kept.
    public static (int Players, IReadOnlyCollection<int> Parents, int Emails, int WithoutEmail) Counts(
        ClubState state, IEnumerable<PlayerRow> players)
    {
        var count = 0;
        var parents = new SortedSet<int>();
        foreach (var player in players)
        {
            count++;
            parents.Add(player.ParentId);
        }

        var emails = new HashSet<string>(StringComparer.Ordinal);
        var withoutEmail = 0;
        foreach (var parentId in parents)
        {
            var email = state.Parent(parentId)?.Email;
            if (ClubFacts.HasText(email))
            {
                emails.Add(email!.Trim().ToLowerInvariant());
            }
            else
            {
                withoutEmail++;
            }
        }

        return (count, parents, emails.Count, withoutEmail);
    }
}
