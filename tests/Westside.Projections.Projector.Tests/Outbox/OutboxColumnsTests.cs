using Westside.Projections.Projector.Source;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class OutboxColumnsTests
{
    [Fact]
    public void The_sampler_reads_only_columns_the_mapping_layer_maps_and_the_check_verifies()
    {
        var byName = SourceContract.OutboxByName;

        Assert.Equal("public.outbox", byName.Table);
        Assert.All(
            new[] { byName.Id, byName.EventType, byName.AggregateId, byName.Status, byName.Attempts, byName.LastError, byName.CreatedAt, byName.ProcessedAt },
            c => Assert.Contains(c, SourceContract.Outbox.Columns));
    }

    [Fact]
    public void Naming_an_unmapped_column_fails_at_start_up()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OutboxColumns(
            SourceContract.Outbox, "event_type", "aggregate_id", "status", "attempts", "payload", "created_at", "processed_at",
            "pending", "processed", "failed"));

        Assert.Contains("'payload'", e.Message);
    }
}
