using System.Text.Json.Nodes;

namespace Pincer.Fakes.Wire;

/// <summary>An HTTP error answer: status, the provider's JSON body and extra headers (retry-after…).</summary>
internal sealed record WireError(int Status, JsonNode Body, IReadOnlyDictionary<string, string> Headers)
{
    public WireError(int status, JsonNode body)
        : this(status, body, new Dictionary<string, string>())
    {
    }
}
