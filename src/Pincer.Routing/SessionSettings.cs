using System.Text.Json.Nodes;
using Pincer.Routing.Config;
using Pincer.Routing.Keys;

namespace Pincer.Routing;

/// <summary>The <c>session</c> config routing reads: scopes, main key and identity links, as authored.</summary>
public sealed record SessionSettings(string? DmScope, string? GroupScope, string? MainKey, string? Scope, IdentityLinks? IdentityLinks)
{
    public static SessionSettings FromConfig(JsonNode? config)
    {
        var session = ConfigJson.Object(config, "session");
        return new SessionSettings(
            ConfigJson.Setting(ConfigJson.Property(session, "dmScope")),
            ConfigJson.Setting(ConfigJson.Property(session, "groupScope")),
            ConfigJson.String(ConfigJson.Property(session, "mainKey")),
            ConfigJson.String(ConfigJson.Property(session, "scope")),
            IdentityLinks.FromJson(ConfigJson.Property(session, "identityLinks")));
    }
}
