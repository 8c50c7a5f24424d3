namespace Pincer.Config.Loading;

/// <summary>
/// An <c>$include</c> could not be resolved. Messages carry the same facts (include path,
/// resolved path, limits, cycle chain) in the same order as the reference's include errors.
/// </summary>
public sealed class ConfigIncludeException : Exception
{
    public ConfigIncludeException()
    {
    }

    public ConfigIncludeException(string message)
        : base(message)
    {
    }

    public ConfigIncludeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigIncludeException(string message, string includePath, Exception? innerException = null)
        : base(message, innerException)
    {
        IncludePath = includePath;
    }

    /// <summary>The include target as written in the config (or <c>$include</c> for a malformed value).</summary>
    public string IncludePath { get; } = "";

    /// <summary>For a cycle: every file from the root config to the repeated one.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];
}
