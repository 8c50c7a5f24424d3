using System.Text.Json.Nodes;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// <c>chat.startup</c>: what a chat view loads when it opens. By <c>sessionKey</c> it is the
/// <c>chat.history</c> answer. By <c>shortId</c> (the Control UI's URL form) the session is first
/// resolved as <c>sessions.resolve</c> with <c>allowMissing</c> would; a missing or ambiguous id answers
/// only <c>{resolution}</c>, a found one the history with the <c>resolution</c> beside it.
/// </summary>
internal static class ChatStartupReader
{
    public static async Task<JsonObject> StartupAsync(ChatHistoryReader history, SessionResolver resolver, JsonObject p, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (p.ContainsKey("sessionKey"))
        {
            return await history.HistoryAsync(p, scopes, cancellationToken).ConfigureAwait(false);
        }

        var query = new JsonObject { ["shortId"] = p["shortId"]?.DeepClone(), ["allowMissing"] = true };
        Copy(p, query, "slugHint", "agentId");
        var resolution = await resolver.ResolveAsync(query, cancellationToken).ConfigureAwait(false);
        if (resolution["ok"]?.GetValue<bool>() != true)
        {
            return new JsonObject { ["resolution"] = resolution };
        }

        var historyParams = new JsonObject { ["sessionKey"] = resolution["key"]?.DeepClone(), ["agentId"] = resolution["agentId"]?.DeepClone() };
        Copy(p, historyParams, "limit", "maxBytes");
        var page = await history.HistoryAsync(historyParams, scopes, cancellationToken).ConfigureAwait(false);
        page["resolution"] = resolution;
        return page;
    }

    private static void Copy(JsonObject from, JsonObject to, params string[] names)
    {
        foreach (var name in names)
        {
            if (from[name] is { } value)
            {
                to[name] = value.DeepClone();
            }
        }
    }
}
