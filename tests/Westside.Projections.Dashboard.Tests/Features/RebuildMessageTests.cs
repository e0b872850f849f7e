using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Westside.Projections.Dashboard.Features.Projections;
using Westside.Projections.Dashboard.Tests.Auth;
using Westside.Projections.Dashboard.Tests.Support;
using Westside.Projections.ReadModel.Requests;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// The dashboard sends its own Wolverine message for a rebuild, committed with the request's status row:
// no projector relays it, and none needs to run when it is filed.
public class RebuildMessageTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task The_rebuild_button_puts_its_message_on_the_projectors_queue_itself()
    {
        var client = club.App.CreateClient();
        var token = await Html.AntiforgeryTokenAsync(client, "/projections");
        client.DefaultRequestHeaders.Add("HX-Request", "true");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);

        var response = await client.PostAsync("/projections/dues/rebuild", null);

        response.EnsureSuccessStatusCode();
        // No projector ran since: the message is on the queue, sent by the dashboard, and none is left unsent.
        Assert.True(await club.StoreScalarAsync<bool>("select message_sent from request_status where projection = 'dues'"));
        Assert.Equal(1L, await club.StoreScalarAsync<long>($"""
            select count(*) from {RequestMessaging.QueueSchema}.wolverine_queue_{RequestMessaging.Queue}
            where message_type like '%RebuildProjection'
            """));
        Assert.Equal(0L, await club.StoreScalarAsync<long>($"select count(*) from {RequestMessaging.EnvelopeSchema}.wolverine_outgoing_envelopes"));

        await ClubLoader.ProjectOnceAsync(club.SourceReadOnly, club.Store);

        Assert.Equal("done", await club.StoreScalarAsync<string>("select status from request_status where projection = 'dues'"));
        Assert.Equal(1, await club.StoreScalarAsync<int>("select live_generation from projections where name = 'dues'"));
    }

    [Fact]
    public async Task A_request_committed_but_never_sent_by_a_dashboard_that_died_is_sent_by_the_projector()
    {
        // As the dashboard's outbox leaves it when the process dies between the commit and the send: the
        // status row and the envelope committed, the envelope owned by no node.
        var runtime = await club.App.Services.GetRequiredService<RequestMessenger>().RuntimeAsync(CancellationToken.None);
        await using (var conn = new NpgsqlConnection(club.Store))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("""
                insert into request_status (kind, projection, requested_by, message_sent)
                values ('rebuild', 'jerseys', 'subject-of-a-lost-send', true) returning id
                """, conn, tx);
            var id = (long)(await insert.ExecuteScalarAsync())!;
            var context = new MessageContext(runtime);
            await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction((IMessageDatabase)runtime.Storage, tx));
            await context.SendAsync(new RebuildProjection(id, "jerseys", "subject-of-a-lost-send"));
            await tx.CommitAsync();
        }

        Assert.Equal(0L, await club.StoreScalarAsync<long>($"""
            select count(*) from {RequestMessaging.EnvelopeSchema}.wolverine_outgoing_envelopes where owner_id <> 0
            """));
        Assert.Equal(1L, await club.StoreScalarAsync<long>($"select count(*) from {RequestMessaging.EnvelopeSchema}.wolverine_outgoing_envelopes"));

        await ClubLoader.ProjectOnceAsync(club.SourceReadOnly, club.Store);

        Assert.Equal("done", await club.StoreScalarAsync<string>("select status from request_status where requested_by = 'subject-of-a-lost-send'"));
        Assert.Equal(1, await club.StoreScalarAsync<int>("select live_generation from projections where name = 'jerseys'"));
        Assert.Equal(0L, await club.StoreScalarAsync<long>($"select count(*) from {RequestMessaging.EnvelopeSchema}.wolverine_outgoing_envelopes"));
    }
}
