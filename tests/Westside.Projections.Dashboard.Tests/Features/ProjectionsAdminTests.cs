using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Westside.Projections.Dashboard.Tests.Auth;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// The one write the dashboard makes: a rebuild request row in the store, behind antiforgery.
public class ProjectionsAdminTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task Projections_page_shows_each_projection_at_the_log_head()
    {
        var (_, page) = await Html.GetAsync(club.App.CreateClient(), "/projections");
        var head = await ScalarAsync<long>("select coalesce(max(seq_id), 0) from mt_events where type <> 'tombstone'");

        var cards = page.QuerySelectorAll("article.projection");
        Assert.Equal(
            ["clusters", "cohorts", "contracts", "dues", "families", "gaps", "jerseys", "progress", "timeline", "tournaments", "triage"],
            cards.Select(c => c.QuerySelector("h2")!.Text()).Order(StringComparer.Ordinal));
        Assert.All(cards, c => Assert.Contains($"{head:N0} of {head:N0} (up to date)", c.Text(), StringComparison.Ordinal));
        // Nothing asked for a timeline rebuild (other tests here do ask for others): its card does not poll.
        Assert.Null(cards.Single(c => c.Id == "projection-timeline").GetAttribute("hx-trigger"));
    }

    [Fact]
    public async Task A_rebuild_without_the_antiforgery_token_is_refused_and_files_nothing()
    {
        var client = club.App.Htmx();
        await client.GetAsync("/projections");
        var before = await ScalarAsync<long>("select count(*) from rebuild_requests");

        var response = await client.PostAsync("/projections/jerseys/rebuild", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ScalarAsync<long>("select count(*) from rebuild_requests"));
    }

    [Fact]
    public async Task The_rebuild_button_files_one_request_shows_progress_and_stops_polling_when_done()
    {
        // The test session's login name, as a real sign-in records it (Features/Auth/OidcEvents).
        await ScalarAsync<long>($"""
            with named as (insert into staff_names (subject, username) values ('{TestSession.AdminSubject}', 'test-admin')
                           on conflict (subject) do update set username = excluded.username returning 1)
            select count(*) from named
            """);
        var client = club.App.CreateClient();
        var token = await TokenAsync(client, "/projections");
        client.DefaultRequestHeaders.Add("HX-Request", "true");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);

        var first = await client.PostAsync("/projections/triage/rebuild", null);
        var card = (await Html.ParseAsync(await first.Content.ReadAsStringAsync())).QuerySelector("article#projection-triage")!;
        var again = await client.PostAsync("/projections/triage/rebuild", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("every 1s", card.GetAttribute("hx-trigger"));
        Assert.Equal("/projections/triage/progress", card.GetAttribute("hx-get"));
        Assert.NotNull(card.QuerySelector("button[disabled]"));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from rebuild_requests where projection = 'triage' and status = 'pending'"));
        Assert.Equal(TestSession.AdminSubject, await ScalarAsync<string>("select requested_by from rebuild_requests where projection = 'triage'"));

        // The projector serves the request (a real rebuild into a new generation) ...
        await ClubLoader.ProjectOnceAsync(club.SourceReadOnly, club.Store);
        var progress = await client.GetStringAsync("/projections/triage/progress");
        var done = (await Html.ParseAsync(progress)).QuerySelector("article#projection-triage")!;

        // ... and the card stops polling, showing the new generation and who asked.
        Assert.Null(done.GetAttribute("hx-trigger"));
        // "by" the login name (issue 11), with the subject id kept beside it.
        Assert.Contains("by test-admin", done.Text(), StringComparison.Ordinal);
        Assert.Equal(TestSession.AdminSubject, done.QuerySelector(".who")!.GetAttribute("title"));
        Assert.Equal(1, await ScalarAsync<int>("select live_generation from projections where name = 'triage'"));
        Assert.NotNull(done.QuerySelector("button:not([disabled])"));
    }

    [Fact]
    public async Task Without_javascript_the_form_posts_with_its_hidden_token_and_returns_to_the_page()
    {
        var client = club.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (_, page) = await Html.GetAsync(client, "/projections");
        var form = page.QuerySelector("article#projection-dues form")!;
        var hidden = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(form.GetAttribute("action"),
            new FormUrlEncodedContent([new("__RequestVerificationToken", hidden)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projections", response.Headers.Location!.OriginalString);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from rebuild_requests where projection = 'dues'"));
    }

    [Fact]
    public async Task The_request_names_the_signed_in_users_subject()
    {
        var client = club.App.CreateClient();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await TokenAsync(client, "/projections"));
        client.DefaultRequestHeaders.Add("HX-Request", "true");

        var response = await client.PostAsync("/projections/cohorts/rebuild", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSession.AdminSubject, await ScalarAsync<string>("select requested_by from rebuild_requests where projection = 'cohorts'"));
    }

    [Fact]
    public async Task Rebuilding_an_unknown_projection_is_not_found()
    {
        var client = club.App.CreateClient();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await TokenAsync(client, "/projections"));

        var response = await client.PostAsync("/projections/no-such/rebuild", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_dead_lettered_request_is_shown_on_the_page()
    {
        // As Wolverine records a request message it gave up on (the projector's RequestQueueTests make one for real).
        await ScalarAsync<long>("""
            with dead as (
                insert into wolverine.wolverine_dead_letters (id, body, message_type, received_at, exception_type, exception_message, sent_at, replayable)
                values (gen_random_uuid(), '\x00', 'Westside.Projections.ReadModel.Requests.ResyncFromSource', 'postgresql://projector_requests/',
                        'Westside.Projections.Projector.Engine.RequestFailedException', 'Request 77 failed: source unreachable', now(), false)
                returning 1)
            select count(*) from dead
            """);

        var (_, page) = await Html.GetAsync(club.App.CreateClient(), "/projections");

        var row = page.QuerySelector("table.dead-letters tbody tr")!;
        Assert.Equal("ResyncFromSource", row.QuerySelector("td[data-label='Message']")!.Text().Trim());
        Assert.Contains("RequestFailedException", row.Text(), StringComparison.Ordinal);
        Assert.Contains("Request 77 failed: source unreachable", row.Text(), StringComparison.Ordinal);
    }

    private static Task<string> TokenAsync(HttpClient client, string path) => Html.AntiforgeryTokenAsync(client, path);

    private Task<T> ScalarAsync<T>(string sql) => club.StoreScalarAsync<T>(sql);
}
