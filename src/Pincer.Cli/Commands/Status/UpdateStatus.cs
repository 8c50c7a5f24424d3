using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// <c>status --json</c> → <c>update</c>. The reference inspects its npm/git install root and, only
/// with <c>--all</c>, asks the registry. Pincer is a native executable, not an npm package or a git
/// checkout, so there is no install root to inspect: we report the reference's own shape for "no
/// package root found" and never touch the network.
/// </summary>
internal static class UpdateStatus
{
    public static JsonObject Local() => new()
    {
        ["root"] = null,
        ["installKind"] = "unknown",
        ["packageManager"] = "unknown",
    };
}
