using System.Text.Json;

namespace Westside.Projections.ReadModel.Store;

// The JSON shape of the store's own bookkeeping columns (projections.progress, audit_log.detail).
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
