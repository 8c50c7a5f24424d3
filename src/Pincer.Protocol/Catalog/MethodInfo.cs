using System.Text.Json.Serialization;

namespace Pincer.Protocol.Catalog;

/// <summary>One row of the reference's method table (spec/methods.json).</summary>
public sealed record MethodInfo(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("advertised")] bool Advertised,
    [property: JsonPropertyName("startupGated")] bool StartupGated,
    [property: JsonPropertyName("controlPlaneWrite")] bool ControlPlaneWrite);
