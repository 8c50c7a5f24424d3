using System.Globalization;
using System.Text.RegularExpressions;

namespace Pincer.Agents.Models;

/// <summary>
/// The provider's pacing hint in an error message ("Please try again in 20s", "… in 1.5 seconds", "… in 250ms"),
/// which the reference honours like a retry-after header.
/// </summary>
public static partial class RetryHints
{
    public static TimeSpan? FromMessage(string? message)
    {
        if (string.IsNullOrEmpty(message) || TryAgainIn().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var value = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "ms" or "millisecond" or "milliseconds" => TimeSpan.FromMilliseconds(value),
            "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    [GeneratedRegex(@"try again in\s+(?<n>\d+(?:\.\d+)?)\s*(?<unit>ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TryAgainIn();
}
