namespace Pincer.Cli;

/// <summary>
/// What a command may touch: an environment snapshot (profile already applied), stdout/stderr and
/// the process stop token. Tests build one with string writers instead of the console.
/// </summary>
internal sealed class CliContext(Dictionary<string, string> environment, TextWriter stdout, TextWriter stderr, CancellationToken stopping)
{
    public Dictionary<string, string> Environment { get; } = environment;

    public TextWriter Out { get; } = stdout;

    public TextWriter Err { get; } = stderr;

    public CancellationToken Stopping { get; } = stopping;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string? Env(string key)
    {
        var value = Environment.GetValueOrDefault(key)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
