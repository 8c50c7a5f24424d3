using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Config.Schema;

namespace Pincer.Cli.Commands.Config;

/// <summary><c>openclaw config schema [--json]</c>: the JSON Schema of <c>openclaw.json</c> (always JSON).</summary>
internal static class ConfigSchemaCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options = [new("json", false)];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        CliJson.Write(ctx.Out, ConfigSchema.CliSchema);
        return Task.FromResult(0);
    }
}
