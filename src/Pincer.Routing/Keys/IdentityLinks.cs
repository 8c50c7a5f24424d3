using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Keys;

/// <summary>
/// <c>session.identityLinks</c>: canonical person names, each with the ids (<c>&lt;channel&gt;:&lt;id&gt;</c> or bare)
/// that collapse into it for direct-message session keys. Order is the config's (JavaScript key order).
/// </summary>
public sealed class IdentityLinks
{
    private readonly IReadOnlyList<(string Canonical, HashSet<string> Ids)> _links;

    private IdentityLinks(IReadOnlyList<(string, HashSet<string>)> links) => _links = links;

    /// <summary>Reads the config object; null when it is absent or not an object.</summary>
    public static IdentityLinks? FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        var links = new List<(string, HashSet<string>)>();
        foreach (var (key, value) in ConfigJson.OrderedProperties(obj))
        {
            var canonical = JsText.Trim(key);
            if (canonical.Length == 0 || value is not JsonArray ids)
            {
                continue;
            }

            var tokens = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var token = JsText.TrimLower(ConfigJson.String(id));
                if (token.Length > 0)
                {
                    tokens.Add(token);
                }
            }

            links.Add((canonical, tokens));
        }

        return new IdentityLinks(links);
    }

    /// <summary>The canonical name (trimmed, case kept) for a direct peer on a channel, or null.</summary>
    public string? ResolveCanonicalPeer(string? channel, string peerId)
    {
        var trimmed = JsText.Trim(peerId);
        if (trimmed.Length == 0)
        {
            return null;
        }

        var bare = JsText.TrimLower(trimmed);
        var channelToken = JsText.TrimLower(channel);
        var scoped = channelToken.Length > 0 ? JsText.TrimLower($"{channelToken}:{trimmed}") : string.Empty;
        foreach (var (canonical, ids) in _links)
        {
            if ((bare.Length > 0 && ids.Contains(bare)) || (scoped.Length > 0 && ids.Contains(scoped)))
            {
                return canonical;
            }
        }

        return null;
    }
}
