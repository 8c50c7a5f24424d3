namespace Pincer.Cli.Parsing;

/// <summary>One long option of a command; <see cref="TakesValue"/> options read the next token or <c>=value</c>.</summary>
internal sealed record OptionSpec(string Name, bool TakesValue, string? ShortName = null);
