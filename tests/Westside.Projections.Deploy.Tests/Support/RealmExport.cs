using System.Text.Json;
using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests.Support;

// ops/keycloak/westside-basketball-realm.json, parsed.
public static class RealmExport
{
    public const string RelativePath = "ops/keycloak/westside-basketball-realm.json";

    public static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine(RelativePath)));
        return document.RootElement.Clone();
    }

    public static JsonElement Client(this JsonElement realm, string clientId) =>
        realm.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId);

    public static IReadOnlyList<string> Strings(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
}
