using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Projections.Shared;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.Shared;

public sealed class TeamGroupPageTests
{
    private static readonly string[] Kids = ["Ann Zed", "Bo Zed", "Cy Zed"];

    private static ClubState ClubWithTeam7()
    {
        var state = new ClubState();
        EventFold.Apply(state, new TeamAdded(Rows.Team(7, "Lady Hawks 14U")));
        return state;
    }

    [Fact]
    public void The_head_ranks_by_its_count_then_team_name_and_alone_carries_the_team_name_in_search()
    {
        var head = TeamGroupPage<string>.Of(ClubWithTeam7(), 7, 1, 2, Kids, k => k.Split(' '))!;

        Assert.True(head.IsHead);
        Assert.Equal((2, 2), (head.PageCount, head.Items.Count));
        var document = head.Head(3, "data");
        Assert.Equal("team", document.Kind);
        Assert.Equal("999999996 lady hawks 14u 000000000007", document.SortKey);
        Assert.Equal("lady hawks 14u ann zed bo zed", document.Search);
    }

    [Fact]
    public void A_further_page_sorts_behind_its_head_key_and_searches_by_its_own_items_only()
    {
        var page = TeamGroupPage<string>.Of(ClubWithTeam7(), 7, 2, 2, Kids, k => k.Split(' '))!;

        Assert.False(page.IsHead);
        Assert.Equal(["Cy Zed"], page.Items);
        var document = page.Continuation("data");
        Assert.Equal("team-page", document.Kind);
        Assert.Equal("team:7 000000002", document.SortKey);
        Assert.Equal("cy zed", document.Search);
    }

    [Fact]
    public void A_page_past_the_end_of_the_group_is_none_and_a_group_without_a_team_sorts_as_id_zero()
    {
        Assert.Null(TeamGroupPage<string>.Of(ClubWithTeam7(), 7, 3, 2, Kids, k => k.Split(' ')));

        var noTeam = TeamGroupPage<string>.Of(ClubWithTeam7(), null, 1, 2, Kids, k => k.Split(' '))!;
        Assert.Equal("999999999  000000000000", noTeam.Head(0, "data").SortKey);
        Assert.Equal("ann zed bo zed", noTeam.Search);
    }
}
