namespace Pincer.Cli.Parsing;

/// <summary>The command line itself is wrong (unknown command/option, missing value). Exit code 1, like commander.</summary>
internal sealed class CliUsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
