using System.Text.Json.Nodes;

namespace Pincer.Gateway.Configuration;

/// <summary>
/// <c>config.patch</c> semantics: objects merge, <c>null</c> deletes, arrays replace (listed
/// <c>replacePaths</c> are replaced wholesale even when both sides are objects).
/// </summary>
internal static class MergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch, IReadOnlyList<string> replacePaths, string path = "")
    {
        foreach (var (key, value) in patch.ToList())
        {
            var childPath = path.Length == 0 ? key : path + "." + key;
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject && !replacePaths.Contains(childPath))
            {
                Apply(targetObject, patchObject, replacePaths, childPath);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        return target;
    }
}
