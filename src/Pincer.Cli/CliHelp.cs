using Pincer.Cli.Commands;
using Pincer.Cli.Parsing;

namespace Pincer.Cli;

/// <summary>Terse usage text generated from the command table (our own words, not the reference's help).</summary>
internal static class CliHelp
{
    public static void Write(TextWriter w, CommandSpec? command)
    {
        if (command is not null)
        {
            w.WriteLine($"usage: openclaw {command.Name}{(command.Positionals > 0 ? " <arg>" : "")} [options]");
            foreach (var option in command.Options)
            {
                w.WriteLine($"  --{option.Name}{(option.TakesValue ? " <value>" : "")}");
            }

            return;
        }

        w.WriteLine($"openclaw {CliVersion.Compatible} ({CliVersion.BuildTag})");
        w.WriteLine("usage: openclaw [--dev | --profile <name>] <command> [options]");
        w.WriteLine("commands:");
        foreach (var spec in CommandCatalog.All)
        {
            w.WriteLine($"  {spec.Name}");
        }
    }
}
