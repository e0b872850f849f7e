using Westside.Projections.ReadModel.Projections;
using Xunit;

namespace Westside.Projections.Projector.Tests.Differential;

public sealed class OracleCoverageTests
{
    [Fact]
    public void Every_projection_of_the_catalog_has_exactly_one_SQL_oracle()
    {
        var oracles = DifferentialClub.Oracles.Select(o => o.Projection).ToList();

        Assert.Equal(ProjectionCatalog.All.Select(p => p.Name).Order(StringComparer.Ordinal), oracles);
    }
}
