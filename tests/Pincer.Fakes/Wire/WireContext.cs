using System.Text.Json.Nodes;

namespace Pincer.Fakes.Wire;

/// <summary>Per-request facts a wire needs to render a reply: the model asked for, a unique id, the request body.</summary>
internal sealed record WireContext(string Model, string Id, long Created, JsonNode? Body)
{
    public string CreatedIso => DateTimeOffset.FromUnixTimeSeconds(Created).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
