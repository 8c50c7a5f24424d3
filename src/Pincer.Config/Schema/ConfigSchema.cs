using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Config.Schema;

/// <summary>The <c>config.schema</c> payload and the CLI's <c>config schema</c> output.</summary>
public static class ConfigSchema
{
    /// <summary>
    /// <c>{schema, uiHints, version, generatedAt}</c> as the gateway answers <c>config.schema</c>.
    /// A fresh tree on every call so callers may mutate or serialise it freely.
    /// </summary>
    public static JsonNode Full => Build(TimeProvider.System);

    /// <summary>The bare JSON Schema printed by <c>openclaw config schema [--json]</c>.</summary>
    /// <remarks>Unlike the RPC payload the CLI's schema also declares the root <c>$schema</c> key.</remarks>
    public static JsonNode CliSchema
    {
        get
        {
            var doc = ConfigSchemaDocument.Instance;
            var schema = doc.Schema.DeepClone().AsObject();
            if (schema["properties"] is JsonObject props)
            {
                var reordered = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
                foreach (var (key, value) in props.ToList())
                {
                    props.Remove(key);
                    reordered[key] = value;
                }

                schema["properties"] = reordered;
            }

            return schema;
        }
    }

    /// <summary>The reference release our schema tracks.</summary>
    public static string Version => ConfigSchemaDocument.Instance.Version;

    internal static JsonObject Build(TimeProvider time)
    {
        var doc = ConfigSchemaDocument.Instance;
        return new JsonObject
        {
            ["schema"] = doc.Schema.DeepClone(),
            ["uiHints"] = doc.UiHints.DeepClone(),
            ["version"] = doc.Version,
            ["generatedAt"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }
}
