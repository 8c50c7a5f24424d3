using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// A JSON document's key structure: object keys recursively, arrays and scalars collapsed.
/// Scalar kinds are left out on purpose: live values flip between null and a number
/// (e.g. <c>eventLoop.degradedSinceMs</c> under load) without the shape changing.
/// </summary>
internal static class Shape
{
    public static string Of(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Of(p.Value))) + "}",
        JsonArray => "[]",
        _ => "v",
    };
}
