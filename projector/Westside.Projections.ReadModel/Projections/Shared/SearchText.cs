namespace Westside.Projections.ReadModel.Projections.Shared;

// The lower-case text a name filter matches against; names are data, stored as they are.
public static class SearchText
{
    public static string Of(IEnumerable<string?> parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())).ToLowerInvariant();

    public static string Of(params string?[] parts) => Of((IEnumerable<string?>)parts);
}
