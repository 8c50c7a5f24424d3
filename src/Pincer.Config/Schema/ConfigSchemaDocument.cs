using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Pincer.Config.Schema;

/// <summary>
/// The embedded schema resource, parsed on demand. Callers must treat <see cref="Schema"/> and
/// <see cref="UiHints"/> as read-only; anything handed out to the wire is deep-cloned first.
/// Held weakly: the parsed tree is several MB and only start-up validation, config writes and
/// schema lookups need it, so an idle gateway lets it go and re-parses (tens of ms) when asked.
/// </summary>
internal sealed class ConfigSchemaDocument
{
    private const string ResourceName = "Pincer.Config.config-schema.json.gz";

    private static readonly WeakReference<ConfigSchemaDocument?> Cached = new(null);
    private static readonly Lock Gate = new();

    private ConfigSchemaDocument(JsonObject schema, JsonObject uiHints, string version)
    {
        Schema = schema;
        UiHints = uiHints;
        Version = version;
    }

    public static ConfigSchemaDocument Instance
    {
        get
        {
            lock (Gate)
            {
                if (Cached.TryGetTarget(out var document) && document is not null)
                {
                    return document;
                }

                document = Load();
                Cached.SetTarget(document);
                return document;
            }
        }
    }

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
