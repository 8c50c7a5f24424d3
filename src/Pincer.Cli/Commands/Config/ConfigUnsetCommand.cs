using Pincer.Cli.Parsing;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// <c>openclaw config unset &lt;path&gt; [--dry-run [--json]]</c>: removes an authored value (array
/// elements are spliced out). A missing path is an error and nothing is written.
/// </summary>
internal static class ConfigUnsetCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options = [new("dry-run", false), new("allow-exec", false), new("json", false)];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var raw = cmd.Positionals.Count > 0 ? cmd.Positionals[0] : throw new CliUsageException("missing required argument 'path'");
        var options = new ConfigMutationOptions { DryRun = cmd.Has("dry-run"), Json = cmd.Has("json") };
        try
        {
            if (cmd.Has("allow-exec") && !options.DryRun)
            {
                throw new ConfigCommandException("--allow-exec can only be used with --dry-run.");
            }

            if (options.Json && !options.DryRun)
            {
                throw new ConfigCommandException("--json can only be used with --dry-run.");
            }

            var path = ConfigPathParser.Parse(raw);
            return Task.FromResult(ConfigMutationRunner.Run(ctx, [new ConfigOperation(path, null, true, "unset")], options));
        }
        catch (ConfigCommandException ex)
        {
            return Task.FromResult(ConfigMutationRunner.Fail(ctx, options, ex.Message, null));
        }
    }
}
