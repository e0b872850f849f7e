using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Westside.Projections.ReadModel.Store;
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

    // Projection names may hold '-' (the tests' own projections); table names hold '_' instead.
    public static string Alias(string projection, uint version = 1) =>
        "story_" + projection.Replace('-', '_') + (version > 1 ? $"_{version}" : "");

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
        int batchSize = 500, long deferBehind = StoryShard.DefaultDeferBehind, bool insertFirstBuild = false) =>
        _ = AddShard(options, name, StoryWriter.For(stories, _ => version), log, version, batchSize, deferBehind, insertFirstBuild);

    // The projector's layout: one shard for all stories, each writing the table of its own live version
    // (story_version), and the projections' checkpoints kept with the documents. The daemon runs in Marten's
    // HotCold mode: the leader session starts Marten's coordinator (StoryRuntime), which runs the shard only
    // while it holds the shard's advisory lock, polled every half second (Marten's default is 5 s: a new
    // leader's documents would wait for it). The lock is held by a session of its own, not in an open
    // transaction.
    public static StoryShard RegisterLive(StoreOptions options, IReadOnlyList<IStoryWriter> writers, NpgsqlDataSource log, int batchSize)
    {
        options.Projections.AsyncMode = DaemonMode.HotCold;
        options.Projections.DaemonLockId = ProjectorLocks.DaemonKey;
        options.Projections.LeadershipPollingTime = 500;
        options.Events.UseAdvisoryLockTransaction = false;
        return AddShard(options, AllStories, writers, log, 1, batchSize, StoryShard.DefaultDeferBehind, false, checkpoints: true);
    }

    private static StoryShard AddShard(
        StoreOptions options, string name, IReadOnlyList<IStoryWriter> writers, NpgsqlDataSource log, uint version,
        int batchSize, long deferBehind, bool insertFirstBuild, bool checkpoints = false)
    {
        foreach (var writer in writers)
        {
            writer.Map(options);
        }

        options.Schema.For<StoryShardMark>().DocumentAlias("story_shard_mark");
        var story = new StoryShard(ShardName(name, version), writers, log, deferBehind, insertFirstBuild, checkpoints);
        var shard = new ProjectionWrapper<IDocumentOperations, IQuerySession>(story, ProjectionLifecycle.Async)
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
        return story;
    }

    // The shard's name as Marten writes it in mt_event_progression (without the ":All").
    public static string ShardName(string name, uint version) => version > 1 ? $"{name}:V{version}" : name;
}
