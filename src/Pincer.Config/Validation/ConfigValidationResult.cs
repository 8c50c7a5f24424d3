using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// Everything <c>config validate</c> and <c>config.get</c> report about one config.
/// <paramref name="Effective"/> is the config after legacy rewrites (what was validated).
/// </summary>
public sealed record ConfigValidationResult(
    IReadOnlyList<ConfigIssue> Issues,
    IReadOnlyList<ConfigIssue> Warnings,
    IReadOnlyList<ConfigIssue> LegacyIssues,
    JsonNode? Effective)
{
    public bool Valid => Issues.Count == 0;
}
