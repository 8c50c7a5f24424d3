using System.Net;
using System.Text.Json.Nodes;
using Pincer.Agents.Models;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Models;

/// <summary>
/// The gateway's model catalog as an offline gateway publishes it: every model authored under
/// <c>models.providers.&lt;id&gt;.models</c>, in config order, with its capabilities, whether its endpoint is
/// local, and whether it can be called (a key from config or the provider's variable; Ollama needs none).
/// Built-in provider catalogs that the reference downloads are not part of it (catalog refresh is off here).
/// </summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<ModelCatalogRow> Rows(JsonObject config, ConfiguredModels models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var rows = new List<ModelCatalogRow>();
        if (config["models"]?["providers"] is not JsonObject providers)
        {
            return rows;
        }

        foreach (var (providerId, node) in providers)
        {
            if (node is not JsonObject provider || provider["models"] is not JsonArray list)
            {
                continue;
            }

            var id = providerId.Trim().ToLowerInvariant();
            var api = Str(provider, "api") ?? "openai-completions";
            var available = api == "ollama" || models.ApiKey(id, provider) is not null;
            var local = IsLocal(Str(provider, "baseUrl"));
            foreach (var model in list.OfType<JsonObject>())
            {
                if (Str(model, "id") is not { Length: > 0 } modelId)
                {
                    continue;
                }

                var input = model["input"] is JsonArray kinds ? kinds.Select(k => (k as JsonValue)?.ToString()).OfType<string>().ToList() : ["text"];
                rows.Add(new ModelCatalogRow(
                    id,
                    modelId,
                    Str(model, "name") ?? modelId,
                    Long(model, "contextWindow"),
                    model["reasoning"] is JsonValue r && r.TryGetValue<bool>(out var reasoning) && reasoning,
                    input,
                    local,
                    available));
            }
        }

        return rows;
    }

    /// <summary>The configured provider ids (what a <c>provider</c> filter may name).</summary>
    public static IEnumerable<string> ProviderIds(JsonObject config) =>
        (config["models"]?["providers"] as JsonObject)?.Select(p => p.Key.Trim().ToLowerInvariant()) ?? [];

    private static bool IsLocal(string? baseUrl) =>
        baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
        && (HostAddresses.IsLoopbackHost(uri.Host) || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && HostAddresses.IsPrivate(ip)));

    private static string? Str(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d > 0 ? (long)d : null;
}
