namespace Westside.Projections.ReadModel.Store;

// A listing of one kind of document of one projection, in sort_key order.
// Contains: a JSON object the document must contain (jsonb @>), e.g. {"ageGroup":"12U"}, naming only
// DocumentFilters.Fields (the indexed copy of those fields is what the query reads).
// Search: text the document's search column must contain (case-insensitive; % and _ are literal).
public sealed record DocumentQuery(string Projection, string Kind)
{
    public string? Contains { get; init; }

    public string? Search { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
