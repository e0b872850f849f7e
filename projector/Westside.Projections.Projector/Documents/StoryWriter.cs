using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Marten.Linq;
using NpgsqlTypes;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Documents;

// One story's side of Marten: its document table (StoryDocument<T>, aliased story_<name>[_<version>], with the
// columns the pages sort and filter on duplicated out of the JSON) and the Marten operations that store
// or delete the documents a batch touched, rendered from the state.
public interface IStoryWriter
{
    IProjection Story { get; }

    Type DocumentType { get; }

    void Map(StoreOptions options);

    void CleanUpOnRebuild(AsyncOptions options);

    // insert: the table holds none of these documents (a first build into an empty table), so each is
    // inserted rather than upserted and an absent one needs no delete; Marten can COPY such inserts in a
    // rebuild (ProjectionOptions.RebuildWithBulkCopy).
    void Write(IDocumentOperations operations, ClubState state, IEnumerable<string> documentIds, long position, bool insert = false);

    // Every document the state implies, and every stored one it no longer does (to be deleted).
    Task<IReadOnlyCollection<string>> AllIdsAsync(IDocumentOperations operations, ClubState state, CancellationToken ct);

    // Every document the state implies, as Marten documents (for a bulk insert).
    IEnumerable<object> RenderAll(ClubState state, long position);
}

public static class StoryWriter
{
    public static IStoryWriter For(IProjection story, uint version = 1) => For(story, version, 0);

    // Writers of stories at their versions. Marten maps a CLR type to one table, so two stories of one
    // projection class (the tests' twins) get document types of their own: StoryDocument<Twin<T>>, by
    // their order among the stories given (pass every story, in the same order, for the same types).
    public static IReadOnlyList<IStoryWriter> For(IEnumerable<IProjection> stories, Func<IProjection, uint?> version)
    {
        var seen = new Dictionary<Type, int>();
        var writers = new List<IStoryWriter>();
        foreach (var story in stories)
        {
            var twins = seen.GetValueOrDefault(story.GetType());
            seen[story.GetType()] = twins + 1;
            if (version(story) is { } v)
            {
                writers.Add(For(story, v, twins));
            }
        }

        return writers;
    }

    private static IStoryWriter For(IProjection story, uint version, int twins)
    {
        var key = story.GetType();
        for (var i = 0; i < twins; i++)
        {
            key = typeof(Twin<>).MakeGenericType(key);
        }

        return (IStoryWriter)Activator.CreateInstance(typeof(StoryWriter<>).MakeGenericType(key), story, version)!;
    }
}

// A document type key for the second (third, ...) story of one projection class.
public sealed class Twin<TKey>;

// TKey: the story's projection class (or Twin<...> of it), only to give each story a CLR type of its own.
public sealed class StoryWriter<TKey>(IProjection story, uint version) : IStoryWriter
{
    public IProjection Story => story;

    public Type DocumentType => typeof(StoryDocument<TKey>);

    public void Map(StoreOptions options) =>
        options.Schema.For<StoryDocument<TKey>>()
            .DocumentAlias(StoryDocuments.Alias(story.Name, version))
            .Duplicate(d => d.Kind)
            .Duplicate(d => d.SortKey)
            .Duplicate(d => d.UpdatedSeq)
            .Duplicate(d => d.Filters, "jsonb", NpgsqlDbType.Jsonb, index => index.ToGinWithJsonbPathOps());

    public void CleanUpOnRebuild(AsyncOptions options) => options.DeleteViewTypeOnTeardown<StoryDocument<TKey>>();

    public IEnumerable<object> RenderAll(ClubState state, long position) =>
        story.AllDocumentIds(state).Select(id => Render(state, id, position)).OfType<StoryDocument<TKey>>();

    public async Task<IReadOnlyCollection<string>> AllIdsAsync(IDocumentOperations operations, ClubState state, CancellationToken ct)
    {
        var ids = new HashSet<string>(story.AllDocumentIds(state), StringComparer.Ordinal);
        ids.UnionWith(await operations.Query<StoryDocument<TKey>>().Select(d => d.Id).ToListAsync(ct));
        return ids;
    }

    public void Write(IDocumentOperations operations, ClubState state, IEnumerable<string> documentIds, long position, bool insert = false)
    {
        foreach (var id in documentIds.Order(StringComparer.Ordinal))
        {
            if (Render(state, id, position) is { } stored)
            {
                if (insert)
                {
                    operations.Insert(stored);
                }
                else
                {
                    operations.Store(stored);
                }
            }
            else if (!insert)
            {
                operations.Delete<StoryDocument<TKey>>(id);
            }
        }
    }

    private StoryDocument<TKey>? Render(ClubState state, string id, long position) =>
        ProjectionBatch.RenderOne(state, story, id) is { } row
            ? new StoryDocument<TKey>
            {
                Id = id,
                Kind = row.Kind,
                SortKey = row.SortKey,
                Search = row.Search,
                Data = JsonElement.Parse(row.Data),
                Filters = row.Filters,
                UpdatedSeq = position,
            }
            : null;
}
