namespace Pincer.Cli;

/// <summary>
/// The version we claim on the wire and in <c>--version</c>: the reference release we are
/// compatible with, so scripts that compare versions keep working.
/// </summary>
internal static class CliVersion
{
    public const string Compatible = Config.OpenClawRelease.Version;

    /// <summary>Where the reference prints its git short hash we say which implementation this is.</summary>
    public const string BuildTag = "pincer";
}
