using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Json;

/// <summary>
/// JSON columns as the reference writes them (<c>JSON.stringify</c>): compact, property order as
/// inserted, no HTML-style escaping of '+', '&lt;' or non-ASCII. JsonNode keeps insertion order and
/// unknown properties, so records we rewrite keep fields Pincer does not model (e.g. token issuers).
/// </summary>
internal static class ReferenceJson
{
    /// <summary>Exactly <c>JSON.stringify</c>'s text (one implementation for both DBs).</summary>
    public static string Stringify(JsonNode node) => Agents.JavaScriptJson.Stringify(node);

    public static string StringArray(IEnumerable<string> values) =>
        Stringify(new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]));

    public static IReadOnlyList<string>? ParseStringArray(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonArray array)
        {
            return null;
        }

        return [.. array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null).OfType<string>()];
    }

    public static JsonObject ParseObject(string? json) =>
        json is not null && JsonNode.Parse(json) is JsonObject obj ? obj : [];
}
