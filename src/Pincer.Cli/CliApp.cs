using Pincer.Cli.Commands;
using Pincer.Cli.Parsing;
using Pincer.Config.Loading;
using Pincer.Config.Paths;

namespace Pincer.Cli;

/// <summary>Parse, apply the profile to the environment snapshot, dispatch, map usage errors to exit 1.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Dictionary<string, string> environment,
        TextWriter stdout, TextWriter stderr, CancellationToken stopping)
    {
        ParsedCommandLine parsed;
        try
        {
            parsed = CommandLineParser.Parse(args, CommandCatalog.All);
        }
        catch (CliUsageException ex)
        {
            WriteUsageError(stderr, ex);
            return 1;
        }

        if (parsed.ShowVersion)
        {
            stdout.WriteLine($"OpenClaw {CliVersion.Compatible} ({CliVersion.BuildTag})");
            return 0;
        }

        if (parsed.ShowHelp || parsed.Command is null)
        {
            CliHelp.Write(stdout, parsed.Command);
            return 0;
        }

        if (parsed.Profile is { } profile)
        {
            CliProfile.Apply(profile, environment);
        }

        // ./.env then <state>/.env fill only what the process environment left unset (reference precedence).
        DotEnvLoader.Load(environment, Directory.GetCurrentDirectory());

        var ctx = new CliContext(environment, stdout, stderr, stopping);
        try
        {
            return await parsed.Command.Handler(parsed, ctx).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            WriteUsageError(stderr, ex);
            return 1;
        }
    }

    private static void WriteUsageError(TextWriter stderr, CliUsageException ex)
    {
        stderr.WriteLine($"error: {ex.Message}");
        if (ex.Hint is not null)
        {
            stderr.WriteLine($"See: {ex.Hint}");
        }
    }
}
