using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Events;

// Marten's event store, configured once for every part of the projector that touches it.
// - String stream identity: one stream per source entity (EventStreams.Key).
// - Rich append mode: Marten reserves the sequence numbers before the insert and hands them back on
//   the IEvent wrappers, so the in-memory fold numbers events exactly as the log does.
// - Every event type registered (a rebuild fails on an unknown one) under its record name, and the
//   JSON written with EventSerializer's settings, so the log is read back with EventSerializer.
// - Headers on: the source snapshot time travels as a per-event header.
// - AutoCreate.None: nothing is created behind our back; the leader applies the schema once at start-up
//   (ApplySchemaAsync), the dashboard never does.
public static class MartenEventStore
{
    // The data source stays the caller's (Marten does not dispose a data source it was given).
    // `configure` adds to the event store's options (the story documents and their projections).
    public static DocumentStore Create(NpgsqlDataSource store, Action<StoreOptions>? configure = null) =>
        new(Options(store, configure));

    // The options themselves, for a host that runs Marten (AddMarten) with its async daemon.
    public static StoreOptions Options(NpgsqlDataSource store, Action<StoreOptions>? configure)
    {
        var options = Options(store);
        configure?.Invoke(options);
        return options;
    }

    public static Task ApplySchemaAsync(IDocumentStore store) =>
        store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);

    private static StoreOptions Options(NpgsqlDataSource store)
    {
        var options = new StoreOptions();
        options.Connection(store);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.UseSystemTextJsonForSerialization(
            new JsonSerializerOptions(EventSerializer.Options), EnumStorage.AsInteger, Casing.CamelCase);
        foreach (var type in EventSerializer.EventTypes)
        {
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, type.Name);
        }

        return options;
    }
}
