using System.Globalization;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;

namespace Westside.Projections.Benchmarks.Runtime;

// Projections for the runtime benchmarks while the catalog is empty (and the latency probe always):
// a document per player (its row), per family (the parent's kids and how many signed) and per team
// (counts). Plain IProjection code like the real ones, so the runtime does the same work per document.
public static class SampleProjections
{
    public static IReadOnlyList<IProjection> All { get; } = [new Players("bench-players"), new Families(), new Teams()];

    public sealed class Players(string name) : IProjection
    {
        public string Name { get; } = name;

        public static string IdOf(int id) => $"player:{id.ToString(CultureInfo.InvariantCulture)}";

        public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
        {
            switch (domainEvent)
            {
                case IRowEvent<PlayerRow> e: documentIds.Add(IdOf(e.Row.Id)); break;
                case PlayerRemoved e: documentIds.Add(IdOf((int)e.Key)); break;
            }
        }

        public ProjectedDocument? Render(ClubState state, string documentId) =>
            state.Players.TryGetValue(int.Parse(documentId[7..], CultureInfo.InvariantCulture), out var row)
                ? new ProjectedDocument("player", $"{row.LastName.ToLowerInvariant()}|{row.Id:D8}", $"{row.FirstName} {row.LastName}".ToLowerInvariant(), row)
                : null;

        public IEnumerable<string> AllDocumentIds(ClubState state) => state.Players.Keys.Select(IdOf);
    }

    public sealed class Families : IProjection
    {
        public string Name => "bench-families";

        public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
        {
            switch (domainEvent)
            {
                case IRowEvent<ParentRow> e: documentIds.Add(Id(e.Row.Id)); break;
                case ParentRemoved e: documentIds.Add(Id((int)e.Key)); break;
                case IRowEvent<PlayerRow> e:
                    documentIds.Add(Id(state.Players.TryGetValue(e.Row.Id, out var now) ? now.ParentId : e.Row.ParentId));
                    break;
                case PlayerRemoved e when state.Players.TryGetValue((int)e.Key, out var gone): documentIds.Add(Id(gone.ParentId)); break;
                case IRowEvent<ContractRow> e when state.Players.TryGetValue(e.Row.PlayerId, out var p): documentIds.Add(Id(p.ParentId)); break;
            }
        }

        public ProjectedDocument? Render(ClubState state, string documentId)
        {
            var id = int.Parse(documentId[7..], CultureInfo.InvariantCulture);
            if (!state.Parents.TryGetValue(id, out var parent))
            {
                return null;
            }

            var kids = state.PlayersByParent[id].Select(k => state.Players[k]).ToList();
            var document = new FamilyDocument(
                parent.Id, parent.Email is not null, parent.Phone is not null,
                kids.Select(k => new FamilyKid(k.Id, k.TeamId, k.ContractStatus, state.ContractsByPlayer[k.Id].Count)).ToList(),
                kids.Count(k => k.ContractStatus != "signed"));
            return new ProjectedDocument("family", $"{parent.LastName.ToLowerInvariant()}|{parent.Id:D8}", parent.LastName.ToLowerInvariant(), document);
        }

        public IEnumerable<string> AllDocumentIds(ClubState state) => state.Parents.Keys.Select(Id);

        private static string Id(int parentId) => $"family:{parentId.ToString(CultureInfo.InvariantCulture)}";
    }

    public sealed class Teams : IProjection
    {
        public string Name => "bench-teams";

        public void Affected(ClubState state, IDomainEvent domainEvent, ISet<string> documentIds)
        {
            switch (domainEvent)
            {
                case IRowEvent<TeamRow> e: documentIds.Add(Id(e.Row.Id)); break;
                case TeamRemoved e: documentIds.Add(Id((int)e.Key)); break;
                case IRowEvent<PlayerRow> e:
                    documentIds.Add(Id(state.Players.TryGetValue(e.Row.Id, out var now) ? now.TeamId : e.Row.TeamId));
                    break;
                case PlayerRemoved e when state.Players.TryGetValue((int)e.Key, out var gone): documentIds.Add(Id(gone.TeamId)); break;
            }
        }

        public ProjectedDocument? Render(ClubState state, string documentId)
        {
            int? id = documentId == "team:none" ? null : int.Parse(documentId[5..], CultureInfo.InvariantCulture);
            var players = state.PlayersByTeam[id];
            TeamRow? team = null;
            if ((id is { } t && !state.Teams.TryGetValue(t, out team) && players.Count == 0) || (id is null && players.Count == 0))
            {
                return null;
            }

            var statuses = players.GroupBy(p => state.Players[p].ContractStatus).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new ProjectedDocument("team", team?.Name.ToLowerInvariant() ?? "~", "", new TeamDocument(id, team?.AgeGroup, players.Count, statuses));
        }

        public IEnumerable<string> AllDocumentIds(ClubState state) =>
            state.Teams.Keys.Select(k => Id(k)).Concat(state.PlayersByTeam.Keys.Select(Id)).Distinct();

        private static string Id(int? teamId) => teamId is { } t ? $"team:{t.ToString(CultureInfo.InvariantCulture)}" : "team:none";
    }

    public sealed record FamilyKid(int PlayerId, int? TeamId, string ContractStatus, int Contracts);

    public sealed record FamilyDocument(int ParentId, bool HasEmail, bool HasPhone, IReadOnlyList<FamilyKid> Kids, int Unsigned);

    public sealed record TeamDocument(int? TeamId, string? AgeGroup, int Players, IReadOnlyDictionary<string, int> ByStatus);
}
