using System.Text.Json.Nodes;
using Pincer.Parity.Running;

namespace Pincer.Parity.Diffing;

/// <summary>
/// What is compared per step: the whole normalised step result, unless the step lists
/// <c>compare</c> paths (then only those, and EXPLAINED.md must say why).
/// </summary>
public static class Comparison
{
    public static JsonObject Project(JsonObject result, JsonArray steps)
    {
        var copy = (JsonObject)result.DeepClone();
        if (copy["steps"] is not JsonArray outcomes)
        {
            return copy;
        }

        for (var i = 0; i < Math.Min(outcomes.Count, steps.Count); i++)
        {
            if (steps[i]?["compare"] is not JsonArray paths || outcomes[i] is not JsonObject outcome)
            {
                continue;
            }

            var keep = paths.Select(p => (string)p!).ToList();
            if (outcome["responses"] is JsonObject each)
            {
                var projected = new JsonObject();
                foreach (var (method, response) in each)
                {
                    projected[method] = Pick(response, keep);
                }

                outcome["responses"] = projected;
            }
            else
            {
                var picked = Pick(outcome, keep);
                picked["op"] = outcome["op"]?.DeepClone();
                outcomes[i] = picked;
            }
        }

        return copy;
    }

    private static JsonObject Pick(JsonNode? node, List<string> paths)
    {
        var o = new JsonObject();
        foreach (var p in paths)
        {
            o[p] = JsonPaths.Has(node, p) ? JsonPaths.Get(node, p)?.DeepClone() : JsonValue.Create(JsonDiff.Absent);
        }

        return o;
    }
}
