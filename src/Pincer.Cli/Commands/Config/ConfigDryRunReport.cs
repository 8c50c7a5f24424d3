using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>The reference's dry-run result document <c>{ok, operations, configPath, inputModes, checks, …}</c>.</summary>
internal static class ConfigDryRunReport
{
    public static JsonObject Build(bool ok, int operations, string configPath, IEnumerable<string> inputModes, bool checksRan, IEnumerable<(string Kind, string Message)>? errors = null)
    {
        var doc = new JsonObject
        {
            ["ok"] = ok,
            ["operations"] = operations,
            ["configPath"] = configPath,
            ["inputModes"] = new JsonArray([.. inputModes.Distinct().Select(m => (JsonNode)JsonValue.Create(m))]),
            ["checks"] = new JsonObject { ["schema"] = checksRan, ["resolvability"] = checksRan, ["resolvabilityComplete"] = checksRan },
            ["refsChecked"] = 0,
            ["skippedExecRefs"] = 0,
        };
        if (errors is not null)
        {
            doc["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["kind"] = e.Kind, ["message"] = e.Message })]);
        }

        return doc;
    }
}
