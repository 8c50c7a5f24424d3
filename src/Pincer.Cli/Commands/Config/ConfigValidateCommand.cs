using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// <c>openclaw config validate [--json]</c>: schema-checks the file without starting anything.
/// Exit 0 when valid, 1 when missing or invalid. Success and missing-file documents are printed
/// on one line, invalid ones indented, as the reference does.
/// </summary>
internal static class ConfigValidateCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options = [new("json", false)];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        var report = ConfigInvalidReport.Load(ctx);
        var path = report.Snapshot.Path;
        if (!report.Snapshot.Exists)
        {
            if (json)
            {
                var doc = CliErrors.Simple("cli_error", "file not found");
                doc["valid"] = false;
                doc["path"] = path;
                ctx.Out.WriteLine(CliJson.FormatCompact(doc));
            }
            else
            {
                ctx.Err.WriteLine($"No config file at {path}.");
                ctx.Err.WriteLine("Create one with `openclaw onboard`, or let `openclaw doctor --fix` write one.");
            }

            return Task.FromResult(1);
        }

        if (!report.Valid)
        {
            if (json)
            {
                var doc = CliErrors.Simple("cli_error", report.Headline);
                doc["valid"] = false;
                doc["path"] = path;
                doc["issues"] = ConfigInvalidReport.ToJson(report.Issues);
                CliJson.Write(ctx.Out, doc);
            }
            else
            {
                report.WriteHuman(ctx.Err, "Fix the keys listed above by hand, or run `openclaw doctor --fix`.");
            }

            return Task.FromResult(1);
        }

        if (json)
        {
            ctx.Out.WriteLine(CliJson.FormatCompact(new JsonObject
            {
                ["valid"] = true,
                ["path"] = path,
                ["warnings"] = ConfigInvalidReport.ToJson(report.Warnings),
            }));
        }
        else
        {
            ctx.Out.WriteLine($"Config OK: {path}");
            if (report.Warnings.Count > 0)
            {
                ctx.Out.WriteLine($"{report.Warnings.Count} warning(s):");
                foreach (var w in report.Warnings)
                {
                    ctx.Out.WriteLine($"  ! {ConfigInvalidReport.DisplayPath(w.Path)}: {w.Message}");
                }
            }
        }

        return Task.FromResult(0);
    }
}
