namespace Pincer.Cli.Parsing;

/// <summary>The parse result: which command, its option values and positionals, and the root flags.</summary>
internal sealed class ParsedCommandLine
{
    public CommandSpec? Command { get; init; }

    /// <summary>Option name → value (null for a flag that is present).</summary>
    public Dictionary<string, string?> Options { get; } = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    /// <summary>Root <c>--profile</c> (or <c>dev</c> from a root <c>--dev</c>).</summary>
    public string? Profile { get; init; }

    public bool ShowVersion { get; init; }

    public bool ShowHelp { get; init; }

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Value(string option) => Options.GetValueOrDefault(option);
}
