using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Projector.Engine;

// The leader's in-memory model: ONE ClubState folded from the whole log, and which projections the
// poll loop maintains (those whose live generation is at the log head) in which generation.
// Touched only under the leader connection's gate (poll batches, and a rebuild's swap).
public sealed class LiveProjections(IReadOnlyList<IProjection> all)
{
    private readonly Dictionary<string, int> _maintained = new(StringComparer.Ordinal);

    public IReadOnlyList<IProjection> All { get; } = all;

    public ClubState State { get; } = new();

    public IReadOnlyList<IProjection> Maintained => All.Where(p => _maintained.ContainsKey(p.Name)).ToList();

    public int GenerationOf(string name) => _maintained[name];

    public bool IsMaintained(string name) => _maintained.ContainsKey(name);

    public void Maintain(string name, int generation) => _maintained[name] = generation;

    public IProjection? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    // Set when a batch or a swap failed after touching the in-memory model: it may no longer match the
    // store, so the leader session must end and the next one reload from the log.
    public bool IsPoisoned { get; private set; }

    public void Poison() => IsPoisoned = true;

    // Folds the batch and renders what it touched, per maintained projection.
    public IReadOnlyList<(RenderedDocuments Documents, int Generation)> Apply(IReadOnlyList<RecordedEvent> events)
    {
        var maintained = Maintained;
        var dirty = ProjectionBatch.Apply(State, maintained, events);
        return maintained
            .Select(p => (ProjectionBatch.Render(State, p, dirty[p]), _maintained[p.Name]))
            .ToList();
    }
}
