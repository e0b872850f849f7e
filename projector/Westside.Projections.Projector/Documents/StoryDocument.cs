using System.Text.Json;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// One story document as a Marten document, in a table of its own per story (StoryWriter maps
// StoryDocument<TriageProjection> to mt_doc_story_triage): what ProjectedDocument says, plus the log
// position it was rendered at. Data is the story's JSON as the pages read it.
public sealed class StoryDocument<TProjection>
    where TProjection : IProjection
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public string SortKey { get; set; } = "";

    public string Search { get; set; } = "";

    public JsonElement Data { get; set; }

    public long UpdatedSeq { get; set; }
}
