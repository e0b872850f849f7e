using System.Text.Json;
using System.Text.Json.Serialization;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Documents;

// One story document as a Marten document, in a table of its own per story (StoryWriter maps
// StoryDocument<TriageProjection> to mt_doc_story_triage): what ProjectedDocument says, plus the log
// position it was rendered at. Data is the story's JSON as the pages read it; Filters its top-level fields
// that readers filter on (DocumentFilters), kept out of the JSON and written only to a jsonb column of its
// own with a GIN index (Marten duplicates a member's value as given, here JSON text).
public sealed class StoryDocument<TKey>
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public string SortKey { get; set; } = "";

    public string Search { get; set; } = "";

    public JsonElement Data { get; set; }

    [JsonIgnore]
    public string Filters { get; set; } = DocumentFilters.None;

    public long UpdatedSeq { get; set; }
}
