using System.Text.Json.Nodes;

namespace Pincer.Routing.Tests.Reference;

/// <summary>Loads the committed fixtures recorded from the reference by generate-cases.mjs.</summary>
internal static class ReferenceCases
{
    /// <summary>JSON cannot hold JavaScript's undefined; the generator writes this marker instead.</summary>
    public const string Undefined = "$undefined";

    private static readonly Lazy<JsonArray> RouteCases = new(() => Load("route-cases.json"));
    private static readonly Lazy<JsonArray> KeyCases = new(() => Load("session-key-cases.json"));
    private static readonly Lazy<JsonArray> GroupCases = new(() => Load("group-cases.json"));

    public static JsonArray Routes => RouteCases.Value;

    public static JsonArray Keys => KeyCases.Value;

    public static JsonArray Groups => GroupCases.Value;

    public static TheoryData<string> RouteNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Routes)
        {
            data.Add((string)c!["name"]!);
        }

        return data;
    }

    public static TheoryData<int, string> CallIds(JsonArray cases)
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < cases.Count; i++)
        {
            data.Add(i, $"{cases[i]!["fn"]}({cases[i]!["args"]!.ToJsonString()})");
        }

        return data;
    }

    /// <summary>Drops null members recursively, so "absent" in JavaScript and null in C# compare equal.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null && !IsUndefined(p.Value)).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        _ when IsUndefined(node) => null,
        _ => node?.DeepClone(),
    };

    private static bool IsUndefined(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s == Undefined;

    private static JsonArray Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", file);
        return JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray();
    }
}
