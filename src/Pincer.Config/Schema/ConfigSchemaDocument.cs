using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Pincer.Config.Schema;

/// <summary>
/// The embedded schema resource, parsed once. Callers must treat <see cref="Schema"/> and
/// <see cref="UiHints"/> as read-only; anything handed out to the wire is deep-cloned first.
/// </summary>
internal sealed class ConfigSchemaDocument
{
    private const string ResourceName = "Pincer.Config.config-schema.json.gz";

    private static readonly Lazy<ConfigSchemaDocument> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private ConfigSchemaDocument(JsonObject schema, JsonObject uiHints, string version)
    {
        Schema = schema;
        UiHints = uiHints;
        Version = version;
    }

    public static ConfigSchemaDocument Instance => Shared.Value;

    public JsonObject Schema { get; }

    public JsonObject UiHints { get; }

    /// <summary>The reference release the schema was extracted from.</summary>
    public string Version { get; }

    private static ConfigSchemaDocument Load()
    {
        using var stream = typeof(ConfigSchemaDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        var root = JsonNode.Parse(gzip)?.AsObject() ?? throw new InvalidOperationException("schema resource is empty");
        var schema = root["schema"]?.AsObject() ?? throw new InvalidOperationException("schema resource has no schema");
        var hints = root["uiHints"]?.AsObject() ?? [];
        var version = root["version"]?.GetValue<string>() ?? "unknown";
        return new ConfigSchemaDocument(schema, hints, version);
    }
}
