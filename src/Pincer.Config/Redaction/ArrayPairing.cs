using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// Decides which stored array item each written item is restored from. Items with a unique
/// <c>id</c> pair by id, so reordering or inserting entries in the UI does not move secrets
/// between entries; everything else pairs by position.
/// </summary>
internal static class ArrayPairing
{
    public static JsonNode?[] Pair(JsonArray incoming, JsonArray original)
    {
        var originalById = IndexById(original);
        var incomingById = IndexById(incoming);
        // Positions already claimed by an id match cannot also be handed out positionally.
        var reserved = new HashSet<int>();
        foreach (var (id, entry) in incomingById)
        {
            if (entry.Count == 1 && originalById.TryGetValue(id, out var match) && match.Count == 1)
            {
                reserved.Add(match.Index);
            }
        }

        var anyUniqueOriginal = originalById.Values.Any(e => e.Count == 1);
        var result = new JsonNode?[incoming.Count];
        for (var i = 0; i < incoming.Count; i++)
        {
            var id = ReadId(incoming[i]);
            var originalEntry = id is not null && originalById.TryGetValue(id, out var o) ? o : null;
            var incomingEntry = id is not null && incomingById.TryGetValue(id, out var n) ? n : null;
            if (incomingEntry?.Count == 1 && originalEntry?.Count == 1)
            {
                result[i] = original[originalEntry.Index];
            }
            else if (incomingEntry?.Count == 1 && originalEntry is null && anyUniqueOriginal)
            {
                result[i] = null;
            }
            else
            {
                result[i] = reserved.Contains(i) || i >= original.Count ? null : original[i];
            }
        }

        return result;
    }

    private static Dictionary<string, IdEntry> IndexById(JsonArray items)
    {
        var result = new Dictionary<string, IdEntry>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadId(items[i]) is not { } id)
            {
                continue;
            }

            if (result.TryGetValue(id, out var entry))
            {
                entry.Count++;
            }
            else
            {
                result[id] = new IdEntry(i);
            }
        }

        return result;
    }

    /// <summary>Only literal ids identify an item; placeholders and env references could collide.</summary>
    private static string? ReadId(JsonNode? item)
    {
        if (item is not JsonObject obj || !obj.TryGetPropertyValue("id", out var node) || SecretRefs.AsString(node) is not { } id)
        {
            return null;
        }

        if (id.Length == 0 || id == ConfigRedactor.Sentinel || id.Contains("$${", StringComparison.Ordinal) || EnvReferences.Contains(id))
        {
            return null;
        }

        return id;
    }
}
