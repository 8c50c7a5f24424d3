namespace Pincer.Cli.Parsing;

/// <summary>A leaf command: its words (<c>gateway call</c>), options, positional arity and handler.</summary>
internal sealed record CommandSpec(
    IReadOnlyList<string> Path,
    IReadOnlyList<OptionSpec> Options,
    int Positionals,
    Func<ParsedCommandLine, CliContext, Task<int>> Handler)
{
    public string Name => string.Join(' ', Path);

    public OptionSpec? FindLong(string name) => Options.FirstOrDefault(o => o.Name == name);

    public OptionSpec? FindShort(string name) => Options.FirstOrDefault(o => o.ShortName == name);
}
