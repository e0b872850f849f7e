using System.Text.Encodings.Web;
using System.Text.Json;

namespace Westside.Projections.ReadModel.Projections;

// One serializer for documents, so incremental and rebuilt documents are byte-identical
// and the dashboard reads exactly what the projector wrote.
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(object document) => JsonSerializer.Serialize(document, document.GetType(), Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("Empty document.");
}
