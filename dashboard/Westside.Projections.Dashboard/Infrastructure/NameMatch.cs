using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.Dashboard.Infrastructure;

// The in-page half of a name search: documents are found by their search column (DocumentReader),
// then the rows inside them are kept when their own names match, the same way (lower-case contains).
public static class NameMatch
{
    public static bool Matches(string? search, params string?[] names) =>
        string.IsNullOrWhiteSpace(search)
        || SearchText.Of(names).Contains(search.Trim().ToLowerInvariant(), StringComparison.Ordinal);
}
