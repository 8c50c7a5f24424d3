using System.Text.Json.Nodes;

namespace Pincer.Config.Reload;

/// <summary>Dotted paths whose values differ between two configs, as the reload planner sees them.</summary>
public static class ConfigDiff
{
    /// <summary>The path reported when the roots themselves differ in kind.</summary>
    public const string RootPath = "<root>";

    /// <summary>
    /// Objects are compared key by key; arrays and scalars are compared whole. When one side is an
    /// object and the other is not, the walk still descends if a reload rule lives below that
    /// point, so e.g. replacing <c>browser: true</c> with an object reports the precise leaves.
    /// </summary>
    public static IReadOnlyList<string> ChangedPaths(JsonNode? before, JsonNode? after)
    {
        var paths = new List<string>();
        var prefixes = ReloadClassifier.Prefixes.ToArray();
        Collect(before, after, "", prefixes, paths);
        return paths;
    }

    private static void Collect(JsonNode? before, JsonNode? after, string prefix, string[] refinement, List<string> paths)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        var beforeObj = before as JsonObject;
        var afterObj = after as JsonObject;
        var descend = (beforeObj is not null && afterObj is not null)
            || ((beforeObj is not null || afterObj is not null)
                && refinement.Any(p => prefix.Length == 0 || p.StartsWith(prefix + ".", StringComparison.Ordinal)));
        if (descend)
        {
            var keys = new List<string>();
            foreach (var (k, _) in beforeObj ?? []) keys.Add(k);
            foreach (var (k, _) in afterObj ?? []) if (beforeObj is null || !beforeObj.ContainsKey(k)) keys.Add(k);
            foreach (var key in keys)
            {
                var b = beforeObj?[key];
                var a = afterObj?[key];
                var hasB = beforeObj?.ContainsKey(key) == true;
                var hasA = afterObj?.ContainsKey(key) == true;
                if (!hasB && !hasA)
                {
                    continue;
                }

                var childPath = prefix.Length == 0 ? key : $"{prefix}.{key}";

                // An added or removed null is still a change even though both sides read as null nodes.
                if (hasB != hasA && (hasB ? b : a) is null)
                {
                    paths.Add(childPath);
                    continue;
                }

                if (hasB && hasA && JsonNode.DeepEquals(b, a))
                {
                    continue;
                }

                Collect(b, a, childPath, refinement, paths);
            }

            return;
        }

        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        paths.Add(prefix.Length == 0 ? RootPath : prefix);
    }
}
