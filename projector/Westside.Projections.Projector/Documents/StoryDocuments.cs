using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// Registers stories with Marten: their document tables, and the projections the async daemon runs.
// - Layout: one shard per story (each folds its own ClubState), or one shard for all of them (one
//   ClubState, one checkpoint: AllStories).
// - Version: Marten's projection versioning. A shard at version N > 1 is its own shard ("triage:V2:All",
//   its own progress row) and its stories write tables of their own (mt_doc_story_triage_2), so a new
//   version builds beside the live one, which keeps serving, until readers are switched to it.
// - BatchSize: the most events the daemon hands a shard at once (Marten's default is 500); each batch
//   renders the documents it touched once, unless the shard is more than deferBehind events behind the
//   log head (StoryShard).
public static class StoryDocuments
{
    public const string AllStories = "stories";

    public static string Alias(string projection, uint version = 1) =>
        version > 1 ? $"story_{projection}_{version}" : "story_" + projection;

    public static string TableName(string projection, uint version = 1) => "mt_doc_" + Alias(projection, version);

    public static void Register(
        StoreOptions options, IEnumerable<IProjection> stories, NpgsqlDataSource log, bool shardPerStory = true, int batchSize = 500,
        long deferBehind = StoryShard.DefaultDeferBehind, bool insertFirstBuild = false)
    {
        var all = stories.ToList();
        var shards = shardPerStory ? all.Select(s => (s.Name, (IReadOnlyList<IProjection>)[s])) : [(AllStories, all)];
        foreach (var (name, members) in shards)
        {
            RegisterShard(options, name, members, log, 1, batchSize, deferBehind, insertFirstBuild);
        }
    }

    public static void RegisterShard(
        StoreOptions options, string name, IReadOnlyList<IProjection> stories, NpgsqlDataSource log, uint version,
        int batchSize = 500, long deferBehind = StoryShard.DefaultDeferBehind, bool insertFirstBuild = false)
    {
        var writers = stories.Select(s => StoryWriter.For(s, version)).ToList();
        foreach (var writer in writers)
        {
            writer.Map(options);
        }

        options.Schema.For<StoryShardMark>().DocumentAlias("story_shard_mark");
        var shard = new ProjectionWrapper<IDocumentOperations, IQuerySession>(
            new StoryShard(ShardName(name, version), writers, log, deferBehind, insertFirstBuild), ProjectionLifecycle.Async)
        {
            Name = name,
            Version = version,
        };
        options.Projections.Add(shard, ProjectionLifecycle.Async, a =>
        {
            a.BatchSize = batchSize;
            a.MaximumHopperSize = Math.Max(a.MaximumHopperSize, 10 * batchSize);
            foreach (var writer in writers)
            {
                writer.CleanUpOnRebuild(a);
            }
        });
    }

    // The shard's name as Marten writes it in mt_event_progression (without the ":All").
    public static string ShardName(string name, uint version) => version > 1 ? $"{name}:V{version}" : name;
}
