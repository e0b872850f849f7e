using Npgsql;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// Pages are rendered once per data version (the log head and the live generations) and served from
// memory until it changes. Proven by changing a document behind the version's back. This class's store
// is thrown away with it: no projector ever runs on the tampered log head.
public class PageCacheTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task A_page_is_served_from_memory_until_the_data_version_changes()
    {
        var before = await UnsignedCardAsync();
        await StoreExecAsync("""
            update mt_doc_story_triage set data = jsonb_set(data, '{data,unsignedCount}', '9999') where id = 'summary'
            """);

        // Same version: the rendered page is reused, the document is not read again.
        Assert.Equal(before, await UnsignedCardAsync());

        // A commit moves the log head: the next view renders from the documents.
        await UnprojectedEvent.AppendAsync(club.Store, TimeSpan.Zero);
        await LiveUpdateTests.EventuallyAsync(async () => await UnsignedCardAsync() == "9999");
    }

    private async Task<string> UnsignedCardAsync()
    {
        var (_, page) = await Html.GetAsync(club.App.CreateClient(), "/triage");
        return Pages.Cards(page)["unsigned"];
    }

    private async Task StoreExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(club.Store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
