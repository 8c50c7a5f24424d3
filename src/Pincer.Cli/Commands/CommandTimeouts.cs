using System.Globalization;

namespace Pincer.Cli.Commands;

/// <summary><c>--timeout &lt;ms&gt;</c> parsing; the reference's default for gateway calls is 10 s.</summary>
internal static class CommandTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(10_000);

    public static TimeSpan Parse(string? raw, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0 && double.IsFinite(ms)
            ? TimeSpan.FromMilliseconds(ms)
            : throw new Parsing.CliUsageException($"--timeout must be a positive number of milliseconds: {raw}");
    }
}
