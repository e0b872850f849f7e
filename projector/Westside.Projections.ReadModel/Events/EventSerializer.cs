using System.Collections.Frozen;
using System.Text.Json;

namespace Westside.Projections.ReadModel.Events;

// Event type names in the log are the record names (stable: renaming one is a migration).
public static class EventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<string, Type> TypesByName = typeof(IDomainEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> KnownTypes => TypesByName.Keys;

    public static IReadOnlyCollection<Type> EventTypes => TypesByName.Values;

    public static string TypeName(IDomainEvent domainEvent) => domainEvent.GetType().Name;

    public static string Serialize(IDomainEvent domainEvent) =>
        JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Options);

    public static IDomainEvent Deserialize(string typeName, string json)
    {
        if (!TypesByName.TryGetValue(typeName, out var type))
        {
            throw new InvalidOperationException($"Unknown event type '{typeName}' in the event log.");
        }

        return (IDomainEvent)(JsonSerializer.Deserialize(json, type, Options)
            ?? throw new InvalidOperationException($"Event of type '{typeName}' has no data."));
    }
}
