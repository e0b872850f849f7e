using System.Text.Json;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Features;

// /healthz says where Marten's daemon has the documents: at the log head once it has caught up, and
// behind it, with the age of the oldest event not yet in them, when events arrive that no daemon has
// projected. This class's store is thrown away with it: no projector runs after its load.
public class HealthDocumentsTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task Health_shows_the_documents_position_and_how_old_the_oldest_event_not_yet_in_them_is()
    {
        var current = await HealthAsync();
        var documents = current.GetProperty("documents");
        Assert.Equal("stories:All", documents.GetProperty("shard").GetString());
        Assert.Equal(current.GetProperty("logHead").GetInt64(), documents.GetProperty("position").GetInt64());
        Assert.Equal(JsonValueKind.Null, documents.GetProperty("oldestPendingAgeSeconds").ValueKind);

        // An event no daemon projects: the log moves on, the documents do not.
        await UnprojectedEvent.AppendAsync(club.Store, TimeSpan.FromSeconds(2));

        var behind = await HealthAsync();
        documents = behind.GetProperty("documents");
        Assert.True(documents.GetProperty("position").GetInt64() < behind.GetProperty("logHead").GetInt64());
        Assert.InRange(documents.GetProperty("oldestPendingAgeSeconds").GetDouble(), 2, 600);
    }

    private async Task<JsonElement> HealthAsync()
    {
        var body = await club.App.CreateClient().GetStringAsync("/healthz");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
