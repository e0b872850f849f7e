using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.Clusters;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Clusters;

public sealed class ClustersProjectionTests
{
    private readonly ProjectionHarness _club = new(new ClustersProjection());

    private void Family(int parentId, params (int Id, int? Team, string Status)[] kids)
    {
        _club.Apply(new ParentRegistered(Rows.Parent(parentId)));
        foreach (var (id, team, status) in kids)
        {
            _club.Apply(new PlayerRegistered(Rows.Player(id, parentId, team, status)));
        }
    }

    [Fact]
    public void Parents_with_two_unsigned_kids_appear_as_a_cluster_with_every_kid()
    {
        _club.Apply(new TeamAdded(Rows.Team(1, "Hawks", "12U")), new TeamAdded(Rows.Team(2, "Owls", "14U")));
        Family(1, (1, 1, "sent"), (2, 2, "declined"), (3, null, "signed"));

        var cluster = _club.Data<ClusterDocument>("parent:1");

        Assert.Equal((2, 3), (cluster.UnsignedCount, cluster.KidCount));
        Assert.Equal([1, 2, 3], cluster.Kids.Select(k => k.PlayerId));
        Assert.Equal(["Hawks", "Owls", null], cluster.Kids.Select(k => k.TeamName));
        Assert.Equal([1, 2], cluster.TeamIds);
        Assert.Equal(["12U", "14U"], cluster.AgeGroups);
        Assert.False(cluster.Kids[2].Unsigned);
    }

    [Fact]
    public void A_parent_with_one_unsigned_kid_is_not_a_cluster()
    {
        Family(1, (1, null, "sent"), (2, null, "signed"));

        Assert.Null(_club.Find("parent:1"));
        Assert.Null(_club.Find("summary"));
    }

    [Fact]
    public void Largest_clusters_sort_first_and_the_summary_counts_them_by_size()
    {
        Family(1, (1, null, "sent"), (2, null, "none"));
        Family(2, (3, null, "sent"), (4, null, "none"), (5, null, "declined"));

        var order = _club.Documents().Values.Where(d => d.Kind == "cluster").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((ClusterDocument)d.Data).ParentId);
        var summary = _club.Data<ClusterSummaryDocument>("summary");

        Assert.Equal([2, 1], order);
        Assert.Equal((2, 5), (summary.ClusterCount, summary.UnsignedPlayersInClusters));
        Assert.Equal([new ClusterSize(3, 1), new ClusterSize(2, 1)], summary.BySize);
    }

    [Fact]
    public void Signing_one_of_two_kids_dissolves_the_cluster()
    {
        Family(1, (1, null, "sent"), (2, null, "sent"));

        _club.Apply(new PlayerContractStatusChanged(Rows.Player(1, 1, null, "signed"), "sent"));

        Assert.Null(_club.Find("parent:1"));
    }

    [Fact]
    public void Moving_a_kid_to_another_parent_updates_both_families()
    {
        Family(1, (1, null, "sent"), (2, null, "sent"));
        Family(2, (3, null, "sent"));

        _club.Apply(new PlayerChanged(Rows.Player(2, 2, null, "sent")));

        Assert.Null(_club.Find("parent:1"));
        Assert.Equal([2, 3], _club.Data<ClusterDocument>("parent:2").Kids.Select(k => k.PlayerId));
    }

    [Fact]
    public void A_parent_without_email_or_phone_still_forms_a_cluster_with_null_contact()
    {
        _club.Apply(new ParentRegistered(Rows.Parent(1, "Zoë", "D'Angelo", email: null, phone: null)));
        _club.Apply(new PlayerRegistered(Rows.Player(1, 1, null, "none")), new PlayerRegistered(Rows.Player(2, 1, null, "none")));

        var cluster = _club.Data<ClusterDocument>("parent:1");

        Assert.Equal(("Zoë", "D'Angelo", (string?)null, (string?)null), (cluster.ParentFirstName!, cluster.ParentLastName!, cluster.Email, cluster.Phone));
    }
}
