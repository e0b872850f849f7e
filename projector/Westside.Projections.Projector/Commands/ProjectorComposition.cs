using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Westside.Projections.Projector.Capture;

namespace Westside.Projections.Projector.Commands;

// Where the source side meets the runtime: the change capture reads the source through its own data
// source (the read-only role) and runs the snapshot samplers inside each poll's source snapshot.
public static class ProjectorComposition
{
    public static IChangeCapture CreateCapture(
        NpgsqlDataSource source, IEnumerable<ISnapshotSampler> samplers, ILoggerFactory loggers) =>
        new XminChangeCapture(
            source, samplers, Options.Create(new ChangeCaptureOptions()), TimeProvider.System,
            loggers.CreateLogger<XminChangeCapture>());
}
