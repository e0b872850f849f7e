using Westside.Projections.ReadModel.Projections.Shared;

namespace Westside.Projections.ReadModel.Tests.Projections.Shared;

public sealed class PagedIdsTests
{
    [Theory]
    [InlineData("team:12", 12, 1)]
    [InlineData("team:12/page:2", 12, 2)]
    [InlineData("team:none", null, 1)]
    [InlineData("team:none/page:7", null, 7)]
    public void A_team_group_id_names_its_team_and_page(string id, int? teamId, int page)
    {
        Assert.True(TeamGroups.TryParse(id, out var parsedTeam, out var parsedPage));
        Assert.Equal((teamId, page), (parsedTeam, parsedPage));
        Assert.Equal(id, TeamGroups.PageId(teamId, page));
    }

    [Theory]
    [InlineData("team:12/page:1")]
    [InlineData("team:12/page:0")]
    [InlineData("team:12/page:x")]
    [InlineData("team:012")]
    [InlineData("team:12/page:02")]
    [InlineData("team:nobody")]
    [InlineData("day:2026-03-01")]
    public void Only_the_canonical_spelling_of_a_team_group_id_names_a_document(string id) =>
        Assert.False(TeamGroups.TryParse(id, out _, out _));

    [Fact]
    public void The_head_is_the_bare_key_and_later_pages_carry_a_page_suffix()
    {
        Assert.Equal(("day:2026-03-01", "day:2026-03-01/page:3"), (PagedIds.Of("day:2026-03-01", 1), PagedIds.Of("day:2026-03-01", 3)));
        Assert.True(PagedIds.TrySplit("day:2026-03-01/page:3", out var key, out var page));
        Assert.Equal(("day:2026-03-01", 3), (key, page));
        Assert.False(PagedIds.TrySplit("day:2026-03-01/page:", out _, out _));
    }
}
