using System.Text.Json.Nodes;
using Pincer.Agents.Models;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Models;

/// <summary>
/// <c>models.list</c>: the catalog through a view — <c>default</c> (the picker allowlist
/// <c>agents.defaults.models</c> when one is set, else everything), <c>configured</c> (the allowlist plus the
/// agent's primary and fallbacks, with <c>defaultModels</c>), <c>provider-config</c> (authored provider inventory,
/// with input modalities) and <c>all</c> — tagged with the agent's <c>default</c>, <c>fallback#N</c> and
/// <c>configured</c> roles and the allowlist's aliases.
/// </summary>
internal static class ModelListing
{
    public static JsonObject List(JsonObject config, ConfiguredModels models, string agentId, JsonObject p)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(p);
        var view = Str(p, "view") ?? "default";
        var details = p["includeDetails"] is JsonValue d && d.TryGetValue<bool>(out var detailed) && detailed;
        var provider = Str(p, "provider")?.Trim().ToLowerInvariant();
        if (provider is not null && !ModelCatalog.ProviderIds(config).Concat(ProviderCapabilities.Ids).Contains(provider, StringComparer.Ordinal))
        {
            throw new RpcException(RpcError.Unavailable("Error: Unknown model catalog provider. Use a provider id from the installed plugins or configured providers."));
        }

        var allow = config["agents"]?["defaults"]?["models"] as JsonObject;
        var allowed = new HashSet<string>(allow?.Select(e => Normalize(e.Key)) ?? [], StringComparer.Ordinal);
        var primary = models.Primary(agentId)?.ToString();
        var fallbacks = models.Fallbacks(agentId).Select(f => f.ToString()).ToList();
        var rows = new JsonArray();
        foreach (var row in ModelCatalog.Rows(config, models))
        {
            if (provider is not null && row.Provider != provider)
            {
                continue;
            }

            var isDefault = row.Ref == primary;
            var fallback = fallbacks.IndexOf(row.Ref);
            var listed = allowed.Contains(row.Ref);
            var visible = view switch
            {
                "default" => allowed.Count == 0 || listed,
                "configured" => allowed.Count == 0 || listed || isDefault || fallback >= 0,
                _ => true,
            };
            if (!visible)
            {
                continue;
            }

            var tags = new List<string>();
            if (isDefault)
            {
                tags.Add("default");
            }

            if (fallback >= 0)
            {
                tags.Add($"fallback#{fallback + 1}");
            }

            if (listed)
            {
                tags.Add("configured");
            }

            var alias = allow?.FirstOrDefault(e => Normalize(e.Key) == row.Ref).Value?["alias"] is JsonValue a && a.TryGetValue<string>(out var text) ? text : null;
            rows.Add((JsonNode)row.ToJson(alias, tags, details, withInput: view == "provider-config"));
        }

        var answer = new JsonObject { ["models"] = rows };
        if (view == "configured")
        {
            answer["defaultModels"] = new JsonObject { ["automaticUtilityModel"] = null };
        }

        return answer;
    }

    private static string Normalize(string reference) => ModelRef.Parse(reference)?.ToString() ?? reference.Trim();

    private static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
