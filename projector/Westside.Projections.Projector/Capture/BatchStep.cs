using Npgsql;

namespace Westside.Projections.Projector.Capture;

// One query of a batch and what to do with each of its rows. A batch of queries is one round trip.
internal sealed record BatchStep(NpgsqlBatchCommand Command, Action<NpgsqlDataReader> OnRow)
{
    // Every command must return a result set (a query), so results and steps line up.
    public static async Task RunAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<BatchStep> steps, CancellationToken ct)
    {
        if (steps.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var step in steps)
        {
            batch.BatchCommands.Add(step.Command);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var index = 0;
        do
        {
            var step = steps[index++];
            while (await reader.ReadAsync(ct))
            {
                step.OnRow(reader);
            }
        }
        while (await reader.NextResultAsync(ct));

        if (index != steps.Count)
        {
            throw new InvalidOperationException($"Batch returned {index} result sets for {steps.Count} queries.");
        }
    }
}
