using System.Net;
using System.Net.Http.Json;
using System.Text;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.ReadModel.Events;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// Each page's numbers against the generated dataset the projector started from.
public class PageNumbersTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    private HttpClient Client => club.App.CreateClient();

    [Fact]
    public async Task Today_counts_match_the_dataset_and_link_to_where_they_get_done()
    {
        var (_, page) = await Html.GetAsync(Client, "/");
        var data = club.Data;

        string Card(string key) => page.QuerySelector($".card[data-key={key}] .count")!.Text();
        string Href(string key) => page.QuerySelector($".card[data-key={key}]")!.GetAttribute("href")!;
        Assert.Equal(data.Players.Count(p => ExpectedFrom.IsUnsigned(p.ContractStatus)).ToString(), Card("unsigned"));
        Assert.Equal(ExpectedFrom.ClusterParents(data).Count().ToString(), Card("clusters"));
        Assert.Equal(data.Players.Count(p => !ExpectedFrom.JerseyPaid(data, p.Id)).ToString(), Card("jerseys"));
        Assert.Equal(data.Players.Count(p => ExpectedFrom.DuesPastDue(data, p.Id)).ToString(), Card("dues"));
        Assert.Equal(data.Outbox.Count(o => o.Status == "failed").ToString(), Card("outbox"));
        Assert.Contains($"{data.Outbox.Count(o => o.Status == "pending")} pending", page.QuerySelector(".card[data-key=outbox]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/triage", Href("unsigned"));
        Assert.Equal("/jerseys?status=unpaid", Href("jerseys"));
        Assert.Equal("/outbox", Href("outbox"));
    }

    [Fact]
    public async Task Today_shows_a_progress_bar_per_team_for_signed_jerseys_and_dues()
    {
        var (_, page) = await Html.GetAsync(Client, "/");
        var data = club.Data;

        var teams = page.QuerySelectorAll(".team-grid .team-progress");
        Assert.Equal(data.Players.Select(p => p.TeamId).Distinct().Count(), teams.Length);
        foreach (var team in data.Teams.Where(t => data.Players.Any(p => p.TeamId == t.Id)))
        {
            var section = teams.Single(s => s.QuerySelector("h3 a")!.Text() == team.Name);
            var players = data.Players.Where(p => p.TeamId == team.Id).ToList();
            var bars = section.QuerySelectorAll("progress");
            Assert.Equal(3, bars.Length);
            Assert.Equal(players.Count(p => p.ContractStatus == "signed").ToString(), bars[0].GetAttribute("value"));
            Assert.Equal(players.Count.ToString(), bars[0].GetAttribute("max"));
            Assert.Equal(players.Count(p => ExpectedFrom.JerseyPaid(data, p.Id)).ToString(), bars[1].GetAttribute("value"));
        }
    }

    [Fact]
    public async Task Today_says_what_changed_since_yesterday_from_the_event_log()
    {
        var (_, page) = await Html.GetAsync(Client, "/");

        // The whole club was captured in the first poll, today: every player registered "since yesterday".
        var counts = page.QuerySelectorAll(".change-counts li").ToDictionary(li => li.Children[1].Text(), li => li.Children[0].Text());
        Assert.Equal(club.Data.Players.Count.ToString(), counts["players registered"]);
        Assert.Equal(12, page.QuerySelectorAll("ul.latest li").Length);
    }

    [Fact]
    public async Task Jerseys_lists_every_unpaid_player_cash_included()
    {
        var data = club.Data;
        var unpaid = data.Players.Where(p => !ExpectedFrom.JerseyPaid(data, p.Id)).Select(p => $"{p.FirstName} {p.LastName}");

        var rows = await Pages.RowsAsync(Client, "/jerseys?status=unpaid");
        var (_, page) = await Html.GetAsync(Client, "/jerseys");

        Assert.Equal(unpaid.Order(StringComparer.Ordinal), rows.Select(r => r.QuerySelector("td.primary")!.Text()).Order(StringComparer.Ordinal));
        Assert.Equal(unpaid.Count().ToString(), Pages.Cards(page)["not paid"]);
        var cashRow = page.QuerySelectorAll("details table tbody tr").Single(r => r.QuerySelector("td.primary")!.Text() == "cash");
        Assert.Equal(data.JerseyPayments.Count(p => p.Method == "cash" && p.AmountCents > 0).ToString(), cashRow.Children[1].Text());
    }

    [Fact]
    public async Task Dues_lists_every_past_due_subscription_with_the_payers_contact()
    {
        var data = club.Data;
        var pastDue = data.Subscriptions.Where(s => s.Status == "past_due").ToList();

        var rows = await Pages.RowsAsync(Client, "/dues");

        Assert.Equal(pastDue.Count, rows.Count);
        foreach (var s in pastDue)
        {
            var player = data.Players.Single(p => p.Id == s.PlayerId);
            var parent = data.Parents.Single(p => p.Id == s.ParentId);
            var row = rows.Single(r => r.QuerySelector("td.primary")!.Text() == $"{player.FirstName} {player.LastName}");
            Assert.Equal($"/families/{s.ParentId}", row.QuerySelector("td.primary a")!.GetAttribute("href"));
            if (!string.IsNullOrWhiteSpace(parent.Email))
            {
                Assert.Equal($"mailto:{parent.Email}", row.QuerySelector("a[href^='mailto:']")!.GetAttribute("href"));
            }

            if (!string.IsNullOrWhiteSpace(parent.Phone))
            {
                var digits = new string(parent.Phone.Where(char.IsAsciiDigit).ToArray());
                Assert.EndsWith(digits, row.QuerySelector("a[href^='tel:']")!.GetAttribute("href"), StringComparison.Ordinal);
                Assert.NotNull(row.QuerySelector("a[href^='sms:']"));
            }
        }
    }

    [Fact]
    public async Task Clusters_are_the_parents_with_two_or_more_unsigned_kids()
    {
        var data = club.Data;
        var expected = ExpectedFrom.ClusterParents(data).Select(id => $"/families/{id}").Order(StringComparer.Ordinal);

        var pages = await Pages.AllAsync(Client, "/clusters");
        var shown = pages.SelectMany(p => p.QuerySelectorAll("article.cluster h2 a")).Select(a => a.GetAttribute("href")!);

        Assert.Equal(expected, shown.Order(StringComparer.Ordinal));
        var first = pages[0].QuerySelector("article.cluster")!;
        var parentId = int.Parse(first.QuerySelector("h2 a")!.GetAttribute("href")!["/families/".Length..]);
        var unsigned = data.Players.Count(p => p.ParentId == parentId && ExpectedFrom.IsUnsigned(p.ContractStatus));
        Assert.StartsWith($"{unsigned} of {data.Players.Count(p => p.ParentId == parentId)} unsigned", first.QuerySelector(".chip")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contracts_audit_lists_every_contract_and_filters_by_status_and_version()
    {
        var data = club.Data;
        var version = data.Contracts.GroupBy(c => c.Version).OrderByDescending(g => g.Count()).First().Key;

        var all = await Pages.RowsAsync(Client, "/contracts");
        var signed = await Pages.RowsAsync(Client, "/contracts?status=signed");
        var ofVersion = await Pages.RowsAsync(Client, $"/contracts?version={Uri.EscapeDataString(version)}");

        Assert.Equal(data.Contracts.Count, all.Count);
        Assert.Equal(data.Contracts.Count(c => c.Status == "signed"), signed.Count);
        Assert.All(signed, r => Assert.Equal("signed", r.QuerySelector(".chip")!.Text()));
        Assert.Equal(data.Contracts.Count(c => c.Version == version), ofVersion.Count);
    }

    [Fact]
    public async Task Cohort_gives_every_parent_email_once_with_copy_bcc_and_csv()
    {
        var data = club.Data;
        var expected = ExpectedFrom.CohortEmails(data, p => ExpectedFrom.IsUnsigned(p.ContractStatus));

        var (_, page) = await Html.GetAsync(Client, "/cohorts");
        var text = page.QuerySelector("textarea#cohort-emails")!.TextContent;
        var emails = text.Split(", ", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), emails.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal("#cohort-emails", page.QuerySelector("button[data-copy]")!.GetAttribute("data-copy"));
        var mailto = page.QuerySelector("a[href^='mailto:?bcc=']")!.GetAttribute("href")!;
        Assert.Equal(expected.Count, Uri.UnescapeDataString(mailto["mailto:?bcc=".Length..]).Split(',').Length);

        var csv = await Client.GetAsync(page.QuerySelector("a[download]")!.GetAttribute("href"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parentsWithout = data.Players.Where(p => ExpectedFrom.IsUnsigned(p.ContractStatus)).Select(p => p.ParentId).Distinct()
            .Count(id => string.IsNullOrWhiteSpace(data.Parents.Single(p => p.Id == id).Email));
        Assert.Equal(1 + expected.Count + parentsWithout, lines.Length);
    }

    [Fact]
    public async Task Cohort_scoped_to_a_team_holds_only_that_teams_parents()
    {
        var data = club.Data;
        var team = data.Teams.First(t => data.Players.Any(p => p.TeamId == t.Id && p.ContractStatus == "declined"));
        var expected = ExpectedFrom.CohortEmails(data, p => p.TeamId == team.Id && p.ContractStatus == "declined");

        var api = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cohorts/declined?scope=team:{team.Id}");
        var (_, page) = await Html.GetAsync(club.App.Htmx(), $"/cohorts?cohort=declined&scope=team:{team.Id}");

        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), api.GetProperty("emails").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal($"team:{team.Id}", page.QuerySelector("select[name=scope] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Tournaments_list_every_tournament_and_its_team_entries()
    {
        var data = club.Data;

        var (_, page) = await Html.GetAsync(Client, "/tournaments");
        var tabs = page.QuerySelectorAll("nav.tabs a").Select(a => a.Text()).ToList();

        Assert.Equal(data.Tournaments.Select(t => t.Name).Order(StringComparer.Ordinal), tabs.Order(StringComparer.Ordinal));
        foreach (var t in data.Tournaments)
        {
            var rows = await Pages.RowsAsync(Client, $"/tournaments?tournament={t.Id}");
            var teams = data.TournamentRegistrations.Where(r => r.TournamentId == t.Id).Select(r => r.TeamId).Distinct().Count();
            Assert.Equal(teams, rows.Count);
        }
    }

    [Fact]
    public async Task Data_gaps_list_players_without_a_team_and_parents_nobody_can_reach()
    {
        var data = club.Data;

        var noTeam = await Pages.RowsAsync(Client, "/gaps?gap=player-without-team");
        var unreachable = await Pages.RowsAsync(Client, "/gaps?gap=parent-unreachable");

        Assert.Equal(
            data.Players.Where(p => p.TeamId is null).Select(p => $"{p.FirstName} {p.LastName}").Order(StringComparer.Ordinal),
            noTeam.Select(r => r.QuerySelector("td.primary")!.Text()).Order(StringComparer.Ordinal));
        Assert.Equal(data.Parents.Count(p => string.IsNullOrWhiteSpace(p.Email) && string.IsNullOrWhiteSpace(p.Phone)), unreachable.Count);
    }

    [Fact]
    public async Task Family_card_shows_every_kid_and_tappable_contacts()
    {
        var data = club.Data;
        var parent = data.Parents.First(p => !string.IsNullOrWhiteSpace(p.Email) && !string.IsNullOrWhiteSpace(p.Phone)
                                             && data.Players.Count(k => k.ParentId == p.Id) >= 2);

        var (response, page) = await Html.GetAsync(Client, $"/families/{parent.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{parent.FirstName} {parent.LastName}", page.QuerySelector("main h1")!.Text());
        Assert.Equal(
            data.Players.Where(k => k.ParentId == parent.Id).Select(k => $"{k.FirstName} {k.LastName}").Order(StringComparer.Ordinal),
            page.QuerySelectorAll("article.kid h2").Select(h => h.Text()).Order(StringComparer.Ordinal));
        Assert.Equal($"mailto:{parent.Email}", page.QuerySelector(".family-contact a[href^='mailto:']")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".family-contact a[href^='tel:']"));
        Assert.NotNull(page.QuerySelector(".family-contact a[href^='sms:']"));
    }

    [Fact]
    public async Task A_player_link_leads_to_the_players_family()
    {
        var player = club.Data.Players[10];
        var client = club.App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/players/{player.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/families/{player.ParentId}#player-{player.Id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Html_like_names_are_shown_as_text_never_as_markup()
    {
        var data = club.Data;
        var scripted = data.Parents.Single(p => p.FirstName.Contains("<script>", StringComparison.Ordinal));
        var bold = data.Parents.Single(p => p.LastName.Contains("<b>", StringComparison.Ordinal));

        foreach (var parent in new[] { scripted, bold })
        {
            var html = await Client.GetStringAsync($"/families/{parent.Id}");
            var page = await Html.ParseAsync(html);

            Assert.Equal($"{parent.FirstName} {parent.LastName}", page.QuerySelector("main h1")!.Text());
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Bold", html, StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll("main b"));
        }

        // In a list too: the jerseys page lists every player, the planted family's kids among them.
        var kid = data.Players.First(p => p.LastName.Contains("<b>", StringComparison.Ordinal));
        var jerseys = await Client.GetStringAsync("/jerseys?q=bold");
        Assert.Contains($"{kid.FirstName} &lt;b&gt;Bold&lt;/b&gt;", jerseys, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold", jerseys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_mirrors_the_pages()
    {
        var data = club.Data;

        var today = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/today");
        var dues = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/dues");
        var family = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/families/{data.Parents[0].Id}");

        var unsigned = today.GetProperty("actionables").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "unsigned");
        Assert.Equal(data.Players.Count(p => ExpectedFrom.IsUnsigned(p.ContractStatus)), unsigned.GetProperty("count").GetInt32());
        Assert.Equal(data.Subscriptions.Count(s => s.Status == "past_due"), dues.GetProperty("pastDueMatching").GetInt64());
        Assert.Equal(data.Players.Count(p => p.ParentId == data.Parents[0].Id), family.GetProperty("kids").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/families/999999")).StatusCode);
    }
}
