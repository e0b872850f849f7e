using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

public class TriagePageTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    private static readonly string[] Unsigned = ["none", "sent", "declined"];

    [Fact]
    public async Task Every_unsigned_player_appears_exactly_once_across_the_pages()
    {
        var expected = club.Data.Players.Where(p => Unsigned.Contains(p.ContractStatus)).Select(p => $"{p.FirstName} {p.LastName}");

        var shown = await AllRowsAsync("/triage");

        Assert.Equal(expected.Order(StringComparer.Ordinal), shown.Select(r => r.Player).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Summary_cards_show_the_club_counts()
    {
        var (_, page) = await Html.GetAsync(club.App.CreateClient(), "/triage");

        var cards = page.QuerySelectorAll(".cards .card").ToDictionary(c => c.QuerySelector(".label")!.Text(), c => c.QuerySelector(".count")!.Text());
        Assert.Equal(Count(p => Unsigned.Contains(p.ContractStatus)), cards["unsigned"]);
        Assert.Equal(Count(p => p.ContractStatus == "sent"), cards["sent, waiting"]);
        Assert.Equal(Count(p => p.ContractStatus == "declined"), cards["declined"]);
        Assert.Equal(Count(p => p.ContractStatus == "none"), cards["never sent"]);
        Assert.Equal(Count(p => p.ContractStatus == "signed"), cards["signed"]);
        Assert.Equal(Count(p => p.TeamId is null && Unsigned.Contains(p.ContractStatus)), cards["unsigned, no team"]);
    }

    [Theory]
    [InlineData("sent", "sent")]
    [InlineData("declined", "declined")]
    [InlineData("none", "not sent")]
    public async Task Status_filter_keeps_only_players_with_that_status(string status, string chip)
    {
        var rows = await AllRowsAsync($"/triage?status={status}");

        Assert.Equal(club.Data.Players.Count(p => p.ContractStatus == status), rows.Count);
        Assert.All(rows, r => Assert.Equal(chip, r.Status));
    }

    [Fact]
    public async Task Age_group_filter_keeps_only_teams_of_that_age_group()
    {
        var teams = club.Data.Teams.Where(t => t.AgeGroup == "12U").Select(t => t.Id).ToHashSet();
        var expected = club.Data.Players.Count(p => p.TeamId is { } id && teams.Contains(id) && Unsigned.Contains(p.ContractStatus));

        var rows = await AllRowsAsync("/triage?age=12U");

        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("12U", r.GroupMeta, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Team_filter_lists_only_that_teams_unsigned_players()
    {
        var team = club.Data.Teams[0];
        var expected = club.Data.Players
            .Where(p => p.TeamId == team.Id && Unsigned.Contains(p.ContractStatus))
            .Select(p => $"{p.FirstName} {p.LastName}");

        var rows = await AllRowsAsync($"/triage?team={team.Id}");

        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => r.Player).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(team.Name, r.Group));
    }

    [Fact]
    public async Task Players_without_a_team_have_their_own_group()
    {
        var expected = club.Data.Players.Count(p => p.TeamId is null && Unsigned.Contains(p.ContractStatus));

        var rows = await AllRowsAsync("/triage?team=none");

        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("No team yet", r.Group));
    }

    [Fact]
    public async Task Name_search_finds_a_player_by_last_name_and_nobody_else()
    {
        var player = club.Data.Players.First(p => p.ContractStatus == "sent" && p.LastName.All(char.IsAsciiLetter));
        var parentNames = club.Data.Parents.ToDictionary(p => p.Id, p => $"{p.FirstName} {p.LastName}");
        var expected = club.Data.Players
            .Where(p => Unsigned.Contains(p.ContractStatus))
            .Where(p => $"{p.FirstName} {p.LastName} {parentNames[p.ParentId]}".Contains(player.LastName, StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.FirstName} {p.LastName}");

        var rows = await AllRowsAsync($"/triage?q={Uri.EscapeDataString(player.LastName.ToUpperInvariant())}");

        Assert.Contains($"{player.FirstName} {player.LastName}", rows.Select(r => r.Player));
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => r.Player).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pages_hold_ten_groups_and_the_pager_walks_them()
    {
        var groups = club.Data.Players.Where(p => Unsigned.Contains(p.ContractStatus)).Select(p => p.TeamId).Distinct().Count();

        var (_, first) = await Html.GetAsync(club.App.CreateClient(), "/triage");
        var (_, second) = await Html.GetAsync(club.App.CreateClient(), "/triage?page=2");

        Assert.Equal(Math.Min(10, groups), first.QuerySelectorAll("article.group").Length);
        Assert.Equal(groups - 10, second.QuerySelectorAll("article.group").Length);
        Assert.Equal("/triage?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("Page 2 of 2", second.QuerySelector(".pager")!.Text(), StringComparison.Ordinal);
        Assert.Empty(first.QuerySelectorAll("article.group h2 a").Select(a => a.Text())
            .Intersect(second.QuerySelectorAll("article.group h2 a").Select(a => a.Text())));
    }

    [Fact]
    public async Task An_htmx_request_gets_only_the_results_fragment()
    {
        var response = await club.App.Htmx().GetAsync("/triage?status=sent");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.StartsWith("<section id=\"results\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_normal_request_gets_the_whole_page_with_the_filters()
    {
        var response = await club.App.CreateClient().GetAsync("/triage?status=sent");
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.NotNull(page.QuerySelector("nav.nav a[aria-current=page][href='/triage']"));
        Assert.Equal("sent", page.QuerySelector("select[name=status] option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("form.filters[hx-push-url=true][hx-target='#results']"));
    }

    [Fact]
    public async Task The_api_returns_the_same_players_as_the_page()
    {
        var rows = await AllRowsAsync("/triage?status=declined");

        var players = new List<string>();
        var client = club.App.CreateClient();
        for (var page = 1; ; page++)
        {
            var api = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/triage?status=declined&page={page}");
            players.AddRange(api.GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("players").EnumerateArray())
                .Select(p => $"{p.GetProperty("firstName").GetString()} {p.GetProperty("lastName").GetString()}"));
            if (page >= api.GetProperty("pageCount").GetInt32())
            {
                break;
            }
        }

        Assert.Equal(rows.Select(r => r.Player).Order(StringComparer.Ordinal), players.Order(StringComparer.Ordinal));
    }

    private string Count(Func<ReadModel.Events.PlayerRow, bool> predicate) =>
        club.Data.Players.Count(predicate).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Row(string Group, string GroupMeta, string Player, string Status);

    // Follows the pager from the given URL and returns every player row of every page.
    private async Task<List<Row>> AllRowsAsync(string url)
    {
        var rows = new List<Row>();
        var client = club.App.CreateClient();
        for (string? next = url; next is not null;)
        {
            var (response, page) = await Html.GetAsync(client, next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var group in page.QuerySelectorAll("article.group"))
            {
                var heading = group.QuerySelector("h2")!;
                var meta = heading.QuerySelector(".meta")!.Text();
                var title = heading.Text()[..^meta.Length].Trim();
                rows.AddRange(group.QuerySelectorAll("tbody tr").Select(tr => new Row(
                    title, meta, tr.QuerySelector("td.primary")!.Text(), tr.QuerySelector(".chip")!.Text())));
            }

            next = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
        }

        return rows;
    }
}
