using Westside.Projections.Testing;

namespace Westside.Projections.Fixture.Tests;

public class ReferenceGuardTests
{
    // The fixture writes to the source; the projector and the dashboard must have no path to it.
    [Fact]
    public void Neither_the_projector_nor_the_dashboard_references_the_fixture()
    {
        var projects = new[] { "projector", "dashboard" }
            .Select(d => RepoPaths.Combine(d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.csproj", SearchOption.AllDirectories))
            .ToList();

        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.DoesNotContain("Westside.Projections.Fixture", File.ReadAllText(p), StringComparison.OrdinalIgnoreCase));
    }
}
