using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Projections;

// A projection is plain C# with no I/O: given the club state and an event, it names the documents
// the event may change; given the state and a document id, it renders that document.
// The runtime calls Affected before and after folding each event (so both the old and the new
// owner of a moved row are named), then renders each named document once per batch.
public interface IProjection
{
    // Stable name: the key of its documents and of its row in the projections table.
    string Name { get; }

    void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds);

    // Null when the document should not exist (it is then deleted).
    ProjectedDocument? Render(ClubState state, string documentId);

    // Every document id the state implies: what a rebuild renders.
    IEnumerable<string> AllDocumentIds(ClubState state);
}
