using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Config.Paths;

namespace Pincer.Cli.Commands.Config;

/// <summary><c>openclaw config file [--json]</c>: where the active config lives (it need not exist).</summary>
internal static class ConfigFileCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options = [new("json", false)];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var path = ConfigPathResolver.ResolveConfigPath(ctx.Environment);
        if (cmd.Has("json"))
        {
            CliJson.Write(ctx.Out, new JsonObject { ["path"] = path });
        }
        else
        {
            ctx.Out.WriteLine(path);
        }

        return Task.FromResult(0);
    }
}
