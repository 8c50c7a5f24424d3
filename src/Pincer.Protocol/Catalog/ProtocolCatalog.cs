using System.Collections.Frozen;
using System.Text.Json;

namespace Pincer.Protocol.Catalog;

/// <summary>
/// The reference's full method and event tables, embedded as data so scope decisions for all 489
/// methods come from the same facts the reference enforces, not from a hand-copied list.
/// </summary>
public static class ProtocolCatalog
{
    private static readonly Lazy<IReadOnlyList<MethodInfo>> MethodList = new(() => Load("Pincer.Protocol.methods.json", ProtocolJson.Default.MethodInfoArray));
    private static readonly Lazy<IReadOnlyList<EventInfo>> EventList = new(() => Load("Pincer.Protocol.events.json", ProtocolJson.Default.EventInfoArray));
    private static readonly Lazy<FrozenDictionary<string, MethodInfo>> ByName = new(() => MethodList.Value.ToFrozenDictionary(m => m.Method, StringComparer.Ordinal));

    public static IReadOnlyList<MethodInfo> Methods => MethodList.Value;

    public static IReadOnlyList<EventInfo> Events => EventList.Value;

    public static MethodInfo? Find(string method) => ByName.Value.GetValueOrDefault(method);

    private static T[] Load<T>(string resource, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T[]> info)
    {
        using var stream = typeof(ProtocolCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        return JsonSerializer.Deserialize(stream, info) ?? [];
    }
}
