using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>A dry run that found problems while <c>--json</c> was requested: <see cref="Result"/> is printed as-is.</summary>
internal sealed class ConfigDryRunException(JsonObject result) : Exception("config dry run failed")
{
    public JsonObject Result { get; } = result;
}
