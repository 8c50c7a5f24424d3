using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>Flags shared by <c>config set</c> and <c>config unset</c>.</summary>
internal sealed record ConfigMutationOptions
{
    public bool DryRun { get; init; }

    /// <summary>With <see cref="DryRun"/>: print the result document instead of prose.</summary>
    public bool Json { get; init; }

    public bool Merge { get; init; }

    public bool Replace { get; init; }

    /// <summary><c>--expect-current-absent</c>.</summary>
    public bool ExpectAbsent { get; init; }

    /// <summary><c>--expect-current-json</c>, parsed; only meaningful when <see cref="HasExpectedValue"/>.</summary>
    public JsonNode? ExpectedValue { get; init; }

    public bool HasExpectedValue { get; init; }
}
