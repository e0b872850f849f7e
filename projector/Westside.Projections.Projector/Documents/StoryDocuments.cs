using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// Registers the stories with Marten: every story's document table, and the projections the async
// daemon runs: one shard per story (each folds its own ClubState), or one shard for all of them (one
// ClubState, one checkpoint). BatchSize: the most events the daemon hands a shard at once (Marten's
// default is 500); every batch renders the documents it touched once, unless the shard is more than
// deferBehind events behind the log head (StoryShard).
public static class StoryDocuments
{
    public const string AllStories = "stories";

    public static string Alias(string projection) => "story_" + projection;

    public static string TableName(string projection) => "mt_doc_" + Alias(projection);

    public static void Register(
        StoreOptions options, IEnumerable<IProjection> stories, NpgsqlDataSource log, bool shardPerStory = true, int batchSize = 500,
        long deferBehind = StoryShard.DefaultDeferBehind)
    {
        var writers = stories.Select(StoryWriter.For).ToList();
        foreach (var writer in writers)
        {
            writer.Map(options);
        }

        options.Schema.For<StoryShardMark>().DocumentAlias("story_shard_mark");

        var shards = shardPerStory
            ? writers.Select(w => (Name: w.Story.Name, Writers: (IReadOnlyList<IStoryWriter>)[w]))
            : [(AllStories, writers)];
        foreach (var (name, members) in shards)
        {
            options.Projections.Add(
                new StoryShard(name, members, log, deferBehind), ProjectionLifecycle.Async, projectionName: name,
                asyncConfiguration: a =>
                {
                    a.BatchSize = batchSize;
                    a.MaximumHopperSize = Math.Max(a.MaximumHopperSize, 10 * batchSize);
                    foreach (var member in members)
                    {
                        member.CleanUpOnRebuild(a);
                    }
                });
        }
    }
}
