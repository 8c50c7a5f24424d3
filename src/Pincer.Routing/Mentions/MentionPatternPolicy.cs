using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Mentions;

/// <summary>Per-channel, per-conversation switch for regex mention patterns.</summary>
public static class MentionPatternPolicy
{
    public static MentionPatternPolicyDecision Resolve(JsonNode? config, string? provider, string? conversationId)
    {
        var policy = string.IsNullOrEmpty(provider)
            ? null
            : ConfigJson.Property(ConfigJson.Object(ConfigJson.Object(config, "channels"), provider), "mentionPatterns") as JsonObject;
        var mode = ConfigJson.String(ConfigJson.Property(policy, "mode")) == "deny" ? "deny" : "allow";
        var conversation = JsText.TrimToNull(conversationId);
        var allowMatched = conversation is not null && Ids(ConfigJson.Property(policy, "allowIn")).Contains(conversation);
        var denyMatched = conversation is not null && Ids(ConfigJson.Property(policy, "denyIn")).Contains(conversation);
        return new MentionPatternPolicyDecision(mode, allowMatched, denyMatched, mode == "allow" ? !denyMatched : allowMatched && !denyMatched);
    }

    private static HashSet<string> Ids(JsonNode? list)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (list is JsonArray array)
        {
            foreach (var item in array)
            {
                if (JsText.TrimToNull(ConfigJson.String(item)) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }
}
