using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

public sealed class ProjectionBatchTests
{
    private static readonly IReadOnlyList<IProjection> Projections = [new PlayerRowsProjection(), new TeamCountsProjection()];

    [Fact]
    public void Documents_kept_up_batch_by_batch_equal_a_full_render_of_the_final_state()
    {
        var script = new EventScript(seed: 7);
        var events = EventScript.Number(script.Setup(teams: 6, parents: 40).Concat(Enumerable.Range(0, 3000).Select(_ => script.Next(40))));

        // Incremental: uneven batches, each touched document rendered once and kept in a dictionary "store".
        var state = new ClubState();
        var store = Projections.ToDictionary(p => p.Name, _ => new Dictionary<string, DocumentRow>());
        var random = new Random(3);
        for (var i = 0; i < events.Count;)
        {
            var batch = events.Skip(i).Take(1 + random.Next(200)).ToList();
            i += batch.Count;
            var dirty = ProjectionBatch.Apply(state, Projections, batch);
            foreach (var projection in Projections)
            {
                var rendered = ProjectionBatch.Render(state, projection, dirty[projection]);
                foreach (var row in rendered.Upserts)
                {
                    store[projection.Name][row.Id] = row;
                }

                foreach (var id in rendered.Deletes)
                {
                    store[projection.Name].Remove(id);
                }
            }
        }

        // Full: a fresh fold of the whole log, every document rendered.
        var fresh = new ClubState();
        foreach (var e in events)
        {
            EventFold.Apply(fresh, e);
        }

        foreach (var projection in Projections)
        {
            var full = ProjectionBatch.Render(fresh, projection, projection.AllDocumentIds(fresh));
            Assert.Empty(full.Deletes);
            Assert.Equal(full.Upserts.OrderBy(d => d.Id, StringComparer.Ordinal), store[projection.Name].Values.OrderBy(d => d.Id, StringComparer.Ordinal));
        }

        Assert.True(store["test-players"].Count > 500);
        Assert.Equal(events[^1].Sequence, state.LastSequence);
    }

    [Fact]
    public void A_player_moving_team_touches_the_old_and_the_new_team_document()
    {
        var state = new ClubState();
        var player = new PlayerRow(1, 1, 2, "A", "B", 2014, null, "signed", null, null, default, default);
        ProjectionBatch.Apply(state, Projections, EventScript.Number([new("players", "1", new PlayerRegistered(player))]));

        var moved = player with { TeamId = 3 };
        var dirty = ProjectionBatch.Apply(state, Projections, EventScript.Number([new("players", "1", new PlayerAssignedToTeam(moved, 2))], after: 1));

        var teams = dirty.Single(d => d.Key.Name == "test-team-counts").Value;
        Assert.Equal(["team:2", "team:3"], teams.Order(StringComparer.Ordinal));
        var rendered = ProjectionBatch.Render(state, Projections[1], teams);
        Assert.Equal(["team:2"], rendered.Deletes);
        Assert.Equal("""{"teamId":3,"ageGroup":null,"players":1,"signed":1}""", Assert.Single(rendered.Upserts).Data);
    }
}
