namespace Westside.Projections.Dashboard.Security;

// Subject id -> login name, for showing who did what. An actor without a known name is shown as stored.
public sealed record StaffNames(IReadOnlyDictionary<string, string> BySubject)
{
    public static readonly StaffNames None = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public string Of(string? actor) =>
        actor is null ? "unknown" : string.Join(", ", Subjects(actor).Select(s => BySubject.GetValueOrDefault(s, s)));

    public static IEnumerable<string> Subjects(string actor) =>
        actor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
