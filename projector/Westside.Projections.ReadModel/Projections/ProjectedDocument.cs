namespace Westside.Projections.ReadModel.Projections;

// A rendered document. Kind groups documents of one projection for listing ("team", "summary");
// SortKey orders a listing (ordinal); Search is lower-case text a name search matches against.
// Data is a sealed record serialised with DocumentJson.
public sealed record ProjectedDocument(string Kind, string SortKey, string Search, object Data);
