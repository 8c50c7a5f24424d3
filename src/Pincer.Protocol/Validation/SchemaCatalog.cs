using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Pincer.Protocol.Validation;

/// <summary>
/// The reference's protocol schemas (TypeBox output, schema name → JSON Schema), embedded gzip'd
/// and parsed once on first use.
/// </summary>
internal static class SchemaCatalog
{
    private const string ResourceName = "Pincer.Protocol.gateway-protocol-schemas.json.gz";

    private static readonly Lazy<JsonObject> Schemas = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static JsonObject All => Schemas.Value;

    private static JsonObject Load()
    {
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonNode.Parse(gzip)?.AsObject()
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is not a JSON object.");
    }
}
