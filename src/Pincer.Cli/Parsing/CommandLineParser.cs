namespace Pincer.Cli.Parsing;

/// <summary>
/// A small hand-written parser instead of System.CommandLine, because the reference's command line
/// (commander plus a pre-scan) has rules a generic parser would fight: root <c>--dev</c> is the
/// <c>dev</c> profile except after <c>gateway</c>, where it is <c>gateway run --dev</c>;
/// <c>--profile</c> is accepted anywhere; bare <c>gateway</c> means <c>gateway run</c>; options may
/// come before or after positionals and take <c>--name value</c> or <c>--name=value</c>. Owning the
/// ~150 lines keeps those rules explicit and the AOT binary free of reflection.
/// </summary>
internal static class CommandLineParser
{
    private static readonly HashSet<string> RootValueOptions = new(StringComparer.Ordinal) { "--log-level", "--container" };
    private static readonly HashSet<string> RootFlags = new(StringComparer.Ordinal) { "--no-color", "--update" };

    public static ParsedCommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<CommandSpec> catalog)
    {
        string? profile = null;
        var sawDev = false;
        var showVersion = false;
        var showHelp = false;
        var i = 0;

        // Root options before the first command word.
        for (; i < args.Count && args[i].StartsWith('-') && args[i] != "--"; i++)
        {
            var (name, inline) = SplitInline(args[i]);
            switch (name)
            {
                case "-V" or "--version":
                    showVersion = true;
                    break;
                case "-h" or "--help":
                    showHelp = true;
                    break;
                case "--dev":
                    SetProfile(ref profile, ref sawDev, "dev", fromDev: true);
                    break;
                case "--profile":
                    SetProfile(ref profile, ref sawDev, TakeValue(args, ref i, name, inline), fromDev: false);
                    break;
                case var v when RootValueOptions.Contains(v):
                    TakeValue(args, ref i, name, inline);
                    break;
                case var f when RootFlags.Contains(f):
                    break;
                default:
                    throw new CliUsageException($"unknown option \"{args[i]}\"", "openclaw --help");
            }
        }

        if (i >= args.Count || showVersion)
        {
            return new ParsedCommandLine { Profile = profile, ShowVersion = showVersion, ShowHelp = showHelp || i >= args.Count };
        }

        var command = MatchCommand(args, ref i, catalog);
        var parsed = new ParsedCommandLine { Command = command, Profile = profile, ShowHelp = showHelp };
        var isGateway = command.Path[0] == "gateway";
        var optionsEnded = false;
        for (; i < args.Count; i++)
        {
            var token = args[i];
            if (optionsEnded || !token.StartsWith('-') || token == "-")
            {
                parsed.Positionals.Add(token);
                continue;
            }

            if (token == "--")
            {
                optionsEnded = true;
                continue;
            }

            var (name, inline) = SplitInline(token);
            if (name is "-h" or "--help")
            {
                return new ParsedCommandLine { Command = command, Profile = profile, ShowHelp = true };
            }

            if (name == "--profile")
            {
                var value = TakeValue(args, ref i, name, inline);
                SetProfile(ref profile, ref sawDev, value, fromDev: false);
                parsed = Rebuild(parsed, profile);
                continue;
            }

            var spec = name.StartsWith("--", StringComparison.Ordinal) ? command.FindLong(name[2..]) : command.FindShort(name[1..]);
            if (spec is null && name == "--dev" && !isGateway)
            {
                SetProfile(ref profile, ref sawDev, "dev", fromDev: true);
                parsed = Rebuild(parsed, profile);
                continue;
            }

            if (spec is null)
            {
                throw new CliUsageException($"unknown option \"{token}\"", $"openclaw {command.Name} --help");
            }

            if (spec.TakesValue)
            {
                parsed.Options[spec.Name] = TakeValue(args, ref i, name, inline);
            }
            else
            {
                if (inline is not null)
                {
                    throw new CliUsageException($"option \"--{spec.Name}\" does not take a value");
                }

                parsed.Options[spec.Name] = null;
            }
        }

        if (parsed.Positionals.Count > command.Positionals)
        {
            throw new CliUsageException($"too many arguments for \"{command.Name}\"", $"openclaw {command.Name} --help");
        }

        return parsed;
    }

    private static ParsedCommandLine Rebuild(ParsedCommandLine from, string? profile)
    {
        var copy = new ParsedCommandLine { Command = from.Command, Profile = profile, ShowHelp = from.ShowHelp, ShowVersion = from.ShowVersion };
        foreach (var (k, v) in from.Options)
        {
            copy.Options[k] = v;
        }

        copy.Positionals.AddRange(from.Positionals);
        return copy;
    }

    private static CommandSpec MatchCommand(IReadOnlyList<string> args, ref int i, IReadOnlyList<CommandSpec> catalog)
    {
        CommandSpec? best = null;
        foreach (var spec in catalog)
        {
            if (spec.Path.Count > args.Count - i || (best is not null && best.Path.Count >= spec.Path.Count))
            {
                continue;
            }

            var matches = true;
            for (var w = 0; w < spec.Path.Count && matches; w++)
            {
                matches = args[i + w] == spec.Path[w];
            }

            if (matches)
            {
                best = spec;
            }
        }

        if (best is null)
        {
            var word = args[i];
            throw catalog.Any(c => c.Path[0] == word)
                ? new CliUsageException($"unknown or missing subcommand for \"{word}\"", $"openclaw {word} --help")
                : new CliUsageException($"unknown command \"{word}\"", "openclaw --help");
        }

        i += best.Path.Count;
        return best;
    }

    private static (string Name, string? Inline) SplitInline(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        return token.StartsWith("--", StringComparison.Ordinal) && eq > 2 ? (token[..eq], token[(eq + 1)..]) : (token, null);
    }

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inline)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (i + 1 >= args.Count)
        {
            throw new CliUsageException($"option \"{name}\" needs a value");
        }

        i++;
        return args[i];
    }

    private static void SetProfile(ref string? profile, ref bool sawDev, string value, bool fromDev)
    {
        if ((fromDev && profile is not null && profile != "dev") || (!fromDev && sawDev))
        {
            throw new CliUsageException("--dev and --profile cannot be used together");
        }

        if (!fromDev && !Pincer.Config.Paths.CliProfile.IsValidName(value))
        {
            throw new CliUsageException("invalid --profile: letters, digits, \"_\" and \"-\" only");
        }

        sawDev |= fromDev;
        profile = value;
    }
}
