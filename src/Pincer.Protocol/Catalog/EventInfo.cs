using System.Text.Json.Serialization;

namespace Pincer.Protocol.Catalog;

/// <summary>One row of the reference's event table (spec/events.json).</summary>
public sealed record EventInfo(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("advertised")] bool Advertised);
