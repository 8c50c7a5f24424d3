using System.Text.Json.Nodes;
using Pincer.Agents.Models;

namespace Pincer.Gateway.Models;

/// <summary>
/// <c>models.authStatus</c>: for each configured provider that has a credential, where it comes from. Keys in
/// config or the environment are <c>static</c> credentials with no stored profiles.
/// </summary>
internal static class ModelAuthStatus
{
    public static JsonObject Report(JsonObject config, ConfiguredModels models, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(models);
        var providers = new JsonArray();
        foreach (var (id, node) in config["models"]?["providers"] as JsonObject ?? [])
        {
            var provider = id.Trim().ToLowerInvariant();
            if (models.ApiKeySource(provider, node as JsonObject) is not { } source)
            {
                continue;
            }

            providers.Add((JsonNode)new JsonObject
            {
                ["provider"] = provider,
                ["authProvider"] = provider,
                ["displayName"] = provider,
                ["status"] = "static",
                ["profiles"] = new JsonArray(),
                ["apiKey"] = new JsonObject { ["source"] = source },
            });
        }

        return new JsonObject { ["ts"] = nowMs, ["providers"] = providers, ["providerCapabilities"] = ProviderCapabilities.ToJson() };
    }
}
