namespace Westside.Projections.ReadModel.Projections.Shared;

// How a paged document's id is spelled: the head is the bare key ("team:12", "day:2026-03-01"),
// page n > 1 is "{key}/page:{n}". The dashboard asks for pages by these ids.
public static class PagedIds
{
    private const string PagePrefix = "/page:";

    public static string Of(string key, int page) => page <= 1 ? key : $"{key}{PagePrefix}{page}";

    // Splits off a page suffix (an id without one is page 1); false when the suffix is no number.
    // Callers still compare the id with Of(key, page): only the canonical spelling names a document.
    public static bool TrySplit(string id, out string key, out int page)
    {
        key = id;
        page = 1;
        var at = id.IndexOf(PagePrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return true;
        }

        if (!int.TryParse(id.AsSpan(at + PagePrefix.Length), out page))
        {
            return false;
        }

        key = id[..at];
        return true;
    }
}
