using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>The results document every suite fills: one object per gateway, rewritten to disk after each phase so a
/// crash keeps what was measured, and a suite body guarded so the gateways it started always die with it.</summary>
internal static class BenchResults
{
    public static JsonObject Side(JsonObject results, string name)
    {
        if (results[name] is not JsonObject side)
        {
            results[name] = side = [];
        }
        return side;
    }

    /// <summary>Writes <c>&lt;stem&gt;.json</c> and <c>&lt;stem&gt;.md</c> into the results dir.</summary>
    public static void Write(JsonObject results, BenchOptions o, string stem, Func<JsonObject, string> markdown)
    {
        File.WriteAllText(Path.Combine(o.ResultsDir, stem + ".json"), results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(o.ResultsDir, stem + ".md"), markdown(results));
    }

    /// <summary>Runs a suite's phases; a failure is recorded in the results (exit 1), and every spawned process is killed.</summary>
    public static async Task<int> GuardAsync(JsonObject results, Func<Task> phases)
    {
        try
        {
            await phases();
            return 0;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("benchmark failed: " + ex);
            results["error"] = ex.GetType().Name + ": " + ex.Message;
            return 1;
        }
        finally
        {
            ProcessRegistry.KillAll();
        }
    }
}
