using Npgsql;
using Westside.Projections.Projector.Capture;
using Westside.Projections.Projector.Commands;
using Westside.Projections.Projector.Configuration;
using Westside.Projections.Projector.Engine;
using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class RebuildCommandTests(MigratedStore db) : IClassFixture<MigratedStore>
{
    [Fact]
    public async Task The_rebuild_command_serves_its_request_itself_when_no_leader_runs()
    {
        var settings = ProjectorSettings.FromEnvironment(name => name switch
        {
            ProjectorSettings.SourceVariable => db.SourceReadOnly,
            ProjectorSettings.StoreVariable => db.Store,
            _ => null,
        });
        var output = new StringWriter();

        var code = await RequestCommand.RunAsync(settings, "rebuild", "all", output, default);

        Assert.Equal(ExitCodes.Ok, code);
        var text = output.ToString();
        Assert.Contains("this process (no leader running)", text, StringComparison.Ordinal);
        Assert.Matches(@"rebuild \d+ done in", text);
        Assert.Contains("log head", text, StringComparison.Ordinal);
        var requests = await new DocumentReader(db.StoreSource).RecentRequestsAsync(10, default);
        Assert.Contains(requests, r => r is { Kind: "rebuild", Projection: "all", Status: "done" } && r.RequestedBy.StartsWith("cli:", StringComparison.Ordinal));
    }
}
