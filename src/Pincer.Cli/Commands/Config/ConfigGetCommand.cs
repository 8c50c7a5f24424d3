using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// <c>openclaw config get &lt;path&gt; [--json]</c>: the authored value (secrets redacted). Scalars
/// print bare without <c>--json</c>; objects and arrays always print as JSON. Unset and unknown
/// paths, invalid files and bad paths exit 1 (with a <c>cli_error</c> document under <c>--json</c>).
/// </summary>
internal static class ConfigGetCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options = [new("json", false)];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        var raw = cmd.Positionals.Count > 0 ? cmd.Positionals[0] : throw new CliUsageException("missing required argument 'path'");
        try
        {
            var path = ConfigPathParser.Parse(raw);
            var report = ConfigInvalidReport.Load(ctx);
            if (!report.Valid)
            {
                if (json)
                {
                    var doc = CliErrors.Simple("cli_error", report.Headline);
                    doc["issues"] = ConfigInvalidReport.ToJson(report.Issues);
                    CliJson.Write(ctx.Out, doc);
                }
                else
                {
                    report.WriteHuman(ctx.Err, "Repair it (e.g. `openclaw doctor --fix`) and try again.");
                }

                return Task.FromResult(1);
            }

            if (!ConfigTree.TryGet(report.Snapshot.Resolved, path.Segments, out var value))
            {
                var message = ConfigSchemaPaths.IsKnown(path.Segments)
                    ? $"Config path is valid but unset: {raw}. The runtime default applies until you set an authored value with openclaw config set {ShellQuote(raw)} <value>."
                    : $"Unknown config path: {raw}. Run openclaw config schema to inspect valid paths.";
                throw new ConfigCommandException(message);
            }

            var shown = ConfigRedactor.Redact(ConfigSchemaPaths.InSchemaOrder(value, path.Segments), path.Segments);
            if (!json && shown is JsonValue scalar)
            {
                ctx.Out.WriteLine(CliJsonText.Scalar(scalar));
            }
            else
            {
                CliJson.Write(ctx.Out, shown);
            }

            return Task.FromResult(0);
        }
        catch (ConfigCommandException ex)
        {
            if (json)
            {
                CliJson.Write(ctx.Out, CliErrors.Simple("cli_error", ex.Message));
            }
            else
            {
                ctx.Err.WriteLine(ex.Message);
            }

            return Task.FromResult(1);
        }
    }

    /// <summary>Quotes an argument for a copy-pasteable shell command when it has shell-special characters.</summary>
    internal static string ShellQuote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "._-/:=@%+,".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
