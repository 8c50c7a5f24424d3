using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// A JSON document's key structure: object keys recursively, arrays and scalars collapsed.
/// Scalar kinds are left out on purpose: live values flip between null and a number
/// (e.g. <c>eventLoop.degradedSinceMs</c> under load) without the shape changing. Sampled
/// runtime measurements (<c>eventLoop</c>, <c>processMemory</c>) are collapsed whole: the
/// reference itself reports a different set of CPU keys from one sample to the next.
/// </summary>
internal static class Shape
{
    private static readonly HashSet<string> Sampled = new(StringComparer.Ordinal) { "eventLoop", "processMemory" };

    public static string Of(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + (Sampled.Contains(p.Key) ? "sampled" : Of(p.Value)))) + "}",
        JsonArray => "[]",
        _ => "v",
    };
}
