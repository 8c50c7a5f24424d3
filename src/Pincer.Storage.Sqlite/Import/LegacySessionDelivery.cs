using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// Older session entries spread their reply route over <c>lastChannel</c>/<c>lastTo</c>/<c>lastAccountId</c>/
/// <c>lastThreadId</c>, <c>deliveryContext</c>, <c>route</c> and <c>origin</c>. Current entries hold one
/// closed <c>delivery</c> state instead: <c>{kind:"none"}</c>, <c>{kind:"internal"}</c> (webchat), or
/// <c>{kind:"external", route, context, origin}</c>. This folds the legacy fields into that state the
/// way the reference's import does, appending <c>delivery</c> after the entry's other fields.
/// </summary>
internal static class LegacySessionDelivery
{
    private static readonly string[] LegacyFields = ["route", "deliveryContext", "origin", "channel", "lastChannel", "lastTo", "lastAccountId", "lastThreadId"];

    public static void Normalize(JsonObject entry)
    {
        if (entry.ContainsKey("delivery") || !LegacyFields.Any(entry.ContainsKey))
        {
            return;
        }

        var context = entry["deliveryContext"] as JsonObject;
        var route = entry["route"] as JsonObject;
        var origin = entry["origin"] as JsonObject;
        var channel = First(Text(entry["lastChannel"]), Text(context?["channel"]), Text(route?["channel"]), Text(origin?["provider"]), Text(entry["channel"]))?.ToLowerInvariant();
        var to = First(Text(entry["lastTo"]), Text(context?["to"]), Text((route?["target"] as JsonObject)?["to"]), Text(origin?["to"]));
        var accountId = First(Text(entry["lastAccountId"]), Text(context?["accountId"]), Text(route?["accountId"]), Text(origin?["accountId"]));
        var threadId = FirstNode(entry["lastThreadId"], context?["threadId"], (route?["thread"] as JsonObject)?["id"], origin?["threadId"]);

        JsonObject delivery;
        if (channel == "webchat")
        {
            delivery = new JsonObject { ["kind"] = "internal" };
        }
        else if (channel is not null && to is not null)
        {
            var newRoute = new JsonObject { ["channel"] = channel };
            if (accountId is not null)
            {
                newRoute["accountId"] = accountId;
            }

            newRoute["target"] = new JsonObject { ["to"] = to };
            if (threadId is not null)
            {
                newRoute["thread"] = new JsonObject { ["id"] = threadId.DeepClone() };
            }

            var newContext = new JsonObject { ["channel"] = channel, ["to"] = to };
            if (accountId is not null)
            {
                newContext["accountId"] = accountId;
            }

            if (threadId is not null)
            {
                newContext["threadId"] = threadId.DeepClone();
            }

            var newOrigin = origin is null ? new JsonObject() : (JsonObject)origin.DeepClone();
            newOrigin.TryAdd("provider", channel);
            newOrigin.TryAdd("to", to);
            if (accountId is not null)
            {
                newOrigin.TryAdd("accountId", accountId);
            }

            if (threadId is not null)
            {
                newOrigin.TryAdd("threadId", threadId.DeepClone());
            }

            delivery = new JsonObject { ["kind"] = "external", ["route"] = newRoute, ["context"] = newContext, ["origin"] = newOrigin };
        }
        else
        {
            delivery = new JsonObject { ["kind"] = "none" };
        }

        foreach (var field in LegacyFields)
        {
            entry.Remove(field);
        }

        entry["delivery"] = delivery;
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => v is not null);

    private static JsonNode? FirstNode(params JsonNode?[] values) =>
        values.FirstOrDefault(v => v is JsonValue value && (value.GetValueKind() == JsonValueKind.Number || Text(value) is not null));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;
}
