using System.Globalization;
using ModelContextProtocol;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Mcp;

// Checks a tool's arguments the way a person would want them checked: an unknown team, age group or status,
// a bad date or a page past the end is a clear tool error (McpException: isError with the message, so the
// model can correct itself), never a silently empty answer and never a 500.
public sealed class McpArguments(DocumentReader reader)
{
    public const int MaxPage = 10_000;
    public const int MaxSearchLength = 100;

    public static string? Age(string? age)
    {
        if (Blank(age) is not { } value)
        {
            return null;
        }

        return Club.ValidAgeGroup(value)
            ?? throw new McpException($"Unknown age group '{Short(value)}'. Use one of: {string.Join(", ", Club.AgeGroups)}.");
    }

    public static string? OneOf(string name, string? value, IReadOnlyList<string> allowed)
    {
        if (Blank(value) is not { } v)
        {
            return null;
        }

        return allowed.Contains(v, StringComparer.Ordinal)
            ? v
            : throw new McpException($"Unknown {name} '{Short(v)}'. Use one of: {string.Join(", ", allowed)}.");
    }

    public static int? Page(int? page) => page switch
    {
        null => null,
        < 1 or > MaxPage => throw new McpException($"page must be from 1 to {MaxPage}."),
        _ => page,
    };

    public static string? Search(string? q) => Blank(q) is { } v && v.Length > MaxSearchLength
        ? throw new McpException($"The search text may be at most {MaxSearchLength} characters.")
        : Blank(q);

    public static DateOnly Date(string name, string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new McpException($"{name} must be a date as yyyy-MM-dd, e.g. 2026-10-01.");

    public static string? Month(string? value) =>
        Blank(value) is not { } v ? null
        : DateOnly.TryParseExact(v + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? v
        : throw new McpException("month must be yyyy-MM, e.g. 2026-10.");

    // A team id the club has, or "none" (players without a team).
    public async Task<string?> TeamAsync(string? team, CancellationToken ct)
    {
        if (Blank(team) is not { } value)
        {
            return null;
        }

        if (value == "none")
        {
            return value;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await reader.GetAsync("progress", $"team:{id}", ct) is null)
        {
            throw new McpException($"Unknown team '{Short(value)}'. Give a team id (as in the triage, jerseys or dues results) or \"none\".");
        }

        return value;
    }

    // Asked for a page past the last one: say how many there are.
    public static void PageInRange(int? asked, int pageCount)
    {
        if (asked is > 1 && asked > pageCount)
        {
            throw new McpException($"page {asked} is past the last page ({Math.Max(1, pageCount)}).");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
