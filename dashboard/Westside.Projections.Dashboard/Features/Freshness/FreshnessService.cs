using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Infrastructure;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Features.Freshness;

public sealed class FreshnessService(DocumentReader reader, IOptions<DashboardOptions> options)
{
    public async Task<FreshnessView> ReadAsync(CancellationToken ct) =>
        FreshnessView.From(await reader.HeartbeatAsync(ct), options.Value.PollInterval);
}
