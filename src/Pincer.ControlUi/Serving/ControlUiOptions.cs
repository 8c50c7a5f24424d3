namespace Pincer.ControlUi.Serving;

/// <summary>
/// What <c>gateway.controlUi</c> says about serving: <c>enabled</c> (default on) and <c>basePath</c> (default
/// none), normalised to "" or "/prefix" without a trailing slash.
/// </summary>
public sealed record ControlUiOptions(bool Enabled, string BasePath)
{
    public static ControlUiOptions Default { get; } = new(true, "");

    /// <summary>Normalises a configured base path; null when it is not a plain absolute path.</summary>
    public static string? NormalizeBasePath(string? value)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0 || trimmed == "/")
        {
            return "";
        }

        if (!trimmed.StartsWith('/'))
        {
            trimmed = "/" + trimmed;
        }

        trimmed = trimmed.TrimEnd('/');
        // Only path characters that need no escaping in HTML attributes or URLs: the value lands in index.html.
        return trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~') && !trimmed.Contains("..", StringComparison.Ordinal)
            && !trimmed.Contains("//", StringComparison.Ordinal)
            ? trimmed
            : null;
    }
}
