using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.ReadModel.Tests.Support;

// Mimics the projection runtime: for each event, Affected before the fold, the fold, Affected after;
// at the end of a batch, render every named document once (null deletes it).
public sealed class ProjectionHarness
{
    private readonly Dictionary<string, Dictionary<string, ProjectedDocument>> _documents = [];
    private long _sequence;

    public ProjectionHarness(params IProjection[] projections)
    {
        Projections = projections;
        foreach (var projection in projections)
        {
            _documents[projection.Name] = new Dictionary<string, ProjectedDocument>(StringComparer.Ordinal);
        }
    }

    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<IProjection> Projections { get; }

    public ClubState State { get; } = new();

    public DateTimeOffset Clock { get; set; } = Start;

    public List<RecordedEvent> Log { get; } = [];

    public ProjectionHarness Apply(params IDomainEvent[] events) => ApplyBatch(events.Select(e => (Clock, e)));

    public ProjectionHarness ApplyAt(DateTimeOffset at, params IDomainEvent[] events)
    {
        Clock = at;
        return Apply(events);
    }

    public ProjectionHarness ApplyBatch(IEnumerable<(DateTimeOffset At, IDomainEvent Event)> batch)
    {
        var dirty = Projections.ToDictionary(p => p.Name, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var (at, domainEvent) in batch)
        {
            var recorded = new RecordedEvent(++_sequence, "test", _sequence.ToString(), at, at, domainEvent);
            foreach (var projection in Projections)
            {
                projection.Affected(State, domainEvent, dirty[projection.Name]);
            }

            EventFold.Apply(State, recorded);
            Log.Add(recorded);
            foreach (var projection in Projections)
            {
                projection.Affected(State, domainEvent, dirty[projection.Name]);
            }
        }

        foreach (var projection in Projections)
        {
            var documents = _documents[projection.Name];
            foreach (var id in dirty[projection.Name])
            {
                if (projection.Render(State, id) is { } document)
                {
                    documents[id] = document;
                }
                else
                {
                    documents.Remove(id);
                }
            }
        }

        return this;
    }

    public IReadOnlyDictionary<string, ProjectedDocument> Documents(string projection) => _documents[projection];

    public IReadOnlyDictionary<string, ProjectedDocument> Documents() => _documents[Projections.Single().Name];

    public ProjectedDocument? Find(string id) => Documents().GetValueOrDefault(id);

    public ProjectedDocument Document(string id) =>
        Find(id) ?? throw new Xunit.Sdk.XunitException(
            $"No document '{id}'. Documents: {string.Join(", ", Documents().Keys.Order(StringComparer.Ordinal))}");

    public T Data<T>(string id) => Assert.IsType<T>(Document(id).Data);

    // Every document of every projection, serialised: what the store would hold.
    public SortedDictionary<string, string> Serialized(IProjection projection) =>
        new(_documents[projection.Name].ToDictionary(kv => kv.Key, kv => Serialize(kv.Value)), StringComparer.Ordinal);

    public static SortedDictionary<string, string> RenderFromScratch(ClubState state, IProjection projection)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in projection.AllDocumentIds(state))
        {
            var document = projection.Render(state, id)
                ?? throw new Xunit.Sdk.XunitException($"{projection.Name}: AllDocumentIds lists '{id}' but it renders null.");
            Assert.True(result.TryAdd(id, Serialize(document)), $"{projection.Name}: AllDocumentIds lists '{id}' twice.");
        }

        return result;
    }

    public static string Serialize(ProjectedDocument document) =>
        $"{document.Kind}\n{document.SortKey}\n{document.Search}\n{DocumentJson.Serialize(document.Data)}";
}
