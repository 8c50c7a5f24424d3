using System.Text.Json.Nodes;

namespace Pincer.Gateway.Models;

/// <summary>One model of the gateway's catalog, with the facts <c>models.list</c> projects.</summary>
internal sealed record ModelCatalogRow(
    string Provider,
    string Id,
    string Name,
    long? ContextWindow,
    bool Reasoning,
    IReadOnlyList<string> Input,
    bool Local,
    bool Available)
{
    public string Ref => Provider + "/" + Id;

    public IReadOnlyList<string> ThinkingLevels => Reasoning ? ThinkingLevelSets.Generic : ThinkingLevelSets.Off;

    public string ThinkingDefault => Reasoning ? "medium" : "off";

    /// <summary>The row as <c>models.list</c> answers it, keys in the reference's order.</summary>
    public JsonObject ToJson(string? alias, IReadOnlyList<string> tags, bool details, bool withInput)
    {
        var row = new JsonObject { ["id"] = Id, ["name"] = Name, ["provider"] = Provider };
        if (alias is not null)
        {
            row["alias"] = alias;
        }

        if (ContextWindow is { } window)
        {
            row["contextWindow"] = window;
        }

        if (details)
        {
            row["local"] = Local;
            row["input"] = Strings(Input);
        }

        row["reasoning"] = Reasoning;
        if (tags.Count > 0)
        {
            row["tags"] = Strings(tags);
        }

        row["thinkingLevels"] = new JsonArray([.. ThinkingLevels.Select(l => (JsonNode)new JsonObject { ["id"] = l, ["label"] = l })]);
        row["thinkingDefault"] = ThinkingDefault;
        if (withInput && !details)
        {
            row["input"] = Strings(Input);
        }

        if (Available)
        {
            row["available"] = true;
        }
        else if (!details && !withInput)
        {
            // The detailed and provider-config projections leave an unusable row's availability out, as the reference's do.
            row["available"] = false;
            row["unavailableReason"] = "missing-auth";
        }

        return row;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
